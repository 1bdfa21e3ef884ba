"""The call webhook receiver, over real HTTP on loopback: good requests make one event each."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import httpx
import pytest
import pytest_asyncio

from desktop.pbx.errors import PbxConnectionError, PbxInputError
from desktop.pbx.redact import RedactingFilter, redact
from desktop.pbx.webhook import (
    WebhookHangup,
    WebhookReceiver,
    WebhookStart,
    new_key,
)

if TYPE_CHECKING:
    from conftest import ApiFor, SimFactory

KEY = "k3y-0123456789abcdefXYZ"


class Inbox:
    def __init__(self) -> None:
        self.starts: list[WebhookStart] = []
        self.hangups: list[WebhookHangup] = []
        self.changed = asyncio.Event()

    def on_start(self, event: WebhookStart) -> None:
        self.starts.append(event)
        self.changed.set()

    def on_hangup(self, event: WebhookHangup) -> None:
        self.hangups.append(event)
        self.changed.set()

    @property
    def count(self) -> int:
        return len(self.starts) + len(self.hangups)

    async def wait_for(self, count: int, timeout: float = 10.0) -> None:
        async def enough() -> None:
            while self.count < count:
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(enough(), timeout)


@pytest_asyncio.fixture
async def inbox() -> Inbox:
    return Inbox()


@pytest_asyncio.fixture
async def receiver(inbox: Inbox) -> AsyncIterator[WebhookReceiver]:
    rec = WebhookReceiver("127.0.0.1", 0, KEY, inbox.on_start, inbox.on_hangup)
    await rec.start()
    yield rec
    await rec.stop()


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5.0, trust_env=False) as c:
        yield c


def base(receiver: WebhookReceiver) -> str:
    return f"http://127.0.0.1:{receiver.port}"


START = {
    "chanid": "SIP/trunk-sip-Trunk110-0a1b2",
    "src": "+905321234567",
    "dst": "630",
    "type": "incoming",
}
HANGUP = {"chanid": "SIP/trunk-sip-Trunk110-0a1b2", "status": "NOANSWER", "duration": "41"}


async def test_a_start_and_a_hangup_make_one_event_each(
    receiver: WebhookReceiver, inbox: Inbox, client: httpx.AsyncClient
) -> None:
    reply = await client.get(f"{base(receiver)}/{KEY}/start", params=START)
    assert reply.status_code == 200
    reply = await client.get(f"{base(receiver)}/{KEY}/hangup", params=HANGUP)
    assert reply.status_code == 200
    assert inbox.starts == [
        WebhookStart("SIP/trunk-sip-Trunk110-0a1b2", "+905321234567", "630", "incoming")
    ]
    assert inbox.hangups == [WebhookHangup("SIP/trunk-sip-Trunk110-0a1b2", "NOANSWER", 41)]
    assert receiver.received == 2


async def test_the_url_templates_work_once_filled_in(
    receiver: WebhookReceiver, inbox: Inbox, client: httpx.AsyncClient
) -> None:
    start, hangup = receiver.url_templates("127.0.0.1")
    assert start == (
        f"http://127.0.0.1:{receiver.port}/{KEY}/start"
        "?chanid={chanid}&src={src}&dst={dst}&type={calltype}"
    )
    assert hangup.endswith(
        f"/{KEY}/hangup?chanid={{chanid}}&status={{status}}&duration={{duration}}"
    )
    filled = start.format(chanid="SIP/101-1", src="101", dst="102", calltype="internal")
    assert (await client.get(filled)).status_code == 200
    filled = hangup.format(chanid="SIP/101-1", status="ANSWER", duration="7")
    assert (await client.get(filled)).status_code == 200
    assert inbox.starts == [WebhookStart("SIP/101-1", "101", "102", "internal")]
    assert inbox.hangups == [WebhookHangup("SIP/101-1", "ANSWER", 7)]


def test_ipv6_hosts_are_bracketed_in_the_templates(inbox: Inbox) -> None:
    rec = WebhookReceiver("::1", 8765, KEY, inbox.on_start, inbox.on_hangup)
    assert rec.url_templates("::1")[0].startswith(f"http://[::1]:8765/{KEY}/start?")
    assert rec.url_templates("pc-12.office.lan")[1].startswith(
        f"http://pc-12.office.lan:8765/{KEY}/"
    )


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/wrong-key-0123456789abc/start", START),
        (f"/{KEY}x/start", START),
        (f"/{KEY[:-1]}/start", START),
        ("/start", START),
        ("/", {}),
        (f"/{KEY}/ring", START),
        (f"/{KEY}", START),
    ],
)
async def test_a_wrong_key_or_path_is_not_found(
    receiver: WebhookReceiver,
    inbox: Inbox,
    client: httpx.AsyncClient,
    path: str,
    params: dict[str, str],
) -> None:
    reply = await client.get(base(receiver) + path, params=params)
    assert reply.status_code == 404
    assert KEY not in reply.text
    assert inbox.count == 0


@pytest.mark.parametrize(
    ("action", "params"),
    [
        ("start", {k: v for k, v in START.items() if k != "chanid"}),
        ("start", {k: v for k, v in START.items() if k != "type"}),
        ("start", {**START, "chanid": ""}),
        ("start", {**START, "chanid": "SIP/a b"}),
        ("start", {**START, "src": "123\n456"}),
        ("start", {**START, "dst": "9" * 200}),
        ("start", {**START, "type": "<script>"}),
        ("hangup", {k: v for k, v in HANGUP.items() if k != "status"}),
        ("hangup", {**HANGUP, "status": "HAPPY"}),
        ("hangup", {**HANGUP, "duration": "-3"}),
        ("hangup", {**HANGUP, "duration": "soon"}),
        ("hangup", {**HANGUP, "duration": ""}),
        ("hangup", START),
    ],
)
async def test_bad_or_missing_parameters_are_refused(
    receiver: WebhookReceiver,
    inbox: Inbox,
    client: httpx.AsyncClient,
    action: str,
    params: dict[str, str],
) -> None:
    reply = await client.get(f"{base(receiver)}/{KEY}/{action}", params=params)
    assert reply.status_code == 400
    assert inbox.count == 0
    assert receiver.refused == 1


async def test_lenient_but_exact_values(
    receiver: WebhookReceiver, inbox: Inbox, client: httpx.AsyncClient
) -> None:
    await client.get(f"{base(receiver)}/{KEY}/start", params={**START, "src": "anonymous"})
    await client.get(
        f"{base(receiver)}/{KEY}/hangup", params={**HANGUP, "status": "answer", "duration": "12,6"}
    )
    assert inbox.starts[0].src == "anonymous"
    assert inbox.hangups == [WebhookHangup(HANGUP["chanid"], "ANSWER", 13)]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "HEAD"])
async def test_only_get_is_accepted(
    receiver: WebhookReceiver, inbox: Inbox, client: httpx.AsyncClient, method: str
) -> None:
    reply = await client.request(method, f"{base(receiver)}/{KEY}/start", params=START)
    assert reply.status_code == 405
    assert reply.headers["allow"] == "GET"
    assert inbox.count == 0


async def test_oversized_requests_are_refused(
    receiver: WebhookReceiver, inbox: Inbox, client: httpx.AsyncClient
) -> None:
    huge_query = {**START, "padding": "x" * 6000}
    reply = await client.get(f"{base(receiver)}/{KEY}/start", params=huge_query)
    assert reply.status_code == 400
    reply = await client.get(
        f"{base(receiver)}/{KEY}/start", params=START, headers={"X-Junk": "y" * 5000}
    )
    assert reply.status_code == 400
    reply = await client.request(
        "GET", f"{base(receiver)}/{KEY}/start", params=START, content=b"z" * 100_000
    )
    assert reply.status_code == 400
    assert inbox.count == 0


async def test_the_key_never_reaches_a_log(
    inbox: Inbox, client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: WebhookStart) -> None:
        raise RuntimeError("the tracker broke")

    rec = WebhookReceiver("127.0.0.1", 0, KEY, broken, inbox.on_hangup)
    await rec.start()
    try:
        assert redact(f"GET /{KEY}/start") == "GET /***/start"
        caplog.set_level(logging.DEBUG)
        caplog.handler.addFilter(RedactingFilter())
        reply = await client.get(f"http://127.0.0.1:{rec.port}/{KEY}/start", params=START)
        assert reply.status_code == 500
        assert "handling a call webhook failed" in caplog.text
        assert KEY not in caplog.text
    finally:
        await rec.stop()
    assert redact(f"/{KEY}/") == f"/{KEY}/"  # forgotten once the receiver stops


async def test_a_port_in_use_is_a_readable_error(receiver: WebhookReceiver, inbox: Inbox) -> None:
    second = WebhookReceiver("127.0.0.1", receiver.port, KEY, inbox.on_start, inbox.on_hangup)
    with pytest.raises(PbxConnectionError, match="port is in use") as caught:
        await second.start()
    assert KEY not in str(caught.value)


@pytest.mark.parametrize("key", ["", "short", "has/slash-0123456789", "spaces in key 0123456789"])
def test_a_bad_key_is_refused_at_once(inbox: Inbox, key: str) -> None:
    with pytest.raises(PbxInputError):
        WebhookReceiver("127.0.0.1", 0, key, inbox.on_start, inbox.on_hangup)


def test_new_keys_are_random_and_usable(inbox: Inbox) -> None:
    keys = {new_key() for _ in range(50)}
    assert len(keys) == 50
    for key in keys:
        WebhookReceiver("127.0.0.1", 0, key, inbox.on_start, inbox.on_hangup)


async def test_a_simulated_call_reaches_the_receiver(
    make_sim: SimFactory, api_for: ApiFor, receiver: WebhookReceiver, inbox: Inbox
) -> None:
    start, hangup = receiver.url_templates("127.0.0.1")
    sim = await make_sim(calls_per_minute=0, start_webhooks=(start,), hangup_webhooks=(hangup,))
    api = api_for(sim)
    assert (await api.call("callnumber", number="905321234567", internal="101"))["success"]
    await inbox.wait_for(1)
    began = inbox.starts[0]
    assert (began.src, began.dst, began.call_type) == ("101", "905321234567", "outcoming")
    assert (await api.call("hangupcall", channel=began.channel))["success"]
    await inbox.wait_for(2)
    assert len(inbox.starts) == 1
    assert [h.channel for h in inbox.hangups] == [began.channel]
    assert inbox.hangups[0].status in {"ANSWER", "BUSY", "NOANSWER", "CANCEL", "CONGESTION"}
    assert receiver.refused == 0
