"""Wiring: the services beside the session connected to the widgets that show them."""
