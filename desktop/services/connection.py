"""Keeping the live-call list fresh, and the connection healthy without the user's help.

`CallMonitor` polls `active_calls()` on one client per connection. When the PBX cannot
be reached it retries with exponential backoff (1 s up to 30 s, with jitter); a wrong
password is not retried until the user changes settings or asks (`poke()`); a network
change retries a lost connection at once but not a wrong password. Sleep and
resume is noticed as a jump between the wall clock and the monotonic clock (or a tick
that came far too late); the monitor then starts a fresh connection at once.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, Literal, Protocol, TypeVar

from desktop.pbx.errors import ErrorCode, PbxAuthError, PbxError, PbxInputError
from desktop.pbx.models import ActiveCall

log = logging.getLogger(__name__)

__all__ = [
    "Backoff",
    "CallMonitor",
    "CallSource",
    "ConnectionState",
    "ConnectionStatus",
    "UnexpectedConnectionProblem",
]

UNEXPECTED_PROBLEM = "An unexpected problem interrupted the connection to the PBX. Retrying."
UNEXPECTED_OPEN_PROBLEM = "An unexpected problem stopped the app from connecting to the PBX."


class UnexpectedConnectionProblem(PbxError):
    """Polling failed in a way the PBX layer does not describe (a fault in the app)."""

    title = "Unexpected problem"
    default_code = ErrorCode.UNEXPECTED


class ConnectionState(Enum):
    """How the app stands with the PBX; `.value` is the word the window uses."""

    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class ConnectionStatus:
    """The state, why it is offline, and when the next try happens.

    `message` is the text given to `disconnect()`, or the error's English text (for the
    log); a window shows `error` in the user's language when there is one.
    """

    state: ConnectionState
    message: str = ""
    error: PbxError | None = field(default=None, compare=False)
    retry_in: float | None = field(default=None, compare=False)  # None: waits for poke()

    @property
    def waiting_for_user(self) -> bool:
        """Offline and not retrying by itself (wrong password, bad address)."""
        return self.state is ConnectionState.OFFLINE and self.retry_in is None


class CallSource(Protocol):
    """What the monitor needs from a PBX connection (PbxClient is one)."""

    def active_calls(self) -> Awaitable[list[ActiveCall]]: ...

    def aclose(self) -> Awaitable[None]: ...


C = TypeVar("C", bound=CallSource)
StatusListener = Callable[[ConnectionStatus], None]
CallsListener = Callable[[list[ActiveCall]], None]
_Wakeup = Literal["timer", "poke", "resume"]


class Backoff:
    """Retry delays that double from `initial` up to `cap`, each shortened by random jitter.

    Jitter only ever shortens a delay, so `cap` is a true ceiling, and many desks
    that lost the PBX together do not all come back in the same second.
    """

    def __init__(
        self,
        initial: float = 1.0,
        cap: float = 30.0,
        *,
        factor: float = 2.0,
        jitter: float = 0.25,
        rand: Callable[[], float] = random.random,
    ) -> None:
        if not 0 < initial <= cap or factor < 1 or not 0 <= jitter < 1:
            raise ValueError("need 0 < initial <= cap, factor >= 1 and 0 <= jitter < 1")
        self.initial = initial
        self.cap = cap
        self.factor = factor
        self.jitter = jitter
        self._rand = rand
        self.attempts = 0

    def next_delay(self) -> float:
        """The wait before the next try; each call counts one more failure."""
        base = min(self.cap, self.initial * self.factor ** min(self.attempts, 64))
        self.attempts += 1
        return base * (1.0 - self.jitter * self._rand())

    def reset(self) -> None:
        self.attempts = 0


class CallMonitor(Generic[C]):
    """Polls a PBX for its live calls and reports calls and connection state by callbacks.

    `connect(factory)` starts (or restarts) with a client from `factory`; the monitor
    owns that client and closes it when it reconnects or closes. Callbacks run in the
    event loop; an exception in one is logged, never fatal.
    """

    def __init__(
        self,
        *,
        on_status: StatusListener,
        on_calls: CallsListener,
        interval: float = 2.0,
        backoff: Backoff | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        check_every: float = 1.0,
        jump_threshold: float = 5.0,
    ) -> None:
        self._on_status = on_status
        self._on_calls = on_calls
        self.interval = interval
        self._backoff = backoff or Backoff()
        self._monotonic = monotonic
        self._wall = wall
        self._check_every = check_every
        self._jump_threshold = jump_threshold
        self._factory: Callable[[], C] | None = None
        self._client: C | None = None
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._held = False
        self._retry_in: float | None = None
        self._showing_calls = False
        self._status = ConnectionStatus(ConnectionState.OFFLINE)
        self.calls: list[ActiveCall] = []

    # ------------------------------------------------------------ public
    @property
    def interval(self) -> float:
        """Seconds between polls while online."""
        return self._interval

    @interval.setter
    def interval(self, seconds: float) -> None:
        if not 0 < seconds <= 3600:
            raise ValueError("the poll interval must be between 0 and 3600 seconds")
        self._interval = float(seconds)

    @property
    def status(self) -> ConnectionStatus:
        return self._status

    @property
    def client(self) -> C | None:
        """The connection in use now (None while there is none)."""
        return self._client

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def connect(self, factory: Callable[[], C]) -> None:
        """Use clients from `factory` from now on: drop the current one and poll at once."""
        self._factory = factory
        self._held = False
        self._backoff.reset()
        self._set_status(ConnectionStatus(ConnectionState.CONNECTING))
        self._clear_calls()
        self._restart()

    def disconnect(self, message: str = "") -> None:
        """Stop polling and close the connection; the state becomes offline with `message`."""
        self._factory = None
        self._set_status(ConnectionStatus(ConnectionState.OFFLINE, message))
        self._clear_calls()
        self._restart()

    def poke(self, *, from_user: bool = True) -> None:
        """Try again now: when the user asks, or (`from_user=False`) after a network change.

        Only the user lifts the hold after a wrong password or a bad address: those stay
        wrong whatever the network does, and each retry is another failed login.
        """
        if self._factory is None or (self._held and not from_user):
            return
        self._held = False
        self._backoff.reset()
        self._wake.set()
        if not self.running:
            self._restart()

    async def aclose(self) -> None:
        """Stop polling and close the connection (on quit)."""
        self._factory = None
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait([task])

    # ------------------------------------------------------------ the loop
    def _restart(self) -> None:
        previous = self._task
        self._task = None
        if self._factory is None and previous is None:
            return
        self._task = asyncio.get_running_loop().create_task(
            self._run(previous, self._factory), name="call-monitor"
        )
        self._task.add_done_callback(_log_failure)

    async def _run(
        self, previous: asyncio.Task[None] | None, factory: Callable[[], C] | None
    ) -> None:
        if previous is not None:
            previous.cancel()
            await asyncio.wait([previous])  # its client is closed before a new one opens
        if factory is None:
            return
        client: C | None = None
        try:
            while True:
                if client is None:
                    client = self._open(factory)
                ok = client is not None and await self._poll(client)
                woke = await self._wait(self._next_delay(ok))
                while woke == "resume" and self._held:
                    woke = await self._wait(None)  # a wrong password stays wrong after sleep
                if woke == "timer":
                    continue
                if woke == "resume":
                    log.info("The computer resumed or its clock jumped: reconnecting")
                    if client is not None:
                        self._client = None
                        await _close_quietly(client)  # its pooled connections are dead
                        client = None
                    self._backoff.reset()
                if self._status.state is not ConnectionState.ONLINE:
                    self._set_status(ConnectionStatus(ConnectionState.CONNECTING))
        finally:
            if client is not None:
                if self._client is client:
                    self._client = None
                await _close_quietly(client)

    def _next_delay(self, ok: bool) -> float | None:
        return self._interval if ok else self._retry_in

    def _open(self, factory: Callable[[], C]) -> C | None:
        try:
            client = factory()
        except PbxError as exc:
            self._fail(exc, hold=True)
            return None
        except Exception:
            # A fault in the app or its install (a missing CA file, a broken time zone):
            # retrying by itself would fail the same way, but settings or poke() try again.
            log.exception("Opening a PBX connection failed unexpectedly")
            self._fail(UnexpectedConnectionProblem(UNEXPECTED_OPEN_PROBLEM), hold=True)
            return None
        self._client = client
        return client

    async def _poll(self, client: C) -> bool:
        try:
            calls = await client.active_calls()
        except (PbxAuthError, PbxInputError) as exc:
            self._fail(exc, hold=True)
            return False
        except PbxError as exc:
            self._fail(exc, hold=False)
            return False
        except Exception:
            log.exception("Polling the PBX failed unexpectedly")
            self._fail(UnexpectedConnectionProblem(UNEXPECTED_PROBLEM), hold=False)
            return False
        self._backoff.reset()
        self._set_status(ConnectionStatus(ConnectionState.ONLINE))
        self.calls = list(calls)
        self._showing_calls = True
        self._emit_calls(self.calls)
        return True

    def _fail(self, error: PbxError, *, hold: bool) -> None:
        self._held = hold
        self._retry_in = None if hold else self._backoff.next_delay()
        if self._status.state is not ConnectionState.OFFLINE or self._status.message != str(error):
            log.warning("PBX connection: %s (%s)", error, type(error).__name__)
        self._set_status(
            ConnectionStatus(ConnectionState.OFFLINE, str(error), error, self._retry_in)
        )
        self._clear_calls()

    async def _wait(self, delay: float | None) -> _Wakeup:
        """Sleep up to `delay` (None: until poked), waking early on poke or resume."""
        loop = asyncio.get_running_loop()
        deadline = None if delay is None else loop.time() + delay
        while True:
            if self._wake.is_set():
                self._wake.clear()
                return "poke"
            step = self._check_every
            if deadline is not None:
                step = min(step, max(0.0, deadline - loop.time()))
            mono, wall = self._monotonic(), self._wall()
            try:
                async with asyncio.timeout(step):
                    await self._wake.wait()
            except TimeoutError:
                pass
            if self._clock_jumped(mono, wall, step):
                return "resume"
            if deadline is not None and loop.time() >= deadline and not self._wake.is_set():
                return "timer"

    def _clock_jumped(self, mono: float, wall: float, step: float) -> bool:
        mono_elapsed = self._monotonic() - mono
        wall_elapsed = self._wall() - wall
        # Linux stops the monotonic clock in suspend; elsewhere the tick is just very late.
        return (
            abs(wall_elapsed - mono_elapsed) > self._jump_threshold
            or mono_elapsed - step > self._jump_threshold
        )

    # ------------------------------------------------------------ reporting
    def _set_status(self, status: ConnectionStatus) -> None:
        before = self._status
        self._status = status
        if (before.state, before.message) == (status.state, status.message):
            return
        try:
            self._on_status(status)
        except Exception:
            log.exception("A connection-state listener failed")

    def _clear_calls(self) -> None:
        self.calls = []
        if self._showing_calls:
            self._showing_calls = False
            self._emit_calls([])

    def _emit_calls(self, calls: list[ActiveCall]) -> None:
        try:
            self._on_calls(calls)
        except Exception:
            log.exception("A live-calls listener failed")


async def _close_quietly(client: CallSource) -> None:
    try:
        await client.aclose()
    except Exception:
        log.debug("Closing a PBX connection failed", exc_info=True)


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("The call monitor stopped", exc_info=task.exception())
