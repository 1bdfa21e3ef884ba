"""From the Calls tab's search box, Down or Up leads into the list of calls."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.pbx.models import ActiveCall
from desktop.ui.calls.calls_tab import CallsTab

ME = "101"
CALLS = [
    ActiveCall("SIP/trunk-1", timedelta(seconds=30), "Dial", "Talking", "05321234567", ME),
    ActiveCall("SIP/102-1", timedelta(seconds=20), "Dial", "Talking", "102", "02125550100"),
    ActiveCall("SIP/103-1", timedelta(seconds=10), "Dial", "Talking", "103", "02125550199"),
]


@pytest.fixture
def tab(qtbot) -> CallsTab:
    t = CallsTab()
    qtbot.addWidget(t)
    t.resize(900, 400)
    t.set_my_extension(ME)
    t.show_calls(CALLS)
    with qtbot.waitExposed(t):
        t.show()
    t.activateWindow()
    t.focus_filter()
    qtbot.waitUntil(t.filter_edit.hasFocus)
    return t


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Up], ids=["Down", "Up"])
def test_an_arrow_in_the_search_box_picks_the_first_shown_call_and_moves_there(
    tab: CallsTab, qtbot, key: Qt.Key
) -> None:
    qtbot.keyClicks(tab.filter_edit, "0212")  # two calls match, the first one is 102's
    assert tab.rows_shown() == 2
    assert tab.selected_call() is None

    qtbot.keyClick(tab.filter_edit, key)
    assert tab.view.hasFocus()
    assert tab.selected_call() is not None and tab.selected_call().channel == "SIP/102-1"
    assert tab.call_back_button.isEnabled()
    # The list has the keys now: the next Down goes on to the second match.
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    assert tab.selected_call().channel == "SIP/103-1"


def test_an_arrow_keeps_the_call_already_picked(tab: CallsTab, qtbot) -> None:
    tab.select_channel("SIP/103-1")
    tab.focus_filter()
    qtbot.keyClick(tab.filter_edit, Qt.Key.Key_Down)
    assert tab.view.hasFocus()
    assert tab.selected_call().channel == "SIP/103-1"


def test_with_no_call_shown_the_search_box_keeps_the_focus(tab: CallsTab, qtbot) -> None:
    qtbot.keyClicks(tab.filter_edit, "nobody")
    assert tab.rows_shown() == 0
    qtbot.keyClick(tab.filter_edit, Qt.Key.Key_Down)
    assert tab.filter_edit.hasFocus()
    assert tab.filter_edit.text() == "nobody"
