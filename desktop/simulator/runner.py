"""Running the simulated PBX: in the caller's event loop (`Simulator`) or in a thread of its
own (`SimulatorThread`, for Qt apps, the demo mode and synchronous tests)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from desktop.http_server import HttpServer

from .config import SimulatorConfig
from .faults import Faults
from .server import PbxApi
from .switchboard import Switchboard
from .webhooks import WebhookSender

log = logging.getLogger(__name__)

T = TypeVar("T")
_TICK_SECONDS = 0.1
_SHUTDOWN_SECONDS = 1.0


class Simulator:
    """A simulated IEXPBX on a real loopback HTTP port, living in the caller's event loop."""

    def __init__(self, config: SimulatorConfig | None = None) -> None:
        self.config = config or SimulatorConfig()
        self.faults = Faults(
            self.config.fault, self.config.latency, self.config.error_rate, self.config.seed
        )
        self._switchboard: Switchboard | None = None
        self._server: HttpServer | None = None
        self._api: PbxApi | None = None
        self._webhooks: WebhookSender | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._port = 0

    # -- life cycle ---------------------------------------------------------------------
    @property
    def switchboard(self) -> Switchboard:
        if self._switchboard is None:
            raise RuntimeError("the simulator is not started")
        return self._switchboard

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        if not self._port:
            raise RuntimeError("the simulator is not started")
        host = self.config.host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self._port}"

    def received(self) -> list[dict[str, str]]:
        """The parameters of the latest API requests it accepted, oldest first (no credentials)."""
        return [] if self._api is None else [dict(q) for q in self._api.received]

    def accepted(self) -> int:
        """How many API requests it accepted since it started (`received` keeps the latest)."""
        return 0 if self._api is None else self._api.accepted

    @property
    def running(self) -> bool:
        return self._server is not None

    async def start(self) -> str:
        """Build the switchboard, start listening; returns the base URL."""
        if self._server is not None:
            return self.base_url
        self._switchboard = Switchboard(self.config)
        self.faults.open()
        cfg = self.config
        self._webhooks = WebhookSender(
            cfg.webhooks, cfg.start_webhooks, cfg.hangup_webhooks, cfg.webhook_timeout
        )
        await self._webhooks.start()
        api = PbxApi(cfg, self._switchboard, self.faults, after_request=self._pump)
        self._api = api
        self._server = HttpServer(api.handle, cfg.host, cfg.port)
        try:
            await self._server.start()
        except BaseException:
            await self.stop()
            raise
        self._port = self._server.port
        self._ticker = asyncio.create_task(self._tick(), name="iexpbx-sim-tick")
        return self.base_url

    async def stop(self) -> None:
        """Stop answering, release held requests, stop the webhooks; safe to call twice."""
        self.faults.close()
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        if self._server is not None:
            # A request being answered (a `hang` just released) may finish first.
            await self._server.stop(grace=_SHUTDOWN_SECONDS)
            self._server = None
        if self._webhooks is not None:
            self._pump()
            await self._webhooks.stop()
            self._webhooks = None

    async def __aenter__(self) -> Simulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(_TICK_SECONDS)
            try:
                self.switchboard.advance()
                self._pump()
            except Exception:  # a bug in one tick must not freeze the switchboard for good
                log.exception("switchboard tick failed")

    def _pump(self) -> None:
        """Hand the switchboard's new call events to the webhook senders."""
        board = self._switchboard
        if board is None or not board.events:
            return
        events, board.events = board.events, []
        if self._webhooks is not None and self._webhooks.active:
            for event in events:
                self._webhooks.submit(event)

    # -- faults and time, for tests -----------------------------------------------------
    def set_fault(self, name: str | None) -> None:
        self.faults.set_fault(name)

    def set_latency(self, seconds: float) -> None:
        self.faults.set_latency(seconds)

    def set_error_rate(self, p: float) -> None:
        self.faults.set_error_rate(p)

    def advance(self, seconds: float) -> None:
        """Jump simulated time forward: calls progress, end, and new ones arrive."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        self.switchboard.jump(seconds)
        self._pump()

    # -- calls on demand, for tests --------------------------------------------------------
    def ring(
        self,
        target: str,
        caller: str,
        *,
        answer_after: float | None = None,
        answered_by: str | None = None,
        hang_up_after: float | None = None,
    ) -> str:
        """An outside `caller` rings extension or queue `target` now; returns its channel.

        `answered_by` (an extension; default the one rung, or a free queue member) picks up
        after `answer_after` seconds (None: nobody answers); the caller hangs up after
        `hang_up_after` seconds (None: it goes on until `hang_up`). Webhooks go out as for
        any call. Raises `ActionError` for an unknown target, caller or extension.
        """
        call = self.switchboard.ring(
            target,
            caller,
            answer_after=answer_after,
            answered_by=answered_by,
            hang_up_after=hang_up_after,
        )
        self._pump()
        return call.channel

    def answer(self, channel: str, by: str | None = None) -> None:
        """Extension `by` picks up the ringing call on `channel` now; it talks until hung up."""
        self.switchboard.answer(channel, by)
        self._pump()

    def hang_up(self, channel: str) -> None:
        """End the call on `channel` now, as `hangupcall` does."""
        self.switchboard.hangup(channel)
        self._pump()

    async def pause(self) -> None:
        """Refuse connections (the port closes, open connections drop) until resume()."""
        if self._server is not None:
            await self._server.stop()

    async def resume(self) -> None:
        """Listen again on the same port."""
        if self._server is None:
            raise RuntimeError("the simulator is not started")
        await self._server.start()


class SimulatorThread:
    """A `Simulator` in its own thread and event loop; every method is called from outside."""

    def __init__(self, config: SimulatorConfig | None = None) -> None:
        self.simulator = Simulator(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stop: asyncio.Event | None = None
        self._started: concurrent.futures.Future[str] = concurrent.futures.Future()

    @property
    def base_url(self) -> str:
        return self.simulator.base_url

    def start(self, timeout: float = 30.0) -> str:
        """Start the thread; returns the base URL once the port is listening."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="iexpbx-simulator", daemon=True)
            self._thread.start()
        return self._started.result(timeout)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the server and join the thread."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop may have just finished
                loop.call_soon_threadsafe(stop.set)
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                raise TimeoutError("the simulator thread did not stop")

    def __enter__(self) -> SimulatorThread:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        try:
            url = await self.simulator.start()
        except BaseException as exc:
            self._started.set_exception(exc)
            return
        self._started.set_result(url)
        try:
            await self._stop.wait()
        finally:
            await self.simulator.stop()

    def _call(self, fn: Callable[[], T], timeout: float = 30.0) -> T:
        if self._loop is None or not self._started.done():
            raise RuntimeError("the simulator thread is not started")

        async def run() -> T:
            return fn()

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(timeout)

    def _await(self, coro_fn: Callable[[], Any], timeout: float = 30.0) -> Any:
        if self._loop is None or not self._started.done():
            raise RuntimeError("the simulator thread is not started")
        return asyncio.run_coroutine_threadsafe(coro_fn(), self._loop).result(timeout)

    def set_fault(self, name: str | None) -> None:
        self._call(lambda: self.simulator.set_fault(name))

    def set_latency(self, seconds: float) -> None:
        self._call(lambda: self.simulator.set_latency(seconds))

    def set_error_rate(self, p: float) -> None:
        self._call(lambda: self.simulator.set_error_rate(p))

    def advance(self, seconds: float) -> None:
        self._call(lambda: self.simulator.advance(seconds))

    def pause(self) -> None:
        self._await(self.simulator.pause)

    def resume(self) -> None:
        self._await(self.simulator.resume)

    def call(self, fn: Callable[[Simulator], T]) -> T:
        """Run `fn(simulator)` in the simulator's loop (to inspect or change its state)."""
        return self._call(lambda: fn(self.simulator))
