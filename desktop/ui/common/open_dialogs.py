"""Dialogs the app opens without blocking its event loop, one of each kind at a time."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog

__all__ = ["OpenDialogs"]


class OpenDialogs:
    """The app's open dialogs by name ("settings", "password"…); `result()` awaits one."""

    def __init__(self) -> None:
        self._open: dict[str, QDialog] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._open

    def get(self, name: str) -> QDialog | None:
        """The open dialog of that name, or None."""
        return self._open.get(name)

    async def result(self, name: str, dialog: QDialog) -> bool:
        """Open `dialog` (window-modal, the loop keeps running); True when accepted.

        The dialog is deleted once it has closed.
        """
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def finished(result: int) -> None:
            if not future.done():
                future.set_result(result)

        dialog.finished.connect(finished)
        self._open[name] = dialog
        dialog.open()
        try:
            return await future == QDialog.DialogCode.Accepted
        finally:
            if self._open.get(name) is dialog:
                del self._open[name]
            dialog.deleteLater()

    def reject_all(self) -> None:
        """Close every open dialog as cancelled (on quit)."""
        for dialog in list(self._open.values()):
            dialog.reject()
