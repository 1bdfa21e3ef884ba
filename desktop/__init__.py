"""IEXPBX Desktop: the desktop companion for IEXPBX telephone systems."""

__version__ = "0.1.0"
APP_NAME = "IEXPBX Desktop"
APP_ID = "iexpbx-desktop"
