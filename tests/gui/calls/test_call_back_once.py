"""Call back pressed twice quickly rings my phone once: the second press waits for the first."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop import settings as st
from desktop.pbx.models import ActiveCall
from desktop.ui.calls.call_actions import CallActions
from desktop.ui.calls.calls_model import COL_FROM
from desktop.ui.shell.main_window import MainWindow

ME = "101"
CALLER = "05321234567"


class SlowPbx:
    """A session whose call requests stay on their way until `answer()`."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self._answered = asyncio.Event()

    async def call_number(self, number: str, extension: str) -> None:
        self.requests.append((number, extension))
        await self._answered.wait()

    def answer(self) -> None:
        self._answered.set()
        self._answered = asyncio.Event()  # the next request waits again


@pytest.fixture
def desk(qtbot: Any, tmp_path: Any) -> tuple[MainWindow, SlowPbx]:
    window = MainWindow()
    qtbot.addWidget(window)
    settings = st.Settings.open(tmp_path, admin=st.AdminConfig())
    settings.set(st.EXTENSION, ME)
    pbx = SlowPbx()
    actions = CallActions(session=pbx, window=window, settings=settings)  # type: ignore[arg-type]
    tab = window.calls_tab
    # As the app wires it: each press starts a dial of its own in the background.
    tab.call_requested.connect(lambda number: asyncio.ensure_future(actions.dial(number)))
    tab.set_my_extension(ME)
    tab.show_calls([ActiveCall("SIP/trunk-1", timedelta(seconds=5), "Dial", "Talking", CALLER, ME)])
    window.resize(1000, 500)
    with qtbot.waitExposed(window):
        window.show()
    tab.select_channel("SIP/trunk-1")
    assert tab.call_back_button.isEnabled()
    return window, pbx


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_two_quick_clicks_on_call_back_make_one_call(desk: Any, qtbot: Any) -> None:
    window, pbx = desk
    button = window.calls_tab.call_back_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(pbx.requests), timeout=2000)
    qtbot.wait(50)  # give a second request every chance to go out
    assert pbx.requests == [(CALLER, ME)]  # my phone rings once
    assert status(window) == "Already calling 0532 123 45 67: your phone rings in a moment."

    pbx.answer()
    qtbot.waitUntil(lambda: "rings first" in status(window), timeout=2000)
    # Done: the next press is a new call, not swallowed.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(pbx.requests) == 2, timeout=2000)
    pbx.answer()


def test_enter_twice_on_the_call_makes_one_call(desk: Any, qtbot: Any) -> None:
    window, pbx = desk
    view = window.calls_tab.view
    view.setFocus()
    row = window.calls_tab.proxy.index(0, COL_FROM)
    assert view.currentIndex().row() == row.row()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(pbx.requests), timeout=2000)
    qtbot.wait(50)
    assert pbx.requests == [(CALLER, ME)]
    assert status(window).startswith("Already calling")
    pbx.answer()
