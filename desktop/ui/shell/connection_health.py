"""The connection's health, both ways: its state shown to the user, network changes to the monitor.

`ConnectionReport` shows what the call monitor reports in the status bar, the tray icon
and a banner (once per problem, not once per retry). `NetworkWatch` tells the app when
the network comes back or changes, so it reconnects at once instead of at the next retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.pbx.errors import PbxAuthError
from desktop.services.connection import ConnectionState, ConnectionStatus
from desktop.ui.calls.calls_tab import OFFLINE_NOT_SET_UP, OFFLINE_REFUSED, OFFLINE_UNREACHABLE
from desktop.ui.common.error_text import error_text
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.tray import Tray

if TYPE_CHECKING:
    from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger(__name__)

__all__ = ["ConnectionReport", "NetworkWatch"]


class ConnectionReport:
    """Shows each connection status in the window and the tray."""

    def __init__(self, window: MainWindow, tray: Tray) -> None:
        self.window = window
        self.tray = tray
        self._banner = ""

    def show(self, status: ConnectionStatus) -> None:
        state = status.state.value
        # The monitor's message is English (for the log); its error is shown translated.
        text = error_text(status.error) if status.error is not None else status.message
        self.window.set_offline_reason(_offline_reason(status))
        self.window.set_connection_state(state, text)
        self.tray.set_state(state)
        if status.state is ConnectionState.OFFLINE and text:
            if text == self._banner:  # once per problem, not once per retry
                return
            self._banner = text
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
                f"{full_stop(text)} {hint}", "error", offer_settings=status.waiting_for_user
            )
            if not self.window.isVisible():
                self.tray.notify(QCoreApplication.translate("App", "PBX connection lost"), text)
        elif status.state is ConnectionState.ONLINE and self._banner:
            self._banner = ""
            self.window.clear_banner()


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


class NetworkWatch:
    """Calls `on_change` when the network comes back or changes (if Qt can tell).

    A network change is not the user asking: `on_change` should retry a lost connection
    but leave a wrong password or address alone (`CallMonitor.poke(from_user=False)`),
    or every change of Wi-Fi would be another failed login at the PBX.
    """

    def __init__(self, on_change: Callable[[], None]) -> None:
        self._on_change = on_change
        self._info: QNetworkInformation | None = None

    @property
    def info(self) -> QNetworkInformation | None:
        """Qt's network information while watching, else None."""
        return self._info

    def start(self) -> bool:
        """Start watching; False when this system has no backend that can tell."""
        if self._info is not None:
            return True
        from PySide6.QtNetwork import QNetworkInformation  # loaded after the first paint

        if not QNetworkInformation.loadDefaultBackend():
            log.info("No network-information backend: reconnecting by retry only")
            return False
        info = QNetworkInformation.instance()
        log.info("Watching the network with the %s backend", info.backendName())
        info.reachabilityChanged.connect(self._changed)
        info.transportMediumChanged.connect(self._changed)
        self._info = info
        return True

    def stop(self) -> None:
        # The information object is process-wide: only our connections go.
        if self._info is not None:
            self._info.reachabilityChanged.disconnect(self._changed)
            self._info.transportMediumChanged.disconnect(self._changed)
            self._info = None

    def _changed(self, *_: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        info = QNetworkInformation.instance()
        log.info("Network changed: %s", info.reachability().name)
        if info.reachability() != QNetworkInformation.Reachability.Disconnected:
            self._on_change()
