"""Saving what Test connection was refused with: the attempt remembered, a question before."""

from __future__ import annotations

import asyncio
import hashlib

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["attempt_digest", "save_anyway_box", "saves_anyway"]


def attempt_digest(url: str, user: str, password: str) -> bytes:
    """What a test tried, as a digest (the password itself is not kept twice)."""
    account = "\0".join((url, user, password))
    return hashlib.sha256(account.encode()).digest()


def save_anyway_box(parent: QWidget) -> QMessageBox:
    """The question (not shown yet): Save anyway, or Don't save (the default, and Escape)."""
    # The Settings dialog's own texts: translated in its context.
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("SettingsDialog", "Save anyway?"),
        QCoreApplication.translate(
            "SettingsDialog",
            "Test connection failed with these settings. Save them anyway? "
            "The password saved now replaces the one in the keyring.",
        ),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Save).setText(
        QCoreApplication.translate("SettingsDialog", "Save &anyway")
    )
    box.button(QMessageBox.StandardButton.No).setText(
        QCoreApplication.translate("SettingsDialog", "&Don't save")
    )
    return box


async def saves_anyway(box: QMessageBox) -> bool:
    """Open `box` window-modal and wait for the answer: True for Save anyway."""
    future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def finished(_result: int) -> None:
        clicked = box.standardButton(box.clickedButton())
        if not future.done():
            future.set_result(clicked == QMessageBox.StandardButton.Save)

    box.finished.connect(finished)
    box.open()  # window-modal: the event loop (and the polls) keep running
    return await future
