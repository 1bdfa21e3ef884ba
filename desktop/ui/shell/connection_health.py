"""The connection's health shown to the user.

`ConnectionReport` shows what the session reports in the status bar, the tray icon and a
banner (once per problem, not once per retry).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTime

from desktop.pbx.errors import PbxAuthError
from desktop.services.connection import ConnectionState, ConnectionStatus
from desktop.ui.calls.calls_tab import OFFLINE_NOT_SET_UP, OFFLINE_REFUSED, OFFLINE_UNREACHABLE
from desktop.ui.common.error_text import error_text
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.tray import Tray

__all__ = ["ConnectionReport"]


class ConnectionReport:
    """Shows each connection status in the window and the tray."""

    def __init__(self, window: MainWindow, tray: Tray) -> None:
        self.window = window
        self.tray = tray
        self._banner: tuple[str, bool] | None = None

    def show(self, status: ConnectionStatus) -> None:
        state = status.state.value
        # The session's message is English (for the log); its error is shown translated.
        text = error_text(status.error) if status.error is not None else status.message
        self.window.set_offline_reason(_offline_reason(status))
        self.window.set_connection_state(state, text, retry_note(status.retry_in))
        self.tray.set_state(state)
        if status.state is ConnectionState.OFFLINE and text:
            shown = (text, status.waiting_for_user)
            if shown == self._banner:  # once per problem, not once per retry
                return
            self._banner = shown
            if status.error is None:
                # The app's own words (not set up yet, no password): it waits for the
                # user, nothing failed, so no alarm.
                self.window.show_banner(text, "info", offer_settings=True)
                return
            if status.waiting_for_user:
                hint = QCoreApplication.translate("App", "Check Settings.")
            else:
                hint = QCoreApplication.translate("App", "The app keeps trying to reconnect.")
            self.window.show_banner(
                f"{full_stop(text)} {hint}",
                "error",
                # A rejected password is for Settings even while it is still retried.
                offer_settings=status.waiting_for_user or isinstance(status.error, PbxAuthError),
                offer_retry=True,
            )
            if not self.window.isVisible():
                self.tray.notify(QCoreApplication.translate("App", "PBX connection lost"), text)
        elif status.state is ConnectionState.ONLINE and self._banner:
            self._banner = None
            self.window.clear_banner()


def retry_note(retry_in: float | None) -> str:
    """When the app tries again by itself, as a clock time ("Next try at 23:41:20")."""
    if retry_in is None or retry_in <= 0:
        return ""
    locale = QLocale()
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if "s" not in time_format:  # a few seconds matter when the next try is near
        time_format = time_format.replace("mm", "mm:ss", 1)
    when = QTime.currentTime().addSecs(max(1, round(retry_in)))
    return QCoreApplication.translate("App", "Next try at {time}").format(
        time=locale.toString(when, time_format)
    )


def full_stop(text: str) -> str:
    """`text` ending as a sentence: a quoted PBX message gets its full stop after the quote."""
    text = text.rstrip()
    if not text or text[-1] in ".!?…:":
        return text
    return text + "."


def _offline_reason(status: ConnectionStatus) -> str:
    if status.error is None:
        return OFFLINE_NOT_SET_UP  # the app's own words: nothing set up, no password yet
    if isinstance(status.error, PbxAuthError):
        return OFFLINE_REFUSED
    return OFFLINE_UNREACHABLE
