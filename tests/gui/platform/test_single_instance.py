"""Single instance: a second start hands its link to the first; garbage is ignored."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtNetwork import QLocalSocket

from desktop.platform import local_socket, single_instance
from desktop.platform.single_instance import (
    MAX_MESSAGE_BYTES,
    Activation,
    SingleInstanceServer,
    decode_message,
    encode_message,
    forward_to_running,
    server_name,
)

ROOT = Path(__file__).resolve().parents[3]


TRANSPORTS = ["qt"] if sys.platform == "win32" else ["unix", "qt"]


@pytest.fixture(params=TRANSPORTS)
def servers(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[SingleInstanceServer]]:
    """Servers made in a test; each test runs with Qt's local server and (Unix) the plain one.

    Later starts (the clients) keep the platform's own kind: on Unix a plain socket then
    talks to Qt's server, and Qt's socket (`send_raw`) to the plain server.
    """
    monkeypatch.setattr(local_socket, "USE_QT_NETWORK", request.param == "qt")
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
    path = name  # on Unix the name is the socket's path
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


# -- where the socket lives: nobody else can take the name first -------------------------------


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A folder with a short path: a socket's whole path must fit in about 100 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="si-"))
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def no_runtime_dir(monkeypatch: pytest.MonkeyPatch, short_tmp: Path) -> Path:
    """No XDG_RUNTIME_DIR; the temporary and configuration folders are under short_tmp."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    temp = short_tmp / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(single_instance, "_user_config_dir", lambda: short_tmp / "config")
    return temp


def assert_private(folder: Path) -> None:
    info = folder.lstat()
    assert stat.S_ISDIR(info.st_mode)
    assert stat.S_IMODE(info.st_mode) == 0o700
    assert info.st_uid == os.getuid()


unix_only = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets and modes")


@unix_only
def test_without_a_runtime_folder_the_socket_is_in_a_private_folder(
    qtbot: Any, tmp_path: Path, no_runtime_dir: Path, servers: list[SingleInstanceServer]
) -> None:
    name = server_name(tmp_path / "config")
    folder = Path(name).parent
    assert folder == no_runtime_dir / f"iexpbx-desktop-{os.getuid()}"
    assert_private(folder)
    assert server_name(tmp_path / "config", demo=True) != name
    assert Path(server_name(tmp_path / "config", demo=True)).parent == folder

    server = listening(servers, name)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [Path(name).name, f"{Path(name).name}.lock"]
    )
    received: list[str] = []
    server.activated.connect(received.append)
    send_raw(qtbot, name, encode_message(Activation("101")))
    qtbot.waitUntil(lambda: received == ["101"])


@unix_only
def test_a_private_folder_others_could_enter_is_closed(
    tmp_path: Path, no_runtime_dir: Path
) -> None:
    folder = no_runtime_dir / f"iexpbx-desktop-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o777)
    assert Path(server_name(tmp_path)).parent == folder
    assert_private(folder)


@unix_only
def test_a_folder_name_taken_with_a_link_is_not_used(
    tmp_path: Path, short_tmp: Path, no_runtime_dir: Path
) -> None:
    elsewhere = tmp_path / "someone-elses"
    elsewhere.mkdir(mode=0o700)
    (no_runtime_dir / f"iexpbx-desktop-{os.getuid()}").symlink_to(elsewhere)
    folder = Path(server_name(tmp_path)).parent
    assert folder == short_tmp / "config" / "run"
    assert_private(folder)
    assert list(elsewhere.iterdir()) == []


@unix_only
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_folder_owned_by_another_user_is_not_used(
    tmp_path: Path, short_tmp: Path, no_runtime_dir: Path
) -> None:
    taken = no_runtime_dir / f"iexpbx-desktop-{os.getuid()}"
    taken.mkdir(mode=0o700)
    os.chown(taken, os.getuid() + 4242, -1)
    folder = Path(server_name(tmp_path)).parent
    assert folder == short_tmp / "config" / "run"
    assert_private(folder)
    assert taken.stat().st_uid == os.getuid() + 4242  # left alone


@unix_only
def test_a_runtime_folder_open_to_others_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, short_tmp: Path, no_runtime_dir: Path
) -> None:
    runtime = short_tmp / "runtime"
    runtime.mkdir()
    runtime.chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert Path(server_name(tmp_path)).parent == no_runtime_dir / f"iexpbx-desktop-{os.getuid()}"
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o755  # not ours to change
    runtime.chmod(0o700)
    assert Path(server_name(tmp_path)).parent == runtime


def test_windows_pipe_salt_is_made_once_and_kept_private(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    salt = single_instance._pipe_salt(folder)
    assert re.fullmatch(r"[0-9a-f]{32}", salt)
    assert single_instance._pipe_salt(folder) == salt
    if sys.platform != "win32":
        assert stat.S_IMODE((folder / "pipe-name-salt").stat().st_mode) == 0o600
    (folder / "pipe-name-salt").write_text("broken")
    renewed = single_instance._pipe_salt(folder)
    assert re.fullmatch(r"[0-9a-f]{32}", renewed) and renewed != salt
    assert single_instance._pipe_salt(folder) == renewed


def test_windows_pipe_names_hold_the_session_and_the_users_salt() -> None:
    name = single_instance._windows_pipe_name("default", "2", "a" * 32)
    assert name.startswith("iexpbx-desktop-2-")
    assert "a" * 32 not in name  # the salt itself is not given away
    others = {
        single_instance._windows_pipe_name("default", "3", "a" * 32),  # another session
        single_instance._windows_pipe_name("default", "2", "b" * 32),  # another user
        single_instance._windows_pipe_name("demo", "2", "a" * 32),
    }
    assert name not in others and len(others) == 3


def test_a_second_start_hands_over_a_link_it_could_not_read(
    qtbot: Any, tmp_path: Path, servers: list[SingleInstanceServer]
) -> None:
    name = server_name(tmp_path)
    server = listening(servers, name)
    unreadable: list[str] = []
    dialled: list[str] = []
    server.unreadable_link.connect(unreadable.append)
    server.activated.connect(dialled.append)
    link = "tel:100&action=hangupcall\x07" + "9" * 3000
    send_raw(qtbot, name, encode_message(Activation(bad_link=link)))
    qtbot.waitUntil(lambda: len(unreadable) == 1)
    assert unreadable[0].startswith("tel:100&action=hangupcall 999")
    assert len(unreadable[0]) <= 160 and "\x07" not in unreadable[0]
    assert dialled == []  # an unreadable link is never offered for dialling


def test_a_message_with_both_a_number_and_a_bad_link_is_refused() -> None:
    assert decode_message(json.dumps({"v": 1, "dial": "101", "bad_link": "x"}).encode()) is None
    assert decode_message(json.dumps({"v": 1, "bad_link": 5}).encode()) is None
    assert decode_message(encode_message(Activation(bad_link="tel:abc"))) == Activation(
        bad_link="tel:abc"
    )
