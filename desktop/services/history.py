"""Loaded call history: compact rows in time order, filters, search and sort keys.

The table model reads `HistoryRows` by index; a filter or a sort yields a list of row
indices, never copies of rows. Up to 100,000 rows stay responsive: per-row facts used by
filters are bytes, searches run in C loops (`itertools.compress`, `map`).
"""

from __future__ import annotations

import bisect
import enum
import operator
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime, timedelta
from itertools import compress, repeat
from typing import Any

from desktop.pbx.models import CallRecord

from .text_fold import fold

__all__ = [
    "Column",
    "Direction",
    "HistoryRows",
    "NameFor",
    "Outcome",
    "direction_of",
    "format_duration",
    "looks_like_extension",
    "outcome_of",
]

NameFor = Callable[[str], "str | None"]


class Direction(enum.IntEnum):
    """Which way a call went, as the History tab filters it."""

    INCOMING = 0
    OUTGOING = 1
    INTERNAL = 2


class Outcome(enum.IntEnum):
    """How a call ended (from the Asterisk disposition)."""

    ANSWERED = 0
    MISSED = 1  # NO ANSWER
    BUSY = 2
    FAILED = 3  # FAILED, and CONGESTION on newer Asterisk


class Column(enum.IntEnum):
    """The History table's columns, in their default order."""

    TIME = 0
    DIRECTION = 1
    FROM = 2
    TO = 3
    DURATION = 4
    OUTCOME = 5
    QUEUE = 6
    RECORDING = 7
    CUSTOM_DATA = 8


_OUTCOMES = {
    "ANSWERED": Outcome.ANSWERED,
    "ANSWER": Outcome.ANSWERED,
    "NO ANSWER": Outcome.MISSED,
    "NOANSWER": Outcome.MISSED,
    "CANCEL": Outcome.MISSED,
    "BUSY": Outcome.BUSY,
}


def looks_like_extension(number: str) -> bool:
    """An internal number: 2 to 5 digits (used when the extension list is not known)."""
    return 2 <= len(number) <= 5 and number.isascii() and number.isdigit()


def outcome_of(record: CallRecord) -> Outcome:
    """The outcome of a call; dispositions other than the three known ones count as failed."""
    return _OUTCOMES.get(record.disposition.upper(), Outcome.FAILED)


def direction_of(
    record: CallRecord, is_extension: Callable[[str], bool] = looks_like_extension
) -> Direction:
    """Incoming / outgoing from `calltype` (sic "outcoming"); internal when both ends are ours."""
    kind = record.call_type.lower()
    if kind == "internal" or (is_extension(record.src) and is_extension(record.dst)):
        return Direction.INTERNAL
    if kind == "incoming":
        return Direction.INCOMING
    if kind in ("outcoming", "outgoing"):
        return Direction.OUTGOING
    return Direction.OUTGOING if is_extension(record.src) else Direction.INCOMING


