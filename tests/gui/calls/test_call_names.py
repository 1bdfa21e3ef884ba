"""Calls show who is talking: names from the phonebook and the extensions beside numbers."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Qt

from desktop import cli
from desktop.app import App
from desktop.ui.calls.calls_model import COL_FROM, COL_TO

WAIT_MS = 15_000


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    return task.result()


def test_demo_calls_show_phonebook_and_extension_names(qtbot: Any) -> None:
    app = App(cli.parse_args(["--demo"]))
    run(qtbot, app.start())
    try:
        model = app.window.calls_tab.model
        index = lambda: app.features.phonebook.index  # noqa: E731
        qtbot.waitUntil(lambda: index() is not None and len(index()) >= 20, timeout=WAIT_MS)

        def named_cell() -> str | None:
            for row, call in enumerate(model.calls()):
                for column, number in ((COL_FROM, call.src), (COL_TO, call.dst)):
                    name = app.features.name_of(number)
                    if name:
                        text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                        return f"{name}|{text}"
            return None

        qtbot.waitUntil(lambda: named_cell() is not None, timeout=WAIT_MS)
        name, text = (named_cell() or "|").split("|", 1)
        assert name in text
    finally:
        run(qtbot, app.shutdown())


def test_an_external_caller_in_the_phonebook_is_named(qtbot: Any) -> None:
    """Caller ID through the phonebook: a contact's number, however the PBX writes it."""
    app = App(cli.parse_args(["--demo"]))
    run(qtbot, app.start())
    try:
        qtbot.waitUntil(lambda: app.features.phonebook.fresh, timeout=WAIT_MS)
        contact = next(c for c in app.features.phonebook.contacts if c.numbers)
        number = contact.numbers[0]
        digits = "".join(ch for ch in number if ch.isdigit())
        assert app.features.name_of(number) == contact.name
        if digits.startswith("90"):
            assert app.features.name_of("+" + digits) == contact.name
            assert app.features.name_of("0" + digits[2:]) == contact.name
    finally:
        run(qtbot, app.shutdown())
