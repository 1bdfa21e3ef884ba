"""One connected account: its PBX client, the connection's health, and what features ask of it.

`Session` owns the `PbxClient` (one per connection, replaced on new settings, after sleep and
resume, closed on quit), keeps the connection alive without the user's help, and reports
its state. Live calls are its heartbeat: it polls `activecalls` on an interval (adjustable
while running), and a failed poll is the first sign of a lost PBX.

- The PBX cannot be reached: retries with exponential backoff (1 s up to 30 s, jitter).
- The PBX rejects the password: retried a few times with growing delays (a PBX that is
  restarting can reject everyone for a while), then held until the user asks (`poke()`),
  changes settings, or confirms Settings; never fast enough to lock the API user out.
- A network change retries a lost connection at once, but not a held one.
- Sleep and resume is noticed as a jump between the wall clock and the monotonic clock (or
  a tick that came far too late); the session then opens a fresh connection at once.

Features use the session, never the client: `session.use(action)` runs an action on the
connection of the moment; actions for calls (hang up, dial, IVR, callback) and data
(extensions and queues, refreshed; the phonebook; history; recordings) are methods here.
No connection, or one replaced while the action ran, is a `PbxError` like any other.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol, TypeVar

from desktop.pbx.errors import (
    ErrorCode,
    PbxAuthError,
    PbxConnectionError,
    PbxError,
    PbxInputError,
)
from desktop.pbx.models import ActiveCall, CallRecord, Contact, Extension, Queue
from desktop.services.connection import (
    UNEXPECTED_OPEN_PROBLEM,
    UNEXPECTED_PROBLEM,
    Backoff,
    ConnectionState,
    ConnectionStatus,
    UnexpectedConnectionProblem,
)

log = logging.getLogger(__name__)

__all__ = [
    "AUTH_RETRY_DELAYS",
    "ConnectionRenewedError",
    "Directory",
    "NotConnectedError",
    "PbxApi",
    "Session",
]

T = TypeVar("T")
ProgressCallback = Callable[[int, int | None], None]

# After the PBX rejects the password: wait this long before each of a few more tries.
AUTH_RETRY_DELAYS = (10.0, 30.0, 90.0)
# Extensions and queues change rarely: read them on connecting and then this often.
DIRECTORY_EVERY_S = 300.0


class NotConnectedError(PbxConnectionError):
    """An action was asked for while there is no connection to the PBX."""

    title = "Not connected"
    default_code = ErrorCode.NOT_CONNECTED


class ConnectionRenewedError(PbxConnectionError):
    """The connection was replaced (new settings, resume) while an action used it."""

    title = "Connection renewed"
    default_code = ErrorCode.CONNECTION_RENEWED


class PbxApi(Protocol):
    """What the session needs of a PBX connection (`PbxClient` is one)."""

    def active_calls(self) -> Awaitable[list[ActiveCall]]: ...

    def aclose(self) -> Awaitable[None]: ...


class Directory(NamedTuple):
    """The PBX's extensions and queues, as last read."""

    extensions: tuple[Extension, ...] = ()
    queues: tuple[Queue, ...] = ()


StatusListener = Callable[[ConnectionStatus], None]
CallsListener = Callable[[list[ActiveCall]], None]
DirectoryListener = Callable[[Directory], None]
_Wakeup = Literal["timer", "poke", "resume"]


