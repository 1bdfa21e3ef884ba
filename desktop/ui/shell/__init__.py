"""The main window, tray, banner, theme, icons and About."""
