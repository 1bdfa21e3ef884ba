"""Call-start and hang-up webhooks reach a receiver on 127.0.0.1, as the PBX sends them."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio
from aiohttp import web

if TYPE_CHECKING:
    from conftest import ApiFor, SimFactory

STATUSES = {"ANSWER", "BUSY", "NOANSWER", "CANCEL", "CONGESTION"}


class Receiver:
    def __init__(self) -> None:
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.arrived = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.hits.append((request.path, dict(request.query)))
        self.arrived.set()
        return web.Response(text="ok")

    async def wait_for(self, count: int, timeout: float = 5.0) -> None:
        async def enough() -> None:
            while len(self.hits) < count:
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(enough(), timeout)


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    app = web.Application()
    app.router.add_get("/{tail:.*}", rec.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    rec.url = f"http://127.0.0.1:{site.port}"
    yield rec
    await runner.cleanup()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.asyncio
async def test_call_start_and_hangup_reach_the_receiver(
    make_sim: SimFactory, api_for: ApiFor, receiver: Receiver
) -> None:
    sim = await make_sim(calls_per_minute=0, webhooks=(receiver.url + "/hook",))
    api = api_for(sim)
    assert (await api.call("callnumber", number="905321234567", internal="101"))["success"]
    await receiver.wait_for(1)
    path, start = receiver.hits[0]
    assert path == "/hook"
    assert set(start) == {"chanid", "src", "dst", "type"}
    assert (start["src"], start["dst"], start["type"]) == ("101", "905321234567", "outcoming")
    live = [r for r in await api.rows("activecalls") if r["dst"] == "905321234567"]
    assert start["chanid"] == live[0]["channel"]

    assert (await api.call("hangupcall", channel=start["chanid"]))["success"]
    await receiver.wait_for(2)
    _, hangup = receiver.hits[1]
    assert set(hangup) == {"chanid", "status", "duration"}
    assert hangup["chanid"] == start["chanid"]
    assert hangup["status"] in STATUSES
    assert int(hangup["duration"]) >= 0


@pytest.mark.asyncio
async def test_placeholder_templates(
    make_sim: SimFactory, api_for: ApiFor, receiver: Receiver
) -> None:
    start_url = (
        receiver.url + "/crm/KEY123/start?caller={src}&called={dst}&chan={chanid}&t={calltype}"
    )
    end_url = receiver.url + "/crm/KEY123/end?chan={chanid}&callstatus={status}&d={duration}"
    sim = await make_sim(
        calls_per_minute=0, start_webhooks=(start_url,), hangup_webhooks=(end_url,)
    )
    api = api_for(sim)
    number1, number2 = "905321234567", "02125550000"
    obj = await api.call("callback", number1=number1, number2=number2, dp="out")
    assert obj["success"]
    await receiver.wait_for(1)
    path, start = receiver.hits[0]
    assert path == "/crm/KEY123/start"
    assert start["called"] == number1 and start["t"] == "outcoming"
    assert start["caller"] not in (number1, number2)  # the masked caller id
    assert start["chan"].startswith("Local/905321234567@out-") and start["chan"].endswith(";1")
    sim.advance(600)
    await receiver.wait_for(4)  # the second leg's start, then a hang-up per leg
    starts = [q for path, q in receiver.hits if path == "/crm/KEY123/start"]
    ends = [q for path, q in receiver.hits if path == "/crm/KEY123/end"]
    assert len(receiver.hits) == 4 and len(starts) == len(ends) == 2
    assert (starts[1]["caller"], starts[1]["called"]) == (start["caller"], number2)
    assert [q["chan"] for q in ends] == [q["chan"] for q in starts]
    assert all(q["callstatus"] == "ANSWER" and int(q["d"]) > 0 for q in ends)


@pytest.mark.asyncio
async def test_live_traffic_sends_webhooks(make_sim: SimFactory, receiver: Receiver) -> None:
    sim = await make_sim(webhooks=(receiver.url + "/w?key=abc",))
    sim.advance(900)
    await receiver.wait_for(20)
    starts = [q for _, q in receiver.hits if "type" in q]
    ends = [q for _, q in receiver.hits if "status" in q]
    assert starts and ends
    assert all(q["key"] == "abc" for _, q in receiver.hits)
    assert {q["type"] for q in starts} <= {"incoming", "outcoming", "internal"}
    assert {q["status"] for q in ends} <= STATUSES
    assert len({q["status"] for q in ends}) >= 2


@pytest.mark.asyncio
async def test_a_dead_receiver_never_breaks_the_switchboard(
    make_sim: SimFactory,
    api_for: ApiFor,
    receiver: Receiver,
    caplog: pytest.LogCaptureFixture,
) -> None:
    dead = f"http://127.0.0.1:{closed_port()}/secret-path/KEY999?token=hunter2"
    sim = await make_sim(webhooks=(dead, receiver.url + "/alive"), webhook_timeout=1.0)
    with caplog.at_level(logging.INFO, logger="desktop.simulator"):
        sim.advance(300)
        await receiver.wait_for(3)
        assert (await api_for(sim).call("users"))["success"] is True
        for _ in range(250):  # until the failed delivery is logged
            if any("webhook" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.02)
        else:
            raise AssertionError("the failed delivery was not logged")
        await sim.stop()
    logged = caplog.text
    assert "KEY999" not in logged and "hunter2" not in logged and "secret-path" not in logged


@pytest.mark.asyncio
async def test_access_keys_in_webhook_urls_reach_the_receiver_but_no_log(
    make_sim: SimFactory,
    api_for: ApiFor,
    receiver: Receiver,
    caplog: pytest.LogCaptureFixture,
) -> None:
    plain = receiver.url + "/hook/PATHSECRET?apikey=K3YSECRET"
    template = receiver.url + "/crm/PATHSECRET/start?apikey=K3YSECRET&caller={src}&chan={chanid}"
    with caplog.at_level(logging.DEBUG):  # the root logger: httpx's and httpcore's lines too
        sim = await make_sim(calls_per_minute=0, start_webhooks=(plain, template))
        api = api_for(sim)
        assert (await api.call("callnumber", number="905321234567", internal="101"))["success"]
        await receiver.wait_for(2)
        await sim.stop()
    paths = sorted(path for path, _ in receiver.hits)
    assert paths == ["/crm/PATHSECRET/start", "/hook/PATHSECRET"]
    assert all(query["apikey"] == "K3YSECRET" for _, query in receiver.hits)
    crm = next(query for path, query in receiver.hits if path.startswith("/crm/"))
    assert crm["caller"] == "101" and crm["chan"]
    sent = [r for r in caplog.records if r.name == "httpx"]
    assert len(sent) == 2, "httpx logs each delivery (so this test can see what it says)"
    assert all(receiver.url in r.getMessage() for r in sent)
    for record in caplog.records:
        said = record.getMessage()
        assert "K3YSECRET" not in said and "PATHSECRET" not in said, record.name
    assert "K3YSECRET" not in caplog.text and "PATHSECRET" not in caplog.text  # tracebacks too


@pytest.mark.parametrize("url", ["http://[bad/hook?key=K3Y", "http://pbx.example:99999/?key=K3Y"])
def test_a_malformed_webhook_url_is_still_logged_without_its_key(url: str) -> None:
    from desktop.simulator.webhooks import safe_target

    shown = safe_target(url)
    assert shown and "K3Y" not in shown


@pytest.mark.asyncio
async def test_ring_sends_start_and_hangup_webhooks_and_counts_no_request(
    make_sim: SimFactory, api_for: ApiFor, receiver: Receiver
) -> None:
    sim = await make_sim(calls_per_minute=0, webhooks=(receiver.url + "/hook",))
    channel = sim.ring("630", "02125550100")
    await receiver.wait_for(1)
    _, start = receiver.hits[0]
    assert start == {"chanid": channel, "src": "02125550100", "dst": "630", "type": "incoming"}
    assert sim.accepted() == 0  # rung from inside, not asked for over the API
    await api_for(sim).rows("activecalls")
    assert sim.accepted() == 1
    sim.hang_up(channel)
    await receiver.wait_for(2)
    assert receiver.hits[1][1]["chanid"] == channel
