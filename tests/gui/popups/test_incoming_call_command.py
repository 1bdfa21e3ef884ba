"""The incoming-call program: once per call for me, in the background, trouble told once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.services.calls import CallEvent
from desktop.ui.common.tasks import TaskOwner
from desktop.ui.popups.incoming_call import IncomingCallCommand

WRITER = """
import sys
with open(sys.argv[1], "a", encoding="utf-8") as f:
    f.write("|".join(sys.argv[2:]) + "\\n")
"""


def ringing(channel: str, number: str = "05321234567", **kw: object) -> CallEvent:
    fields: dict[str, object] = {"queue": "630", "for_me": True} | kw
    return CallEvent("ringing", channel, number, **fields)  # type: ignore[arg-type]


@pytest.fixture
def tasks() -> TaskOwner:
    return TaskOwner()


@pytest.fixture
def reports() -> list[str]:
    return []


@pytest.fixture
def command(tasks, reports) -> IncomingCallCommand:
    return IncomingCallCommand(tasks.spawn, reports.append)


def test_the_program_runs_once_per_call_with_the_callers_details(
    command, tasks, reports, qtbot, tmp_path: Path
):
    script, out = tmp_path / "writer.py", tmp_path / "calls.txt"
    script.write_text(WRITER, encoding="utf-8")
    command.configure(
        sys.executable, f'"{script}" "{out}" {{number}} "{{name}}" {{queue}} {{extension}}', "101"
    )
    assert command.handle(ringing("SIP/a"), "Ayşe Yılmaz", "Sales")
    assert not command.handle(ringing("SIP/a"), "Ayşe Yılmaz", "Sales")  # the same call again
    answered = CallEvent("answered", "SIP/a", "05321234567", "630", True, True)
    assert not command.handle(answered, "Ayşe Yılmaz", "Sales")
    assert not command.handle(ringing("SIP/b", for_me=False), None, None)  # a colleague's call
    assert command.handle(ringing("SIP/c", number="02161112233", queue=None), None, None)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == [
        "02161112233|||101",
        "05321234567|Ayşe Yılmaz|Sales|101",
    ]
    assert reports == []


def test_a_missing_program_is_reported_once_until_the_setting_changes(
    command, tasks, reports, qtbot, tmp_path: Path
):
    missing = str(tmp_path / "no-such-program")
    command.configure(missing, "{number}")
    command.handle(ringing("SIP/a"), None, None)
    command.handle(ringing("SIP/b"), None, None)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    assert reports == [f"The incoming-call program {missing} was not found."]
    command.configure(sys.executable, "-c 'import sys; sys.exit(4)'")
    command.handle(ringing("SIP/c"), None, None)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    assert reports[1:] == [f"The incoming-call program {sys.executable} ended with code 4."]


def test_unclosed_quotes_are_reported_and_nothing_runs(command, tasks, reports):
    command.configure(sys.executable, '"{number}')
    assert not command.handle(ringing("SIP/a"), None, None)
    assert not tasks.busy
    assert reports == ["The incoming-call program's arguments have an unclosed quote."]


def test_no_program_set_runs_nothing_and_reports_nothing(command, tasks, reports):
    assert not command.enabled
    assert not command.handle(ringing("SIP/a"), None, None)
    assert not tasks.busy and reports == []
