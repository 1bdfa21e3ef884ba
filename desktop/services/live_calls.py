"""Who is calling me: the session's snapshots and the PBX's webhooks, turned into call events.

`IncomingCalls` feeds one `CallTracker` from both sources, tells it who "me" is (my
extension, and the queues I am a member of, from the directory), and hands the events to
a listener. The first snapshot of every new connection (start-up, reconnect, resume after
sleep) is marked as such, so calls that were already going are not announced as new.

`poll_interval` is the polling policy: about a second while someone looks or calls are
live, slower when the app is idle and out of sight.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from desktop.pbx.models import ActiveCall, Queue
from desktop.services.calls import CallEvent, CallTracker

log = logging.getLogger(__name__)

__all__ = ["IncomingCalls", "my_queues", "poll_interval"]

EventsListener = Callable[[list[CallEvent]], None]


def my_queues(extension: str, queues: Sequence[Queue]) -> frozenset[str]:
    """The numbers of the queues `extension` is a member of."""
    if not extension:
        return frozenset()
    return frozenset(q.number for q in queues if extension in q.members)


def poll_interval(*, watched: bool, calls_live: bool, active: float, idle: float) -> float:
    """Seconds to the next poll: `active` while watched or busy, else the slower `idle`."""
    return active if watched or calls_live else max(active, idle)


class IncomingCalls:
    """Snapshots and webhooks in, ringing / answered / ended events out."""

    def __init__(
        self, on_events: EventsListener, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.tracker = CallTracker()
        self._on_events = on_events
        self._clock = clock
        self._connection = -1

    def set_me(self, extension: str, queues: Sequence[Queue]) -> None:
        """My extension and, from the directory, the queues that ring me."""
        self.tracker.extension = extension
        self.tracker.queues = my_queues(extension, queues)

    def snapshot(self, calls: Sequence[ActiveCall], connection: int) -> list[CallEvent]:
        """A poll's live calls; `connection` counts the session's connections so far."""
        resumed = connection != self._connection
        self._connection = connection
        return self._emit(self.tracker.observe(calls, self._clock(), resumed=resumed))

    def call_started(self, channel: str, src: str, dst: str, call_type: str) -> list[CallEvent]:
        return self._emit(self.tracker.call_started(channel, src, dst, call_type, self._clock()))

    def call_ended(self, channel: str, status: str, duration: float) -> list[CallEvent]:
        return self._emit(self.tracker.call_ended(channel, status, duration, self._clock()))

    def _emit(self, events: list[CallEvent]) -> list[CallEvent]:
        if events:
            try:
                self._on_events(events)
            except Exception:
                log.exception("A call-event listener failed")
        return events
