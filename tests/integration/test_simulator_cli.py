"""`python -m desktop.simulator` prints its URL first, answers like the PBX, stops on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@contextmanager
def simulator_process(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.simulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "0"},
    )
    try:
        assert proc.stdout is not None
        yield proc, proc.stdout.readline().strip()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)


def get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


def test_cli_prints_url_answers_and_stops_on_sigterm() -> None:
    secret = "Sifre-9x7"
    args = ("--port", "0", "--seed", "5", "--username", "op", "--password", secret)
    with simulator_process(*args) as (proc, url):
        assert url.startswith("http://127.0.0.1:")
        users = get(f"{url}/api/old/get?username=op&password={secret}&action=users")
        assert isinstance(users, list) and users[0]["success"] is True
        assert users[0]["count"] >= 20
        wrong = get(f"{url}/api/old/get?username=op&password=nope&action=users")
        assert wrong == [{"success": False, "message": "Kullanıcı adı veya şifre hatalı"}]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert proc.stderr is not None
        assert secret not in proc.stderr.read()


def test_cli_bare_envelope_and_sigint() -> None:
    with simulator_process("--port", "0", "--bare-envelope") as (proc, url):
        queues = get(f"{url}/api/old/get?username=demo&password=demo&action=queues")
        assert isinstance(queues, dict) and queues["success"] is True
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


def test_cli_refuses_bad_options() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop.simulator", "--extensions", "1", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "extensions" in done.stderr
    assert done.stdout == ""
