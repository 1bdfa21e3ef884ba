"""The built-in simulated PBX: behind `--demo` (try the app with no PBX) and `--self-test`.

The demo PBX listens on a free loopback port with throw-away credentials made up for
this run, so nothing the user saved (settings, keyring) is read or written.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import secrets
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from desktop.pbx import PbxClient
    from desktop.simulator import SimulatorThread

__all__ = ["DEMO_SEED", "DemoPbx", "run_self_test", "start_demo_pbx", "start_demo_pbx_async"]

DEMO_SEED = 1


@dataclass
class DemoPbx:
    """A running simulated PBX and the credentials made up for it."""

    thread: SimulatorThread
    base_url: str
    username: str
    password: str = field(repr=False)

    def desk_extension(self) -> str:
        """The demo desk's own extension: a registered phone, idle if one is, or ''.

        Read from the simulated PBX directly (no request before the first poll). An idle
        one, so that the first click-to-call a visitor tries rings through.
        """

        def choose(sim: Any) -> str:
            board = sim.switchboard
            users = board.user_rows()
            busy = {party for row in board.active_rows() for party in (row["src"], row["dst"])}
            registered = [u["username"] for u in users if u["regstatus"].startswith(("OK", "LAG"))]
            idle = [number for number in registered if number not in busy]
            if idle or registered:
                return str((idle or registered)[0])
            return str(users[0]["username"]) if users else ""

        return self.thread.call(choose)

    def client(self, *, timeout: float = 10.0) -> PbxClient:
        import ssl

        from desktop.pbx import PbxClient

        # Plain http on loopback: no certificate is ever checked. An empty context costs
        # nothing, where the default one loads every CA certificate (~50 ms at start-up),
        # and it still refuses any https server.
        unused_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        return PbxClient(
            self.base_url, self.username, self.password, timeout=timeout, verify=unused_tls
        )

    def stop(self) -> None:
        self.thread.stop()


def start_demo_pbx(*, seed: int = DEMO_SEED, port: int = 0) -> DemoPbx:
    """Start the simulator in its own thread (blocks until it listens: run in an executor)."""
    from desktop.pbx import redact
    from desktop.simulator import SimulatorConfig, SimulatorThread

    username = "demo-" + secrets.token_urlsafe(6)
    password = secrets.token_urlsafe(24)
    redact.register_secret(password)
    thread = SimulatorThread(
        SimulatorConfig(port=port, username=username, password=password, seed=seed)
    )
    base_url = thread.start()
    return DemoPbx(thread, base_url, username, password)


_early: concurrent.futures.Future[DemoPbx] | None = None


def begin_demo_pbx() -> concurrent.futures.Future[DemoPbx]:
    """Start the demo PBX in a thread of its own now; the future holds it once it listens.

    Cancelled before it is up (the app quit while it started), it is stopped then.
    """
    future: concurrent.futures.Future[DemoPbx] = concurrent.futures.Future()

    def start() -> None:
        try:
            demo = start_demo_pbx()
        except BaseException as exc:
            with contextlib.suppress(concurrent.futures.InvalidStateError):
                future.set_exception(exc)
            return
        try:
            future.set_result(demo)
        except concurrent.futures.InvalidStateError:  # cancelled: nobody wants it now
            demo.stop()

    threading.Thread(target=start, name="demo-pbx-start", daemon=True).start()
    return future


def begin_early() -> None:
    """Start the demo PBX at process start, so it comes up while Qt loads."""
    global _early
    if _early is None:
        _early = begin_demo_pbx()


async def start_demo_pbx_async() -> DemoPbx:
    """The demo PBX started by begin_early(), or a new one; never blocks the event loop."""
    global _early
    future, _early = (_early or begin_demo_pbx()), None
    return await asyncio.wrap_future(future)


# ---------------------------------------------------------------- self-test
def run_self_test(out: TextIO | None = None) -> int:
    """`--self-test`: see `desktop.self_test` (kept here for callers of the old place)."""
    from desktop.self_test import run_self_test as run

    return run(out)
