"""The app's QApplication: Qt's own quit becomes the app's orderly Quit.

Qt quits on its own when the desktop session ends or something calls
`QApplication.quit()`: it posts a Quit event to the application object and would leave
the event loop at once, with connections still open. `Application` hands that event to
`quit_handler` instead.

It overrides `event()`, which sees only the events sent to the application object. An
event filter installed on the application would see every event of every widget: a call
into Python for each, and the first time each kind of widget passes by, Python types
made for whole families of Qt classes (about 130 enums, ~80 ms at start-up).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


class Application(QApplication):
    """A QApplication whose Quit event calls `quit_handler` (when set) instead of quitting."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.quit_handler: Callable[[], None] | None = None

    def event(self, event: QEvent) -> bool:
        if self.quit_handler is not None and event.type() == QEvent.Type.Quit:
            self.quit_handler()
            return True
        return super().event(event)
