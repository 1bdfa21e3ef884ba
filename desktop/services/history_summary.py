"""The summary above the History table: counts, rates, talk time and a chart by outcome."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .history import HistoryRows, Outcome

__all__ = ["Buckets", "HistorySummary", "summarise"]

_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Buckets:
    """Calls per hour (a period of one day) or per day, split by outcome, for the chart.

    `starts[k]` is where bucket k begins; `counts[outcome][k]` how many calls ended so.
    """

    hourly: bool
    starts: tuple[datetime, ...]
    counts: dict[Outcome, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class HistorySummary:
    """Totals over the rows shown (after filters)."""

    total: int
    answered: int
    missed: int
    busy: int
    failed: int
    talk_seconds: float  # summed over answered calls
    buckets: Buckets

    def rate(self, outcome: Outcome) -> float:
        """Share of all calls (0..1) that ended with `outcome`; 0 when there are none."""
        count = (self.answered, self.missed, self.busy, self.failed)[outcome]
        return count / self.total if self.total else 0.0

    @property
    def average_talk(self) -> timedelta:
        """Mean duration of answered calls (the CDR's duration: ringing included)."""
        return timedelta(seconds=self.talk_seconds / self.answered if self.answered else 0.0)


def summarise(
    rows: HistoryRows, indices: Iterable[int], start: datetime, end: datetime
) -> HistorySummary:
    """The summary of `rows[indices]` for the period [start, end] the user asked for."""
    start = start.replace(second=0, microsecond=0)
    hourly = end - start < _DAY
    if hourly:
        first = start.replace(minute=0)
        step = _HOUR
    else:
        first = datetime.combine(start.date(), time())
        step = _DAY
    size = max(1, int((end - first) / step) + 1)
    per = [[0] * size for _ in Outcome]
    totals = [0, 0, 0, 0]
    talk = 0.0
    recs = rows.records()
    codes = rows.outcome_codes()
    first_day = first.toordinal()
    first_hour = first.hour
    last = size - 1
    for i in indices:
        rec = recs[i]
        outcome = codes[i]
        totals[outcome] += 1
        if outcome == 0:  # Outcome.ANSWERED
            talk += rec.duration.total_seconds()
        when = rec.date
        # Whole days (and hours) counted on the calendar: cheaper than timedelta arithmetic.
        k = when.toordinal() - first_day
        if hourly:
            k = k * 24 + when.hour - first_hour
        # A row outside the asked period (a clock that jumped) goes to the nearest end.
        per[outcome][0 if k < 0 else (k if k < last else last)] += 1
    starts = tuple(first + step * k for k in range(size))
    buckets = Buckets(hourly, starts, {o: tuple(per[o]) for o in Outcome})
    answered, missed, busy, failed = totals
    return HistorySummary(sum(totals), answered, missed, busy, failed, talk, buckets)
