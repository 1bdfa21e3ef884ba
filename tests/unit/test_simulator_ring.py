"""Calls on demand: a test rings an extension or a queue, then answers or hangs up."""

from __future__ import annotations

import pytest

from desktop.simulator import SimulatorConfig
from desktop.simulator.switchboard import ActionError, Switchboard

CALLER = "905551112233"
# Seed 4: extension 101 is a member of queue 630 with 104, 106, 109, 115 and 119.
SEED = 4


@pytest.fixture
def board() -> Switchboard:
    return Switchboard(SimulatorConfig(seed=SEED, calls_per_minute=0))


def rows_of(board: Switchboard, channel: str) -> list[tuple[str, str, str, str]]:
    return [
        (r["callinfo"], r["calltype"], r["src"], r["dst"])
        for r in board.active_rows()
        if r["channel"] == channel
    ]


def test_an_extension_rings_until_answered_then_talks_until_hung_up(board: Switchboard) -> None:
    board.events.clear()
    call = board.ring("101", CALLER)
    assert rows_of(board, call.channel) == [("Ringing", "Dial(SIP/101,60)", CALLER, "101")]
    board.jump(600)  # nobody answers: it keeps ringing until told otherwise
    assert rows_of(board, call.channel)[0][0] == "Ringing"
    board.answer(call.channel)
    assert rows_of(board, call.channel) == [("Talking", "Dial(SIP/101,60)", CALLER, "101")]
    row = board.hangup(call.channel)
    assert rows_of(board, call.channel) == []
    assert (row.src, row.dst, row.disposition) == (CALLER, "101", "ANSWERED")
    assert [(e.kind, e.chanid, e.src, e.dst, e.calltype, e.status) for e in board.events] == [
        ("start", call.channel, CALLER, "101", "incoming", ""),
        ("hangup", call.channel, CALLER, "101", "incoming", "ANSWER"),
    ]


def test_a_queue_call_answered_by_a_colleague_on_schedule(board: Switchboard) -> None:
    call = board.ring("630", CALLER, answer_after=2.0, answered_by="104", hang_up_after=10.0)
    assert rows_of(board, call.channel) == [("Ringing", "Queue(630)", CALLER, "630")]
    board.jump(3)
    assert rows_of(board, call.channel) == [("Talking", "Queue(630)", CALLER, "104")]
    board.jump(10)
    assert rows_of(board, call.channel) == []
    row = board.history.find(call.call_id)
    assert row is not None
    assert (row.dst, row.queue, row.disposition) == ("104", "630", "ANSWERED")


def test_a_call_nobody_answers_ends_as_not_answered(board: Switchboard) -> None:
    board.events.clear()
    call = board.ring("630", CALLER, hang_up_after=5.0)
    board.jump(6)
    assert rows_of(board, call.channel) == []
    assert [(e.kind, e.status) for e in board.events] == [("start", ""), ("hangup", "CANCEL")]
    row = board.history.find(call.call_id)
    assert row is not None and row.disposition == "NO ANSWER"


def test_answering_a_queue_call_by_hand_names_who_picked_up(board: Switchboard) -> None:
    call = board.ring("630", CALLER, hang_up_after=30.0)
    board.answer(call.channel, by="106")
    board.jump(60)  # answered: the caller's give-up time no longer applies
    assert rows_of(board, call.channel) == [("Talking", "Queue(630)", CALLER, "106")]
    with pytest.raises(ActionError):
        board.answer(call.channel, by="109")  # already answered


@pytest.mark.parametrize(
    ("target", "caller", "options"),
    [
        ("999", CALLER, {}),  # neither an extension nor a queue
        ("101", "not a number", {}),
        ("630", CALLER, {"answer_after": 1.0, "answered_by": "999"}),
        ("633", CALLER, {"answer_after": 1.0}),  # a queue without members: nobody to answer
    ],
)
def test_ringing_refuses_what_the_pbx_does_not_have(
    board: Switchboard, target: str, caller: str, options: dict[str, object]
) -> None:
    before = len(board.live_calls())
    with pytest.raises(ActionError):
        board.ring(target, caller, **options)  # type: ignore[arg-type]
    assert len(board.live_calls()) == before


def test_answering_or_hanging_up_an_unknown_channel_is_refused(board: Switchboard) -> None:
    with pytest.raises(ActionError):
        board.answer("SIP/nothing-here")
    with pytest.raises(ActionError):
        board.hangup("SIP/nothing-here")
