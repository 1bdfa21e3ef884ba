"""The History tab against a simulated PBX: periods, pieces, filters, Cancel, failures, export."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, QStandardPaths, Qt, QTime
from PySide6.QtWidgets import QFileDialog

from desktop.pbx.client import PbxClient
from desktop.pbx.errors import PbxConnectionError
from desktop.pbx.models import CallRecord
from desktop.services.history import Column, Outcome, outcome_of
from desktop.services.history_ranges import QuickRange
from desktop.ui.history.history_tab import HistoryTab

WAIT_MS = 20_000


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    return task.result()


@pytest.fixture
def client(qtbot: Any, simulator: Any) -> Iterator[PbxClient]:
    pbx = PbxClient(simulator.base_url, simulator.username, simulator.password)
    yield pbx
    run(qtbot, pbx.aclose())


def direct_fetch(client: PbxClient) -> Any:
    return lambda s, e, n, ivr: client.call_records(s, e, number=n, ivr_data=ivr)


def make_tab(qtbot: Any, **kwargs: Any) -> HistoryTab:
    tab = HistoryTab(**kwargs)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    return tab


def wait_loaded(qtbot: Any, task: Any) -> Any:
    assert task is not None
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    return task.result()


def shown_ids(tab: HistoryTab) -> list[str]:
    model = tab.model
    return [rec.id for row in range(model.rowCount()) if (rec := model.record_at(row))]


def cell(tab: HistoryTab, row: int, column: Column) -> str:
    return str(tab.model.data(tab.model.index(row, column), Qt.ItemDataRole.DisplayRole))


def whole_days(first: date, last: date) -> tuple[datetime, datetime]:
    return datetime.combine(first, time()), datetime.combine(last, time(23, 59))


def set_period(tab: HistoryTab, start: datetime, end: datetime) -> None:
    for edit, value in ((tab.from_edit, start), (tab.to_edit, end)):  # as a user picks them
        edit.setDateTime(
            QDateTime(
                QDate(value.year, value.month, value.day),
                QTime(value.hour, value.minute),
                edit.dateTime().timeZone(),
            )
        )
    assert tab.period() == (start, end)


def load_yesterday(qtbot: Any, tab: HistoryTab, client: PbxClient) -> list[CallRecord]:
    tab.set_fetch(direct_fetch(client))
    wait_loaded(qtbot, tab.show_range(QuickRange.YESTERDAY))
    return run(qtbot, client.call_records(*tab.period()))


def test_yesterday_shows_exactly_the_rows_the_pbx_returns_for_it(
    qtbot: Any, client: PbxClient
) -> None:
    names = {"101": "Ayşe Çınar"}
    tab = make_tab(qtbot, name_for=names.get)
    expected = load_yesterday(qtbot, tab, client)

    yesterday = date.today() - timedelta(days=1)
    assert tab.period() == whole_days(yesterday, yesterday)
    assert tab.range_combo.currentData() is QuickRange.YESTERDAY
    assert len(expected) > 50
    assert shown_ids(tab) == [r.id for r in expected]  # newest first, as the PBX sends
    assert not tab.loading and tab.progress.isHidden()
    assert not tab.status_label.text()

    first = expected[0]
    assert cell(tab, 0, Column.TIME) == first.date.strftime("%Y-%m-%d %H:%M:%S")
    seconds = int(first.duration.total_seconds())
    assert (
        cell(tab, 0, Column.DURATION)
        == f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    )
    named = next(r for r, rec in enumerate(expected) if "101" in (rec.src, rec.dst))
    assert "Ayşe Çınar (101)" in (cell(tab, named, Column.FROM), cell(tab, named, Column.TO))
    answered = sum(outcome_of(r) is Outcome.ANSWERED for r in expected)
    assert tab.summary_label.text().startswith(f"{len(expected)} calls · {answered} answered")


def test_outcome_filter_and_search_narrow_the_loaded_rows(qtbot: Any, client: PbxClient) -> None:
    tab = make_tab(qtbot)
    expected = load_yesterday(qtbot, tab, client)

    tab.outcome_combo.setCurrentIndex(tab.outcome_combo.findData(Outcome.MISSED))
    missed = [r.id for r in expected if outcome_of(r) is Outcome.MISSED]
    assert 0 < len(missed) < len(expected)
    assert shown_ids(tab) == missed
    assert {cell(tab, row, Column.OUTCOME) for row in range(tab.rows_shown())} == {"Missed"}
    assert tab.summary_label.text().startswith(f"{len(missed)} calls · 0 answered")

    tab.outcome_combo.setCurrentIndex(0)
    outside = next(r.src for r in expected if len(r.src) > 5)
    qtbot.keyClicks(tab.search_edit, outside)
    found = [r.id for r in expected if outside in r.src or outside in r.dst]
    assert 0 < len(found) < len(expected)
    assert shown_ids(tab) == found

    tab.search_edit.clear()
    assert tab.rows_shown() == len(expected)


def test_a_week_loads_a_day_per_request_with_progress(qtbot: Any, client: PbxClient) -> None:
    asked: list[tuple[datetime, datetime]] = []

    async def counting(s: datetime, e: datetime, n: str | None, ivr: bool) -> list[CallRecord]:
        asked.append((s, e))
        return await client.call_records(s, e, number=n, ivr_data=ivr)

    tab = make_tab(qtbot)
    tab.set_fetch(counting)
    yesterday = date.today() - timedelta(days=1)
    start, end = whole_days(yesterday - timedelta(days=6), yesterday)
    set_period(tab, start, end)
    assert tab.range_combo.currentIndex() == 0  # a custom period
    progress: list[int] = []
    tab.progress.valueChanged.connect(progress.append)
    counts: list[int] = []
    tab.model.rowsInserted.connect(lambda *_: counts.append(tab.rows_shown()))

    result = wait_loaded(qtbot, tab.load())

    assert result.complete and len(asked) == 7
    assert all(e - s <= timedelta(days=1) for s, e in asked)
    assert tab.progress.maximum() == 7 and max(progress) == 7
    assert len(counts) >= 2 and counts == sorted(counts)  # rows appeared piece by piece
    whole = run(qtbot, client.call_records(start, end))
    assert sorted(shown_ids(tab)) == sorted(r.id for r in whole)
    assert len(shown_ids(tab)) == len(set(shown_ids(tab)))


def test_cancel_stops_asking_the_pbx(qtbot: Any, client: PbxClient) -> None:
    asked: list[datetime] = []
    release = asyncio.Event()

    async def gated(s: datetime, e: datetime, n: str | None, ivr: bool) -> list[CallRecord]:
        asked.append(s)
        if len(asked) > 1:
            await release.wait()  # only the first day comes back before Cancel
        return await client.call_records(s, e, number=n, ivr_data=ivr)

    tab = make_tab(qtbot)
    tab.set_fetch(gated)
    today = date.today()
    set_period(
        tab,
        *whole_days(today - timedelta(days=20), today),
    )
    task = tab.load()
    qtbot.waitUntil(lambda: tab.rows_shown() > 0 and len(asked) == 4, timeout=WAIT_MS)
    assert tab.loading and not tab.cancel_button.isHidden()
    shown = tab.rows_shown()

    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.wait(300)

    assert len(asked) == 4  # three in flight and the one that came back: no more
    assert task is not None and task.done()
    assert task.result() is not None and task.result().cancelled
    assert tab.rows_shown() == shown
    assert not tab.loading and tab.load_button.isEnabled() and tab.progress.isHidden()
    assert "stopped" in tab.status_label.text()


def test_a_day_that_keeps_failing_is_reported_by_its_date(qtbot: Any, client: PbxClient) -> None:
    today = date.today()
    bad_day = today - timedelta(days=3)
    tries: list[date] = []

    async def flaky(s: datetime, e: datetime, n: str | None, ivr: bool) -> list[CallRecord]:
        if s.date() == bad_day:
            tries.append(s.date())
            raise PbxConnectionError("The PBX did not answer.")
        return await client.call_records(s, e, number=n, ivr_data=ivr)

    tab = make_tab(qtbot, retry_delay=0.0)
    tab.set_fetch(flaky)
    start, end = whole_days(today - timedelta(days=5), today - timedelta(days=1))
    set_period(tab, start, end)
    result = wait_loaded(qtbot, tab.load())

    assert len(tries) == 3  # tried, then retried twice
    assert [f.piece.start.date() for f in result.failed] == [bad_day]
    text = tab.status_label.text()
    assert not tab.status_label.isHidden() and bad_day.isoformat() in text
    assert all(d.isoformat() not in text for d in (bad_day - timedelta(days=1), today))
    assert tab.rows_shown() > 0
    assert all(
        rec.date.date() != bad_day
        for r in range(tab.rows_shown())
        if (rec := tab.model.record_at(r))
    )


def test_history_of_a_number_covers_the_last_30_days(qtbot: Any, client: PbxClient) -> None:
    tab = make_tab(qtbot)
    expected = load_yesterday(qtbot, tab, client)
    number = next(r.src for r in expected if len(r.src) > 5)
    tab.outcome_combo.setCurrentIndex(tab.outcome_combo.findData(Outcome.BUSY))

    wait_loaded(qtbot, tab.show_number(number))

    today = date.today()
    assert tab.period() == whole_days(today - timedelta(days=29), today)
    assert tab.number_edit.text() == number and tab.outcome_combo.currentIndex() == 0
    assert tab.rows_shown() >= 1
    for row in range(tab.rows_shown()):
        rec = tab.model.record_at(row)
        assert rec is not None and number in (rec.src + rec.dst)


def test_export_writes_the_rows_shown_as_csv_for_excel(
    qtbot: Any, client: PbxClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = make_tab(qtbot)
    expected = load_yesterday(qtbot, tab, client)
    tab.outcome_combo.setCurrentIndex(tab.outcome_combo.findData(Outcome.ANSWERED))
    answered = [r for r in expected if outcome_of(r) is Outcome.ANSWERED]
    asked: list[str] = []

    def save_as(parent: Any, title: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "calls"), filters.split(";;")[0]

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda where: str(documents))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)

    yesterday = date.today() - timedelta(days=1)
    assert asked == [str(documents / f"call-history-{yesterday:%Y-%m-%d}.csv")]
    data = (tmp_path / "calls.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Time")
    assert len([line for line in lines if line]) == len(answered) + 1
    first = answered[0]  # newest first, as the table shows
    assert lines[1].startswith(first.date.strftime("%Y-%m-%d %H:%M:%S"))
    assert f'"=""{first.src}"""' in lines[1]  # a number stays text, leading zeros kept
    assert tab.status_label.text() == f"Saved {len(answered)} calls to {tmp_path / 'calls.csv'}."
    tab.outcome_combo.setCurrentIndex(0)  # the message was about the rows shown before
    assert tab.status_label.isHidden() and not tab.status_label.text()

    assert tab.export_to(str(tmp_path / "calls.xlsx"))
    assert (tmp_path / "calls.xlsx").read_bytes()[:2] == b"PK"


