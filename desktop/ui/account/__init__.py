"""First-run wizard, settings dialog, connection check."""
