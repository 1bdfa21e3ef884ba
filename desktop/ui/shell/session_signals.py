"""The session's updates as Qt signals, for the widgets that show them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.services.session import Session

__all__ = ["SessionSignals"]


class SessionSignals(QObject):
    """Connection state, live calls and the directory (extensions, queues) as signals."""

    status_changed = Signal(object)  # ConnectionStatus
    calls_changed = Signal(object)  # list[ActiveCall]
    directory_changed = Signal(object)  # Directory

    def new_session(self, **options: Any) -> Session:
        """A session whose updates arrive here."""
        return Session(
            on_status=self.status_changed.emit,
            on_calls=self.calls_changed.emit,
            on_directory=self.directory_changed.emit,
            **options,
        )