class Session:
    """Keeps one PBX connection alive and reports calls, directory and state by callbacks.

    `connect(factory)` starts (or restarts) with a client from `factory`; the session owns
    that client and closes it when it reconnects or closes. Callbacks run in the event
    loop; an exception in one is logged, never fatal.
    """

    def __init__(
        self,
        *,
        on_status: StatusListener,
        on_calls: CallsListener,
        on_directory: DirectoryListener | None = None,
        interval: float = 2.0,
        backoff: Backoff | None = None,
        auth_retry_delays: Iterable[float] | None = None,
        directory_every: float = DIRECTORY_EVERY_S,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        check_every: float = 1.0,
        jump_threshold: float = 5.0,
    ) -> None:
        self._on_status = on_status
        self._on_calls = on_calls
        self._on_directory = on_directory
        self.interval = interval
        self._backoff = backoff or Backoff()
        self._auth_retry_delays = tuple(
            AUTH_RETRY_DELAYS if auth_retry_delays is None else auth_retry_delays
        )
        self._auth_failures = 0
        self._directory_every = directory_every
        self._monotonic = monotonic
        self._wall = wall
        self._check_every = check_every
        self._jump_threshold = jump_threshold
        self._factory: Callable[[], PbxApi] | None = None
        self._client: PbxApi | None = None
        self._task: asyncio.Task[None] | None = None
        self._directory_task: asyncio.Task[Directory] | None = None
        self._directory_read_at: float | None = None
        self._wake = asyncio.Event()
        self._held = False
        self._retry_in: float | None = None
        self._showing_calls = False
        self._status = ConnectionStatus(ConnectionState.OFFLINE)
        self.calls: list[ActiveCall] = []
        self.directory = Directory()
        self.connections = 0  # clients opened so far: a new one follows sleep or new settings

    # ------------------------------------------------------------ state
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
    def client(self) -> PbxApi | None:
        """The connection in use now (None while there is none); for tests and diagnostics."""
        return self._client

    @property
    def retry_pending(self) -> bool:
        """A try was asked for (poke, a network change) and is about to start."""
        return self._wake.is_set()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def connect(self, factory: Callable[[], PbxApi]) -> None:
        """Use clients from `factory` from now on: drop the current one and poll at once."""
        self._factory = factory
        self._held = False
        self._auth_failures = 0
        self._backoff.reset()
        self._directory_read_at = None
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
        if from_user:
            self._held = False
            self._auth_failures = 0
        self._backoff.reset()
        self._wake.set()
        if not self.running:
            self._restart()

    def refresh_calls(self) -> None:
        """Poll now (after an action changed the calls); changes nothing else."""
        if self.running and not self._held:
            self._wake.set()

    async def aclose(self) -> None:
        """Stop polling and close the connection (on quit)."""
        self._factory = None
        tasks = [t for t in (self._task, self._directory_task) if t is not None]
        self._task = self._directory_task = None
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)

    # ------------------------------------------------------------ what features ask
    async def use(self, action: Callable[[Any], Awaitable[T]]) -> T:
        """Run `action` with the connection of the moment; every failure is a PbxError."""
        client = self._client
        if client is None:
            raise NotConnectedError("Not connected to the PBX.")
        try:
            return await action(client)
        except RuntimeError:
            # httpx refuses requests on a client closed meanwhile (new settings, resume).
            if client is not self._client or getattr(client, "closed", False):
                raise ConnectionRenewedError("The connection was renewed: try again.") from None
            raise

    async def hangup(self, channel: str) -> None:
        await self.use(lambda c: c.hangup(channel))
        self.refresh_calls()  # show the list without that call now

    async def call_number(self, number: str, extension: str) -> None:
        """Ring `extension` first, then dial `number` from it."""
        if not extension:
            raise PbxInputError("That is not a valid extension.")
        await self.use(lambda c: c.call_number(number, extension))
        self.refresh_calls()

    async def call_ivr(
        self,
        number: str,
        *,
        dial_plan: str,
        ivr: str,
        custom_data: str = "",
        announcements: Iterable[str] = (),
    ) -> None:
        items = tuple(announcements)
        await self.use(
            lambda c: c.call_ivr(
                number, dial_plan=dial_plan, ivr=ivr, custom_data=custom_data, announcements=items
            )
        )
        self.refresh_calls()

    async def callback(
        self, number1: str, number2: str, *, dial_plan: str, custom_data: str = ""
    ) -> None:
        await self.use(
            lambda c: c.callback(number1, number2, dial_plan=dial_plan, custom_data=custom_data)
        )
        self.refresh_calls()

    async def extensions(self) -> list[Extension]:
        return await self.use(lambda c: c.extensions())

    async def queues(self) -> list[Queue]:
        return await self.use(lambda c: c.queues())

    async def phone_directory(self) -> list[Contact]:
        return await self.use(lambda c: c.phone_directory())

    async def call_records(
        self, start: datetime, end: datetime, *, number: str | None = None, ivr_data: bool = False
    ) -> list[CallRecord]:
        return await self.use(
            lambda c: c.call_records(start, end, number=number, ivr_data=ivr_data)
        )

    async def download_recording(
        self,
        call_id: str,
        dest_dir: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> Path:
        return await self.use(lambda c: c.download_recording(call_id, dest_dir, progress=progress))

    async def refresh_directory(self) -> Directory:
        """Read extensions and queues now; the last good copy stays when one fails."""
        extensions, queues = self.directory
        try:
            extensions = tuple(await self.extensions())
        except PbxError as exc:
            log.info("Extensions not read: %s", type(exc).__name__)
        try:
            queues = tuple(await self.queues())
        except PbxError as exc:
            log.info("Queues not read: %s", type(exc).__name__)
        directory = Directory(extensions, queues)
        if directory != self.directory:
            self.directory = directory
            if self._on_directory is not None:
                try:
                    self._on_directory(directory)
                except Exception:
                    log.exception("A directory listener failed")
        return directory

    # ------------------------------------------------------------ the loop
    def _restart(self) -> None:
        previous = self._task
        self._task = None
        if self._factory is None and previous is None:
            return
        self._task = asyncio.get_running_loop().create_task(
            self._run(previous, self._factory), name="pbx-session"
        )
        self._task.add_done_callback(_log_failure)

    async def _run(
        self, previous: asyncio.Task[None] | None, factory: Callable[[], PbxApi] | None
    ) -> None:
        if previous is not None:
            previous.cancel()
            await asyncio.wait([previous])  # its client is closed before a new one opens
        if factory is None:
            return
        client: PbxApi | None = None
        try:
            while True:
                if client is None:
                    client = self._open(factory)
                ok = client is not None and await self._poll(client)
                if ok:
                    self._maybe_read_directory()
                woke = await self._wait(self._interval if ok else self._retry_in)
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
                    self._directory_read_at = None
                if self._status.state is not ConnectionState.ONLINE:
                    self._set_status(ConnectionStatus(ConnectionState.CONNECTING))
        finally:
            if client is not None:
                if self._client is client:
                    self._client = None
                await _close_quietly(client)

    def _open(self, factory: Callable[[], PbxApi]) -> PbxApi | None:
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
        self.connections += 1
        return client

    async def _poll(self, client: PbxApi) -> bool:
        try:
            calls = await client.active_calls()
        except PbxAuthError as exc:
            self._auth_failed(exc)
            return False
        except PbxInputError as exc:
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
        self._auth_failures = 0
        self._set_status(ConnectionStatus(ConnectionState.ONLINE))
        self.calls = list(calls)
        self._showing_calls = True
        self._emit_calls(self.calls)
        return True

    def _auth_failed(self, error: PbxAuthError) -> None:
        """A few slow retries first: a restarting PBX may reject everyone for a while."""
        if self._auth_failures < len(self._auth_retry_delays):
            delay = self._auth_retry_delays[self._auth_failures]
            self._auth_failures += 1
            self._fail(error, hold=False, retry_in=delay)
        else:
            self._fail(error, hold=True)

    def _fail(self, error: PbxError, *, hold: bool, retry_in: float | None = None) -> None:
        self._held = hold
        if hold:
            self._retry_in = None
        else:
            self._retry_in = retry_in if retry_in is not None else self._backoff.next_delay()
        before = self._status
        if before.state is not ConnectionState.OFFLINE or before.message != str(error):
            log.warning("PBX connection: %s (%s)", error, type(error).__name__)
        self._set_status(
            ConnectionStatus(ConnectionState.OFFLINE, str(error), error, self._retry_in)
        )
        self._clear_calls()

    def _maybe_read_directory(self) -> None:
        now = asyncio.get_running_loop().time()  # the clock the polls run on
        due = self._directory_read_at is None or now - self._directory_read_at >= (
            self._directory_every
        )
        busy = self._directory_task is not None and not self._directory_task.done()
        if due and not busy:
            self._directory_read_at = now
            self._directory_task = asyncio.get_running_loop().create_task(
                self.refresh_directory(), name="pbx-directory"
            )
            self._directory_task.add_done_callback(_log_failure)

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
        # Once per problem, not once per retry; but a problem that stops being retried
        # (a password rejected once too often) is news.
        if (before.state, before.message, before.waiting_for_user) == (
            status.state,
            status.message,
            status.waiting_for_user,
        ):
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


async def _close_quietly(client: PbxApi) -> None:
    try:
        await client.aclose()
    except Exception:
        log.debug("Closing a PBX connection failed", exc_info=True)


def _log_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("A PBX session task stopped", exc_info=task.exception())