def format_duration(value: timedelta | float) -> str:
    """h:mm:ss, hours unbounded (a 26-hour conference reads 26:00:00); seconds truncated."""
    seconds = value.total_seconds() if isinstance(value, timedelta) else value
    s = max(0, int(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _no_names(number: str) -> str | None:
    return None


def _order(rec: CallRecord) -> tuple[datetime, int, str]:
    # Calls in the same second are ordered by id as the PBX numbers them (1 < 2 < 10).
    return (rec.date, len(rec.id), rec.id)


_OUTCOME_OF_FACT = bytes(code & 3 for code in range(256))
_NUMBER_QUERY_CHARS = frozenset("+0123456789 -()/.")


class HistoryRows:
    """The loaded rows in time order (oldest first), with one byte of facts per row.

    Rows arrive piece by piece, in any order; a row already held (same id) is skipped.
    """

    def __init__(
        self,
        *,
        is_extension: Callable[[str], bool] = looks_like_extension,
        name_for: NameFor = _no_names,
    ) -> None:
        self._is_extension = is_extension
        self._name_for = name_for
        self._records: list[CallRecord] = []
        self._ids: set[str] = set()
        # direction * 4 + outcome: filters test it with a 12-entry table, in C.
        self._facts = bytearray()
        self._search: list[str] | None = None  # folded search text per row, made on demand

    # ------------------------------------------------------------ reading
    def __len__(self) -> int:
        return len(self._records)

    def row(self, index: int) -> CallRecord:
        """The record shown in row `index` (time order)."""
        return self._records[index]

    def records(self) -> Sequence[CallRecord]:
        """All rows in time order (read-only view for export and summaries)."""
        return self._records

    def direction(self, index: int) -> Direction:
        return Direction(self._facts[index] >> 2)

    def outcome(self, index: int) -> Outcome:
        return Outcome(self._facts[index] & 3)

    def outcome_codes(self) -> bytes:
        """Each row's `Outcome` as one byte, in row order (for summaries)."""
        return bytes(self._facts.translate(_OUTCOME_OF_FACT))

    def name_for(self, number: str) -> str | None:
        """The contact name shown next to a number, if one is known."""
        return self._name_for(number) if number else None

    # ------------------------------------------------------------ filling
    def clear(self) -> None:
        """Forget every row (a new period is being loaded)."""
        self._records = []
        self._ids = set()
        self._facts = bytearray()
        self._search = None

    def set_name_for(self, name_for: NameFor) -> None:
        """Use another name lookup (the phonebook changed): searches see the new names."""
        self._name_for = name_for
        self._search = None

    def add(self, records: Iterable[CallRecord]) -> tuple[int, int] | None:
        """Add rows; returns (first index, count) where they were inserted as one block,
        or None when they were spread among the rows already held (the model resets).
        """
        ids = self._ids
        fresh: list[CallRecord] = []
        for rec in records:
            if rec.id not in ids:
                ids.add(rec.id)
                fresh.append(rec)
        if not fresh:
            return (len(self._records), 0)
        fresh.sort(key=_order)  # the PBX sends newest first
        held = self._records
        at = bisect.bisect_right(held, _order(fresh[0]), key=_order)
        facts = self._facts_of(fresh)
        if at == len(held) or _order(held[at]) > _order(fresh[-1]):
            # A piece covers its own stretch of time: it slots in as one block.
            held[at:at] = fresh
            self._facts[at:at] = facts
            if self._search is not None:
                self._search[at:at] = self._search_texts(fresh)
            return (at, len(fresh))
        merged = sorted(zip(held + fresh, self._facts + facts, strict=True), key=_merge_key)
        self._records = [rec for rec, _ in merged]
        self._facts = bytearray(fact for _, fact in merged)
        self._search = None
        return None

    def _facts_of(self, records: Sequence[CallRecord]) -> bytes:
        is_ext = self._is_extension
        outcomes = _OUTCOMES
        failed = Outcome.FAILED
        return bytes(
            direction_of(r, is_ext) * 4 + outcomes.get(r.disposition.upper(), failed)
            for r in records
        )

    # ------------------------------------------------------------ filtering
    def matching(
        self,
        directions: Collection[Direction] | None = None,
        outcomes: Collection[Outcome] | None = None,
        text: str = "",
    ) -> list[int]:
        """Indices (time order) of rows passing the direction and outcome filters (None: any)
        and containing every word of `text` in a number, a name or the custom data.
        """
        n = len(self._records)
        rows: Iterable[int] = range(n)
        if directions is not None or outcomes is not None:
            table = bytes(
                (directions is None or (code >> 2) in directions)
                and (outcomes is None or (code & 3) in outcomes)
                for code in range(256)
            )
            rows = compress(rows, self._facts.translate(table))
        for needle in _needles(text):
            texts = self._search_texts_all()
            if isinstance(rows, range):
                rows = compress(rows, map(operator.contains, texts, repeat(needle)))
            else:
                rows = [i for i in rows if needle in texts[i]]
        return list(rows)

    def _search_texts_all(self) -> list[str]:
        if self._search is None:
            self._search = self._search_texts(self._records)
        return self._search

    def _search_texts(self, records: Sequence[CallRecord]) -> list[str]:
        names: dict[str, str] = {}
        lookup = self._name_for

        def name(number: str) -> str:
            found = names.get(number)
            if found is None:
                found = names[number] = (lookup(number) or "") if number else ""
            return found

        # One folded string per row; "\n" keeps a word from matching across two fields.
        return [
            fold(f"{r.src}\n{r.dst}\n{name(r.src)}\n{name(r.dst)}\n{r.userfield}\n{r.queue}")
            for r in records
        ]

    # ------------------------------------------------------------ sorting
    def sort_key(self, column: Column) -> Callable[[int], Any]:
        """A key over row indices that sorts `column` as a user expects."""
        recs = self._records
        if column is Column.TIME:
            return _identity  # rows are held in time order
        if column is Column.DIRECTION:
            facts = self._facts
            return lambda i: facts[i] >> 2
        if column is Column.OUTCOME:
            facts = self._facts
            return lambda i: facts[i] & 3
        if column is Column.DURATION:
            return lambda i: recs[i].duration
        if column is Column.RECORDING:
            return lambda i: recs[i].has_recording
        if column is Column.QUEUE:
            return lambda i: _natural(recs[i].queue)
        if column is Column.CUSTOM_DATA:
            return lambda i: fold(recs[i].userfield)
        shown: dict[str, tuple[int, str]] = {}

        def party(number: str) -> tuple[int, str]:
            # Named parties first, by name; then bare numbers.
            key = shown.get(number)
            if key is None:
                name = self.name_for(number)
                key = shown[number] = (0, fold(name)) if name else (1, number)
            return key

        if column is Column.FROM:
            return lambda i: party(recs[i].src)
        return lambda i: party(recs[i].dst)

    def sorted_indices(
        self, indices: Iterable[int], column: Column, descending: bool = False
    ) -> list[int]:
        """`indices` ordered by `column`; equal values keep time order (stable)."""
        return sorted(indices, key=self.sort_key(column), reverse=descending)


def _identity(i: int) -> int:
    return i


def _natural(text: str) -> tuple[int, int, str]:
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def _merge_key(item: tuple[CallRecord, int]) -> tuple[datetime, int, str]:
    return _order(item[0])


def _needles(text: str) -> list[str]:
    """The folded words of a search; a phone number typed with spaces is one word."""
    text = text.strip()
    if not text:
        return []
    if set(text) <= _NUMBER_QUERY_CHARS and any(c.isdigit() for c in text):
        return ["".join(c for c in text if c.isdigit() or c == "+")]
    return fold(text).split()
