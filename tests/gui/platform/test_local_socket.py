"""The local socket under the single instance: one line in, an answer out; nothing hangs it."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.platform.local_socket import LocalServer, exchange

KINDS = [True] if sys.platform == "win32" else [False, True]  # qt: Qt's QLocalServer or not


@pytest.fixture
def name() -> Iterator[str]:
    if sys.platform == "win32":
        yield f"iexpbx-test-{os.getpid()}-{time.monotonic_ns()}"
        return
    folder = Path(tempfile.mkdtemp(prefix="ls-"))  # a socket path must stay short
    yield str(folder / "sock")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=KINDS, ids=lambda qt: "qt" if qt else "plain")
def server(request: pytest.FixtureRequest, name: str) -> Iterator[tuple[LocalServer[str], list]]:
    delivered: list[str] = []

    def parse(line: bytes) -> str | None:
        return line.decode() if line.startswith(b"hello") else None

    made = LocalServer(
        name,
        parse=parse,
        deliver=delivered.append,
        answer=b"ok\n",
        max_bytes=64,
        timeout_ms=400,
        qt=request.param,
    )
    assert made.listen()
    yield made, delivered
    made.close()


def ask_in_thread(name: str, message: bytes, results: list[Any], qt: bool = False) -> None:
    """A later start asking, from another thread: the server's thread stays free to answer."""
    threading.Thread(
        target=lambda: results.append(exchange(name, message, 3, 3000, qt=qt)), daemon=True
    ).start()


def test_a_line_is_answered_then_delivered(qtbot: Any, server: tuple, name: str) -> None:
    srv, delivered = server
    results: list[Any] = []
    ask_in_thread(name, b"hello there\n", results)
    qtbot.waitUntil(lambda: results == [b"ok\n"] and delivered == ["hello there"])
    assert srv._peers == {}  # nothing kept after the answer


def test_a_peer_saying_nothing_is_cut_off_and_others_still_served(
    qtbot: Any, server: tuple, name: str
) -> None:
    srv, delivered = server
    results: list[Any] = []
    silent = socket.socket(socket.AF_UNIX) if sys.platform != "win32" else None
    if silent is not None:
        silent.connect(name)
        silent.sendall(b"hello, but no end of line")
        qtbot.waitUntil(lambda: len(srv._peers) == 1)
        qtbot.waitUntil(lambda: srv._peers == {}, timeout=3000)  # the 400 ms timeout
        silent.settimeout(2)
        assert silent.recv(10) == b""  # hung up on, no answer
        silent.close()
    ask_in_thread(name, b"hello again\n", results)
    qtbot.waitUntil(lambda: results == [b"ok\n"] and delivered == ["hello again"])


@pytest.mark.parametrize("message", [b"garbage\n", b"x" * 200, b"hello" + b"o" * 100 + b"\n"])
def test_refused_and_oversized_lines_get_no_answer(
    qtbot: Any, server: tuple, name: str, message: bytes
) -> None:
    srv, delivered = server
    results: list[Any] = []
    ask_in_thread(name, message, results)
    qtbot.waitUntil(lambda: bool(results))
    assert results == [b""]
    assert delivered == []
    qtbot.waitUntil(lambda: srv._peers == {})


def test_a_peer_hanging_up_half_way_is_forgotten(qtbot: Any, server: tuple, name: str) -> None:
    if sys.platform == "win32":
        pytest.skip("a plain socket stands in for the peer")
    srv, delivered = server
    peer = socket.socket(socket.AF_UNIX)
    peer.connect(name)
    peer.sendall(b"hel")
    qtbot.waitUntil(lambda: len(srv._peers) == 1)
    peer.close()
    qtbot.waitUntil(lambda: srv._peers == {}, timeout=300)  # well before the timeout
    assert delivered == []


def test_nobody_listening_is_told_apart_from_no_answer(name: str) -> None:
    assert exchange(name, b"hello\n", 3, 300) is None
    assert exchange(name, b"hello\n", 3, 300, qt=True) is None


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files")
def test_the_plain_socket_is_this_users_only_and_gone_after_close(qtbot: Any, name: str) -> None:
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)  # left by a crashed start
    stale.close()
    srv: LocalServer[bytes] = LocalServer(
        name, parse=bytes, deliver=print, answer=b"ok", max_bytes=8, timeout_ms=100, qt=False
    )
    assert srv.listen()
    info = os.stat(name)
    assert stat.S_ISSOCK(info.st_mode)
    assert stat.S_IMODE(info.st_mode) == 0o600
    srv.close()
    assert not os.path.exists(name)
    assert not srv.listening
