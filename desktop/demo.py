"""The built-in simulated PBX: behind `--demo` (try the app with no PBX) and `--self-test`.

The demo PBX listens on a free loopback port with throw-away credentials made up for
this run, so nothing the user saved (settings, keyring) is read or written.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import secrets
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TextIO

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


async def first_registered_extension(client: PbxClient) -> str:
    """The demo desk's own extension: a registered phone, idle if one is, or ''.

    An idle one, so that the first click-to-call a visitor tries rings through
    instead of meeting a busy line.
    """
    extensions = await client.extensions()
    busy = {party for call in await client.active_calls() for party in (call.src, call.dst)}
    registered = [ext.number for ext in extensions if ext.registered]
    idle = [number for number in registered if number not in busy]
    if idle or registered:
        return (idle or registered)[0]
    return extensions[0].number if extensions else ""


# ---------------------------------------------------------------- self-test
class Check(NamedTuple):
    name: str
    ok: bool
    detail: str
    fatal: bool = True


class _Unusable(Exception):
    """A probe's readable verdict (shown without an exception name)."""


def _check(name: str, probe: Callable[[], str], *, fatal: bool = True) -> Check:
    try:
        return Check(name, True, probe())
    except _Unusable as exc:
        return Check(name, False, str(exc), fatal)
    except Exception as exc:
        return Check(name, False, f"{type(exc).__name__}: {exc}"[:300], fatal)


def _qt() -> str:
    import PySide6
    from PySide6 import QtCore, QtWidgets

    assert QtWidgets.QMainWindow is not None
    return f"Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}"


def _multimedia() -> str:
    from PySide6 import QtMultimedia

    return f"QtMultimedia imports ({QtMultimedia.QMediaPlayer.__name__})"


def _keyring() -> str:
    from desktop.credentials import CredentialState, CredentialStore

    store = CredentialStore()
    try:
        state = asyncio.run(store.check())
    finally:
        store.close()
    if state.is_problem:
        raise _Unusable(f"{state.message} Passwords are kept for the session only.")
    name = store.backend_name or "unknown"
    return f"backend {name}" + ("" if state is CredentialState.NOT_STORED else f" ({state.name})")


def _simulator() -> str:
    demo = start_demo_pbx(seed=DEMO_SEED)
    try:

        async def fetch() -> int:
            async with demo.client(timeout=10.0) as pbx:
                return len(await pbx.active_calls())

        count = asyncio.run(fetch())
    finally:
        demo.stop()
    return f"started on loopback, {count} live calls fetched"


def run_self_test(out: TextIO | None = None) -> int:
    """Print a short report; 0 when everything the app needs works, else 1.

    A missing or locked keyring is reported but not fatal: the app then keeps the
    password for the session only.
    """
    import platform

    out = out or sys.stdout
    from desktop import __version__

    checks = [
        Check("App", True, f"iexpbx-desktop {__version__}"),
        Check("Python", True, f"{platform.python_version()} on {platform.platform()}"),
        _check("Qt", _qt),
        _check("Audio", _multimedia),
        _check("Keyring", _keyring, fatal=False),
        _check("Simulator", _simulator),
    ]
    for check in checks:
        mark = "OK  " if check.ok else ("FAIL" if check.fatal else "WARN")
        print(f"{mark} {check.name + ':':<11} {check.detail}", file=out)
    failed = [c for c in checks if not c.ok and c.fatal]
    print("Self-test " + ("failed." if failed else "passed."), file=out, flush=True)
    return 1 if failed else 0
