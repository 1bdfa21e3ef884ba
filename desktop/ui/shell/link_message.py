"""Telling the user that a clicked phone link could not be read (nothing is dialled)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import cli
from desktop.ui.common.error_text import error_text

__all__ = ["show_unreadable_link"]


def unreadable_link_text(link: str) -> str:
    """Which link could not be read, and why, in the user's language."""
    try:
        cli.number_from_link(link)
        reason = ""  # only a cut-off copy arrived: the reason went with the rest
    except cli.DialTargetError as exc:
        reason = error_text(exc)
    text = QCoreApplication.translate(
        "LinkMessage", "This link could not be read as a phone number, so nothing was dialled:"
    )
    return "\n\n".join(part for part in (text, link, reason) if part)


def show_unreadable_link(window: QWidget, link: str) -> QMessageBox:
    """Bring `window` forward and say which link could not be read (the loop keeps running)."""
    window.show()
    window.raise_()
    window.activateWindow()
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("LinkMessage", "Link not dialled"),
        unreadable_link_text(link),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("unreadableLink")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the link comes from a web page
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
