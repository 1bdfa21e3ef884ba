"""The operator panel's state from extensions, queues and live calls."""

from __future__ import annotations

from datetime import timedelta

from desktop.pbx.models import ActiveCall, Extension, Queue
from desktop.services.panel import ExtensionState, extension_states, queue_states

EXTS = [
    Extension("101", "Ayşe", "OK (12 ms)", True, 12),
    Extension("102", "Mehmet", "LAGGED (2150 ms)", True, 2150),
    Extension("103", "Zeynep", "UNREACHABLE", False, None),
    Extension("104", "Can", "Unmonitored", False, None),
    Extension("105", "Ece", "OK (8 ms)", True, 8),
]


def call(channel: str, info: str, src: str, dst: str, secs: int, ct: str = "Dial") -> ActiveCall:
    return ActiveCall(channel, timedelta(seconds=secs), ct, info, src, dst)


def test_registration_and_a_quiet_office() -> None:
    states = extension_states(EXTS, [])
    assert [(s.number, s.registration, s.latency_ms, s.state) for s in states] == [
        ("101", "registered", 12, "free"),
        ("102", "lagged", 2150, "free"),
        ("103", "unreachable", None, "free"),
        ("104", "unknown", None, "free"),
        ("105", "registered", 8, "free"),
    ]
    assert states[0] == ExtensionState("101", "Ayşe", "registered", 12, "free", "", timedelta(0))


def test_ringing_and_talking_with_whom_and_for_how_long() -> None:
    calls = [
        call("c1", "Ringing", "05321234567", "101", 7),
        call("c2", "Talking", "102", "902125550000", 95),
        call("c3", "Dialing", "105", "103", 3),
    ]
    by = {s.number: s for s in extension_states(EXTS, calls)}
    assert (by["101"].state, by["101"].other_party, by["101"].since) == (
        "ringing",
        "05321234567",
        timedelta(seconds=7),
    )
    assert (by["102"].state, by["102"].other_party, by["102"].since) == (
        "talking",
        "902125550000",
        timedelta(seconds=95),
    )
    assert (by["105"].state, by["105"].other_party) == ("ringing", "103")
    assert (by["103"].state, by["103"].other_party) == ("ringing", "105")
    assert by["104"].state == "free"


def test_talking_wins_over_a_second_call_ringing() -> None:
    calls = [
        call("c1", "Talking", "05321234567", "101", 40),
        call("c2", "Ringing", "05559998877", "101", 2),
    ]
    (first,) = extension_states(EXTS[:1], calls)
    assert (first.state, first.other_party, first.since) == (
        "talking",
        "05321234567",
        timedelta(seconds=40),
    )


def test_queues_show_members_and_callers_waiting() -> None:
    queues = [Queue("630", "Destek", ("101", "102", "199")), Queue("640", "Satış", ())]
    calls = [
        call("w1", "Ringing", "05321111111", "630", 12, "Queue(630)"),
        call("w2", "Ringing", "05322222222", "630", 48, "Queue(630)"),
        call("t1", "Talking", "05323333333", "102", 80, "Queue(630)"),
        call("x", "Ringing", "05324444444", "640", 5, "Queue(650)"),
    ]
    support, sales = queue_states(queues, EXTS, calls)
    assert [(m.number, m.name, m.registration, m.state) for m in support.members] == [
        ("101", "Ayşe", "registered", "free"),
        ("102", "Mehmet", "lagged", "talking"),
        ("199", "", "unknown", "free"),
    ]
    assert [c.channel for c in support.waiting] == ["w2", "w1"]
    assert support.longest_wait == timedelta(seconds=48)
    assert (sales.members, sales.waiting, sales.longest_wait) == ((), (), None)