def test_nothing_to_export_before_rows_are_shown(qtbot: Any, client: PbxClient) -> None:
    tab = make_tab(qtbot)
    assert not tab.export_button.isEnabled()
    assert tab.summary_label.text() == "Choose a period and press Load."
    load_yesterday(qtbot, tab, client)
    assert tab.export_button.isEnabled()
    qtbot.keyClicks(tab.search_edit, "no such caller anywhere")
    assert tab.rows_shown() == 0 and not tab.export_button.isEnabled()
    assert tab.summary_label.text().startswith("0 calls")


def test_a_number_the_pbx_cannot_take_is_named_not_blamed_on_days(
    qtbot: Any, client: PbxClient
) -> None:
    tab = make_tab(qtbot)
    tab.set_fetch(direct_fetch(client))
    tab.number_edit.setText("Ayşe")  # a name typed where a number goes
    result = wait_loaded(qtbot, tab.show_range(QuickRange.LAST_7_DAYS))

    assert result.failed and tab.rows_shown() == 0
    assert tab.status_label.text() == "That is not a valid phone number."
    assert not tab.loading and tab.load_button.isEnabled()


def test_without_a_connection_load_says_so_and_asks_nothing(qtbot: Any) -> None:
    tab = make_tab(qtbot)
    assert tab.load() is None
    assert tab.status_label.text() == "Connect to the PBX to load the call history."
    assert not tab.loading and tab.rows_shown() == 0


def test_column_layout_comes_back_as_saved(qtbot: Any) -> None:
    tab = make_tab(qtbot)
    header = tab.view.horizontalHeader()
    header.moveSection(Column.OUTCOME, 1)
    header.resizeSection(Column.TIME, 222)
    saved = tab.header_state()

    again = make_tab(qtbot)
    assert again.restore_header_state(saved)
    restored = again.view.horizontalHeader()
    assert restored.visualIndex(Column.OUTCOME) == 1
    assert restored.sectionSize(Column.TIME) == 222
    assert not again.restore_header_state(b"not a header")
    assert restored.visualIndex(Column.OUTCOME) == 1
