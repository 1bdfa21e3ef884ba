"""Call recordings: download with progress into the cache, and a player."""
