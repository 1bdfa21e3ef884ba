"""Loaded history: time order whatever order pieces arrive in, filters, search, sort, summary."""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.pbx.models import CallRecord
from desktop.services.history import (
    Column,
    Direction,
    HistoryRows,
    Outcome,
    format_duration,
)
from desktop.services.history_summary import summarise

DAY = datetime(2026, 3, 4)
NAMES = {"05321234567": "Ayşe Işık", "101": "Resepsiyon"}


def rec(
    rid: str,
    when: datetime,
    kind: str = "incoming",
    src: str = "05321234567",
    dst: str = "101",
    secs: float = 60,
    disp: str = "ANSWERED",
    uf: str = "",
) -> CallRecord:
    return CallRecord(rid, when, kind, src, dst, timedelta(seconds=secs), disp, "", False, uf)


def sample() -> HistoryRows:
    rows = HistoryRows(name_for=NAMES.get)
    afternoon = [
        rec("5", DAY.replace(hour=15), disp="NO ANSWER", secs=35),
        rec("4", DAY.replace(hour=14), "outcoming", "102", "02125550000", 125, "BUSY"),
    ]
    morning = [
        rec("3", DAY.replace(hour=10, minute=30), "incoming", "103", "101", 30),
        rec("2", DAY.replace(hour=10), uf="Sipariş 1042", secs=3725),
        rec("1", DAY.replace(hour=9), "outcoming", "101", "+905551112233", 20, "FAILED"),
    ]
    assert rows.add(afternoon) == (0, 2)
    assert rows.add(morning) == (0, 3)  # an earlier piece arriving later goes first
    assert rows.add([morning[0]]) == (5, 0)  # a row already held is not added twice
    return rows


def test_rows_are_in_time_order_with_direction_and_outcome() -> None:
    rows = sample()
    assert [rows.row(i).id for i in range(len(rows))] == ["1", "2", "3", "4", "5"]
    assert [rows.direction(i) for i in range(5)] == [
        Direction.OUTGOING,
        Direction.INCOMING,
        Direction.INTERNAL,  # 103 -> 101: both ends are extensions
        Direction.OUTGOING,
        Direction.INCOMING,
    ]
    assert [rows.outcome(i) for i in range(5)] == [
        Outcome.FAILED,
        Outcome.ANSWERED,
        Outcome.ANSWERED,
        Outcome.BUSY,
        Outcome.MISSED,
    ]


def test_interleaved_pieces_are_merged_in_time_order() -> None:
    rows = HistoryRows()
    rows.add([rec("a", DAY.replace(hour=9)), rec("c", DAY.replace(hour=11))])
    assert rows.add([rec("b", DAY.replace(hour=10)), rec("d", DAY.replace(hour=12))]) is None
    assert [rows.row(i).id for i in range(4)] == ["a", "b", "c", "d"]
    assert rows.matching(outcomes={Outcome.ANSWERED}) == [0, 1, 2, 3]


def test_filters_and_search_narrow_the_rows() -> None:
    rows = sample()
    assert rows.matching() == [0, 1, 2, 3, 4]
    assert rows.matching(directions={Direction.INCOMING}) == [1, 4]
    assert rows.matching(outcomes={Outcome.MISSED, Outcome.BUSY}) == [3, 4]
    assert rows.matching({Direction.OUTGOING}, {Outcome.BUSY}) == [3]
    assert rows.matching(text="ISIK") == [1, 4]  # a name, Turkish folding
    assert rows.matching(text="ayse siparis") == [1]  # every word, custom data too
    assert rows.matching(text="0532 123") == [1, 4]  # a number typed with spaces
    assert rows.matching(text="+90555") == [0]
    assert rows.matching({Direction.INCOMING}, text="resepsiyon") == [1, 4]
    assert rows.matching(text="nobody") == []


def test_new_names_are_searched_after_the_phonebook_changes() -> None:
    rows = sample()
    assert rows.matching(text="muhasebe") == []
    rows.set_name_for({"102": "Muhasebe"}.get)
    assert rows.matching(text="muhasebe") == [3]


def test_sort_keys_per_column() -> None:
    rows = sample()
    every = rows.matching()
    assert rows.sorted_indices(every, Column.DURATION) == [0, 2, 4, 3, 1]
    assert rows.sorted_indices(every, Column.TIME, descending=True) == [4, 3, 2, 1, 0]
    # Named callers first (by folded name), then bare numbers.
    assert [rows.row(i).src for i in rows.sorted_indices(every, Column.FROM)] == [
        "05321234567", "05321234567", "101", "102", "103",
    ]  # fmt: skip
    assert rows.sorted_indices(every, Column.OUTCOME) == [1, 2, 4, 3, 0]


def test_summary_counts_rates_talk_time_and_hourly_chart() -> None:
    rows = sample()
    s = summarise(rows, rows.matching(), DAY, DAY.replace(hour=23, minute=59))
    assert (s.total, s.answered, s.missed, s.busy, s.failed) == (5, 2, 1, 1, 1)
    assert s.rate(Outcome.ANSWERED) == 0.4
    assert s.average_talk == timedelta(seconds=(3725 + 30) / 2)
    assert s.buckets.hourly and len(s.buckets.starts) == 24
    assert s.buckets.counts[Outcome.ANSWERED][10] == 2
    assert s.buckets.counts[Outcome.MISSED][15] == 1
    assert sum(map(sum, s.buckets.counts.values())) == 5
    only_incoming = rows.matching({Direction.INCOMING})
    s2 = summarise(rows, only_incoming, DAY - timedelta(days=6), DAY.replace(hour=23, minute=59))
    assert not s2.buckets.hourly and len(s2.buckets.starts) == 7
    assert s2.buckets.counts[Outcome.ANSWERED][6] == 1 and s2.total == 2


def test_empty_summary_has_no_division_by_zero() -> None:
    s = summarise(HistoryRows(), [], DAY, DAY.replace(hour=23, minute=59))
    assert s.total == 0 and s.rate(Outcome.MISSED) == 0.0 and s.average_talk == timedelta(0)


def test_durations_read_as_hours_minutes_seconds() -> None:
    assert format_duration(timedelta(seconds=85.6972)) == "0:01:25"
    assert format_duration(timedelta(hours=26, seconds=5)) == "26:00:05"
    assert format_duration(0) == "0:00:00"
