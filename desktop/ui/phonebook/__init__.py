"""The Phonebook tab: find anyone as you type, call them from your own phone."""
