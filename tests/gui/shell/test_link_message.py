"""A phone link that could not be read is named in a window, and nothing is dialled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.ui.shell.link_message import show_unreadable_link
from desktop.ui.shell.main_window import MainWindow


def test_the_window_names_the_link_and_why(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    link = 'tel:<a href="https://evil.example">100</a>'
    box = show_unreadable_link(window, link)
    qtbot.waitUntil(box.isVisible)
    assert window.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert link in box.text()
    assert "nothing was dialled" in box.text()
    assert "not a phone number" in box.text()
    assert box.windowTitle() == "Link not dialled"
    assert box.standardButtons() == QMessageBox.StandardButton.Ok
    assert window.dial_dialog is None
