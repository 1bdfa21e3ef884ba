"""The demo's own desk: a registered extension that is free, so a first click-to-call rings."""

from __future__ import annotations

from desktop.demo import start_demo_pbx


async def test_demo_desk_is_registered_and_idle() -> None:
    demo = start_demo_pbx()
    try:
        desk = demo.desk_extension()
        async with demo.client() as pbx:
            extension = next(e for e in await pbx.extensions() if e.number == desk)
            busy = {p for c in await pbx.active_calls() for p in (c.src, c.dst)}
    finally:
        demo.stop()
    assert extension.registered
    assert desk not in busy
