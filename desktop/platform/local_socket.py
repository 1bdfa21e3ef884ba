"""The local socket between two starts of the app: one line in, a short answer out.

On Unix it is a plain Unix domain socket (Python's `socket`, watched by a QSocketNotifier
in Qt's event loop), so a start needs no QtNetwork: loading that module and its enums
costs ~15 ms before the first paint. On Windows the name is a named pipe, which Qt's
QLocalServer / QLocalSocket handle. Both speak the same bytes, and the Unix side is what
a QLocalSocket connects to on Unix, so either end may be Qt's.

A server reads one line of at most `max_bytes` from each peer, within `timeout_ms`. A line
that `parse` accepts is answered with `answer`, the connection is closed, and then
`deliver` gets what `parse` made of it (after the answer: delivery may open a dialog,
and the sender is waiting). Anything else (no line in time, too long, refused by `parse`)
is cut off without an answer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

__all__ = ["USE_QT_NETWORK", "LocalServer", "exchange"]

T = TypeVar("T")

USE_QT_NETWORK = sys.platform == "win32"


def exchange(
    name: str, message: bytes, answer_bytes: int, timeout_ms: int, *, qt: bool | None = None
) -> bytes | None:
    """Send `message` to the server at `name`; what it answered (up to `answer_bytes`).

    None when nobody listens there; b"" (or less than asked) when it did not answer in time.
    """
    if qt if qt is not None else USE_QT_NETWORK:
        return _qt_exchange(name, message, answer_bytes, timeout_ms)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_ms / 1000)
        try:
            sock.connect(name)
        except OSError:
            return None
        answer = b""
        with contextlib.suppress(OSError):  # a timeout or a reset: what came is the answer
            sock.sendall(message)
            while len(answer) < answer_bytes:
                chunk = sock.recv(answer_bytes - len(answer))
                if not chunk:
                    break
                answer += chunk
        return answer


def _qt_exchange(name: str, message: bytes, answer_bytes: int, timeout_ms: int) -> bytes | None:
    from PySide6.QtNetwork import QLocalSocket

    peer = QLocalSocket()
    peer.connectToServer(name)
    if not peer.waitForConnected(timeout_ms):
        return None
    peer.write(message)
    if not peer.waitForBytesWritten(timeout_ms):
        peer.abort()
        return b""
    answer = b""
    while len(answer) < answer_bytes and peer.waitForReadyRead(timeout_ms):
        answer += bytes(peer.read(answer_bytes - len(answer)).data())
    peer.disconnectFromServer()
    return answer


class LocalServer(QObject, Generic[T]):
    """Listens at `name` (a socket path on Unix, a pipe name on Windows) for single lines."""

    def __init__(
        self,
        name: str,
        *,
        parse: Callable[[bytes], T | None],
        deliver: Callable[[T], None],
        answer: bytes,
        max_bytes: int,
        timeout_ms: int,
        qt: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._parse, self._deliver, self._answer = parse, deliver, answer
        self._max_bytes, self._timeout_ms = max_bytes, timeout_ms
        self._qt = USE_QT_NETWORK if qt is None else qt
        self._listener: Any = None  # a QLocalServer, or a listening socket
        self._notifier: QSocketNotifier | None = None
        self._peers: dict[object, _Peer] = {}

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def listen(self) -> bool:
        """Take the name (replacing what a crashed owner left) and listen; False if that fails."""
        if self._listener is not None:
            return True
        if self._qt:
            return self._qt_listen()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.name)  # only ever called by the holder of the name's lock
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(self.name)
            os.chmod(self.name, 0o600)  # the folder is private already; this user only
            listener.listen(8)
            listener.setblocking(False)
        except OSError as exc:
            listener.close()
            log.warning("Cannot listen for later starts: %s", exc)
            return False
        self._listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def close(self) -> None:
        for peer in list(self._peers.values()):
            peer.close()
        self._peers.clear()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        listener, self._listener = self._listener, None
        if listener is None:
            return
        listener.close()
        if not self._qt:
            with contextlib.suppress(OSError):
                os.unlink(self.name)

    # -- peers --------------------------------------------------------------------------------
    def _accept(self) -> None:
        if self._qt:
            while self._listener.hasPendingConnections():
                connection = self._listener.nextPendingConnection()
                if connection is None:
                    break
                self._add(_QtPeer(self, connection))
            return
        while self._listener is not None:
            try:
                connection, _ = self._listener.accept()
            except OSError:  # nothing more waiting (or the peer gave up already)
                return
            self._add(_UnixPeer(self, connection))

    def _add(self, peer: _Peer) -> None:
        self._peers[peer.key] = peer
        # A peer that connects and says nothing does not keep a slot open.
        peer.timer = QTimer(self)
        peer.timer.setSingleShot(True)
        peer.timer.timeout.connect(peer.close)
        peer.timer.start(self._timeout_ms)
        peer.start()

    def _received(self, peer: _Peer) -> None:
        """More bytes came from `peer`: act once a whole line (or too much) is there."""
        if b"\n" not in peer.buffer:
            if len(peer.buffer) > self._max_bytes:
                log.warning("Ignoring an oversized message on the single-instance socket")
                peer.close()
            return
        parsed = self._parse(bytes(peer.buffer.split(b"\n", 1)[0]))
        if parsed is None:
            log.warning("Ignoring an invalid message on the single-instance socket")
            peer.close()
            return
        peer.send(self._answer)
        peer.close(answered=True)
        self._deliver(parsed)

    def _forget(self, peer: _Peer) -> None:
        self._peers.pop(peer.key, None)

    def _qt_listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)
        if not server.listen(self.name):
            log.warning("Cannot listen for later starts: %s", server.errorString())
            server.deleteLater()
            return False
        server.newConnection.connect(self._accept)
        self._listener = server
        return True


class _Peer:
    """One connection: its bytes so far, and how to answer and close it."""

    key: object
    timer: QTimer | None = None

    def __init__(self, server: LocalServer[Any]) -> None:
        self.server = server
        self.buffer = bytearray()
        self.closed = False

    def room(self) -> int:
        return self.server._max_bytes + 1 - len(self.buffer)

    def start(self) -> None:
        raise NotImplementedError

    def send(self, data: bytes) -> None:
        raise NotImplementedError

    def close(self, *, answered: bool = False) -> None:
        """Cut the peer off; `answered`: let the answer reach it first."""
        if self.closed:
            return
        self.closed = True
        if self.timer is not None:
            self.timer.stop()
            self.timer.deleteLater()
        self.server._forget(self)
        self._close(answered)

    def _close(self, answered: bool) -> None:
        raise NotImplementedError


class _UnixPeer(_Peer):
    def __init__(self, server: LocalServer[Any], connection: socket.socket) -> None:
        super().__init__(server)
        self.key = self.connection = connection
        connection.setblocking(False)
        self.notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, server)

    def start(self) -> None:
        self.notifier.activated.connect(self._readable)

    def _readable(self) -> None:
        try:
            chunk = self.connection.recv(self.room())
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:  # the peer hung up (or broke off)
            self.close()
            return
        self.buffer += chunk
        self.server._received(self)

    def send(self, data: bytes) -> None:
        with contextlib.suppress(OSError):  # a few bytes: they fit the socket's buffer
            self.connection.send(data)

    def _close(self, answered: bool) -> None:
        # What was sent stays readable for the peer after this end closes.
        self.notifier.setEnabled(False)
        self.notifier.deleteLater()
        self.connection.close()


class _QtPeer(_Peer):
    def __init__(self, server: LocalServer[Any], connection: Any) -> None:
        super().__init__(server)
        self.key = self.connection = connection

    def start(self) -> None:
        self.connection.readyRead.connect(self._readable)
        self.connection.disconnected.connect(self.close)
        self.connection.disconnected.connect(self.connection.deleteLater)
        self._readable()  # bytes may have come with the connection

    def _readable(self) -> None:
        if self.closed:
            return
        data = bytes(self.connection.read(self.room()).data())
        if data:
            self.buffer += data
            self.server._received(self)

    def send(self, data: bytes) -> None:
        self.connection.write(data)
        self.connection.flush()

    def _close(self, answered: bool) -> None:
        from PySide6.QtNetwork import QLocalSocket

        if answered and self.connection.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            self.connection.disconnectFromServer()  # once the answer is out: then deleted
            return
        self.connection.abort()
        self.connection.deleteLater()
