"""The History tab as a user meets it: room for the table, Tab order, empty and singular
texts, queue names."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget

from desktop.pbx.models import CallRecord
from desktop.services.history import Column
from desktop.services.history_ranges import QuickRange
from desktop.ui.history.history_tab import HistoryTab

WAIT_MS = 10_000
NOW = datetime(2026, 12, 4, 15, 30)


def record(n: int = 0, *, queue: str = "") -> CallRecord:
    return CallRecord(
        id=str(5000 + n),
        date=NOW - timedelta(hours=1, minutes=n),
        call_type="incoming",
        src=f"0532111{n:04d}",
        dst="101",
        duration=timedelta(seconds=42),
        disposition="ANSWERED",
        queue=queue,
        has_recording=False,
        userfield="",
    )


def make_tab(qtbot: Any) -> HistoryTab:
    tab = HistoryTab(now=lambda: NOW)
    qtbot.addWidget(tab)
    return tab


def loaded(qtbot: Any, task: Any) -> None:
    assert task is not None
    qtbot.waitUntil(task.done, timeout=WAIT_MS)


def test_at_the_default_window_size_the_table_gets_most_of_the_height(qtbot: Any) -> None:
    tab = make_tab(qtbot)
    tab.resize(960, 480)  # what a 960×560 window leaves the tab under its menu and tab bar
    tab.show()
    qtbot.waitExposed(tab)

    table, chart = tab.view.height(), tab.chart.height()
    assert chart >= 150
    assert table >= 1.4 * chart
    rows_that_fit = tab.view.viewport().height() // tab.view.verticalHeader().defaultSectionSize()
    assert rows_that_fit >= 6


def test_at_the_default_width_names_get_more_room_than_custom_data(qtbot: Any) -> None:
    tab = make_tab(qtbot)
    tab.resize(960, 480)
    tab.show()
    qtbot.waitExposed(tab)
    view = tab.view
    name = view.fontMetrics().horizontalAdvance("Hatice Yılmaz (109)") + 12
    for column in (Column.FROM, Column.TO):
        assert view.columnWidth(column) >= name  # a name and extension shown whole
        assert view.columnWidth(column) > view.columnWidth(Column.CUSTOM_DATA)


def test_tab_walks_the_controls_in_reading_order(qtbot: Any) -> None:
    window = QTabWidget()
    qtbot.addWidget(window)
    tab = HistoryTab(now=lambda: NOW)
    window.addTab(tab, "History")
    tab.model.add_records([record()])  # Export is enabled only with rows to save
    window.resize(1200, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    window.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.tabBar().hasFocus, timeout=WAIT_MS)

    reached: list[Any] = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if not reached or focused is not reached[-1]:  # a date edit steps through its fields
            reached.append(focused)
        if focused is tab.view:
            break
    assert reached == [
        tab.range_combo,
        tab.from_edit,
        tab.to_edit,
        tab.number_edit,
        tab.ivr_check,
        tab.load_button,
        tab.direction_combo,
        tab.outcome_combo,
        tab.search_edit,
        tab.chart_button,
        tab.export_button,
        tab.view,  # Cancel is hidden while nothing loads
    ]


def test_the_dates_work_from_the_keyboard(qtbot: Any) -> None:
    tab = make_tab(qtbot)
    tab.resize(1000, 500)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=WAIT_MS)
    start = tab.from_edit
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    # One Tab from one date to the next, not five (year, month, day, hour, minute).
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    assert tab.to_edit.hasFocus()
    qtbot.keyClick(tab.to_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert start.hasFocus()

    # F4 opens the calendar; arrows and Enter pick a day.
    day = start.date()
    qtbot.keyClick(start, Qt.Key.Key_F4)
    calendar = start.calendarWidget()
    qtbot.waitUntil(lambda: calendar.window().isVisible())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.window().isVisible())
    assert start.date() == day.addDays(1)
    # Alt+Down opens it too (and changes no date); Escape closes it.
    qtbot.keyClick(start, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: calendar.window().isVisible())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.window().isVisible())
    assert start.date() == day.addDays(1)

    # Enter in a date loads the period (here: it says a connection is needed).
    start.setFocus()
    qtbot.keyClick(start, Qt.Key.Key_Return)
    assert tab.status_label.text() == "Connect to the PBX to load the call history."
    assert not tab.load_button.isDefault()  # no frame that looks like the focus


def test_a_number_without_calls_in_30_days_says_so(qtbot: Any) -> None:
    asked: list[str | None] = []

    async def nothing(s: datetime, e: datetime, n: str | None, ivr: bool) -> list[CallRecord]:
        asked.append(n)
        return []

    tab = make_tab(qtbot)
    tab.set_fetch(nothing)
    loaded(qtbot, tab.show_number("05321234567"))

    assert asked and set(asked) == {"05321234567"}
    assert tab.rows_shown() == 0
    assert not tab.status_label.isHidden()
    assert tab.status_label.text() == "No calls from or to 05321234567 in the last 30 days."

    async def one(s: datetime, e: datetime, n: str | None, ivr: bool) -> list[CallRecord]:
        return [record()] if s.date() == NOW.date() else []

    tab.set_fetch(one)
    loaded(qtbot, tab.show_number("05321110000"))
    assert tab.rows_shown() == 1 and tab.status_label.isHidden()


def test_one_call_and_one_day_read_in_the_singular(qtbot: Any) -> None:
    release = asyncio.Event()

    async def one_call(s: datetime, e: datetime, n: str | None, ivr: bool) -> list[CallRecord]:
        await release.wait()
        return [record()]

    tab = make_tab(qtbot)
    tab.set_chart_visible(False)  # the one-line summary stands in
    tab.set_fetch(one_call)
    task = tab.show_range(QuickRange.TODAY)
    qtbot.waitUntil(lambda: tab.progress.value() == 0, timeout=WAIT_MS)
    assert tab.progress.maximum() == 1
    assert tab.progress.text() == "0 of 1 day"
    release.set()
    loaded(qtbot, task)

    assert tab.summary_label.text().startswith("1 call · 1 answered (100%)")

    async def two_calls(s: datetime, e: datetime, n: str | None, ivr: bool) -> list[CallRecord]:
        return [record(0), record(1)]

    tab.set_fetch(two_calls)
    loaded(qtbot, tab.show_range(QuickRange.TODAY))
    assert tab.summary_label.text().startswith("2 calls · 2 answered")


def test_queue_column_shows_the_name_with_the_number_as_tip(qtbot: Any) -> None:
    tab = make_tab(qtbot)
    tab.model.add_records([record(0, queue="630"), record(1, queue="640")])
    names = {"630": "Satış"}
    tab.set_queue_lookup(names.get)

    model = tab.model

    def queue(row: int, role: Qt.ItemDataRole) -> str:
        return str(model.data(model.index(row, Column.QUEUE), role))

    shown = {queue(r, Qt.ItemDataRole.DisplayRole): r for r in range(model.rowCount())}
    assert set(shown) == {"Satış", "640"}  # an unknown queue keeps its number
    assert queue(shown["Satış"], Qt.ItemDataRole.ToolTipRole) == "630"

    tab.set_queue_lookup(None)
    assert {queue(r, Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())} == {
        "630",
        "640",
    }
