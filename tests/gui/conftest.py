"""GUI test fixtures: one qasync loop for the whole session, and a simulated PBX.

pytest-qt does not run asyncio. The pattern that works (see the platform notes): one
session-wide `qasync.QEventLoop(qapp, already_running=True)`; `qtbot.wait` and
`qtbot.waitUntil` pump it. Each GUI test marks it as the running loop, cancels what is
left at the end and unmarks it, so plain pytest-asyncio tests in the same session keep
their own loops. The loop is closed only at session end: `stop()` calls `app.exit()`,
which would break every later `waitUntil`.

Tests stay synchronous: start coroutines with `asyncio.ensure_future(...)` (or through
the code under test) and wait with `qtbot.waitUntil(task.done)`.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import qasync

from desktop.simulator import SimulatorConfig, SimulatorThread

SIMULATOR_SEED = 7
SIMULATOR_USER = "apiuser"
SIMULATOR_PASSWORD = "Sim-Şifre-42"


@pytest.fixture(scope="session")
def qasync_loop(qapp: Any) -> Iterator[qasync.QEventLoop]:
    """The session's qasync loop (created once, closed at session end)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.events._set_running_loop(None)  # marked running per test, below
    yield loop
    asyncio.events._set_running_loop(loop)
    for task in asyncio.all_tasks(loop):
        task.cancel()
    qapp.processEvents()
    asyncio.events._set_running_loop(None)
    loop.stop()
    loop.close()


@pytest.fixture(autouse=True)
def _qasync_per_test(qasync_loop: qasync.QEventLoop, qtbot: Any) -> Iterator[None]:
    """Run each GUI test inside the shared loop; cancel whatever it left running."""
    asyncio.set_event_loop(qasync_loop)
    asyncio.events._set_running_loop(qasync_loop)
    try:
        yield
        leftovers = [t for t in asyncio.all_tasks(qasync_loop) if not t.done()]
        for task in leftovers:
            task.cancel()
        if leftovers:
            qtbot.waitUntil(lambda: all(t.done() for t in leftovers), timeout=5000)
    finally:
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)


@dataclass
class RunningSimulator:
    """A simulated PBX in its own thread; `thread` offers pause()/resume()/set_fault()."""

    thread: SimulatorThread
    base_url: str
    username: str = SIMULATOR_USER
    password: str = field(default=SIMULATOR_PASSWORD, repr=False)


@pytest.fixture
def simulator() -> Iterator[RunningSimulator]:
    """A simulated PBX on a free loopback port with a fixed seed, stopped afterwards."""
    thread = SimulatorThread(
        SimulatorConfig(
            port=0, seed=SIMULATOR_SEED, username=SIMULATOR_USER, password=SIMULATOR_PASSWORD
        )
    )
    base_url = thread.start()
    try:
        yield RunningSimulator(thread, base_url)
    finally:
        thread.stop()
