"""Let POSIX signals (SIGTERM at logout, Ctrl+C) reach Python while Qt sits idle.

Python runs a signal handler only when Python code next runs; an idle Qt event
loop may not run any for seconds. The C-level handler writes a byte to a socket
Qt watches, so the loop wakes at once and the handler runs.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)


class SignalWakeup(QObject):
    """Installed once; `close()` restores the previous wake-up descriptor."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        for sock in (self._reader, self._writer):
            sock.setblocking(False)
        self._previous = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        # Running this Python code is the point: pending signal handlers run now.
        with contextlib.suppress(OSError):
            while self._reader.recv(512):
                pass

    def close(self) -> None:
        self._notifier.setEnabled(False)
        with contextlib.suppress(ValueError):
            signal.set_wakeup_fd(self._previous)
        self._reader.close()
        self._writer.close()


def install(parent: QObject | None = None) -> SignalWakeup | None:
    """Wake Qt's loop for signals; None where that is not possible (not the main thread)."""
    try:
        return SignalWakeup(parent)
    except (ValueError, OSError) as exc:
        log.debug("No signal wake-up: %s", exc)
        return None
