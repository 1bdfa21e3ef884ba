"""One app per user and configuration: a second start hands its number to the first.

The running app listens on a local socket (a Unix socket in the user's private runtime
folder, a named pipe on Windows: see `local_socket`). A second start connects, sends one
small JSON message (`{"v": 1, "dial": "+905321234567"}`, or no number to just show the
window), waits for "ok" and exits. Anything else arriving on the socket is ignored.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QDir, QLockFile, QObject, Signal

from desktop import APP_ID
from desktop.cli import DialTargetError, dialable_number
from desktop.platform import local_socket

log = logging.getLogger(__name__)

__all__ = [
    "MAX_MESSAGE_BYTES",
    "Activation",
    "SingleInstanceServer",
    "claim",
    "decode_message",
    "encode_message",
    "forward_to_running",
    "server_name",
    "shown_link",
]

MAX_MESSAGE_BYTES = 1024
PROTOCOL_VERSION = 1
_ACK = b"ok\n"
_CLIENT_TIMEOUT_MS = 2000


class Activation(NamedTuple):
    """What a second start asks of the running app: come to front, maybe offer a number.

    `bad_link` is a link the second start could not read: the running app says so.
    """

    dial: str | None = None
    bad_link: str | None = None


# An unreadable link is shown, not dialled: this much of it names it well enough, and
# keeps the message small whatever it holds.
_SHOWN_LINK_CHARS = 160


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name(config_dir: Path | None, *, demo: bool = False) -> str:
    """The socket name for this user and configuration; demo instances have their own.

    Nobody else may be able to take the name first: another user who did would receive
    the numbers handed over, or keep this app from starting. On Unix the socket and its
    lock live in a folder only this user can enter; on Windows, where pipe names are
    shared by all sessions, the name holds the session and a salt only this user can read.
    """
    scope = "demo" if demo else str(config_dir.resolve()) if config_dir else "default"
    if sys.platform == "win32":
        return _windows_pipe_name(scope, _windows_session(), _pipe_salt(_user_config_dir()))
    digest = hashlib.sha256(f"{_user_name()}\0{scope}".encode()).hexdigest()[:16]
    return str(private_runtime_dir() / f"{APP_ID}-{digest}")


# --- Unix: a private folder for the socket and its lock ---------------------------------------

_SOCKET_PATH_MAX = 100  # sun_path holds 104 bytes on macOS, 108 on Linux


def private_runtime_dir() -> Path:
    """A folder only this user can enter, for the socket and its lock file.

    XDG_RUNTIME_DIR when it is what it should be (the user's own, closed to others);
    else a folder of our own in the temporary folder; if someone else took that name,
    one in the user's configuration folder; as a last resort a fresh random folder
    (later starts then cannot find this one, but nobody can pose as it).
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and _is_private(Path(runtime), repair=False):
        return Path(runtime)
    import tempfile

    for folder in _runtime_dir_choices():
        if len(str(folder)) + len(APP_ID) + 24 <= _SOCKET_PATH_MAX and _make_private(folder):
            return folder
    folder = Path(tempfile.mkdtemp(prefix=f"{APP_ID}-"))
    log.warning("No private folder for the single-instance socket; using %s", folder)
    return folder


def _runtime_dir_choices() -> Iterator[Path]:
    import tempfile  # only without $XDG_RUNTIME_DIR (Windows, macOS): not for Linux start-up

    uid = os.getuid() if hasattr(os, "getuid") else 0
    yield Path(tempfile.gettempdir()) / f"{APP_ID}-{uid}"
    yield _user_config_dir() / "run"  # only looked up when needed: it costs start-up time


def _make_private(folder: Path) -> bool:
    """Create `folder` closed to other users, or check (and close) an existing one."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        log.warning("Cannot create %s: %s", folder, exc)
        return False
    return _is_private(folder, repair=True)


def _is_private(folder: Path, *, repair: bool) -> bool:
    """Whether `folder` is a real folder of this user that nobody else can enter."""
    try:
        info = os.lstat(folder)  # a symbolic link could point anywhere: not followed
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        log.warning("Not using %s for the single-instance socket: not a folder", folder)
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        log.warning("Not using %s for the single-instance socket: another user owns it", folder)
        return False
    if stat.S_IMODE(info.st_mode) & 0o077:
        if not repair:
            return False
        try:
            os.chmod(folder, 0o700)
        except OSError as exc:
            log.warning("Cannot close %s to other users: %s", folder, exc)
            return False
        return _is_private(folder, repair=False)
    return True


def _user_config_dir() -> Path:
    from desktop.settings_store import default_config_dir

    return default_config_dir()


# --- Windows: a pipe name nobody else can guess ----------------------------------------------

_SALT_FILE = "pipe-name-salt"
_SALT_RE = re.compile(r"[0-9a-f]{32}")


def _windows_pipe_name(scope: str, session: str, salt: str) -> str:
    """The pipe name for this user, session and configuration."""
    digest = hashlib.sha256(f"{_user_name()}\0{session}\0{salt}\0{scope}".encode())
    return f"{APP_ID}-{session or 'x'}-{digest.hexdigest()[:32]}"


def _windows_session() -> str:
    """The Windows session this process runs in ("" when it cannot be told)."""
    if sys.platform == "win32":
        import ctypes

        session = ctypes.c_ulong()
        kernel32 = ctypes.windll.kernel32
        if kernel32.ProcessIdToSessionId(kernel32.GetCurrentProcessId(), ctypes.byref(session)):
            return str(session.value)
    return os.environ.get("SESSIONNAME", "")


def _pipe_salt(folder: Path) -> str:
    """This user's secret random salt for the pipe name (32 hex digits), made once."""
    path = folder / _SALT_FILE
    for _attempt in range(20):
        try:
            text = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            if not _create_salt(path):
                break
            continue  # read back what is there: another start may have been quicker
        except (OSError, UnicodeDecodeError):
            text = ""
        if _SALT_RE.fullmatch(text):
            return text
        time.sleep(0.05)  # another start may be writing it right now
    # Unreadable or broken: a new salt for this and later starts.
    salt = secrets.token_hex(16)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{_SALT_FILE}.{os.getpid()}")
        temporary.write_text(salt + "\n", encoding="ascii")
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("Cannot save the single-instance salt: %s", exc)
    return salt


def _create_salt(path: Path) -> bool:
    """Write a new salt to `path` unless it exists; False when nothing could be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return True
    except OSError as exc:
        log.warning("Cannot create the single-instance salt: %s", exc)
        return False
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(secrets.token_hex(16) + "\n")
    return True


def encode_message(activation: Activation) -> bytes:
    payload: dict[str, object] = {"v": PROTOCOL_VERSION}
    if activation.dial:
        payload["dial"] = activation.dial
    elif activation.bad_link is not None:
        payload["bad_link"] = shown_link(activation.bad_link)
    return json.dumps(payload, separators=(",", ":")).encode() + b"\n"


def decode_message(data: bytes) -> Activation | None:
    """The activation in `data`, or None for anything that is not a valid message."""
    if len(data) > MAX_MESSAGE_BYTES:
        return None
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(payload, dict) or payload.get("v") != PROTOCOL_VERSION:
        return None
    if set(payload) - {"v", "dial", "bad_link"}:
        return None
    bad_link = payload.get("bad_link")
    if bad_link is not None:
        if not isinstance(bad_link, str) or "dial" in payload:
            return None
        return Activation(bad_link=shown_link(bad_link))
    dial = payload.get("dial")
    if dial is None:
        return Activation()
    if not isinstance(dial, str):
        return None
    try:
        # The sender is another process: its number is checked again, not trusted.
        return Activation(dialable_number(dial))
    except DialTargetError:
        return None


def shown_link(link: str) -> str:
    """A link as it may be shown to the user: control characters dropped, cut to a length."""
    text = "".join(ch if ch.isprintable() else " " for ch in link).strip()
    if len(text) > _SHOWN_LINK_CHARS:
        text = text[: _SHOWN_LINK_CHARS - 1] + "…"
    return text


def forward_to_running(name: str, activation: Activation, timeout_ms: int = 1500) -> bool | None:
    """Hand `activation` to a running app: True delivered, None none running, False no answer."""
    answer = local_socket.exchange(name, encode_message(activation), len(_ACK), timeout_ms)
    return None if answer is None else answer == _ACK


def claim(
    name: str, activation: Activation, *, before_listen: Callable[[], object] = lambda: None
) -> SingleInstanceServer | bool:
    """Become the running instance, or hand `activation` to the one that already is.

    Returns the listening server; True when handed over; False when an instance owns
    the name but does not answer. `before_listen` runs once before the first listen
    (it creates the QApplication the server needs; a hand-over does not wait for Qt).
    """
    prepared = False
    for attempt in range(3):  # two starts at once: the loser hands over to the winner
        handed_over = forward_to_running(name, activation)
        if handed_over is not None:
            return handed_over
        if not prepared:
            before_listen()
            prepared = True
        server = SingleInstanceServer(name)
        if server.listen():
            return server
        server.deleteLater()
        time.sleep(0.2 * (attempt + 1))
    return False


def _lock_path(name: str) -> str:
    if os.path.isabs(name):
        return name + ".lock"
    return str(Path(QDir.tempPath()) / f"{name}.lock")


class SingleInstanceServer(QObject):
    """Listens for later starts; emits `activated` with a number ("" to just show).

    A later start given a link it could not read emits `unreadable_link` with the link.
    """

    activated = Signal(str)
    unreadable_link = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = local_socket.LocalServer(
            name,
            parse=decode_message,
            deliver=self._deliver,
            answer=_ACK,
            max_bytes=MAX_MESSAGE_BYTES,
            timeout_ms=_CLIENT_TIMEOUT_MS,
            parent=self,
        )
        self._lock: QLockFile | None = None

    def _deliver(self, activation: Activation) -> None:
        if activation.bad_link is not None:
            self.unreadable_link.emit(activation.bad_link)
        else:
            self.activated.emit(activation.dial or "")

    @property
    def listening(self) -> bool:
        return self._server.listening

    def listen(self) -> bool:
        """Start listening; False when another live instance owns the name.

        A lock file decides who owns the name (listening would replace a live server's
        socket); a socket file left by a crashed instance is removed.
        """
        if self._lock is None:
            lock = QLockFile(_lock_path(self.name))
            lock.setStaleLockTime(0)  # stale only when its process is gone
            if not lock.tryLock(200):
                return False
            self._lock = lock
        return self._server.listen()

    def close(self) -> None:
        self._server.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
