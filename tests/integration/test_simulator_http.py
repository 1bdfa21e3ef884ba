"""The simulator's own HTTP server, spoken to byte by byte over loopback."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from desktop.http_server import HttpServer, Request, Response


class Reply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


async def read_reply(reader: asyncio.StreamReader, *, head_only: bool = False) -> Reply:
    """One response, framed by its Content-Length (what every reply here carries)."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    status_line, *lines = head.decode("latin-1").split("\r\n")[:-2]
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = 0 if head_only else int(headers["content-length"])
    body = await asyncio.wait_for(reader.readexactly(length), 5)
    return Reply(int(status_line.split(" ")[1]), headers, body)


def get(target: str, *extra: str) -> bytes:
    return "\r\n".join([f"GET {target} HTTP/1.1", "Host: sim", *extra, "", ""]).encode()


async def until_closed(reader: asyncio.StreamReader) -> None:
    """Returns once the server has closed the connection; times out if it never does."""
    try:
        while await asyncio.wait_for(reader.read(65536), 5):
            pass
    except ConnectionError:
        pass


class Echo:
    """Answers with what it understood of the request; some paths misbehave."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.seen: list[Request] = []

    async def __call__(self, request: Request) -> Response:
        self.seen.append(request)
        if request.path == "/boom":
            raise RuntimeError("a bug in a handler")
        if request.path == "/slow":
            await self.release.wait()
        if request.path == "/torn":
            return Response(body=halves(b"0123456789" * 1000), content_length=10_000)
        text = f"{request.method} {request.path} {sorted(request.query.items())}"
        return Response(body=text.encode("utf-8"), content_type="text/plain; charset=utf-8")


async def halves(data: bytes) -> AsyncIterator[bytes]:
    yield data[:2500]
    yield data[2500:5000]


@pytest_asyncio.fixture
async def echo() -> Echo:
    return Echo()


@pytest_asyncio.fixture
async def server(echo: Echo) -> AsyncIterator[HttpServer]:
    srv = HttpServer(echo, "127.0.0.1", 0, idle_timeout=0.5)
    await srv.start()
    yield srv
    await srv.stop()


async def connect(server: HttpServer) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", server.port)


async def ask(server: HttpServer, raw: bytes) -> Reply:
    reader, writer = await connect(server)
    try:
        writer.write(raw)
        return await read_reply(reader)
    finally:
        writer.close()


@pytest.mark.asyncio
async def test_two_requests_on_one_connection(server: HttpServer) -> None:
    reader, writer = await connect(server)
    writer.write(get("/first?a=1"))
    one = await read_reply(reader)
    writer.write(get("/second?b=2"))
    two = await read_reply(reader)
    writer.close()
    assert (one.status, one.body) == (200, b"GET /first [('a', '1')]")
    assert (two.status, two.body) == (200, b"GET /second [('b', '2')]")
    assert "close" not in one.headers.get("connection", "")
    assert one.headers["content-type"] == "text/plain; charset=utf-8"
    assert one.headers["date"].endswith(" GMT")


@pytest.mark.asyncio
async def test_query_is_decoded_and_the_first_value_wins(server: HttpServer) -> None:
    reply = await ask(server, get("/p%61th?x=%C3%BC+1&x=second&empty=&flag"))
    assert reply.body.decode("utf-8") == "GET /path [('empty', ''), ('flag', ''), ('x', 'ü 1')]"


@pytest.mark.asyncio
async def test_head_gets_the_headers_of_get_without_a_body(server: HttpServer) -> None:
    reader, writer = await connect(server)
    writer.write(get("/x").replace(b"GET", b"HEAD", 1))
    head = await read_reply(reader, head_only=True)
    writer.write(get("/x"))
    whole = await read_reply(reader)
    writer.close()
    assert head.status == 200 and whole.status == 200
    assert int(head.headers["content-length"]) == len(b"HEAD /x []")
    assert whole.body == b"GET /x []"  # nothing of the HEAD reply was left in between


@pytest.mark.asyncio
async def test_malformed_request_gets_400_and_others_are_still_served(
    server: HttpServer,
) -> None:
    reader, writer = await connect(server)
    writer.write(b"THIS IS NOT HTTP\r\n\r\n")
    bad = await read_reply(reader)
    assert bad.status == 400
    assert bad.headers["connection"] == "close"
    await until_closed(reader)
    writer.close()
    assert (await ask(server, get("/after"))).status == 200


@pytest.mark.asyncio
async def test_over_long_request_line_is_refused(server: HttpServer) -> None:
    for size in (9_000, 40_000):  # arriving whole, and spread over several reads
        reply = await ask(server, get("/long?x=" + "a" * size))
        assert reply.status == 400
    assert (await ask(server, get("/short?x=" + "a" * 4000))).status == 200


@pytest.mark.asyncio
async def test_a_silent_client_does_not_block_others_and_is_dropped(
    server: HttpServer,
) -> None:
    silent_reader, silent_writer = await connect(server)
    assert (await ask(server, get("/meanwhile"))).body == b"GET /meanwhile []"
    await until_closed(silent_reader)  # after the idle timeout, without a reply
    silent_writer.close()


@pytest.mark.asyncio
async def test_handler_error_is_a_500_and_the_server_goes_on(
    server: HttpServer, caplog: pytest.LogCaptureFixture
) -> None:
    reply = await ask(server, get("/boom?password=hunter2"))
    assert reply.status == 500
    assert b"Internal Server Error" in reply.body
    assert "hunter2" not in caplog.text  # the query string is never logged
    assert (await ask(server, get("/fine"))).status == 200


@pytest.mark.asyncio
async def test_short_streamed_body_tears_the_connection(
    server: HttpServer, caplog: pytest.LogCaptureFixture
) -> None:
    reader, writer = await connect(server)
    writer.write(get("/torn"))
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    assert b"Content-Length: 10000" in head
    received = b""
    while chunk := await asyncio.wait_for(reader.read(65536), 5):
        received += chunk
    writer.close()
    assert received == (b"0123456789" * 1000)[:5000]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # meant, not a bug


@pytest.mark.asyncio
async def test_stop_closes_open_keep_alive_connections(echo: Echo) -> None:
    srv = HttpServer(echo, "127.0.0.1", 0)  # the default, long idle timeout
    await srv.start()
    reader, writer = await connect(srv)
    writer.write(get("/kept"))
    assert (await read_reply(reader)).status == 200
    await asyncio.wait_for(srv.stop(), 5)
    await until_closed(reader)
    writer.close()
    with pytest.raises(OSError):
        await connect(srv)


@pytest.mark.asyncio
async def test_stopping_with_a_client_still_connected_logs_no_error(
    echo: Echo, caplog: pytest.LogCaptureFixture
) -> None:
    """Quitting the demo while the app's connection is open is a normal end, not an error."""
    srv = HttpServer(echo, "127.0.0.1", 0)
    await srv.start()
    reader, writer = await connect(srv)
    writer.write(get("/kept"))
    assert (await read_reply(reader)).status == 200
    with caplog.at_level(logging.WARNING):
        await asyncio.wait_for(srv.stop(), 5)
        await until_closed(reader)
        for _ in range(5):  # the loop reports a task's failure on a later turn
            await asyncio.sleep(0)
    writer.close()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.asyncio
