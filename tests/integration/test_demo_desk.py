"""The demo's own desk: a registered extension that is free, so a first click-to-call rings."""

from __future__ import annotations

from desktop.demo import DEMO_SEED, first_registered_extension
from desktop.pbx import PbxClient
from desktop.simulator import Simulator, SimulatorConfig


async def test_demo_desk_is_registered_and_idle() -> None:
    config = SimulatorConfig(seed=DEMO_SEED, username="u", password="p-123")
    async with Simulator(config) as sim, PbxClient(sim.base_url, "u", "p-123") as pbx:
        desk = await first_registered_extension(pbx)
        extension = next(e for e in await pbx.extensions() if e.number == desk)
        busy = {p for c in await pbx.active_calls() for p in (c.src, c.dst)}
    assert extension.registered
    assert desk not in busy
