"""Running a command on an incoming call: no shell, no injected arguments, failures reported."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from desktop.services.call_command import CommandSetupError, build_argv, run_command

VALUES = {"number": "05321234567", "name": "Ayşe Yılmaz", "queue": "630", "extension": "101"}


def test_placeholders_are_filled_per_argument() -> None:
    argv = build_argv(
        "/usr/bin/notify", '--title "Call from {name}" {number} q={queue} ext={extension}', VALUES
    )
    assert argv == [
        "/usr/bin/notify",
        "--title",
        "Call from Ayşe Yılmaz",
        "05321234567",
        "q=630",
        "ext=101",
    ]


def test_a_callers_name_can_never_add_arguments() -> None:
    hostile = {**VALUES, "name": 'x" --delete-all; rm -rf ~ $(reboot) `id`\n--x'}
    argv = build_argv("prog", "{name} {number}", hostile)
    assert argv == ["prog", 'x" --delete-all; rm -rf ~ $(reboot) `id`--x', "05321234567"]


def test_unknown_placeholders_and_missing_values() -> None:
    assert build_argv("prog", "{other} {queue}", {"number": "1"}) == ["prog", "{other}", ""]


@pytest.mark.parametrize(("program", "arguments"), [("", "{number}"), ("  ", ""), ("p", '"open')])
def test_an_unusable_setup_is_a_clear_error(program: str, arguments: str) -> None:
    with pytest.raises(CommandSetupError):
        build_argv(program, arguments, VALUES)


async def test_the_command_runs_with_its_arguments(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    script = "import sys; open(sys.argv[1], 'w', encoding='utf-8').write('|'.join(sys.argv[2:]))"
    argv = build_argv(sys.executable, f'-c "{script}" "{out}" {{name}} {{number}}', VALUES)
    result = await run_command(argv)
    assert result.ok and result.exit_code == 0
    assert out.read_text(encoding="utf-8") == "Ayşe Yılmaz|05321234567"


async def test_a_missing_program_is_reported_not_raised(tmp_path: Path) -> None:
    result = await run_command([str(tmp_path / "no-such-program"), "x"])
    assert not result.ok and result.exit_code is None
    assert "was not found" in result.problem
    assert result.reason == "not_found"


async def test_a_failing_program_is_reported() -> None:
    result = await run_command([sys.executable, "-c", "import sys; print('noise'); sys.exit(3)"])
    assert (result.ok, result.exit_code) == (False, 3)
    assert "code 3" in result.problem
    assert result.reason == "exit_code"


async def test_a_hanging_program_is_stopped_after_the_timeout() -> None:
    began = time.monotonic()
    result = await run_command([sys.executable, "-c", "import time; time.sleep(60)"], timeout=0.5)
    assert not result.ok and "longer than 0.5 s" in result.problem
    assert result.reason == "timeout"
    assert time.monotonic() - began < 10
