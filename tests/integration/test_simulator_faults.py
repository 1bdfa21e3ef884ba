"""Every named fault, latency, error rate, pause/resume and the optional control path."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import aiohttp
import pytest

from desktop.simulator import FAULT_NAMES, Simulator, SimulatorConfig, SimulatorThread

if TYPE_CHECKING:
    from conftest import Api, ApiFor, SimFactory

USERNAME, PASSWORD = "operator", "thread-pw"


async def recorded_id(api: Api) -> str:
    rows = await api.rows("cdr", date1="010120000000", date2="311299992359")
    return str(next(r["id"] for r in rows if r["record"]))


def test_fault_names_are_the_documented_ones() -> None:
    assert set(FAULT_NAMES) == {
        "html502", "truncated", "empty", "hang", "torn-recording", "http401"
    }  # fmt: skip


@pytest.mark.asyncio
async def test_html502_is_a_proxy_page(sim: Simulator, api: Api) -> None:
    sim.set_fault("html502")
    reply = await api.raw("users")
    assert reply.status == 502
    assert reply.headers["Content-Type"].startswith("text/html")
    assert b"502 Bad Gateway" in reply.body
    sim.set_fault(None)
    assert (await api.call("users"))["success"] is True


@pytest.mark.asyncio
async def test_http401(sim: Simulator, api: Api) -> None:
    sim.set_fault("http401")
    reply = await api.raw("activecalls")
    assert reply.status == 401
    with pytest.raises(ValueError):
        reply.json()


@pytest.mark.asyncio
async def test_empty_body(sim: Simulator, api: Api) -> None:
    sim.set_fault("empty")
    reply = await api.raw("queues")
    assert (reply.status, reply.body) == (200, b"")


@pytest.mark.asyncio
async def test_truncated_json_and_xml(sim: Simulator, api: Api) -> None:
    whole = (await api.raw("users")).body
    sim.set_fault("truncated")
    cut = await api.raw("users")
    assert cut.status == 200
    assert 0 < len(cut.body) < len(whole)
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut.body)
    xml = await api.raw("phonedirectory")
    assert xml.body.startswith(b"<?xml") and b"</CiscoIPPhoneDirectory>" not in xml.body
    with pytest.raises(ET.ParseError):
        ET.fromstring(xml.body)


@pytest.mark.asyncio
async def test_hang_holds_until_cleared(sim: Simulator, api: Api) -> None:
    sim.set_fault("hang")
    pending = asyncio.create_task(api.raw("users"))
    done, _ = await asyncio.wait({pending}, timeout=0.3)
    assert not done, "a hanging server answered"
    sim.set_fault(None)
    reply = await asyncio.wait_for(pending, 5)
    assert reply.status == 200 and reply.json()[0]["success"] is True


@pytest.mark.asyncio
async def test_hang_is_released_when_the_server_stops(
    make_sim: SimFactory, api_for: ApiFor
) -> None:
    sim = await make_sim(fault="hang")
    pending = asyncio.create_task(api_for(sim).raw("users"))
    await asyncio.sleep(0.1)
    await asyncio.wait_for(sim.stop(), 5)
    try:
        reply = await asyncio.wait_for(pending, 5)
    except aiohttp.ClientError:
        return
    assert reply.status >= 500


@pytest.mark.asyncio
async def test_torn_recording_promises_more_than_it_sends(sim: Simulator, api: Api) -> None:
    call_id = await recorded_id(api)
    whole = await api.raw("record", id=call_id)
    assert int(whole.headers["Content-Length"]) == len(whole.body)
    sim.set_fault("torn-recording")
    with pytest.raises(aiohttp.ClientPayloadError):
        await api.raw("record", id=call_id)
    async with api.session.get(
        api.url(), params={**api.auth, "action": "record", "id": call_id}
    ) as resp:
        assert int(resp.headers["Content-Length"]) == len(whole.body)
        received = b""
        with pytest.raises(aiohttp.ClientPayloadError):
            async for chunk in resp.content.iter_any():
                received += chunk
    assert 0 < len(received) < len(whole.body)
    assert whole.body.startswith(received)
    assert (await api.call("users"))["success"] is True  # other actions are unaffected


@pytest.mark.asyncio
async def test_latency(sim: Simulator, api: Api) -> None:
    sim.set_latency(0.3)
    started = time.monotonic()
    assert (await api.call("queues"))["success"] is True
    assert time.monotonic() - started >= 0.29
    sim.set_latency(0)


@pytest.mark.asyncio
async def test_error_rate(sim: Simulator, api: Api) -> None:
    sim.set_error_rate(1.0)
    assert {(await api.raw("users")).status for _ in range(5)} == {502}
    sim.set_error_rate(0.5)
    assert {(await api.raw("users")).status for _ in range(40)} == {200, 502}
    sim.set_error_rate(0.0)
    assert {(await api.raw("users")).status for _ in range(5)} == {200}


@pytest.mark.asyncio
async def test_bad_settings_are_refused(sim: Simulator) -> None:
    with pytest.raises(ValueError):
        sim.set_fault("meltdown")
    with pytest.raises(ValueError):
        sim.set_error_rate(1.5)
    with pytest.raises(ValueError):
        sim.set_latency(-1)
    assert sim.faults.fault is None


@pytest.mark.asyncio
async def test_pause_refuses_connections_and_resume_reopens_the_port(
    sim: Simulator, api: Api
) -> None:
    port = sim.port
    assert (await api.call("users"))["success"] is True  # a pooled keep-alive connection
    await sim.pause()
    with pytest.raises(aiohttp.ClientConnectionError):
        await api.raw("users")
    with pytest.raises(aiohttp.ClientConnectionError):
        await api.raw("users")
    await sim.resume()
    assert sim.port == port
    assert (await api.call("users"))["success"] is True


@pytest.mark.asyncio
async def test_faults_from_config(make_sim: SimFactory, api_for: ApiFor) -> None:
    sim = await make_sim(fault="http401")
    assert (await api_for(sim).raw("users")).status == 401


@pytest.mark.asyncio
async def test_control_path(
    make_sim: SimFactory, api_for: ApiFor, session: aiohttp.ClientSession
) -> None:
    sim = await make_sim(control=True)
    api = api_for(sim)
    async with session.get(sim.base_url + "/_sim/fault", params={"name": "html502"}) as r:
        assert r.status == 200
    assert (await api.raw("users")).status == 502
    async with session.get(sim.base_url + "/_sim/fault", params={"name": "bogus"}) as r:
        assert r.status == 400
    async with session.get(sim.base_url + "/_sim/fault", params={"name": ""}) as r:
        assert r.status == 200
    assert (await api.raw("users")).status == 200
    before = (await api.rows("activecalls"))[0]["duration"]
    async with session.get(sim.base_url + "/_sim/advance", params={"seconds": "3600"}) as r:
        assert r.status == 200
    assert (await api.rows("activecalls"))[0]["duration"] > before


@pytest.mark.asyncio
async def test_no_control_path_unless_asked(sim: Simulator, session: aiohttp.ClientSession) -> None:
    async with session.get(sim.base_url + "/_sim/fault", params={"name": "hang"}) as r:
        assert r.status == 404
    assert sim.faults.fault is None


def _get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


def test_simulator_thread_runs_its_own_loop() -> None:
    config = SimulatorConfig(seed=3, username=USERNAME, password=PASSWORD)
    thread = SimulatorThread(config)
    url = thread.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        query = f"{url}/api/old/get?username={USERNAME}&password={PASSWORD}&action=users"
        reply = _get_json(query)
        assert isinstance(reply, list) and reply[0]["success"] is True
        thread.set_fault("http401")
        with pytest.raises(urllib.error.HTTPError) as err:
            _get_json(query)
        assert err.value.code == 401
        err.value.close()
        thread.set_fault(None)
        thread.pause()
        with pytest.raises(urllib.error.URLError):
            _get_json(query)
        thread.resume()
        assert thread.base_url == url
        assert _get_json(query)[0]["success"] is True  # type: ignore[index]
        live = thread.call(lambda sim: len(sim.switchboard.live_calls()))
        thread.advance(10)
        assert live >= 1
    finally:
        thread.stop()
    assert thread._thread is not None and not thread._thread.is_alive()
    with pytest.raises(urllib.error.URLError):
        _get_json(query)


def test_simulator_thread_reports_a_port_in_use() -> None:
    with SimulatorThread(SimulatorConfig(seed=1)) as first:
        port = int(first.base_url.rsplit(":", 1)[1])
        second = SimulatorThread(SimulatorConfig(seed=1, port=port))
        with pytest.raises(OSError):
            second.start()
        second.stop()
