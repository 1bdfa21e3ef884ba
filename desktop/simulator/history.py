"""Call history (CDR): past days made on demand from (seed, day), plus calls finished live.

Ids are sequential in call order across the whole window, as an autoincrement column would
be: only the number of calls per day is computed up front, the rows of a day are made the
first time a query or a recording download needs them.
"""

from __future__ import annotations

import bisect
import random
import re
from collections import OrderedDict
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from . import traffic

_DATE_PARAM = re.compile(r"[0-9]{12}")
_DAY_FACTORS = (1.05, 1.1, 1.0, 1.0, 0.95, 0.35, 0.15)  # Monday .. Sunday
_CACHED_DAYS = 8


class CdrRow(NamedTuple):
    id: int
    start: float  # epoch seconds; shown as PBX local time
    kind: str
    src: str
    dst: str
    duration: float
    disposition: str
    queue: str
    recorded: bool
    userfield: str
    talk: float  # seconds of conversation: the length of the recording

    def wire(self, with_userfield: bool) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "calldate": datetime.fromtimestamp(self.start).strftime("%d.%m.%Y %H:%M:%S"),
            "calltype": self.kind,
            "src": self.src,
            "dst": self.dst,
            "duration": format_duration(self.duration),
            "disposition": self.disposition,
            "queue": self.queue,
            "record": self.recorded,
            "userfield": self.userfield if with_userfield else "",
        }


def format_duration(seconds: float) -> str:
    """Seconds with a decimal comma and a varying number of decimals: 85,6972."""
    return format(round(seconds, 5), ".6g").replace(".", ",")


def parse_date_param(value: str) -> datetime | None:
    """`ddMMyyyyHHmm` as the API takes it; None when malformed."""
    if not _DATE_PARAM.fullmatch(value):
        return None
    try:
        return datetime.strptime(value, "%d%m%Y%H%M")
    except ValueError:
        return None


class History:
    def __init__(self, office: traffic.Office, per_day: int, days: int, start: float) -> None:
        self._office = office
        self._per_day = per_day
        self._start = start
        today = datetime.fromtimestamp(start).date()
        self._days = [today - timedelta(days=k) for k in reversed(range(days))]
        counts = [self._day_count(d) for d in self._days[:-1]]
        counts.append(sum(1 for t in self._day_times(today) if self._ts(today, t) < start))
        self._first_id = 10_000 + (office.seed % 97) * 1000
        self._offsets = [self._first_id]
        for c in counts:
            self._offsets.append(self._offsets[-1] + c)
        self._cache: OrderedDict[date, list[CdrRow]] = OrderedDict()
        self._live: list[CdrRow] = []
        self._live_by_id: dict[int, CdrRow] = {}

    @property
    def next_id(self) -> int:
        """The first id after the generated history: calls made live continue from here."""
        return self._offsets[-1]

    @staticmethod
    def _ts(day: date, seconds: float) -> float:
        return datetime.combine(day, time()).timestamp() + seconds

    def _day_count(self, day: date) -> int:
        rng = random.Random(f"{self._office.seed}:cdr-count:{day.isoformat()}")
        return round(self._per_day * _DAY_FACTORS[day.weekday()] * rng.uniform(0.85, 1.15))

    def _day_times(self, day: date) -> list[float]:
        """Seconds after midnight of each call that day, in order: office hours are busiest."""
        rng = random.Random(f"{self._office.seed}:cdr-times:{day.isoformat()}")
        times = []
        for _ in range(self._day_count(day)):
            if rng.random() < 0.88:
                times.append(rng.triangular(8.5 * 3600, 18.5 * 3600, 11 * 3600))
            else:
                times.append(rng.uniform(0, 86_399))
        times.sort()
        return times

    def _rows(self, index: int) -> list[CdrRow]:
        day = self._days[index]
        cached = self._cache.get(day)
        if cached is not None:
            self._cache.move_to_end(day)
            return cached
        count = self._offsets[index + 1] - self._offsets[index]
        rng = random.Random(f"{self._office.seed}:cdr:{day.isoformat()}")
        rows = []
        midnight = self._ts(day, 0.0)
        for n, t in enumerate(self._day_times(day)[:count]):
            if rng.random() < 0.03:
                plan = traffic.plan_ivr_campaign_call(rng, self._office)
            else:
                plan = traffic.plan_call(rng, self._office)
            rows.append(row_for(self._offsets[index] + n, midnight + t, plan))
        self._cache[day] = rows
        if len(self._cache) > _CACHED_DAYS:
            self._cache.popitem(last=False)
        return rows

    def add(self, row: CdrRow) -> None:
        """Remember a call that finished live."""
        self._live.append(row)
        self._live_by_id[row.id] = row

    def find(self, call_id: int) -> CdrRow | None:
        row = self._live_by_id.get(call_id)
        if row is not None:
            return row
        index = bisect.bisect_right(self._offsets, call_id) - 1
        if not 0 <= index < len(self._days) or call_id >= self._offsets[index + 1]:
            return None
        return self._rows(index)[call_id - self._offsets[index]]

    def query(self, first: datetime, last: datetime, number: str = "") -> list[CdrRow]:
        """Calls that started within [first, last] (both minutes inclusive), newest first."""
        lo = first.timestamp()
        hi = last.timestamp() + 59.999
        found: list[CdrRow] = []
        for index, day in enumerate(self._days):
            if first.date() <= day <= last.date():
                found.extend(r for r in self._rows(index) if lo <= r.start <= hi)
        found.extend(r for r in self._live if lo <= r.start <= hi)
        if number:
            found = [r for r in found if number in r.src or number in r.dst]
        found.sort(key=lambda r: (r.start, r.id), reverse=True)
        return found


def row_for(call_id: int, start: float, plan: traffic.CallPlan) -> CdrRow:
    """The CDR row of a call that followed `plan`."""
    return CdrRow(
        call_id,
        start,
        plan.kind,
        plan.src,
        plan.dst,
        plan.ring + plan.talk,
        traffic.DISPOSITIONS[plan.outcome],
        plan.queue,
        plan.recorded,
        plan.userfield,
        plan.talk,
    )
