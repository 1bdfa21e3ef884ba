"""Call events from `activecalls` snapshots and PBX webhooks: ringing, answered, ended.

A call is its channel. Each call yields at most one event of each kind, in the order
ringing -> answered -> ended, from whichever source reports the change first; what the other
source says later about the same change is merged in silently.

- A call first seen already talking yields "answered" without "ringing".
- A call gone from a snapshot has ended. A call known only from a start webhook ends once it
  is missing from two snapshots after the webhook: the first may have been asked for before
  the call began (polls never overlap, so the second cannot have been).
- A hang-up webhook ends a call at once; its status ANSWER counts as answered. A hang-up for
  a call never seen is remembered (so nothing resurrects it) but yields nothing: it says
  neither who called nor whom.
- Ended channels are remembered for `ENDED_MEMORY_SECONDS` (at most `ENDED_MEMORY_SIZE`), so
  a late webhook or a snapshot asked for before the hang-up cannot bring a call back.
- A transfer keeps the channel, so it yields no new events: a call answered once stays
  answered. An attended transfer's consultation call is a call (channel) of its own.
- After a gap (sleep, reconnect) pass `resumed=True` with the first snapshot: calls already
  ringing for longer than `resume_ring_limit` are recorded without a "ringing" event (no
  popup for a caller who has waited that long before we were back); they still end, and
  count as missed if nobody answers. Known calls that vanished during the gap end.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from desktop.pbx.models import ActiveCall

RINGING: Literal["ringing"] = "ringing"
ANSWERED: Literal["answered"] = "answered"
ENDED: Literal["ended"] = "ended"
EventKind = Literal["ringing", "answered", "ended"]

ENDED_MEMORY_SECONDS = 600.0
ENDED_MEMORY_SIZE = 2000
RESUME_RING_LIMIT = 30.0
_MISSING_SNAPSHOTS_TO_END = 2  # for calls known only from a start webhook
# `callinfo` words for a call someone has picked up; anything else (Ringing, Dialing, Ring,
# Down...) is still waiting for an answer.
_TALKING = frozenset({"talking", "up", "answered", "bridged", "connected"})
_ANSWER_STATUS = "ANSWER"


def is_talking(call_info: str) -> bool:
    """Whether an `activecalls` callinfo says the call has been answered."""
    return call_info.strip().lower() in _TALKING


def queue_of(call_type: str) -> str | None:
    """The queue number of a `Queue(630)` call type, else None."""
    if call_type.startswith("Queue(") and call_type.endswith(")"):
        return call_type[6:-1].strip() or None
    return None


@dataclass(frozen=True, slots=True)
class CallEvent:
    """Something a user notices about one call.

    `number` is the other party (seen from my extension); `answered` says whether anyone
    has answered so far (on "ended": whether anyone answered at all); `missed` is set on an
    "ended" call that was for me and that nobody answered. `src` and `dst` are the latest
    the PBX said (after an answer, `dst` is who picked up); they take no part in equality.
    """

    kind: EventKind
    channel: str
    number: str
    queue: str | None
    for_me: bool
    answered: bool = False
    missed: bool = False
    src: str = field(default="", compare=False)
    dst: str = field(default="", compare=False)


@dataclass(slots=True)
class _Call:
    channel: str
    src: str
    dst: str
    queue: str | None
    first_at: float
    for_me: bool = False
    rang: bool = False  # "ringing" sent, or deliberately skipped
    answered: bool = False  # "answered" sent
    in_snapshot: bool = False
    missing: int = 0  # snapshots in a row without it (webhook-only calls)


class CallTracker:
    """Turns snapshots and webhooks into ringing / answered / ended events (no I/O)."""

    def __init__(
        self,
        extension: str = "",
        queues: Iterable[str] = frozenset(),
        *,
        resume_ring_limit: float = RESUME_RING_LIMIT,
    ) -> None:
        self._extension = extension.strip()
        self._queues = frozenset(q.strip() for q in queues)
        self.resume_ring_limit = resume_ring_limit
        self._live: dict[str, _Call] = {}
        self._ended: OrderedDict[str, float] = OrderedDict()  # channel -> when it ended

    # -- who I am -----------------------------------------------------------------------
    @property
    def extension(self) -> str:
        return self._extension

    @extension.setter
    def extension(self, value: str) -> None:
        self._extension = value.strip()

    @property
    def queues(self) -> frozenset[str]:
        return self._queues

    @queues.setter
    def queues(self, value: Iterable[str]) -> None:
        self._queues = frozenset(q.strip() for q in value)

    @property
    def live_channels(self) -> frozenset[str]:
        """The channels of the calls in progress, as far as the tracker knows."""
        return frozenset(self._live)

    # -- sources ------------------------------------------------------------------------
    def observe(
        self, calls: Sequence[ActiveCall], at: float, *, resumed: bool = False
    ) -> list[CallEvent]:
        """Events from one `activecalls` snapshot; `resumed` for the first after a gap."""
        self._forget_old(at)
        events: list[CallEvent] = []
        seen: set[str] = set()
        for row in calls:
            channel = row.channel
            if not channel or channel in self._ended:
                continue
            seen.add(channel)
            talking = is_talking(row.call_info)
            call = self._live.get(channel)
            if call is None:
                call = _Call(channel, row.src, row.dst, queue_of(row.call_type), at)
                self._live[channel] = call
                if resumed and not talking:
                    call.rang = row.duration.total_seconds() > self.resume_ring_limit
            else:
                call.src, call.dst = row.src or call.src, row.dst or call.dst
                call.queue = call.queue or queue_of(row.call_type)
            call.in_snapshot = True
            call.missing = 0
            self._update_for_me(call)
            if talking and not call.answered:
                call.rang = call.answered = True
                events.append(self._event(ANSWERED, call))
            elif not call.rang:
                call.rang = True
                events.append(self._event(RINGING, call))
        for call in [c for c in self._live.values() if c.channel not in seen]:
            if not call.in_snapshot:
                call.missing += 1
                if call.missing < _MISSING_SNAPSHOTS_TO_END:
                    continue
            events.append(self._end(call, at, answered=call.answered))
        return events

    def call_started(
        self, channel: str, src: str, dst: str, call_type: str, at: float
    ) -> list[CallEvent]:
        """Events from a call-start webhook (`type` is incoming / outcoming / internal)."""
        self._forget_old(at)
        if not channel or channel in self._ended:
            return []
        call = self._live.get(channel)
        if call is not None:  # the snapshot was first: fill in only what it lacked
            call.src, call.dst = call.src or src, call.dst or dst
            self._update_for_me(call)
            return []
        # The webhook's type says nothing of queues; a queue of mine is known by its number.
        queue = queue_of(call_type) or (dst if dst in self._queues else None)
        call = _Call(channel, src, dst, queue, at, rang=True)
        self._live[channel] = call
        self._update_for_me(call)
        return [self._event(RINGING, call)]

    def call_ended(self, channel: str, status: str, duration: float, at: float) -> list[CallEvent]:
        """Events from a hang-up webhook (status ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION)."""
        del duration  # the PBX's count of seconds; nothing here depends on it
        self._forget_old(at)
        if not channel or channel in self._ended:
            return []
        call = self._live.get(channel)
        if call is None:
            self._remember_ended(channel, at)
            return []
        answered = call.answered or status.strip().upper() == _ANSWER_STATUS
        return [self._end(call, at, answered=answered)]

    # -- inside -------------------------------------------------------------------------
    def _update_for_me(self, call: _Call) -> None:
        # Sticky: a call that rang me stays mine after a colleague picks it up.
        if call.for_me or not (call.src or call.dst):
            return
        me = self._extension
        if me and call.src == me:
            return  # I placed it
        rings_me = bool(me) and call.dst == me
        my_queue = call.queue in self._queues or call.dst in self._queues
        call.for_me = rings_me or my_queue

    def _number(self, call: _Call) -> str:
        if self._extension and call.src == self._extension:
            return call.dst
        return call.src

    def _event(
        self, kind: EventKind, call: _Call, *, answered: bool | None = None, missed: bool = False
    ) -> CallEvent:
        return CallEvent(
            kind,
            call.channel,
            self._number(call),
            call.queue,
            call.for_me,
            call.answered if answered is None else answered,
            missed,
            call.src,
            call.dst,
        )

    def _end(self, call: _Call, at: float, *, answered: bool) -> CallEvent:
        del self._live[call.channel]
        self._remember_ended(call.channel, at)
        missed = call.for_me and not answered
        return self._event(ENDED, call, answered=answered, missed=missed)

    def _remember_ended(self, channel: str, at: float) -> None:
        self._ended[channel] = at
        self._ended.move_to_end(channel)
        while len(self._ended) > ENDED_MEMORY_SIZE:
            self._ended.popitem(last=False)

    def _forget_old(self, at: float) -> None:
        limit = at - ENDED_MEMORY_SECONDS
        while self._ended:
            channel, ended_at = next(iter(self._ended.items()))
            if ended_at >= limit:
                break
            del self._ended[channel]
