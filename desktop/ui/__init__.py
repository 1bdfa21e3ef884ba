"""Qt widgets: the main window, tray, dialogs and the table models behind them."""
