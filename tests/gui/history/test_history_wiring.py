"""History in the running app: made when first opened, fed by the session, per number."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from desktop import cli
from desktop.app import App
from desktop.ui.shell.main_window import EmptyState

WAIT_MS = 20_000


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    return task.result()


def test_history_of_a_caller_opens_filtered_to_that_number(qtbot: Any) -> None:
    app = App(cli.parse_args(["--demo"]))
    run(qtbot, app.start())
    try:
        window = app.window
        assert isinstance(window.tabs.widget(2), EmptyState)  # not made at start-up
        qtbot.waitUntil(lambda: app.features.phonebook.fresh, timeout=WAIT_MS)
        now = app.features.pbx_now()
        from datetime import timedelta

        recent = run(qtbot, app.session.call_records(now - timedelta(days=2), now))
        number = next(r.src for r in recent if len(r.src) > 6)  # an outside caller
        app.features.show_history(number)
        history = app.features.history
        assert history is not None and window.current_tab() == "history"
        qtbot.waitUntil(lambda: not history.loading, timeout=WAIT_MS)
        model = history.model
        rows = [model.record_at(i) for i in range(model.rowCount())]
        assert rows, "the demo PBX has history for a caller on the line"
        assert all(number in (r.src, r.dst) for r in rows if r is not None)
    finally:
        run(qtbot, app.shutdown())


def test_a_recorded_call_plays_from_the_history_tab(qtbot: Any) -> None:
    from datetime import timedelta

    app = App(cli.parse_args(["--demo"]))
    run(qtbot, app.start())
    try:
        qtbot.waitUntil(lambda: app.session.status.state.value == "online", timeout=WAIT_MS)
        app.window.show_tab("history")
        history = app.features.history
        assert history is not None and app.features.recordings is not None
        now = app.features.pbx_now()
        recent = run(qtbot, app.session.call_records(now - timedelta(days=1), now))
        number = next(r.src for r in recent if r.has_recording and len(r.src) > 6)
        app.features.show_history(number)
        qtbot.waitUntil(lambda: not history.loading, timeout=WAIT_MS)
        model = history.model
        row = next(
            i for i in range(model.rowCount()) if (r := model.record_at(i)) and r.has_recording
        )
        history.view.setCurrentIndex(model.index(row, 0))
        recordings = app.features.recordings
        assert recordings.play_button.isEnabled()
        recordings.play_button.click()
        player = recordings.pane.player
        qtbot.waitUntil(lambda: player.path is not None, timeout=WAIT_MS)
        assert recordings.cache.get(model.record_at(row).id) is not None  # kept for next time
    finally:
        run(qtbot, app.shutdown())
