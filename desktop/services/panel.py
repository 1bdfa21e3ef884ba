"""The operator panel's state: who is registered, free, ringing or talking, who waits where.

Pure functions over the PBX's plain data (`users`, `queues`, `activecalls`); the widgets
show what they return.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from desktop.pbx.models import ActiveCall, Extension, Queue

from .calls import is_talking, queue_of

Registration = Literal["registered", "lagged", "unreachable", "unknown"]
LineState = Literal["free", "ringing", "talking"]

_UNREACHABLE_WORDS = frozenset({"UNREACHABLE", "UNREGISTERED", "UNAVAILABLE", "UNAVAIL"})
_RANK = {"free": 0, "ringing": 1, "talking": 2}


@dataclass(frozen=True, slots=True)
class ExtensionState:
    """One tile: registration, and what the line is doing (with whom, for how long)."""

    number: str
    name: str
    registration: Registration
    latency_ms: int | None
    state: LineState
    other_party: str  # "" when free
    since: timedelta  # how long the current call has been going; zero when free


@dataclass(frozen=True, slots=True)
class QueueState:
    """One queue on the board: its members' states and the callers waiting."""

    number: str
    name: str
    members: tuple[ExtensionState, ...]
    waiting: tuple[ActiveCall, ...]  # longest wait first
    longest_wait: timedelta | None


def registration(extension: Extension) -> Registration:
    """Registered, lagged (slow to answer), unreachable, or unknown (not monitored)."""
    word = extension.status.split("(", 1)[0].strip().upper()
    if word == "LAGGED":
        return "lagged"
    if extension.registered:
        return "registered"
    if word in _UNREACHABLE_WORDS:
        return "unreachable"
    return "unknown"


def _lines(calls: Iterable[ActiveCall]) -> dict[str, tuple[LineState, str, timedelta]]:
    """Per number: its busiest line (talking before ringing, then the longest call)."""
    lines: dict[str, tuple[LineState, str, timedelta]] = {}
    for call in calls:
        state: LineState = "talking" if is_talking(call.call_info) else "ringing"
        for number, other in ((call.src, call.dst), (call.dst, call.src)):
            if not number:
                continue
            best = lines.get(number)
            candidate = (state, other, call.duration)
            if best is None or (_RANK[state], call.duration) > (_RANK[best[0]], best[2]):
                lines[number] = candidate
    return lines


def _state(
    number: str,
    name: str,
    reg: Registration,
    latency: int | None,
    lines: dict[str, tuple[LineState, str, timedelta]],
) -> ExtensionState:
    line = lines.get(number)
    if line is None:
        return ExtensionState(number, name, reg, latency, "free", "", timedelta(0))
    return ExtensionState(number, name, reg, latency, line[0], line[1], line[2])


def extension_states(
    extensions: Sequence[Extension], calls: Sequence[ActiveCall]
) -> list[ExtensionState]:
    """Every extension's tile, in the order given."""
    lines = _lines(calls)
    return [_state(e.number, e.name, registration(e), e.latency_ms, lines) for e in extensions]


def queue_states(
    queues: Sequence[Queue], extensions: Sequence[Extension], calls: Sequence[ActiveCall]
) -> list[QueueState]:
    """Every queue: members (unknown numbers too), callers not yet answered, longest wait."""
    lines = _lines(calls)
    by_number = {e.number: e for e in extensions}
    waiting: dict[str, list[ActiveCall]] = {}
    for call in calls:
        queue = queue_of(call.call_type)
        if queue is not None and not is_talking(call.call_info):
            waiting.setdefault(queue, []).append(call)
    boards = []
    for q in queues:
        members = []
        for number in q.members:
            e = by_number.get(number)
            if e is None:
                members.append(_state(number, "", "unknown", None, lines))
            else:
                members.append(_state(number, e.name, registration(e), e.latency_ms, lines))
        callers = sorted(waiting.get(q.number, ()), key=lambda c: c.duration, reverse=True)
        longest = callers[0].duration if callers else None
        boards.append(QueueState(q.number, q.name, tuple(members), tuple(callers), longest))
    return boards
