"""The call tracker: snapshot and webhook sequences give exact event lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from desktop.pbx.models import ActiveCall
from desktop.services.calls import (
    ENDED_MEMORY_SECONDS,
    CallEvent,
    CallTracker,
    is_talking,
    queue_of,
)

ME = "101"
TRUNK = "SIP/trunk-sip-Trunk110-0a1b2"
CALLER = "05321234567"


def row(
    channel: str,
    info: str,
    src: str,
    dst: str,
    call_type: str = "Dial(SIP/101,60)",
    seconds: int = 1,
) -> ActiveCall:
    return ActiveCall(channel, timedelta(seconds=seconds), call_type, info, src, dst)


def queue_row(info: str, dst: str = "630", seconds: int = 1, channel: str = TRUNK) -> ActiveCall:
    return row(channel, info, CALLER, dst, "Queue(630)", seconds)


def ringing(number: str = CALLER, queue: str | None = None, channel: str = TRUNK, **kw: bool):
    return CallEvent("ringing", channel, number, queue, kw.get("for_me", True))


def answered(number: str = CALLER, queue: str | None = None, channel: str = TRUNK, **kw: bool):
    return CallEvent("answered", channel, number, queue, kw.get("for_me", True), True)


def ended(
    number: str = CALLER,
    queue: str | None = None,
    channel: str = TRUNK,
    *,
    for_me: bool = True,
    was_answered: bool,
) -> CallEvent:
    missed = for_me and not was_answered
    return CallEvent("ended", channel, number, queue, for_me, was_answered, missed)


@pytest.fixture
def tracker() -> CallTracker:
    return CallTracker(extension=ME, queues=frozenset({"630"}))


# -- direct calls from snapshots ---------------------------------------------------------
def test_a_direct_call_answered_here(tracker: CallTracker) -> None:
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, ME)], 0.0) == [ringing()]
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, ME)], 1.0) == []
    assert tracker.observe([row(TRUNK, "Talking", CALLER, ME)], 2.0) == [answered()]
    assert tracker.observe([row(TRUNK, "Talking", CALLER, ME)], 3.0) == []
    assert tracker.observe([], 4.0) == [ended(was_answered=True)]
    assert tracker.observe([], 5.0) == []


def test_a_direct_call_nobody_answers_is_missed(tracker: CallTracker) -> None:
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, ME)], 0.0) == [ringing()]
    events = tracker.observe([], 30.0)
    assert events == [ended(was_answered=False)]
    assert events[0].missed is True


def test_a_call_first_seen_talking_is_answered_without_ringing(tracker: CallTracker) -> None:
    assert tracker.observe([row(TRUNK, "Talking", CALLER, ME, seconds=40)], 0.0) == [answered()]
    assert tracker.observe([], 1.0) == [ended(was_answered=True)]


def test_a_call_for_a_colleague_is_not_for_me(tracker: CallTracker) -> None:
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, "102")], 0.0) == [ringing(for_me=False)]
    assert tracker.observe([], 40.0) == [ended(for_me=False, was_answered=False)]


def test_my_outgoing_call_is_not_for_me_and_names_whom_i_called(tracker: CallTracker) -> None:
    mine = "SIP/101-0000abcd"
    dialing = row(mine, "Dialing", ME, "902122223344", "Dial(SIP/Trunk110/902122223344,60)")
    talking = replace(dialing, call_info="Talking", duration=timedelta(seconds=5))
    assert tracker.observe([dialing], 0.0) == [ringing("902122223344", channel=mine, for_me=False)]
    assert tracker.observe([talking], 5.0) == [answered("902122223344", channel=mine, for_me=False)]
    assert tracker.observe([], 9.0) == [
        ended("902122223344", channel=mine, for_me=False, was_answered=True)
    ]


def test_an_internal_call_to_me_names_the_colleague(tracker: CallTracker) -> None:
    channel = "SIP/102-00000001"
    assert tracker.observe([row(channel, "Ringing", "102", ME)], 0.0) == [
        ringing("102", channel=channel)
    ]


def test_click_to_call_ringing_my_own_phone_is_not_for_me(tracker: CallTracker) -> None:
    # callnumber rings my desk phone first, src = me: no popup for a call I placed.
    channel = "SIP/101-00000002"
    events = tracker.observe([row(channel, "Ringing", ME, "905551112233")], 0.0)
    assert events == [ringing("905551112233", channel=channel, for_me=False)]


# -- queue calls ---------------------------------------------------------------------------
def test_a_queue_call_answered_here(tracker: CallTracker) -> None:
    assert tracker.observe([queue_row("Ringing")], 0.0) == [ringing(queue="630")]
    assert tracker.observe([queue_row("Talking", dst=ME)], 3.0) == [answered(queue="630")]
    assert tracker.observe([], 60.0) == [ended(queue="630", was_answered=True)]


def test_a_queue_call_answered_by_a_colleague_is_not_missed(tracker: CallTracker) -> None:
    assert tracker.observe([queue_row("Ringing")], 0.0) == [ringing(queue="630")]
    events = tracker.observe([queue_row("Talking", dst="102")], 3.0)
    # Still "for me" (it rang my queue): the popup closes on this event.
    assert events == [answered(queue="630")]
    assert events[0].dst == "102"
    assert tracker.observe([], 60.0) == [ended(queue="630", was_answered=True)]


def test_a_queue_call_nobody_answers_is_missed(tracker: CallTracker) -> None:
    assert tracker.observe([queue_row("Ringing")], 0.0) == [ringing(queue="630")]
    events = tracker.observe([], 20.0)
    assert events == [ended(queue="630", was_answered=False)]
    assert events[0].missed


def test_a_queue_i_am_not_in_is_not_for_me(tracker: CallTracker) -> None:
    other = row(TRUNK, "Ringing", CALLER, "640", "Queue(640)")
    assert tracker.observe([other], 0.0) == [ringing(queue="640", for_me=False)]
    assert tracker.observe([], 9.0) == [ended(queue="640", for_me=False, was_answered=False)]


def test_queues_can_change_while_running(tracker: CallTracker) -> None:
    tracker.queues = frozenset({"640"})
    assert tracker.queues == frozenset({"640"})
    assert tracker.observe([queue_row("Ringing")], 0.0) == [ringing(queue="630", for_me=False)]
    other = row("SIP/trunk-2", "Ringing", CALLER, "640", "Queue(640)")
    assert tracker.observe([queue_row("Ringing"), other], 1.0) == [
        ringing(queue="640", channel="SIP/trunk-2")
    ]


def test_the_extension_can_change_while_running(tracker: CallTracker) -> None:
    tracker.extension = "102"
    assert tracker.extension == "102"
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, "102")], 0.0) == [ringing()]
    channel = "SIP/trunk-3"
    assert tracker.observe(
        [row(TRUNK, "Ringing", CALLER, "102"), row(channel, "Ringing", CALLER, ME)], 1.0
    ) == [ringing(channel=channel, for_me=False)]


def test_two_calls_ring_at_once_each_has_its_own_events(tracker: CallTracker) -> None:
    first = row(TRUNK, "Ringing", CALLER, ME)
    second = queue_row("Ringing", channel="SIP/trunk-9")
    assert tracker.observe([first, second], 0.0) == [
        ringing(),
        ringing(queue="630", channel="SIP/trunk-9"),
    ]
    assert tracker.observe([replace(second, call_info="Talking", dst=ME)], 2.0) == [
        answered(queue="630", channel="SIP/trunk-9"),
        ended(was_answered=False),
    ]


# -- transfers -------------------------------------------------------------------------------
def test_a_call_i_answered_and_transferred_stays_answered(tracker: CallTracker) -> None:
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, ME)], 0.0) == [ringing()]
    assert tracker.observe([row(TRUNK, "Talking", CALLER, ME)], 2.0) == [answered()]
    # Blind transfer: the same channel now rings 102, then talks to 102.
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, "102", "Dial(SIP/102,30)")], 9.0) == []
    assert tracker.observe([row(TRUNK, "Talking", CALLER, "102", "Dial(SIP/102,30)")], 12.0) == []
    events = tracker.observe([], 80.0)
    assert events == [ended(was_answered=True)]
    assert events[0].dst == "102"


def test_an_attended_transfer_to_me_rings_as_its_own_call(tracker: CallTracker) -> None:
    talking_102 = row(TRUNK, "Talking", CALLER, "102", "Dial(SIP/102,60)", 30)
    assert tracker.observe([talking_102], 0.0) == [answered(for_me=False)]
    consult = row("SIP/102-00000007", "Ringing", "102", ME, "Dial(SIP/101,30)")
    assert tracker.observe([talking_102, consult], 1.0) == [
        ringing("102", channel="SIP/102-00000007")
    ]
    # 102 completes the transfer: the consultation leg goes, the caller's channel talks to me.
    moved = row(TRUNK, "Talking", CALLER, ME, "Dial(SIP/102,60)", 40)
    events = tracker.observe([moved], 5.0)
    assert events == [ended("102", channel="SIP/102-00000007", was_answered=False)]
    # The caller's call was never for me when it rang; being transferred in makes it mine.
    assert tracker.observe([], 60.0) == [ended(was_answered=True)]


# -- webhooks ----------------------------------------------------------------------------------
def test_webhooks_alone_ring_and_end_a_call(tracker: CallTracker) -> None:
    assert tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.0) == [ringing()]
    assert tracker.call_ended(TRUNK, "ANSWER", 30, 30.0) == [ended(was_answered=True)]


def test_a_webhook_hangup_nobody_answered_is_missed(tracker: CallTracker) -> None:
    assert tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.0) == [ringing()]
    events = tracker.call_ended(TRUNK, "NOANSWER", 45, 45.0)
    assert events == [ended(was_answered=False)]
    assert events[0].missed


@pytest.mark.parametrize("status", ["BUSY", "NOANSWER", "CANCEL", "CONGESTION"])
def test_every_unanswered_status_on_a_call_for_me_is_missed(
    tracker: CallTracker, status: str
) -> None:
    tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.0)
    assert tracker.call_ended(TRUNK, status, 3, 3.0) == [ended(was_answered=False)]


def test_a_start_webhook_to_my_queue_number_is_a_queue_call_for_me(tracker: CallTracker) -> None:
    assert tracker.call_started(TRUNK, CALLER, "630", "incoming", 0.0) == [ringing(queue="630")]


def test_webhook_before_the_poll(tracker: CallTracker) -> None:
    assert tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.0) == [ringing()]
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, ME)], 0.5) == []
    assert tracker.observe([row(TRUNK, "Talking", CALLER, ME)], 3.0) == [answered()]
    assert tracker.call_ended(TRUNK, "ANSWER", 20, 20.0) == [ended(was_answered=True)]
    # The poll that was asked for before the hang-up arrives late: the call stays ended.
    assert tracker.observe([row(TRUNK, "Talking", CALLER, ME)], 20.5) == []
    assert tracker.observe([], 21.0) == []


def test_webhook_after_the_poll(tracker: CallTracker) -> None:
    assert tracker.observe([queue_row("Ringing")], 0.0) == [ringing(queue="630")]
    assert tracker.call_started(TRUNK, CALLER, "630", "incoming", 0.2) == []
    assert tracker.observe([queue_row("Talking", dst="102")], 4.0) == [answered(queue="630")]
    assert tracker.observe([], 50.0) == [ended(queue="630", was_answered=True)]
    # The hang-up webhook after the poll noticed the end: nothing new, nothing resurrected.
    assert tracker.call_ended(TRUNK, "ANSWER", 50, 50.3) == []
    assert tracker.call_started(TRUNK, CALLER, "630", "incoming", 50.4) == []
    assert tracker.live_channels == frozenset()


def test_a_hangup_answered_between_polls_is_not_missed(tracker: CallTracker) -> None:
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, ME)], 0.0) == [ringing()]
    assert tracker.call_ended(TRUNK, "ANSWER", 4, 4.0) == [ended(was_answered=True)]


def test_a_poll_asked_before_the_start_webhook_does_not_end_the_call(
    tracker: CallTracker,
) -> None:
    assert tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.0) == [ringing()]
    assert tracker.observe([], 0.1) == []  # requested before the call began
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, ME)], 1.1) == []
    assert tracker.observe([], 2.1) == [ended(was_answered=False)]


def test_a_webhook_only_call_ends_after_two_snapshots_without_it(tracker: CallTracker) -> None:
    # The hang-up webhook got lost: polling still closes the popup.
    assert tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.0) == [ringing()]
    assert tracker.observe([], 1.0) == []
    assert tracker.observe([], 2.0) == [ended(was_answered=False)]


def test_duplicate_webhooks_and_snapshots_give_one_event_each(tracker: CallTracker) -> None:
    events = tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.0)
    events += tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.1)
    events += tracker.observe([row(TRUNK, "Ringing", CALLER, ME)] * 2, 0.5)
    events += tracker.observe([row(TRUNK, "Talking", CALLER, ME)] * 2, 1.5)
    events += tracker.observe([row(TRUNK, "Talking", CALLER, ME)], 2.5)
    events += tracker.call_ended(TRUNK, "ANSWER", 9, 9.0)
    events += tracker.call_ended(TRUNK, "ANSWER", 9, 9.1)
    events += tracker.observe([], 10.0)
    assert events == [ringing(), answered(), ended(was_answered=True)]


def test_a_hangup_for_a_call_never_seen_yields_nothing_and_stays_ended(
    tracker: CallTracker,
) -> None:
    assert tracker.call_ended(TRUNK, "NOANSWER", 20, 0.0) == []
    assert tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.1) == []
    assert tracker.observe([row(TRUNK, "Ringing", CALLER, ME)], 0.5) == []


def test_ended_channels_are_forgotten_after_a_while(tracker: CallTracker) -> None:
    tracker.call_started(TRUNK, CALLER, ME, "incoming", 0.0)
    tracker.call_ended(TRUNK, "ANSWER", 5, 5.0)
    later = 5.0 + ENDED_MEMORY_SECONDS + 1
    # Channel names are unique for far longer than this: the memory need not be endless.
    assert tracker.call_started(TRUNK, CALLER, ME, "incoming", later) == [ringing()]


def test_the_ended_memory_is_bounded(tracker: CallTracker) -> None:
    for i in range(5000):
        tracker.call_ended(f"SIP/x-{i}", "ANSWER", 1, 0.0)
    assert len(tracker._ended) <= 2000
    assert tracker.call_started("SIP/x-4999", CALLER, ME, "incoming", 0.0) == []


# -- a gap (sleep, reconnect) ------------------------------------------------------------------
def test_a_poll_missed_while_offline(tracker: CallTracker) -> None:
    ringing_before = row(TRUNK, "Ringing", CALLER, ME)
    gone_later = queue_row("Ringing", channel="SIP/trunk-gone")
    assert tracker.observe([ringing_before, gone_later], 0.0) == [
        ringing(),
        ringing(queue="630", channel="SIP/trunk-gone"),
    ]
    # Offline for two minutes. Meanwhile: my call was answered, the queue call hung up,
    # a long call began and is talking, one call has been ringing for 50 s, one just began.
    long_talk = row("SIP/trunk-long", "Talking", "902165550000", ME, seconds=100)
    long_ring = queue_row("Ringing", seconds=50, channel="SIP/trunk-waiting")
    new_ring = row("SIP/trunk-new", "Ringing", "905320000000", ME, seconds=2)
    snapshot = [row(TRUNK, "Talking", CALLER, ME), long_talk, long_ring, new_ring]
    assert tracker.observe(snapshot, 120.0, resumed=True) == [
        answered(),
        answered("902165550000", channel="SIP/trunk-long"),
        ringing("905320000000", channel="SIP/trunk-new"),
        ended(queue="630", channel="SIP/trunk-gone", was_answered=False),
    ]
    # The caller who waited 50 s got no popup, but still counts as missed if nobody answers.
    assert tracker.observe([row(TRUNK, "Talking", CALLER, ME)], 121.0) == [
        ended("902165550000", channel="SIP/trunk-long", was_answered=True),
        ended(queue="630", channel="SIP/trunk-waiting", was_answered=False),
        ended("905320000000", channel="SIP/trunk-new", was_answered=False),
    ]


def test_without_resumed_a_long_ringing_call_still_rings(tracker: CallTracker) -> None:
    long_ring = queue_row("Ringing", seconds=50)
    assert tracker.observe([long_ring], 0.0) == [ringing(queue="630")]


def test_a_call_that_began_and_ended_while_offline_leaves_no_trace(tracker: CallTracker) -> None:
    assert tracker.observe([], 0.0) == []
    assert tracker.observe([], 300.0, resumed=True) == []
    assert tracker.live_channels == frozenset()


# -- helpers -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("info", "talking"),
    [
        ("Talking", True),
        ("Up", True),
        ("up ", True),
        ("Ringing", False),
        ("Dialing", False),
        ("Ring", False),
        ("", False),
    ],
)
def test_is_talking(info: str, talking: bool) -> None:
    assert is_talking(info) is talking


def test_queue_of() -> None:
    assert queue_of("Queue(630)") == "630"
    assert queue_of("Queue()") is None
    assert queue_of("Dial(SIP/101,60)") is None
