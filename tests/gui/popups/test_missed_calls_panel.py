"""The missed-calls list (window panel and tray menu): what was missed, call back, mark seen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from desktop.services.calls import CallEvent
from desktop.services.missed_calls import MissedCalls
from desktop.ui.popups.missed_calls_menu import MissedCallsMenu
from desktop.ui.popups.missed_calls_panel import (
    COL_NAME,
    COL_NUMBER,
    COL_QUEUE,
    MissedCallsPanel,
)


def missed(channel: str, number: str, queue: str | None = "630") -> CallEvent:
    return CallEvent("ended", channel, number, queue, True, False, True)


@pytest.fixture
def calls() -> MissedCalls:
    return MissedCalls(None, now=lambda: datetime(2026, 12, 7, 9, 30, tzinfo=UTC))


@pytest.fixture
def panel(qtbot, calls) -> MissedCallsPanel:
    p = MissedCallsPanel(calls)
    p.set_queue_lookup({"630": "Sales"}.get)
    qtbot.addWidget(p)
    p.show()
    return p


def cell(panel: MissedCallsPanel, row: int, column: int) -> str:
    return panel.model.index(row, column).data()


def test_a_missed_call_is_listed_and_call_back_asks_for_its_number(panel, calls, qtbot):
    assert panel.empty_label.isVisible() and not panel.view.isVisible()
    calls.add(missed("SIP/a", "05321234567"), "Ayşe Yılmaz")
    panel.refresh()
    assert panel.model.rowCount() == 1
    assert (cell(panel, 0, COL_NAME), cell(panel, 0, COL_NUMBER), cell(panel, 0, COL_QUEUE)) == (
        "Ayşe Yılmaz",
        "05321234567",
        "Sales (630)",
    )
    assert panel.count_label.text() == "1 new"
    assert not panel.call_back_button.isEnabled()  # nothing chosen yet
    panel.view.selectRow(0)
    with qtbot.waitSignal(panel.call_back_requested) as blocker:
        qtbot.mouseClick(panel.call_back_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["05321234567"]
    with qtbot.waitSignal(panel.call_back_requested) as blocker:
        panel.view.doubleClicked.emit(panel.model.index(0, COL_NAME))
    assert blocker.args == ["05321234567"]


def test_newest_first_and_the_selection_survives_a_new_missed_call(panel, calls):
    calls.add(missed("SIP/a", "05321234567"), "Ayşe")
    panel.refresh()
    panel.view.selectRow(0)
    calls.add(missed("SIP/b", "02161112233", None), "")
    panel.refresh()
    assert [cell(panel, r, COL_NUMBER) for r in range(2)] == ["02161112233", "05321234567"]
    assert panel.view.selectionModel().selectedRows()[0].row() == 1
    assert cell(panel, 0, COL_QUEUE) == ""


def test_mark_all_seen_clears_the_count(panel, calls, qtbot):
    calls.add(missed("SIP/a", "05321234567"), "Ayşe")
    calls.add(missed("SIP/b", "02161112233"), "")
    panel.refresh()
    assert panel.count_label.text() == "2 new"
    assert panel.model.index(0, COL_NAME).data(Qt.ItemDataRole.FontRole).bold()
    with qtbot.waitSignal(panel.marked_seen):
        qtbot.mouseClick(panel.mark_seen_button, Qt.MouseButton.LeftButton)
    assert calls.unseen_count == 0
    assert panel.count_label.text() == "" and not panel.mark_seen_button.isEnabled()
    assert panel.model.index(0, COL_NAME).data(Qt.ItemDataRole.FontRole) is None


def test_the_tray_menu_lists_the_latest_with_call_back(qtbot, calls):
    menu = QMenu()
    helper = MissedCallsMenu(calls, menu, limit=2)
    assert [a.text() for a in menu.actions()] == ["No missed calls"]
    for i, number in enumerate(["05321234567", "02161112233", "03124445566"]):
        calls.add(missed(f"SIP/{i}", number), "R&D" if i == 2 else "")
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert len(entries) == 4  # the newest two, Show all, Mark all seen
    assert entries[0].text().endswith("R&&D · 03124445566")  # "&" is no shortcut here
    with qtbot.waitSignal(helper.call_back_requested) as blocker:
        entries[1].trigger()
    assert blocker.args == ["02161112233"]
    with qtbot.waitSignal(helper.marked_seen):
        entries[3].trigger()
    assert calls.unseen_count == 0


def test_a_withheld_caller_is_named_so_and_cannot_be_called_back(panel, calls, qtbot):
    calls.add(missed("SIP/a", "anonymous"), "")
    panel.refresh()
    assert cell(panel, 0, COL_NUMBER) == "Withheld number"
    with qtbot.assertNotEmitted(panel.call_back_requested):
        panel.view.doubleClicked.emit(panel.model.index(0, COL_NAME))
