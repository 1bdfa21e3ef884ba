"""`--self-test`: the demo PBX, each tab's data, a decoded recording, every check timed."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from desktop.self_test import Check, SelfTest, Unusable, native_keyring_backend

ROOT = Path(__file__).resolve().parents[2]
CHECKS = [
    "App", "Python", "Qt", "Icons", "Translations", "Keyring backends", "Simulator", "Connect",
    "Extensions", "Queues", "Phonebook", "History", "Recording", "Audio", "Audio output",
    "Keyring",
]  # fmt: skip
LINE = re.compile(r"^(OK  |WARN|FAIL) ([A-Za-z ]+): +(.+)  \((\d+\.\d\d) s\)$")


def run_self_test(**env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    full = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    full.pop("DISPLAY", None)
    full.pop("WAYLAND_DISPLAY", None)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        capture_output=True,
        text=True,
        env=full,
        cwd=ROOT,
        timeout=120,
    )
    return done, time.monotonic() - started


def test_self_test_names_each_check_with_its_time_and_passes() -> None:
    done, took = run_self_test(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [LINE.match(line) for line in done.stdout.splitlines()[:-1]]
    assert all(lines), done.stdout
    names = [m.group(2) for m in lines if m]
    assert names == CHECKS
    marks = {m.group(2): m.group(1) for m in lines if m}
    fatal = set(CHECKS) - {"Audio output", "Keyring"}
    assert all(marks[name] == "OK  " for name in fatal), done.stdout
    assert marks["Keyring"] == "WARN"  # no keyring: reported, not fatal
    assert done.stdout.splitlines()[-1].startswith("Self-test passed.")
    audio = next(line for line in done.stdout.splitlines() if line.startswith("OK   Audio:"))
    seconds = float(re.search(r"decoded: ([\d.]+) s", audio).group(1))  # type: ignore[union-attr]
    assert seconds > 0
    assert took < 30  # seconds on a loaded 2-core machine; about 1 s when idle


def test_a_failing_check_fails_the_run_and_says_which() -> None:
    out = io.StringIO()
    test = SelfTest(out)

    def broken() -> str:
        raise Unusable("cannot draw app")

    assert not test.run("Icons", broken)
    assert test.run("Audio output", lambda: "speakers", fatal=False)
    assert [c.name for c in test.failed] == ["Icons"]
    assert out.getvalue().startswith("FAIL Icons:")
    assert "cannot draw app" in out.getvalue()


def test_a_missing_keyring_or_audio_output_is_a_warning_only() -> None:
    test = SelfTest(io.StringIO())

    def no_device() -> str:
        raise Unusable("no audio output device")

    test.run("Audio output", no_device, fatal=False)
    assert test.failed == []
    assert test.checks[0] == Check("Audio output", False, "no audio output device",
                                   test.checks[0].seconds, fatal=False)  # fmt: skip


def test_each_system_names_its_own_keyring_backend() -> None:
    assert native_keyring_backend("linux") == "SecretService"
    assert native_keyring_backend("win32") == "Windows"
    assert native_keyring_backend("darwin") == "macOS"
