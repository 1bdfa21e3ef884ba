"""Single instance: a second start hands its link to the first; garbage is ignored."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtNetwork import QLocalSocket

from desktop.ui.single_instance import (
    MAX_MESSAGE_BYTES,
    Activation,
    SingleInstanceServer,
    decode_message,
    encode_message,
    forward_to_running,
    server_name,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def servers() -> Iterator[list[SingleInstanceServer]]:
    made: list[SingleInstanceServer] = []
    yield made
    for server in made:
        server.close()


def listening(servers: list[SingleInstanceServer], name: str) -> SingleInstanceServer:
    server = SingleInstanceServer(name)
    servers.append(server)
    assert server.listen()
    return server


def send_raw(qtbot: Any, name: str, data: bytes) -> QLocalSocket:
    """Send bytes without blocking the thread, so the server (same thread) can answer."""
    client = QLocalSocket()
    client.connectToServer(name)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.ConnectedState)
    client.write(data)
    client.flush()
    return client


def test_second_start_hands_its_tel_link_to_the_running_one(
    qtbot: Any, tmp_path: Path, servers: list[SingleInstanceServer]
) -> None:
    server = listening(servers, server_name(tmp_path))
    received: list[str] = []
    server.activated.connect(received.append)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    second = subprocess.Popen(
        [sys.executable, "-m", "desktop", "tel:+90-532-123-4567", "--config-dir", str(tmp_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(lambda: bool(received) and second.poll() is not None, timeout=30_000)
    finally:
        if second.poll() is None:
            second.kill()
        _, err = second.communicate(timeout=10)
    assert received == ["+905321234567"]
    assert second.returncode == 0, err.decode()


def test_names_are_per_configuration_and_demo_has_its_own(tmp_path: Path) -> None:
    real = server_name(tmp_path)
    assert real == server_name(tmp_path / ".")
    assert real != server_name(tmp_path / "other")
    assert real != server_name(None)
    assert server_name(tmp_path, demo=True) not in (real, server_name(None))
    assert "iexpbx-desktop-" in real


def test_a_live_instance_keeps_its_name(
    qtbot: Any, tmp_path: Path, servers: list[SingleInstanceServer]
) -> None:
    name = server_name(tmp_path)
    first = listening(servers, name)
    second = SingleInstanceServer(name)
    servers.append(second)
    assert not second.listen()
    assert first.listening
    received: list[str] = []
    first.activated.connect(received.append)
    send_raw(qtbot, name, encode_message(Activation("101")))
    qtbot.waitUntil(lambda: received == ["101"])


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no stale file")
def test_a_socket_left_by_a_crash_is_taken_over(
    qtbot: Any, tmp_path: Path, servers: list[SingleInstanceServer]
) -> None:
    name = server_name(tmp_path)
    probe = listening(servers, name)
    path = probe._server.fullServerName()
    probe.close()
    servers.remove(probe)
    crashed = socket.socket(socket.AF_UNIX)
    crashed.bind(path)  # bound, never listening, left behind: like a killed process
    crashed.close()
    assert Path(path).exists()

    server = listening(servers, name)
    received: list[str] = []
    server.activated.connect(received.append)
    send_raw(qtbot, name, encode_message(Activation()))
    qtbot.waitUntil(lambda: received == [""])


def test_nobody_running_means_start_normally(tmp_path: Path) -> None:
    assert forward_to_running(server_name(tmp_path), Activation("101"), timeout_ms=300) is None


@pytest.mark.parametrize(
    "garbage",
    [
        b"garbage\n",
        b"\xff\xfe\n",
        b'{"v": 1, "dial": "100&action=hangupcall"}\n',
        b'{"v": 1, "dial": 101}\n',
        b'{"v": 2, "dial": "101"}\n',
        b'{"v": 1, "dial": "101", "run": "rm -rf"}\n',
        b"[1, 2]\n",
        b"[" * 5000 + b"\n",
        b"1" * (MAX_MESSAGE_BYTES * 3),
    ],
)
def test_garbage_on_the_socket_is_ignored(
    qtbot: Any, tmp_path: Path, servers: list[SingleInstanceServer], garbage: bytes
) -> None:
    name = server_name(tmp_path)
    server = listening(servers, name)
    received: list[str] = []
    server.activated.connect(received.append)
    bad = send_raw(qtbot, name, garbage)
    qtbot.waitUntil(lambda: bad.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert received == []
    assert bytes(bad.readAll().data()) == b""  # no "ok" for garbage
    send_raw(qtbot, name, encode_message(Activation("0532 123 45 67")))
    qtbot.waitUntil(lambda: received == ["05321234567"])  # still serving


def test_messages_round_trip_and_are_checked_again() -> None:
    assert decode_message(encode_message(Activation("+905321234567")).strip()) == Activation(
        "+905321234567"
    )
    assert decode_message(encode_message(Activation()).strip()) == Activation()
    assert decode_message(json.dumps({"v": 1, "dial": "tel:101"}).encode()) is None
    assert decode_message(b"x" * (MAX_MESSAGE_BYTES + 1)) is None
