"""Periods of call history: the quick ranges and the day-sized pieces a big range loads in.

Every time here is naive PBX local time, as the pickers show it and as `date1`/`date2`
send it (minute precision). Nothing converts between zones: the caller supplies "now"
already in the PBX's zone, so a time is never shifted twice.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.pbx.errors import PbxInputError

__all__ = ["Piece", "QuickRange", "day_pieces", "quick_range", "to_minute"]

_DAY = timedelta(days=1)
_LAST_MINUTE = time(23, 59)


class QuickRange(enum.Enum):
    """The one-click periods of the History tab."""

    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"
    LAST_7_DAYS = "last_7_days"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"


def to_minute(value: datetime) -> datetime:
    """`value` cut to the minute, as a picker and `date1`/`date2` hold it."""
    return value.replace(second=0, microsecond=0)


def _span(first: date, last: date) -> tuple[datetime, datetime]:
    # The end is the last minute of the last day: the API's date2 names a minute, and the
    # pickers show 23:59, not midnight of the next day.
    return datetime.combine(first, time()), datetime.combine(last, _LAST_MINUTE)


def quick_range(which: QuickRange, now: datetime) -> tuple[datetime, datetime]:
    """(start, end) of a quick range around `now` (naive PBX time): whole days, Monday weeks."""
    if now.tzinfo is not None:
        raise PbxInputError("Times for the PBX must be in the PBX's local time.")
    today = now.date()
    if which is QuickRange.TODAY:
        return _span(today, today)
    if which is QuickRange.YESTERDAY:
        return _span(today - _DAY, today - _DAY)
    if which is QuickRange.THIS_WEEK:
        monday = today - timedelta(days=today.weekday())
        return _span(monday, monday + timedelta(days=6))
    if which is QuickRange.LAST_7_DAYS:
        return _span(today - timedelta(days=6), today)
    first_of_month = today.replace(day=1)
    if which is QuickRange.THIS_MONTH:
        next_month = (first_of_month + timedelta(days=32)).replace(day=1)
        return _span(first_of_month, next_month - _DAY)
    last_of_previous = first_of_month - _DAY
    return _span(last_of_previous.replace(day=1), last_of_previous)


@dataclass(frozen=True, slots=True)
class Piece:
    """One request of a range loaded in pieces, and the rows it is responsible for.

    `start`/`end` are sent as `date1`/`date2`. Neighbouring pieces share their boundary
    minute (one ends at 00:00, the next starts there), so whether the PBX counts `date2`
    as exclusive, up to hh:mm:00 or up to hh:mm:59 (the simulator does the last), no row
    falls between two pieces. Each row is then kept only by the piece that owns its time,
    [keep_from, keep_before), so no row is kept twice either. The first piece keeps
    everything before its boundary and the last everything after, so the union is exactly
    what one request for the whole range would return.
    """

    start: datetime
    end: datetime
    keep_from: datetime | None = None
    keep_before: datetime | None = None

    def owns(self, when: datetime) -> bool:
        """Whether a row that started at `when` belongs to this piece."""
        if self.keep_from is not None and when < self.keep_from:
            return False
        return self.keep_before is None or when < self.keep_before


def day_pieces(start: datetime, end: datetime) -> list[Piece]:
    """[start, end] (minutes, both inclusive) split at each midnight: a day per request."""
    if start.tzinfo is not None or end.tzinfo is not None:
        raise PbxInputError("Times for the PBX must be in the PBX's local time.")
    start, end = to_minute(start), to_minute(end)
    if end < start:
        raise PbxInputError("The end of the period is before its start.")
    cuts: list[datetime] = []
    midnight = datetime.combine(start.date() + _DAY, time())
    while midnight <= end:
        cuts.append(midnight)
        midnight += _DAY
    if cuts and cuts[-1] == end:
        # A range ending at 00:00 would leave a last piece of one minute: the piece before
        # already asks for that minute, so it keeps it.
        cuts.pop()
    if not cuts:
        return [Piece(start, end)]
    bounds = [start, *cuts, end]
    pieces = []
    for k in range(len(bounds) - 1):
        keep_from = bounds[k] if k > 0 else None
        keep_before = bounds[k + 1] if k < len(bounds) - 2 else None
        pieces.append(Piece(bounds[k], bounds[k + 1], keep_from, keep_before))
    return pieces
