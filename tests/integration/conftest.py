"""Fixtures for talking to the simulated PBX over real loopback HTTP (raw requests, no client)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest_asyncio

from desktop.simulator import Simulator, SimulatorConfig

USERNAME = "demo"
PASSWORD = "s3cret-pw"


class RawReply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class Api:
    """Speaks the PBX's wire format directly, the way the vendor's page describes it."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, **auth: str) -> None:
        self.session = session
        self.base_url = base_url
        self.auth = {"username": USERNAME, "password": PASSWORD, **auth}

    def url(self) -> str:
        return self.base_url + "/api/old/get"

    async def raw(self, action: str | None, **params: Any) -> RawReply:
        query = dict(self.auth)
        if action is not None:
            query["action"] = action
        query.update({k: str(v) for k, v in params.items()})
        async with self.session.get(self.url(), params=query) as resp:
            body = await resp.read()
            return RawReply(resp.status, dict(resp.headers), body)

    async def call(self, action: str | None, **params: Any) -> dict[str, Any]:
        """The reply object, unwrapped from the array envelope (which must be there)."""
        reply = await self.raw(action, **params)
        assert reply.status == 200
        data = reply.json()
        assert isinstance(data, list) and len(data) == 1, data
        assert isinstance(data[0], dict)
        return data[0]

    async def rows(self, action: str, **params: Any) -> list[dict[str, Any]]:
        obj = await self.call(action, **params)
        assert obj["success"] is True, obj
        assert int(obj["count"]) == len(obj["data"])
        return list(obj["data"])


SimFactory = Callable[..., Awaitable[Simulator]]
ApiFor = Callable[[Simulator], "Api"]


@pytest_asyncio.fixture
async def make_sim() -> AsyncIterator[SimFactory]:
    """Start simulators with any config (seed 7, test credentials); all stop after the test."""
    started: list[Simulator] = []

    async def make(**overrides: Any) -> Simulator:
        options: dict[str, Any] = {"seed": 7, "username": USERNAME, "password": PASSWORD}
        options.update(overrides)
        sim = Simulator(SimulatorConfig(**options))
        await sim.start()
        started.append(sim)
        return sim

    yield make
    for sim in started:
        await sim.stop()


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15)) as s:
        yield s


@pytest_asyncio.fixture
async def sim(make_sim: SimFactory) -> Simulator:
    return await make_sim()


@pytest_asyncio.fixture
async def api(sim: Simulator, session: aiohttp.ClientSession) -> Api:
    return Api(session, sim.base_url)


@pytest_asyncio.fixture
async def quiet_sim(make_sim: SimFactory) -> Simulator:
    """No random traffic: only the calls a test makes (plus the forgotten conference line)."""
    return await make_sim(calls_per_minute=0)


@pytest_asyncio.fixture
async def quiet_api(quiet_sim: Simulator, session: aiohttp.ClientSession) -> Api:
    return Api(session, quiet_sim.base_url)


@pytest_asyncio.fixture
async def api_for(session: aiohttp.ClientSession) -> ApiFor:
    """An `Api` for a simulator made with `make_sim`."""
    return lambda sim: Api(session, sim.base_url)
