"""The Calls tab as a receptionist uses it: the picked call, the filter, names, narrow windows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.pbx.models import ActiveCall
from desktop.ui.calls.calls_model import COL_FROM, COL_QUEUE, COL_STATUS, COL_TO, COL_TYPE
from desktop.ui.calls.calls_tab import OFFLINE_NOT_SET_UP, OFFLINE_REFUSED, CallsTab


def call(channel: str, src: str, dst: str = "101", call_type: str = "Dial") -> ActiveCall:
    return ActiveCall(channel, timedelta(seconds=30), call_type, "Talking", src, dst)


CALLS = [
    call("SIP/trunk-1", "905324250471", "630", "Queue(630)"),
    call("SIP/trunk-2", "905363980139", "102"),
    call("SIP/trunk-3", "02164440000", "103"),
]


@pytest.fixture
def tab(qtbot) -> CallsTab:
    t = CallsTab()
    qtbot.addWidget(t)
    t.resize(900, 400)
    with qtbot.waitExposed(t):
        t.show()
    return t


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    questions: list[str] = []

    def exec_(box: QMessageBox) -> QMessageBox.StandardButton:
        questions.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return questions


def click_row(qtbot, tab: CallsTab, row: int) -> None:
    view = tab.view
    rect = view.visualRect(tab.proxy.index(row, COL_FROM))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.parametrize("sorted_by_number", [False, True])
def test_when_the_picked_call_ends_nothing_is_selected_and_delete_asks_nothing(
    tab, qtbot, asked, sorted_by_number
) -> None:
    tab.show_calls(CALLS)
    if sorted_by_number:
        tab.view.sortByColumn(COL_FROM, Qt.SortOrder.DescendingOrder)
    row = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of("SIP/trunk-1"), 0)).row()
    click_row(qtbot, tab, row)
    assert tab.selected_call().channel == "SIP/trunk-1"
    assert tab.hangup_button.isEnabled()

    tab.show_calls(CALLS[1:])  # the picked call ended on its own

    assert tab.selected_call() is None
    assert not tab.hangup_button.isEnabled() and not tab.hangup_action.isEnabled()
    with qtbot.assertNotEmitted(tab.hangup_requested):
        qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert not any("905363980139" in question for question in asked)


def test_the_picked_call_stays_picked_while_others_end_before_it(tab, qtbot) -> None:
    tab.show_calls(CALLS)
    click_row(qtbot, tab, 2)
    tab.show_calls(CALLS[1:])
    assert tab.selected_call().channel == "SIP/trunk-3"
    assert tab.hangup_button.isEnabled()


def test_escape_clears_the_filter_and_gunduz_finds_gunduz(tab, qtbot) -> None:
    tab.set_name_lookup({"102": "Tolga Gündüz"}.get)
    tab.show_calls(CALLS)
    tab.filter_edit.setFocus()
    qtbot.keyClicks(tab.filter_edit, "gunduz")
    assert tab.rows_shown() == 1
    qtbot.keyClick(tab.filter_edit, Qt.Key.Key_Escape)
    assert tab.filter_edit.text() == "" and tab.rows_shown() == 3


def test_queues_show_their_names_with_the_number_on_hover(tab) -> None:
    tab.set_queue_lookup({"630": "Satış"}.get)
    tab.show_calls(CALLS)
    queue = tab.model.index(0, COL_QUEUE)
    assert queue.data() == "Satış"
    assert queue.data(Qt.ItemDataRole.ToolTipRole) == "Satış (630)"
    assert tab.model.index(0, COL_TO).data() == "Satış (630)"


@pytest.mark.parametrize("withheld", ["", "0", "Unknown", "anonymous"])
def test_a_withheld_number_is_one_word(tab, withheld) -> None:
    tab.show_calls([call("SIP/x", withheld)])
    assert tab.model.index(0, COL_FROM).data() == "Unknown"


def test_numbers_get_the_width_first_in_a_narrow_window(tab, qtbot) -> None:
    tab.show_calls(CALLS)
    tab.resize(600, 400)
    qtbot.wait(20)
    header = tab.view.horizontalHeader()
    number_width = tab.view.fontMetrics().horizontalAdvance("905324250471") + 12
    assert header.sectionSize(COL_FROM) >= number_width
    assert header.sectionSize(COL_FROM) > header.sectionSize(COL_STATUS)
    assert header.sectionSize(COL_FROM) > header.sectionSize(COL_TYPE)
    assert tab.view.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_the_empty_state_says_why_there_are_no_calls(tab) -> None:
    tab.set_offline(True, OFFLINE_NOT_SET_UP)
    assert "Not set up" in tab.empty_state.text()
    tab.set_offline(True, OFFLINE_REFUSED)
    assert "password" in tab.empty_state.text()
    tab.set_offline(True)
    assert "once the PBX can be reached" in tab.empty_state.text()
