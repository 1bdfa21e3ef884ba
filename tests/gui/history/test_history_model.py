"""The History table model: pieces inserted where they belong, sorting, selection kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from desktop.pbx.models import CallRecord
from desktop.services.history import Column, Outcome
from desktop.ui.history.history_model import HistoryModel

DAY = datetime(2026, 3, 2)


def record(n: int, day: int = 0, *, seconds: int = 60, disposition: str = "ANSWERED") -> CallRecord:
    return CallRecord(
        id=str(1000 + day * 100 + n),
        date=DAY + timedelta(days=day, minutes=10 * n),
        call_type="incoming",
        src=f"90532000{day}{n:03d}",
        dst="101",
        duration=timedelta(seconds=seconds),
        disposition=disposition,
        queue="",
        has_recording=n % 2 == 0,
        userfield="",
    )


def text(model: HistoryModel, row: int, column: Column) -> str:
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def events(model: HistoryModel) -> list[tuple[str, int, int]]:
    seen: list[tuple[str, int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: seen.append(("insert", first, last)))
    model.modelReset.connect(lambda: seen.append(("reset", 0, 0)))
    return seen


def test_each_day_arriving_is_inserted_as_one_block_newest_first(qtbot: Any) -> None:
    model = HistoryModel(name_for={"101": "Reception"}.get)
    seen = events(model)
    model.add_records([record(n, day=1) for n in range(3)])
    model.add_records([record(n, day=0) for n in range(2)])  # an earlier day, later
    model.add_records([record(n, day=2) for n in range(4)])

    assert seen == [("insert", 0, 2), ("insert", 3, 4), ("insert", 0, 3)]
    times = [text(model, row, Column.TIME) for row in range(model.rowCount())]
    assert times == sorted(times, reverse=True) and len(times) == 9
    assert text(model, 0, Column.TO) == "Reception (101)"
    assert text(model, 0, Column.RECORDING) == "No"  # n = 3
    assert text(model, 0, Column.DURATION) == "0:01:00"


def test_rows_filtered_out_are_not_inserted(qtbot: Any) -> None:
    model = HistoryModel()
    model.set_filters(outcomes={Outcome.MISSED})
    seen = events(model)
    model.add_records([record(0, day=1, disposition="NO ANSWER"), record(1, day=1)])
    model.add_records([record(0, day=0)])
    assert seen == [("insert", 0, 0)]
    assert model.rowCount() == 1 and text(model, 0, Column.OUTCOME) == "Missed"


def test_sorting_by_duration_keeps_the_selected_call_selected(qtbot: Any) -> None:
    model = HistoryModel()
    model.add_records([record(n, seconds=s) for n, s in enumerate((30, 5, 90, 5))])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    longest = model.index(1, 0)  # newest first: n = 2, 90 s
    assert text(model, 1, Column.DURATION) == "0:01:30"
    view.selectionModel().select(
        longest,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )

    model.sort(Column.DURATION, Qt.SortOrder.DescendingOrder)

    durations = [text(model, row, Column.DURATION) for row in range(4)]
    assert durations == ["0:01:30", "0:00:30", "0:00:05", "0:00:05"]
    # Equal durations stay in time order: the earlier call (n = 1) first.
    assert [model.record_at(r).id for r in (2, 3)] == ["1001", "1003"]  # type: ignore[union-attr]
    selected = view.selectionModel().selectedRows()
    assert [index.row() for index in selected] == [0]

    seen = events(model)
    model.add_records([record(0, day=1, seconds=60)])  # sorted by duration: shown in place
    assert seen == [("reset", 0, 0)]
    assert text(model, 1, Column.DURATION) == "0:01:00"
