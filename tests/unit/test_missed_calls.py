"""The missed-calls list: counted until seen, kept across restarts, never crashes on a bad file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.services.calls import CallEvent
from desktop.services.missed_calls import MissedCalls

T0 = datetime(2024, 5, 6, 9, 30, tzinfo=UTC)


def missed(channel: str, number: str = "05321234567", queue: str | None = "630") -> CallEvent:
    return CallEvent("ended", channel, number, queue, True, False, True)


def test_missed_calls_are_listed_newest_first_and_counted_until_seen(tmp_path: Path) -> None:
    times = [T0]
    calls = MissedCalls(tmp_path / "missed.json", now=lambda: times[0])
    assert calls.add(missed("a", "111"), name="Ayşe Yılmaz") is not None
    times[0] = T0 + timedelta(minutes=5)
    calls.add(missed("b", "222", None))
    assert [(c.number, c.name, c.queue) for c in calls.calls] == [
        ("222", "", None),
        ("111", "Ayşe Yılmaz", "630"),
    ]
    assert calls.calls[1].when == T0
    assert calls.unseen_count == 2
    calls.mark_seen()
    assert calls.unseen_count == 0
    calls.add(missed("c"))
    assert calls.unseen_count == 1


def test_only_missed_ended_events_count_and_once(tmp_path: Path) -> None:
    calls = MissedCalls(tmp_path / "missed.json")
    assert calls.add(CallEvent("ringing", "a", "111", None, True)) is None
    assert calls.add(CallEvent("ended", "a", "111", None, True, True, False)) is None
    assert calls.add(missed("b")) is not None
    assert calls.add(missed("b")) is None
    assert len(calls.calls) == 1


def test_the_list_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "missed.json"
    first = MissedCalls(path, now=lambda: T0)
    first.add(missed("a", "111"), name="Ali")
    first.add(missed("b", "222"))
    first.mark_seen()
    first.add(missed("c", "333"))
    again = MissedCalls(path)
    assert [(c.number, c.seen, c.when) for c in again.calls] == [
        ("333", False, T0),
        ("222", True, T0),
        ("111", True, T0),
    ]
    assert again.unseen_count == 1
    assert {c.name for c in again.calls} == {"Ali", ""}
    assert [p.name for p in path.parent.iterdir()] == ["missed.json"]  # no temp files left


def test_the_list_is_bounded(tmp_path: Path) -> None:
    calls = MissedCalls(tmp_path / "missed.json", limit=200)
    for i in range(250):
        calls.add(missed(f"ch{i}", str(i)))
    assert len(calls.calls) == 200
    assert calls.calls[0].number == "249"
    assert len(MissedCalls(tmp_path / "missed.json").calls) == 200


def test_a_damaged_file_starts_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "missed.json"
    for content in (b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]", b'{"calls": 5}'):
        path.write_bytes(content)
        assert MissedCalls(path).calls == ()
    path.write_text(
        json.dumps(
            {
                "calls": [
                    {"number": "111", "name": "", "when": T0.isoformat(), "queue": None},
                    {"number": 5, "when": T0.isoformat()},
                    {"number": "222", "when": "yesterday"},
                    "junk",
                ]
            }
        ),
        encoding="utf-8",
    )
    assert [c.number for c in MissedCalls(path).calls] == ["111"]


def test_a_failing_save_keeps_the_list_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    calls = MissedCalls(blocker / "missed.json")  # its folder cannot be made
    calls.add(missed("a"))
    assert calls.unseen_count == 1


def test_without_a_path_nothing_is_written(tmp_path: Path) -> None:
    calls = MissedCalls(None)
    calls.add(missed("a"))
    assert calls.unseen_count == 1
