"""The operator panel: every extension as a tile, and the queues board."""
