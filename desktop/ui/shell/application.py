"""The app's QApplication: made once, named, with Qt's messages in the log and Qt's own
quit turned into the app's orderly Quit.

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

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from desktop import APP_ID, APP_NAME, __version__

log = logging.getLogger(__name__)


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


def create_qapplication() -> QApplication:
    """The one QApplication, named so settings, notifications and the dock find it."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    route_qt_messages_to_log()
    qapp = Application(sys.argv[:1])
    qapp.setOrganizationName("IEXPBX")
    qapp.setApplicationName(APP_ID)
    qapp.setApplicationDisplayName(APP_NAME)
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName(APP_ID)
    qapp.setQuitOnLastWindowClosed(False)  # the tray keeps the app; Quit ends it
    return qapp


def route_qt_messages_to_log() -> None:
    """Qt's messages (a missing plugin, a bad style sheet) into the app's log as "qt"."""
    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO}
    qInstallMessageHandler(
        lambda kind, _context, text: qt_log.log(levels.get(kind, logging.WARNING), "%s", text)
    )
    _messages.routed = True


def leave_qt_messages_to_qt() -> None:
    """From now on Qt writes its own messages (to standard error), not through the log.

    The handler installed above is Python: a Qt thread that logs must take the GIL to
    reach it. Qt's audio threads log (no audio device, a codec's complaint) while the UI
    thread waits for them inside a media player call, holding the GIL: each waits for the
    other for ever (a frozen window; seen as a hung test). So before the first media
    player is made, Qt's own handler, which needs no Python, takes over. Idempotent.
    """
    if _messages.routed:
        _messages.routed = False
        qInstallMessageHandler(None)
        log.info("Qt's own messages go to standard error from now on (media playback)")


class _Messages:
    routed = False


_messages = _Messages()


def route_quit(qapp: QApplication, request_quit: Callable[[], None] | None) -> bool:
    """Turn Qt's own quit (session end, QApplication.quit()) into `request_quit()`.

    None stops routing. False when `qapp` was made by someone else and cannot route it
    (Qt then leaves its loop, and main() still shuts down in a last turn of it).
    """
    if not isinstance(qapp, Application):
        log.debug("Qt's quit is not routed: the QApplication is not the app's own")
        return False
    qapp.quit_handler = request_quit
    return True
