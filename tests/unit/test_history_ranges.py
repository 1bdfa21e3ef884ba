"""Quick ranges and day pieces: the periods the History tab asks the PBX for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.pbx.errors import PbxInputError
from desktop.services.history_ranges import Piece, QuickRange, day_pieces, quick_range

NOW = datetime(2026, 3, 4, 15, 42, 17)  # a Wednesday


@pytest.mark.parametrize(
    ("which", "start", "end"),
    [
        (QuickRange.TODAY, datetime(2026, 3, 4), datetime(2026, 3, 4, 23, 59)),
        (QuickRange.YESTERDAY, datetime(2026, 3, 3), datetime(2026, 3, 3, 23, 59)),
        (QuickRange.THIS_WEEK, datetime(2026, 3, 2), datetime(2026, 3, 8, 23, 59)),
        (QuickRange.LAST_7_DAYS, datetime(2026, 2, 26), datetime(2026, 3, 4, 23, 59)),
        (QuickRange.THIS_MONTH, datetime(2026, 3, 1), datetime(2026, 3, 31, 23, 59)),
        (QuickRange.LAST_MONTH, datetime(2026, 2, 1), datetime(2026, 2, 28, 23, 59)),
    ],
)
def test_quick_ranges_are_whole_days_around_now(
    which: QuickRange, start: datetime, end: datetime
) -> None:
    assert quick_range(which, NOW) == (start, end)


def test_month_edges_and_leap_years() -> None:
    jan = datetime(2024, 1, 31, 0, 1)
    assert quick_range(QuickRange.LAST_MONTH, jan) == (
        datetime(2023, 12, 1),
        datetime(2023, 12, 31, 23, 59),
    )
    march = datetime(2024, 3, 1)
    assert quick_range(QuickRange.LAST_MONTH, march)[1] == datetime(2024, 2, 29, 23, 59)
    sunday = datetime(2026, 3, 8, 23, 59)
    assert quick_range(QuickRange.THIS_WEEK, sunday)[0] == datetime(2026, 3, 2)  # Monday


def test_an_aware_time_is_refused_rather_than_shifted() -> None:
    with pytest.raises(PbxInputError):
        quick_range(QuickRange.TODAY, NOW.replace(tzinfo=UTC))
    with pytest.raises(PbxInputError):
        day_pieces(NOW.replace(tzinfo=UTC), NOW.replace(tzinfo=UTC))


def test_one_day_is_one_request_as_the_pickers_show() -> None:
    start, end = quick_range(QuickRange.TODAY, NOW)
    assert day_pieces(start, end) == [Piece(start, end)]


def test_a_range_splits_at_midnights_sharing_the_boundary_minute() -> None:
    pieces = day_pieces(datetime(2026, 3, 1, 14, 30, 45), datetime(2026, 3, 3, 9, 15))
    assert [(p.start, p.end) for p in pieces] == [
        (datetime(2026, 3, 1, 14, 30), datetime(2026, 3, 2)),
        (datetime(2026, 3, 2), datetime(2026, 3, 3)),
        (datetime(2026, 3, 3), datetime(2026, 3, 3, 9, 15)),
    ]
    # Every second of the period is kept by exactly one piece.
    t = datetime(2026, 3, 1, 14, 30)
    while t < datetime(2026, 3, 3, 9, 16):
        assert sum(p.owns(t) for p in pieces) == 1, t
        t += timedelta(seconds=30)
    midnight = datetime(2026, 3, 2)
    assert not pieces[0].owns(midnight) and pieces[1].owns(midnight)
    assert pieces[0].owns(midnight - timedelta(seconds=1))


def test_thirty_days_are_thirty_pieces_and_a_range_ending_at_midnight_adds_none() -> None:
    assert len(day_pieces(datetime(2026, 3, 1), datetime(2026, 3, 30, 23, 59))) == 30
    pieces = day_pieces(datetime(2026, 3, 1), datetime(2026, 3, 3))
    assert [(p.start, p.end) for p in pieces] == [
        (datetime(2026, 3, 1), datetime(2026, 3, 2)),
        (datetime(2026, 3, 2), datetime(2026, 3, 3)),
    ]
    assert pieces[-1].owns(datetime(2026, 3, 3, 0, 0, 30))


def test_end_before_start_is_refused() -> None:
    with pytest.raises(PbxInputError):
        day_pieces(NOW, NOW - timedelta(minutes=1))
