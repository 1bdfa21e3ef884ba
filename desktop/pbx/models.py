"""What the PBX tells us, as frozen value objects (no parsing here: see wire.py)."""

from __future__ import annotations

from dataclasses import dataclass, fields, make_dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class ActiveCall:
    """A call in progress, as `activecalls` lists it."""

    channel: str
    duration: timedelta
    call_type: str
    call_info: str
    src: str
    dst: str

    @property
    def queue(self) -> str | None:
        """The queue number for `Queue(630)` calls, else None."""
        ct = self.call_type
        if ct.startswith("Queue(") and ct.endswith(")"):
            return ct[6:-1] or None
        return None


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One row of call history (`cdr`); `date` is naive PBX local time."""

    id: str
    date: datetime
    call_type: str
    src: str
    dst: str
    duration: timedelta
    disposition: str
    queue: str
    has_recording: bool
    userfield: str


# CallRecord's slot layout without the frozen guard, derived so the two cannot drift.
# A frozen dataclass's __init__ costs ~3 µs (one object.__setattr__ per field); a
# call-history reply has up to 100,000 rows. The parser fills a draft and retypes it as
# a CallRecord (same layout, so CPython allows it).
_CallRecordDraft = make_dataclass(
    "_CallRecordDraft", [(f.name, f.type) for f in fields(CallRecord)], slots=True
)


def new_call_record(
    id: str,
    date: datetime,
    call_type: str,
    src: str,
    dst: str,
    duration: timedelta,
    disposition: str,
    queue: str,
    has_recording: bool,
    userfield: str,
) -> CallRecord:
    """A CallRecord, built fast (equal to `CallRecord(...)` in every way)."""
    draft = _CallRecordDraft(
        id, date, call_type, src, dst, duration, disposition, queue, has_recording, userfield
    )
    draft.__class__ = CallRecord
    record: CallRecord = draft
    return record


@dataclass(frozen=True, slots=True)
class Extension:
    """An extension (`users`) and its registration state."""

    number: str
    name: str
    status: str
    registered: bool
    latency_ms: int | None


@dataclass(frozen=True, slots=True)
class Queue:
    """A call queue and its member extensions."""

    number: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Contact:
    """A phonebook entry: one name, one or more numbers (order kept), maybe a company."""

    name: str
    numbers: tuple[str, ...]
    company: str = ""
