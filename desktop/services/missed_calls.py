"""The missed-calls list: newest first, counted until seen, kept across restarts.

Saved as JSON (temp file + os.replace, never half-written); a damaged or unreadable file
starts an empty list. At most `LIMIT` calls are kept.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .calls import CallEvent

log = logging.getLogger(__name__)

LIMIT = 200
_VERSION = 1


@dataclass(frozen=True, slots=True)
class MissedCall:
    """One missed call: who, when (wall clock, aware), through which queue."""

    number: str
    name: str
    when: datetime
    queue: str | None
    channel: str
    seen: bool = False


def _to_json(call: MissedCall) -> dict[str, Any]:
    return {
        "number": call.number,
        "name": call.name,
        "when": call.when.isoformat(),
        "queue": call.queue,
        "channel": call.channel,
        "seen": call.seen,
    }


def _from_json(item: Any) -> MissedCall | None:
    if not isinstance(item, dict):
        return None
    number, name, when = item.get("number"), item.get("name", ""), item.get("when")
    queue, channel, seen = item.get("queue"), item.get("channel", ""), item.get("seen", False)
    if not isinstance(number, str) or not isinstance(name, str) or not isinstance(when, str):
        return None
    if not (queue is None or isinstance(queue, str)) or not isinstance(channel, str):
        return None
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return MissedCall(number, name, moment, queue, channel, seen is True)


class MissedCalls:
    """The list; `path=None` keeps it in memory only (demo mode)."""

    def __init__(
        self,
        path: Path | None,
        *,
        limit: int = LIMIT,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._path = path
        self._limit = limit
        self._now = now
        self._calls: list[MissedCall] = self._load()[:limit]

    @property
    def calls(self) -> tuple[MissedCall, ...]:
        """Newest first."""
        return tuple(self._calls)

    @property
    def unseen_count(self) -> int:
        return sum(1 for c in self._calls if not c.seen)

    def add(self, event: CallEvent, name: str = "") -> MissedCall | None:
        """Record a missed "ended" event (other events, and repeats, are ignored)."""
        if event.kind != "ended" or not event.missed:
            return None
        if any(c.channel == event.channel for c in self._calls if event.channel):
            return None
        call = MissedCall(event.number, name, self._now(), event.queue, event.channel)
        self._calls.insert(0, call)
        del self._calls[self._limit :]
        self._save()
        return call

    def mark_seen(self) -> None:
        """The user has looked at the list: the count goes to zero."""
        if self.unseen_count:
            self._calls = [
                c if c.seen else MissedCall(c.number, c.name, c.when, c.queue, c.channel, True)
                for c in self._calls
            ]
            self._save()

    def clear(self) -> None:
        self._calls = []
        self._save()

    # -- the file -----------------------------------------------------------------------
    def _load(self) -> list[MissedCall]:
        if self._path is None:
            return []
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            log.warning(
                "the missed-calls list could not be read (%s); starting empty", type(exc).__name__
            )
            return []
        items = data.get("calls") if isinstance(data, dict) else None
        if not isinstance(items, list):
            log.warning("the missed-calls list is damaged; starting empty")
            return []
        loaded = [c for c in (_from_json(i) for i in items) if c is not None]
        loaded.sort(key=lambda c: c.when, reverse=True)
        return loaded

    def _save(self) -> None:
        if self._path is None:
            return
        payload = {"version": _VERSION, "calls": [_to_json(c) for c in self._calls]}
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".missed-", suffix=".tmp", dir=self._path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(payload, f, ensure_ascii=False)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(temp, self._path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError as exc:
            # The list stays right in memory; only keeping it across a restart failed.
            log.warning("the missed-calls list could not be saved: %s", type(exc).__name__)
