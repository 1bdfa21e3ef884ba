"""Calls show who an extension is: the PBX's extension names beside the numbers."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Qt

from desktop import cli
from desktop.app import App
from desktop.pbx.models import Extension
from desktop.services.directory import NameDirectory
from desktop.ui.calls.calls_model import COL_FROM, COL_TO

WAIT_MS = 15_000


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    return task.result()


def test_directory_knows_extensions_and_nobody_else() -> None:
    names = NameDirectory()
    names.update_extensions(
        [
            Extension("101", "Tolga Güler", "OK (3 ms)", True, 3),
            Extension("102", "  ", "UNREACHABLE", False, None),
        ]
    )
    assert names.lookup("101") == "Tolga Güler"
    assert names.lookup(" 101 ") == "Tolga Güler"
    assert names.lookup("102") is None  # a blank name is no name
    assert names.lookup("905321234567") is None
    assert names.lookup("") is None
    names.update_extensions([])
    assert names.lookup("101") is None


def test_demo_calls_show_extension_names(qtbot: Any) -> None:
    app = App(cli.parse_args(["--demo"]))
    run(qtbot, app.start())
    try:
        model = app.window.calls_tab.model
        qtbot.waitUntil(lambda: len(app.names) >= 20, timeout=WAIT_MS)

        def named_cell() -> str | None:
            for row, call in enumerate(model.calls()):
                for column, number in ((COL_FROM, call.src), (COL_TO, call.dst)):
                    name = app.names.lookup(number)
                    if name:
                        text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                        return f"{name}|{text}"
            return None

        qtbot.waitUntil(lambda: named_cell() is not None, timeout=WAIT_MS)
        name, text = (named_cell() or "|").split("|", 1)
        assert name in text
    finally:
        run(qtbot, app.shutdown())
