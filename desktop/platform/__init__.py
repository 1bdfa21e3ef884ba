"""Operating-system glue: single instance, signals, network, autostart."""
