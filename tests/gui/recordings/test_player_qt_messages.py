"""Qt's audio threads log without Python once a player exists: no freeze while playing.

The log handler for Qt's messages is Python. A Qt audio thread that logs (no audio device,
a codec's complaint) while the UI thread waits for it inside a player call, holding the
GIL, froze the app for good (seen as a hung test run). From the first player on, Qt
writes its messages itself.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import qWarning

from desktop.ui.recordings.player import RecordingPlayer
from desktop.ui.shell.application import route_qt_messages_to_log


def test_qt_messages_leave_python_once_a_player_is_made(qtbot: Any, caplog: Any) -> None:
    route_qt_messages_to_log()
    with caplog.at_level(logging.INFO):
        qWarning("before any player")
        player = RecordingPlayer()
        qtbot.addWidget(player)
        qWarning("while a player exists")
    qt_lines = [r.getMessage() for r in caplog.records if r.name == "qt"]
    assert "before any player" in qt_lines  # start-up's messages still reach the log
    assert "while a player exists" not in qt_lines
    assert any("standard error" in r.getMessage() for r in caplog.records)
