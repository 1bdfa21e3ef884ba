"""Call history (`cdr`): the hot path, up to 100,000 rows (~25 MB) per reply."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import msgspec

from .errors import PbxProtocolError
from .models import CallRecord, new_call_record
from .wire import (
    charset_of,
    is_true,
    load_json,
    parse_calldate,
    parse_seconds,
    rows_of,
    text,
    unwrap,
)

log = logging.getLogger(__name__)


class _CdrRow(msgspec.Struct, gc=False):
    """A `cdr` row as sent; types are checked while converting, not here."""

    id: Any = None
    calldate: Any = None
    calltype: Any = ""
    src: Any = ""
    dst: Any = ""
    duration: Any = None
    disposition: Any = ""
    queue: Any = ""
    record: Any = None
    userfield: Any = ""


class _CdrEnvelope(msgspec.Struct, gc=False):
    success: Any = None
    count: Any = None
    data: list[_CdrRow] | None = None


_CDR_DECODER = msgspec.json.Decoder(list[_CdrEnvelope] | _CdrEnvelope)


def call_records_from_body(body: bytes, content_type: str | None = None) -> list[CallRecord]:
    """A `cdr` reply (up to 100,000 rows, ~25 MB) straight from bytes to CallRecords.

    Well-formed UTF-8 replies are decoded into typed rows without building a
    dict per row; anything else (another charset, an error envelope, odd rows)
    takes the general path, which gives the same result or the right error.
    """
    if charset_of(content_type) in (None, "utf-8", "utf8"):
        try:
            decoded = _CDR_DECODER.decode(body)
        except (msgspec.DecodeError, msgspec.ValidationError):
            decoded = None
        if isinstance(decoded, list) and len(decoded) == 1:
            decoded = decoded[0]
        if isinstance(decoded, _CdrEnvelope) and decoded.success is True:
            with _gc_paused():
                return _convert_cdr(decoded.data or [])
    return call_records(load_json(body, content_type))


def call_records(payload: Any) -> list[CallRecord]:
    """Rows of an already decoded `cdr` reply."""
    return rows_of(unwrap(payload), _call_record, "call history")


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Building 100,000 records would otherwise trigger several full collections
    # that walk every new object; none of them can be garbage yet.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _convert_cdr(rows: list[_CdrRow]) -> list[CallRecord]:
    """The hot loop: documented shapes take the fast path, the rest the general one."""
    out: list[CallRecord] = []
    append = out.append
    day_prefix: dict[str, str] = {}  # "03.09.2019" -> "2019-09-03"
    fromiso = datetime.fromisoformat
    td = timedelta
    new = new_call_record
    skipped = 0
    for row in rows:
        try:
            calldate = row.calldate
            secs = float(row.duration.replace(",", "."))
            day = calldate[:10]
            prefix = day_prefix.get(day)
            if prefix is None:
                if day[2] != "." or day[5] != "." or len(calldate) != 19:
                    raise ValueError(day)
                prefix = day_prefix[day] = f"{day[6:10]}-{day[3:5]}-{day[0:2]}"
            elif len(calldate) != 19:
                raise ValueError(day)
            record = row.record
            rec = new(
                row.id.strip(),
                fromiso(prefix + calldate[10:]),
                row.calltype.strip(),
                row.src.strip(),
                row.dst.strip(),
                td(0, secs),
                row.disposition.strip(),
                row.queue.strip(),
                record if record.__class__ is bool else is_true(record),
                row.userfield.strip(),
            )
            if not rec.id or not 0 <= secs < 1e9:
                raise ValueError(rec.id)
        except (TypeError, ValueError, OverflowError, AttributeError, IndexError):
            try:
                rec = _call_record(msgspec.structs.asdict(row))
            except (PbxProtocolError, KeyError, TypeError, ValueError, OverflowError):
                skipped += 1
                continue
        append(rec)
    if skipped:
        log.warning("Skipped %d unreadable call history row(s) of %d", skipped, len(rows))
    return out


def _call_record(row: Any) -> CallRecord:
    """The general (slow) path for one `cdr` row."""
    if not isinstance(row, dict):
        raise TypeError("row")
    rid = text(row["id"])
    if not rid:
        raise KeyError("id")
    return CallRecord(
        id=rid,
        date=parse_calldate(row.get("calldate")),
        call_type=text(row.get("calltype")),
        src=text(row.get("src")),
        dst=text(row.get("dst")),
        duration=parse_seconds(row.get("duration")),
        disposition=text(row.get("disposition")),
        queue=text(row.get("queue")),
        has_recording=is_true(row.get("record")),
        userfield=text(row.get("userfield")),
    )
