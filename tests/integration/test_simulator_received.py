"""The simulated PBX remembers what it received, so tests can check what a request carried."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from desktop.pbx import PbxAuthError, PbxClient
from desktop.pbx.requests import Announcement, AnnouncementKind
from desktop.simulator import Simulator, SimulatorConfig

USER, PASSWORD = "apiuser", "Sim-Pw&42"


@pytest.fixture
async def sim() -> AsyncIterator[Simulator]:
    simulator = Simulator(SimulatorConfig(seed=7, username=USER, password=PASSWORD, port=0))
    await simulator.start()
    yield simulator
    await simulator.stop()


async def test_an_ivr_call_arrives_with_every_parameter_in_order_and_no_credentials(
    sim: Simulator,
) -> None:
    async with PbxClient(sim.base_url, USER, PASSWORD, timeout=5) as pbx:
        await pbx.call_ivr(
            "0532 111 22 33",
            dial_plan="outbound",
            ivr="7001",
            custom_data="sipariş=42&x",
            announcements=[
                "hosgeldiniz",
                Announcement(AnnouncementKind.TEXT_TO_SPEECH, "Siparişiniz hazır"),
            ],
        )
        await pbx.callback("905551110000", "905552220000", dial_plan="masked")
    ivr, callback = sim.received()[-2:]
    assert list(ivr.items()) == [
        ("action", "callivr"),
        ("number", "05321112233"),
        ("dp", "outbound"),
        ("dest", "7001"),
        ("uf", "sipariş=42&x"),
        ("file", "hosgeldiniz|{Siparişiniz hazır}"),
    ]
    assert callback == {
        "action": "callback",
        "number1": "905551110000",
        "number2": "905552220000",
        "dp": "masked",
        "uf": "",
    }
    assert all("password" not in q and "username" not in q for q in sim.received())


async def test_a_request_with_the_wrong_password_is_not_remembered(sim: Simulator) -> None:
    async with PbxClient(sim.base_url, USER, "wrong", timeout=5) as pbx:
        with pytest.raises(PbxAuthError):
            await pbx.callback("101", "102", dial_plan="masked")
    assert sim.received() == []


async def test_every_accepted_request_is_counted_beyond_those_kept(sim: Simulator) -> None:
    async with PbxClient(sim.base_url, USER, PASSWORD, timeout=5) as pbx:
        for _ in range(205):
            await pbx.queues()
    async with PbxClient(sim.base_url, USER, "wrong", timeout=5) as pbx:
        with pytest.raises(PbxAuthError):
            await pbx.queues()
    assert sim.accepted() == 205
    assert len(sim.received()) == 200
