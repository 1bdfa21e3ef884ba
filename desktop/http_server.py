"""A small HTTP/1.1 server on asyncio streams; h11 does all the parsing and framing.

Shared by the simulated PBX and the app's webhook receiver (desktop/pbx/webhook.py).

The simulated PBX starts inside the desktop app's demo mode, where every tenth of a second
of start-up shows: a web framework's import alone would cost more than the whole
simulator. h11 comes with httpx, which the app loads anyway.

No request line is ever logged: an API request's query string holds the password.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import time
from collections.abc import AsyncIterable, Awaitable, Callable
from http import HTTPStatus
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

import h11

log = logging.getLogger(__name__)

MAX_REQUEST_LINE = 8190  # longer request targets are refused, as Apache and nginx do
MAX_REQUEST_HEAD = 16 * 1024  # request line plus headers; a longer one is refused
MAX_REQUEST_BODY = 64 * 1024  # the API is GET-only: a body is read and thrown away
IDLE_TIMEOUT = 75.0  # a silent client, or one that stops reading, is dropped after this
_READ_BYTES = 64 * 1024
_SERVER = f"Python/{sys.version_info.major}.{sys.version_info.minor} {h11.PRODUCT_ID}"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Request(NamedTuple):
    method: str
    path: str  # percent-decoded, without the query
    query: dict[str, str]  # a repeated parameter keeps its first value
    headers: tuple[tuple[str, str], ...]  # names in lower case


class Response(NamedTuple):
    """What to answer.

    `body` is bytes, or an async iterable of chunks sent as they come; a streamed body
    announces `content_length` (without it, it goes out chunked). A streamed body that
    ends before `content_length` bytes drops the connection there, as a dying link does.
    """

    status: int = 200
    body: bytes | AsyncIterable[bytes] = b""
    content_type: str = "application/octet-stream"
    headers: tuple[tuple[str, str], ...] = ()
    content_length: int | None = None


Handler = Callable[[Request], Awaitable[Response]]


def plain(status: int, text: str | None = None) -> Response:
    """A short text/plain page, `404: Not Found` style."""
    shown = f"{status}: {HTTPStatus(status).phrase}" if text is None else text
    return Response(status, shown.encode("utf-8"), "text/plain; charset=utf-8")


_BAD_REQUEST = plain(400)
_SERVER_ERROR = plain(500, "500 Internal Server Error\n\nServer got itself in trouble")


class _Refused(Exception):
    """The client sent something this server will not read any further."""


class HttpServer:
    """Serves `handler` on host:port; stop() and start() again reuse the same port."""

    def __init__(
        self,
        handler: Handler,
        host: str,
        port: int = 0,
        *,
        idle_timeout: float = IDLE_TIMEOUT,
        max_request_head: int = MAX_REQUEST_HEAD,
    ) -> None:
        self._handler = handler
        self._host = host
        self._port = port
        self._idle_timeout = idle_timeout
        self._max_head = max_request_head
        self._server: asyncio.Server | None = None
        self._connections: dict[asyncio.Task[None], asyncio.StreamWriter] = {}
        self._busy: set[asyncio.Task[None]] = set()  # answering a request right now
        self._closing = False

    @property
    def port(self) -> int:
        return self._port

    @property
    def listening(self) -> bool:
        return self._server is not None

    async def start(self) -> None:
        """Listen: on the given port the first time (0 picks one), on that same port after."""
        if self._server is not None:
            return
        self._closing = False
        # asyncio's default address reuse (on for POSIX, off on Windows) lets a restart
        # bind the same port again at once.
        server = await asyncio.start_server(self._connected, self._host, self._port)
        self._server = server
        self._port = int(server.sockets[0].getsockname()[1])

    async def stop(self, grace: float = 0.0) -> None:
        """Close the port and drop every connection.

        A request being answered gets `grace` seconds to finish first; idle keep-alive
        connections are dropped at once.
        """
        server, self._server = self._server, None
        self._closing = True
        if server is not None:
            server.close()
        idle = [task for task in self._connections if task not in self._busy]
        self._drop(idle)
        busy = list(self._busy)
        if busy and grace > 0:
            await asyncio.wait(busy, timeout=grace)
        self._drop(list(self._connections))
        await asyncio.gather(*self._connections, return_exceptions=True)
        if server is not None:
            await server.wait_closed()

    def _drop(self, tasks: list[asyncio.Task[None]]) -> None:
        for task in tasks:
            writer = self._connections.get(task)
            if writer is not None:
                writer.transport.abort()
            task.cancel()

    # -- one connection -----------------------------------------------------------------
    async def _connected(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # asyncio.start_server runs each connection in a task of its own.
        task: asyncio.Task[None] | None = asyncio.current_task()
        if self._closing or task is None:
            writer.transport.abort()
            return
        self._connections[task] = writer
        try:
            await self._converse(reader, writer, task)
        except (ConnectionError, TimeoutError):
            pass  # the client went away or fell silent: nothing to answer
        except asyncio.CancelledError:
            # stop() dropped the connection. The task ends quietly: Python 3.11's stream
            # server would log a cancelled connection task as an error.
            pass
        except Exception:
            log.exception("HTTP connection failed")
        finally:
            try:
                writer.close()  # sends what is still buffered (a torn reply's first half)
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    async with asyncio.timeout(self._idle_timeout):
                        await writer.wait_closed()
            finally:
                self._busy.discard(task)
                self._connections.pop(task, None)

    async def _converse(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, task: asyncio.Task[None]
    ) -> None:
        conn = h11.Connection(h11.SERVER, max_incomplete_event_size=self._max_head)
        while not self._closing:
            try:
                request = await self._read_request(conn, reader, writer)
            except (h11.RemoteProtocolError, _Refused):
                if conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):
                    await self._respond(conn, writer, _BAD_REQUEST, head_only=False, close=True)
                return
            if request is None:
                return
            self._busy.add(task)
            response = await self._answer(request)
            finished = await self._respond(
                conn, writer, response, head_only=request.method == "HEAD", close=self._closing
            )
            self._busy.discard(task)
            if not finished or conn.our_state is not h11.DONE or conn.their_state is not h11.DONE:
                return
            conn.start_next_cycle()

    async def _read_request(
        self, conn: h11.Connection, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> Request | None:
        """The next request, its body read and dropped; None once the client hangs up."""
        event = await self._next_event(conn, reader)
        if not isinstance(event, h11.Request):
            return None
        # h11 bounds a head still arriving; one that came in a single read is measured here.
        head = len(event.target) + sum(len(n) + len(v) + 4 for n, v in event.headers)
        if len(event.target) > MAX_REQUEST_LINE or head > self._max_head:
            raise _Refused
        if conn.they_are_waiting_for_100_continue:
            go_on = h11.InformationalResponse(status_code=100, headers=[], reason=b"Continue")
            await self._write(writer, conn.send(go_on))
        size = 0
        while True:
            more = await self._next_event(conn, reader)
            if isinstance(more, h11.EndOfMessage):
                return _request(event)
            if isinstance(more, h11.Data):
                size += len(more.data)
                if size > MAX_REQUEST_BODY:
                    raise _Refused
            elif isinstance(more, h11.ConnectionClosed):
                return None

    async def _next_event(self, conn: h11.Connection, reader: asyncio.StreamReader) -> h11.Event:
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                async with asyncio.timeout(self._idle_timeout):
                    data = await reader.read(_READ_BYTES)
                conn.receive_data(data)  # b"" tells h11 the client closed its side
            elif event is h11.PAUSED:
                raise _Refused  # pipelined past a reply this connection cannot finish
            else:
                assert isinstance(event, h11.Event)
                return event

    async def _answer(self, request: Request) -> Response:
        try:
            return await self._handler(request)
        except Exception:
            # The path only: the query string of an API request holds the password.
            log.exception("answering %s %s failed", request.method, request.path)
            return _SERVER_ERROR

    async def _respond(
        self,
        conn: h11.Connection,
        writer: asyncio.StreamWriter,
        response: Response,
        *,
        head_only: bool,
        close: bool,
    ) -> bool:
        """Send `response`; False if it was cut short (the connection must go)."""
        body = response.body
        length = len(body) if isinstance(body, bytes) else response.content_length
        headers = [("Content-Type", response.content_type), *response.headers]
        if length is not None:
            headers.append(("Content-Length", str(length)))
        headers += [("Date", _http_date()), ("Server", _SERVER)]
        if close:
            headers.append(("Connection", "close"))
        reason = HTTPStatus(response.status).phrase.encode("ascii")
        head = h11.Response(status_code=response.status, headers=headers, reason=reason)
        await self._write(writer, conn.send(head))
        if not head_only:
            if isinstance(body, bytes):
                if body:
                    await self._write(writer, conn.send(h11.Data(data=body)))
            else:
                sent = 0
                async for chunk in body:
                    if chunk:
                        await self._write(writer, conn.send(h11.Data(data=chunk)))
                        sent += len(chunk)
                if length is not None and sent < length:
                    return False
        await self._write(writer, conn.send(h11.EndOfMessage()))
        return True

    async def _write(self, writer: asyncio.StreamWriter, data: bytes | None) -> None:
        if data:
            writer.write(data)
            async with asyncio.timeout(self._idle_timeout):
                await writer.drain()


def _request(event: h11.Request) -> Request:
    target = event.target.decode("utf-8", "replace")
    if target.startswith("/"):
        path, _, query = target.partition("?")
    else:  # absolute form (http://host/path?query) or `*`
        parts = urlsplit(target)
        path, query = parts.path or target, parts.query
    first: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        first.setdefault(name, value)
    headers = tuple((n.decode("latin-1"), v.decode("latin-1")) for n, v in event.headers)
    return Request(event.method.decode("ascii", "replace"), unquote(path), first, headers)


def _http_date() -> str:
    # By hand: strftime would follow the locale, which a Qt app sets from the desktop.
    t = time.gmtime()
    return (
        f"{_DAYS[t.tm_wday]}, {t.tm_mday:02d} {_MONTHS[t.tm_mon - 1]} {t.tm_year} "
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} GMT"
    )
