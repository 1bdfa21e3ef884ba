"""The IEXPBX wire format: the JSON envelope and the fields inside it.

Strict where the facts are firm, forgiving where the vendor's servers disagree
(see api-notes.md): both envelopes, string counts, decimal-comma durations,
`h:mm:ss` beyond 24 hours, registration states with and without latency,
padded member lists and declared charsets. Every failure is a PbxError.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from .errors import ErrorCode, PbxApiError, PbxAuthError, PbxProtocolError
from .models import ActiveCall, Extension, Queue

log = logging.getLogger(__name__)

T = TypeVar("T")

# What the PBX says when the API user or password is wrong (Turkish and English
# variants seen on IEXPBX installations); anything else is a plain API refusal.
_AUTH_HINTS = ("şifre", "sifre", "kullanıcı adı", "password", "unauthor", "authenticat", "login")

_ZERO = timedelta(0)


# ---------------------------------------------------------------- decoding
def decode_text(body: bytes, content_type: str | None) -> str:
    """Decode a reply as its Content-Type declares (UTF-8 when it declares nothing)."""
    charset = charset_of(content_type) or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise PbxProtocolError(
            f"The PBX answered in an unknown character set ({charset[:40]}).",
            code=ErrorCode.UNREADABLE_TEXT,
        ) from None
    try:
        text = body.decode(charset)
    except UnicodeDecodeError:
        raise PbxProtocolError(
            f"The PBX's answer is not valid {charset[:40]} text.", code=ErrorCode.UNREADABLE_TEXT
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def charset_of(content_type: str | None) -> str | None:
    """The `charset=` parameter of a Content-Type header, lower-cased, if any."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'").lower() or None
    return None


def load_json(body: bytes, content_type: str | None = None) -> Any:
    """Parse a JSON reply; HTML pages, empty and torn bodies become PbxProtocolError."""
    stripped = body.lstrip()
    if not stripped:
        raise PbxProtocolError("The PBX sent an empty answer.", code=ErrorCode.EMPTY_REPLY)
    if stripped[:1] == b"<":
        raise PbxProtocolError(
            "The PBX sent a web page instead of data. A proxy or the PBX's web server "
            "may be failing.",
            code=ErrorCode.WEB_PAGE,
        )
    charset = charset_of(content_type)
    try:
        if charset is None or charset in ("utf-8", "utf8"):
            # json.loads on bytes also handles a UTF-8 BOM and UTF-16/32.
            return json.loads(body[3:] if body[:3] == codecs.BOM_UTF8 else body)
        return json.loads(decode_text(body, content_type))
    except RecursionError:
        raise PbxProtocolError("The PBX sent data nested too deeply to read.") from None
    except (ValueError, UnicodeError):
        raise PbxProtocolError(
            "The PBX's answer could not be read (it is incomplete or not JSON)."
        ) from None


# ---------------------------------------------------------------- envelope
def unwrap(payload: Any) -> list[Any]:
    """Return the `data` rows of a successful envelope; raise for a refusal.

    Accepts `[{"success":…, "data":[…]}]` (the vendor page) and the bare object
    (the vendor's own samples). `count` is ignored: `len(data)` is the truth.
    """
    env = _envelope_object(payload)
    if not is_true(env.get("success")):
        raise api_refusal(env)
    data = env.get("data", [])
    if data is None:
        return []
    if isinstance(data, dict):
        # A single row sent as an object instead of a one-element list.
        return [data]
    if not isinstance(data, list):
        raise PbxProtocolError("The PBX's answer has no list of results.")
    return data


def check_success(payload: Any) -> None:
    """For actions (hang up, dial…): `success: true` is done, anything else a refusal."""
    env = _envelope_object(payload)
    if not is_true(env.get("success")):
        raise api_refusal(env)


def _envelope_object(payload: Any) -> dict[str, Any]:
    if isinstance(payload, list):
        if len(payload) == 1 and isinstance(payload[0], dict):
            payload = payload[0]
        elif not payload:
            raise PbxProtocolError("The PBX sent an empty answer.", code=ErrorCode.EMPTY_REPLY)
    if not isinstance(payload, dict) or "success" not in payload:
        raise PbxProtocolError("The PBX's answer is not in the expected format.")
    return payload


def api_refusal(env: dict[str, Any]) -> PbxApiError | PbxAuthError:
    """Turn a `success: false` envelope into the matching error, keeping its message."""
    said = server_message(env)
    if said and any(hint in said.casefold() for hint in _AUTH_HINTS):
        return PbxAuthError(
            f"The PBX rejected the user name or password ({said}).", server_message=said
        )
    if said:
        return PbxApiError(f"The PBX refused the request: {said}", server_message=said)
    return PbxApiError("The PBX refused the request without saying why.")


def server_message(env: dict[str, Any]) -> str:
    """The server's own message, cleaned for display (never echoing long bodies)."""
    for key in ("message", "msg", "error", "errorMessage", "description"):
        value = env.get(key)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= 200 else text[:199] + "…"
    return ""


# ---------------------------------------------------------------- scalars
def is_true(value: Any) -> bool:
    """JSON true, or the strings/numbers servers use for it."""
    if value is True:
        return True
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "evet", "ok")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value == 1
    return False


