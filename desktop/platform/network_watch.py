"""Network changes told to the app, so it reconnects at once instead of at the next retry."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger(__name__)

__all__ = ["NetworkWatch"]


class NetworkWatch:
    """Calls `on_change` when the network comes back or changes (if Qt can tell).

    A network change is not the user asking: `on_change` should retry a lost connection
    but leave a wrong password or address alone (`Session.poke(from_user=False)`),
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