async def test_stop_drops_idle_connections_and_lets_a_request_in_progress_finish(
    echo: Echo,
) -> None:
    server = HttpServer(echo, "127.0.0.1", 0)  # the default, long idle timeout
    await server.start()
    idle_reader, idle_writer = await connect(server)
    idle_writer.write(get("/done"))
    assert (await read_reply(idle_reader)).status == 200
    reader, writer = await connect(server)
    writer.write(get("/slow"))
    while len(echo.seen) < 2:
        await asyncio.sleep(0.01)
    stopping = asyncio.create_task(server.stop(grace=60))
    await until_closed(idle_reader)  # at once, while the slow request is still held
    echo.release.set()
    reply = await read_reply(reader)
    await asyncio.wait_for(stopping, 5)
    writer.close()
    idle_writer.close()
    assert reply.status == 200 and reply.headers["connection"] == "close"


@pytest.mark.asyncio
async def test_restart_listens_on_the_same_port(server: HttpServer) -> None:
    port = server.port
    await server.stop()
    assert not server.listening
    await server.start()
    assert server.port == port
    assert (await ask(server, get("/again"))).status == 200


def test_importing_and_running_the_simulator_loads_no_aiohttp() -> None:
    script = (
        "import sys\n"
        "from desktop.simulator import SimulatorConfig, SimulatorThread\n"
        "thread = SimulatorThread(SimulatorConfig(seed=1))\n"
        "thread.start()\n"
        "thread.stop()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'aiohttp')\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
