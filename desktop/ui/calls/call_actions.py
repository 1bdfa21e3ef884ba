"""Hang up and dial through the current PBX connection; the outcome is told in the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop import settings as st
from desktop.pbx import PbxError
from desktop.ui.common.error_text import error_text

if TYPE_CHECKING:
    from desktop.pbx import PbxClient
    from desktop.services.connection import CallMonitor
    from desktop.ui.shell.main_window import MainWindow

__all__ = ["CallActions"]


class CallActions:
    """What the user asked of a call, sent with the monitor's client of the moment."""

    def __init__(
        self,
        *,
        monitor: CallMonitor[PbxClient],
        window: MainWindow,
        settings: st.Settings,
        demo: bool = False,
    ) -> None:
        self.monitor = monitor
        self.window = window
        self.settings = settings
        self.demo = demo

    async def hangup(self, channel: str) -> None:
        client = self.monitor.client
        if client is None:
            self.window.show_banner(
                QCoreApplication.translate(
                    "App", "Not connected to the PBX: the call was not ended."
                )
            )
            return
        try:
            await client.hangup(channel)
        except RuntimeError:  # the connection was replaced meanwhile (settings, resume)
            self._renewed()
            return
        except PbxError as exc:
            self.window.show_banner(
                QCoreApplication.translate("App", "The call could not be ended: {error}").format(
                    error=error_text(exc)
                )
            )
            return
        self.monitor.poke()  # show the list without that call now

    async def dial(self, number: str) -> None:
        client = self.monitor.client
        if client is None:
            self.window.show_banner(
                QCoreApplication.translate("App", "Not connected to the PBX: nothing was dialled.")
            )
            return
        try:
            extension = self.settings.get(st.EXTENSION)
            if not extension and self.demo:
                from desktop.demo import first_registered_extension

                extension = await first_registered_extension(client)
                self.settings.set(st.EXTENSION, extension)
            if not extension:
                self.window.show_banner(
                    QCoreApplication.translate(
                        "App",
                        "Choose your own extension in Settings first: it rings before the call.",
                    ),
                    "warning",
                )
                return
            await client.call_number(number, extension)
        except RuntimeError:  # the connection was replaced meanwhile (settings, resume)
            self._renewed()
            return
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
        self.monitor.poke()

    def _renewed(self) -> None:
        self.window.show_banner(
            QCoreApplication.translate("App", "The connection was renewed: try again."), "warning"
        )
