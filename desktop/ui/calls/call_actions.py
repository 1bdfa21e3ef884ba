"""Hang up and dial through the PBX session; the outcome is told in the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop import settings as st
from desktop.pbx import PbxError
from desktop.ui.common.error_text import error_text

if TYPE_CHECKING:
    from desktop.services.session import Session
    from desktop.ui.shell.main_window import MainWindow

__all__ = ["CallActions"]


class CallActions:
    """What the user asked of a call, sent through the session of the moment."""

    def __init__(self, *, session: Session, window: MainWindow, settings: st.Settings) -> None:
        self.session = session
        self.window = window
        self.settings = settings

    async def hangup(self, channel: str) -> None:
        try:
            await self.session.hangup(channel)
        except PbxError as exc:
            self.window.show_banner(
                QCoreApplication.translate("App", "The call could not be ended: {error}").format(
                    error=error_text(exc)
                )
            )

    async def dial(self, number: str) -> None:
        extension = self.settings.get(st.EXTENSION)
        if not extension:
            self.window.show_banner(
                QCoreApplication.translate(
                    "App",
                    "Choose your own extension in Settings first: it rings before the call.",
                ),
                "warning",
            )
            return
        try:
            await self.session.call_number(number, extension)
        except PbxError as exc:
            self.window.show_banner(
                QCoreApplication.translate("App", "The call could not be made: {error}").format(
                    error=error_text(exc)
                )
            )
            return
        self.window.show_status_message(
            QCoreApplication.translate(
                "App", "Calling {number}: your phone ({extension}) rings first."
            ).format(number=number, extension=extension)
        )
