"""Who is calling me: snapshots and webhooks in, call events out; the polling policy."""

from __future__ import annotations

from datetime import timedelta

from desktop.pbx.models import ActiveCall, Queue
from desktop.services.calls import CallEvent
from desktop.services.live_calls import IncomingCalls, my_queues, poll_interval

SALES = Queue("630", "Satış", ("101", "102"))
SUPPORT = Queue("632", "Destek", ("105",))


def ringing(channel: str, src: str, dst: str, *, seconds: int = 2, queue: str = "") -> ActiveCall:
    call_type = f"Queue({queue})" if queue else "incoming"
    return ActiveCall(channel, timedelta(seconds=seconds), call_type, "Ringing", src, dst)


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


def test_my_queues_are_those_i_am_a_member_of() -> None:
    assert my_queues("101", [SALES, SUPPORT]) == {"630"}
    assert my_queues("", [SALES]) == frozenset()


def test_a_call_through_my_queue_rings_me_once_whatever_reports_it() -> None:
    events: list[CallEvent] = []
    calls = IncomingCalls(events.extend, clock=Clock())
    calls.set_me("101", [SALES, SUPPORT])
    calls.call_started("SIP/trunk-1", "905321234567", "630", "incoming")
    calls.snapshot([ringing("SIP/trunk-1", "905321234567", "630", queue="630")], connection=1)
    calls.snapshot([ringing("SIP/trunk-1", "905321234567", "630", queue="630")], connection=1)
    rings = [e for e in events if e.kind == "ringing"]
    assert len(rings) == 1 and rings[0].for_me and rings[0].number == "905321234567"


def test_calls_long_going_before_a_reconnect_are_not_announced_as_new() -> None:
    events: list[CallEvent] = []
    calls = IncomingCalls(events.extend, clock=Clock())
    calls.set_me("101", [])
    old = ringing("SIP/trunk-2", "905321234567", "101", seconds=300)
    calls.snapshot([old], connection=2)  # the first poll after waking up
    assert not [e for e in events if e.kind == "ringing"]


def test_polling_is_quick_while_watched_or_busy_and_slow_when_idle() -> None:
    assert poll_interval(watched=True, calls_live=False, active=1, idle=10) == 1
    assert poll_interval(watched=False, calls_live=True, active=1, idle=10) == 1
    assert poll_interval(watched=False, calls_live=False, active=1, idle=10) == 10
    assert poll_interval(watched=False, calls_live=False, active=2, idle=1) == 2