def text(value: Any) -> str:
    """A display string for any scalar (None → "")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return ""


def parse_hms(value: Any) -> timedelta:
    """`00:01:14`, `1:02:03`, `27:00:05` (hours beyond 24), `01:14` → timedelta."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(seconds=max(0.0, float(value)))
    s = text(value)
    if not s:
        return _ZERO
    parts = s.split(":")
    try:
        if len(parts) == 3:
            h, m, sec = int(parts[0]), int(parts[1]), float(parts[2].replace(",", "."))
        elif len(parts) == 2:
            h, m, sec = 0, int(parts[0]), float(parts[1].replace(",", "."))
        elif len(parts) == 1:
            h, m, sec = 0, 0, float(parts[0].replace(",", "."))
        else:
            raise ValueError
    except ValueError:
        raise PbxProtocolError(f"The PBX sent an unreadable duration ({s[:20]}).") from None
    if h < 0 or m < 0 or sec < 0 or sec != sec or sec == float("inf"):
        raise PbxProtocolError(f"The PBX sent an unreadable duration ({s[:20]}).")
    return timedelta(hours=h, minutes=m, seconds=sec)


def parse_seconds(value: Any) -> timedelta:
    """CDR durations: seconds with a decimal comma (`85,6972`), or a plain number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        secs = float(value)
    else:
        s = text(value)
        if not s:
            return _ZERO
        if ":" in s:
            return parse_hms(s)
        try:
            secs = float(s.replace(",", "."))
        except ValueError:
            raise PbxProtocolError(f"The PBX sent an unreadable duration ({s[:20]}).") from None
    if not 0 <= secs < 10**9:  # also rejects NaN
        raise PbxProtocolError("The PBX sent an impossible call duration.")
    return timedelta(seconds=secs)


def parse_calldate(value: Any) -> datetime:
    """`03.09.2019 12:30:38` (PBX local time, naive); ISO `2019-09-03 12:30:38` too."""
    s = text(value)
    try:
        if len(s) == 19 and s[2] == "." and s[5] == "." and s[10] == " ":
            return datetime(
                int(s[6:10]), int(s[3:5]), int(s[0:2]), int(s[11:13]), int(s[14:16]), int(s[17:19])
            )
        for fmt in (
            "%d.%m.%Y %H:%M:%S",
            "%d.%m.%Y %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
        ):
            try:
                return datetime.strptime(s, fmt)
            except ValueError:
                continue
    except ValueError:
        pass
    raise PbxProtocolError(f"The PBX sent an unreadable call date ({s[:25]}).")


def format_query_date(value: datetime) -> str:
    """The `date1`/`date2` format: ddMMyyyyHHmm, 24-hour, PBX local time."""
    return value.strftime("%d%m%Y%H%M")


_LATENCY = re.compile(r"\(\s*(\d+(?:[.,]\d+)?)\s*ms\s*\)", re.IGNORECASE)
# Peer states that mean "registered and answering" (chan_sip and PJSIP wording).
_REGISTERED_STATES = ("OK", "LAGGED", "REACHABLE", "AVAIL", "AVAILABLE", "REGISTERED", "NOT_INUSE")


def parse_regstatus(value: Any) -> tuple[bool, int | None]:
    """`OK (93 ms)` → (True, 93); `UNREACHABLE` → (False, None); `Unmonitored` → (False, None).

    `Unmonitored` means the PBX does not qualify the peer, so it says nothing about
    registration: it is shown as its raw text and not counted as registered.
    """
    s = text(value)
    m = _LATENCY.search(s)
    latency = round(float(m.group(1).replace(",", "."))) if m else None
    word = s.split("(", 1)[0].strip().upper().replace(" ", "_")
    return word in _REGISTERED_STATES, latency


def parse_members(value: Any) -> tuple[str, ...]:
    """`100,101,102`, ` 100, 101 ,`, `100;101`, `` → ordered, de-duplicated members."""
    if isinstance(value, list):
        items: Iterable[str] = (text(v) for v in value)
    else:
        items = re.split(r"[,;\s]+", text(value))
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


# ---------------------------------------------------------------- rows
def rows_of(rows: list[Any], build: Callable[[dict[str, Any]], T], what: str) -> list[T]:
    """Build a model per row; a row that cannot be read is skipped and counted."""
    out: list[T] = []
    skipped = 0
    append = out.append
    for row in rows:
        if not isinstance(row, dict):
            skipped += 1
            continue
        try:
            append(build(row))
        except (PbxProtocolError, KeyError, TypeError, ValueError, OverflowError):
            skipped += 1
    if skipped:
        log.warning("Skipped %d unreadable %s row(s) of %d", skipped, what, len(rows))
    return out


def _active_call(row: dict[str, Any]) -> ActiveCall:
    channel = text(row["channel"])
    if not channel:
        raise KeyError("channel")
    return ActiveCall(
        channel=channel,
        duration=parse_hms(row.get("duration")),
        call_type=text(row.get("calltype")),
        call_info=text(row.get("callinfo")),
        src=text(row.get("src")),
        dst=text(row.get("dst")),
    )


def active_calls(payload: Any) -> list[ActiveCall]:
    """Rows of `activecalls`."""
    return rows_of(unwrap(payload), _active_call, "active call")


def _extension(row: dict[str, Any]) -> Extension:
    number = text(row["username"])
    if not number:
        raise KeyError("username")
    status = text(row.get("regstatus"))
    registered, latency = parse_regstatus(status)
    return Extension(
        number=number,
        name=text(row.get("name")),
        status=status,
        registered=registered,
        latency_ms=latency,
    )


def extensions(payload: Any) -> list[Extension]:
    """Rows of `users`."""
    return rows_of(unwrap(payload), _extension, "extension")


def _queue(row: dict[str, Any]) -> Queue:
    number = text(row["queuenumber"])
    if not number:
        raise KeyError("queuenumber")
    return Queue(
        number=number, name=text(row.get("name")), members=parse_members(row.get("internal"))
    )


def queues(payload: Any) -> list[Queue]:
    """Rows of `queues`."""
    return rows_of(unwrap(payload), _queue, "queue")
