"""Session: polling, state changes, backoff, poke, auth errors, sleep/resume, actions (Qt-free).

Waits for "nothing happened" run on a virtual clock (looptime): an hour passes at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

import pytest

from desktop.pbx.errors import PbxAuthError, PbxConnectionError, PbxInputError
from desktop.pbx.models import ActiveCall, Extension, Queue
from desktop.services.connection import (
    UNEXPECTED_OPEN_PROBLEM,
    UNEXPECTED_PROBLEM,
    Backoff,
    ConnectionState,
    ConnectionStatus,
    UnexpectedConnectionProblem,
)
from desktop.services.session import ConnectionRenewedError, NotConnectedError, Session

pytestmark = pytest.mark.looptime

CALL = ActiveCall("SIP/trunk-0001", timedelta(seconds=5), "incoming", "", "905321234567", "101")
DOWN = PbxConnectionError("The PBX could not be reached. Check the server address and the network.")
WRONG_PASSWORD = PbxAuthError("The PBX rejected the user name or password (HTTP 401).")

ONLINE, OFFLINE, CONNECTING = (
    ConnectionState.ONLINE,
    ConnectionState.OFFLINE,
    ConnectionState.CONNECTING,
)


class FakePbx:
    """Answers `active_calls` from a shared script (an exception is raised, a list returned)."""

    def __init__(self, pbx: FakeServer) -> None:
        self.server = pbx
        self.closed = False

    async def active_calls(self) -> list[ActiveCall]:
        assert not self.closed, "polled a closed client"
        self.server.polls += 1
        answer = self.server.answer
        if isinstance(answer, BaseException):
            raise answer
        return list(answer)

    async def aclose(self) -> None:
        self.closed = True

    async def extensions(self) -> list[Extension]:
        self.server.directory_reads += 1
        return list(self.server.extensions)

    async def queues(self) -> list[Queue]:
        return []

    async def hangup(self, channel: str) -> None:
        assert not self.closed, "used a closed client"
        self.server.hangups.append(channel)


class FakeServer:
    def __init__(self, answer: list[ActiveCall] | BaseException | None = None) -> None:
        self.answer: list[ActiveCall] | BaseException = [CALL] if answer is None else answer
        self.polls = 0
        self.clients: list[FakePbx] = []
        self.extensions: list[Extension] = []
        self.directory_reads = 0
        self.hangups: list[str] = []

    def client(self) -> FakePbx:
        client = FakePbx(self)
        self.clients.append(client)
        return client


class Recorder:
    def __init__(self) -> None:
        self.statuses: list[ConnectionStatus] = []
        self.call_lists: list[list[ActiveCall]] = []

    @property
    def states(self) -> list[ConnectionState]:
        return [s.state for s in self.statuses]

    def on_status(self, status: ConnectionStatus) -> None:
        self.statuses.append(status)

    def on_calls(self, calls: list[ActiveCall]) -> None:
        self.call_lists.append(calls)


class FakeClock:
    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return 1_000_000.0 + self.offset


async def until(condition: Callable[[], bool], timeout: float = 3600.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.05)  # virtual time


def monitor(recorder: Recorder, **kwargs: object) -> Session:
    kwargs.setdefault("interval", 2.0)  # the app's own timings: the clock is virtual
    kwargs.setdefault("backoff", Backoff())
    kwargs.setdefault("auth_retry_delays", ())
    kwargs.setdefault("directory_every", 3600.0)
    return Session(on_status=recorder.on_status, on_calls=recorder.on_calls, **kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- backoff
def test_backoff_doubles_from_one_second_up_to_thirty() -> None:
    backoff = Backoff(rand=lambda: 0.0)
    assert [backoff.next_delay() for _ in range(8)] == [1, 2, 4, 8, 16, 30, 30, 30]
    backoff.reset()
    assert backoff.next_delay() == 1


def test_backoff_jitter_only_shortens_and_never_passes_the_cap() -> None:
    backoff = Backoff(rand=lambda: 1.0)
    delays = [backoff.next_delay() for _ in range(10)]
    assert delays[0] == pytest.approx(0.75)
    assert max(delays) == pytest.approx(22.5)
    import random

    rng = random.Random(3)
    jittered = Backoff(rand=rng.random)
    values = [jittered.next_delay() for _ in range(200)]
    assert all(0.75 <= v <= 30 for v in values)
    assert len(set(values)) > 100  # desks that lost the PBX together do not retry in step


@pytest.mark.parametrize(
    "kwargs", [{"initial": 0}, {"initial": 5, "cap": 1}, {"jitter": 1.0}, {"factor": 0.5}]
)
def test_backoff_refuses_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Backoff(**kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- states
async def test_connect_reports_connecting_then_online_with_the_calls() -> None:
    server, seen = FakeServer(), Recorder()
    mon = monitor(seen)
    mon.connect(server.client)
    await until(lambda: seen.call_lists)
    assert seen.states[:2] == [CONNECTING, ONLINE]
    assert seen.call_lists[0] == [CALL]
    assert mon.status.state is ONLINE and mon.client is server.clients[0]
    await until(lambda: server.polls >= 3)  # keeps polling on its interval
    await mon.aclose()
    assert server.clients[0].closed


async def test_lost_pbx_is_reported_once_calls_cleared_then_recovers_alone() -> None:
    server, seen = FakeServer(), Recorder()
    mon = monitor(seen)
    mon.connect(server.client)
    await until(lambda: mon.status.state is ONLINE)
    server.answer = DOWN
    await until(lambda: mon.status.state is OFFLINE)
    polls = server.polls
    await until(lambda: server.polls >= polls + 3)  # retries by itself
    offline = [s for s in seen.statuses if s.state is OFFLINE]
    assert len(offline) == 1, "the same error must be reported once, not on every retry"
    assert offline[0].message == str(DOWN)
    assert isinstance(offline[0].error, PbxConnectionError)
    assert not offline[0].waiting_for_user  # reported as retrying, from the first report
    assert seen.call_lists[-1] == []  # stale calls are not left on screen
    assert mon.status.retry_in is not None and not mon.status.waiting_for_user

    server.answer = [CALL]
    await until(lambda: mon.status.state is ONLINE)
    assert seen.states[-2:] == [OFFLINE, ONLINE]
    assert seen.statuses[-1].message == ""
    await until(lambda: seen.call_lists[-1] == [CALL])
    await mon.aclose()


class CountingBackoff(Backoff):
    def __init__(self) -> None:
        super().__init__(0.002, 0.01)
        self.delays: list[float] = []
        self.resets = 0

    def next_delay(self) -> float:
        delay = super().next_delay()
        self.delays.append(delay)
        return delay

    def reset(self) -> None:
        self.resets += 1
        super().reset()


async def test_failures_wait_longer_each_time_and_success_starts_over() -> None:
    server, seen = FakeServer(DOWN), Recorder()
    backoff = CountingBackoff()
    mon = monitor(seen, backoff=backoff)
    mon.connect(server.client)
    await until(lambda: len(backoff.delays) >= 5)
    assert backoff.attempts >= 5
    first_five = backoff.delays[:5]
    assert first_five[4] > first_five[0]  # grows (jitter shortens by at most 25 %)
    assert max(backoff.delays) <= 0.01
    resets = backoff.resets
    server.answer = []
    await until(lambda: mon.status.state is ONLINE)
    assert backoff.resets > resets and backoff.attempts == 0
    await mon.aclose()


async def test_poke_polls_now_instead_of_waiting_for_the_interval() -> None:
    server, seen = FakeServer(), Recorder()
    mon = monitor(seen, interval=3600)
    mon.connect(server.client)
    await until(lambda: server.polls == 1)
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert server.polls == 1
    mon.poke()
    await until(lambda: server.polls == 2)
    await mon.aclose()


async def test_poke_cuts_a_long_backoff_short() -> None:
    server, seen = FakeServer(DOWN), Recorder()
    mon = monitor(seen, backoff=Backoff(3600, 3600))
    mon.connect(server.client)
    await until(lambda: mon.status.state is OFFLINE)
    server.answer = [CALL]
    mon.poke()
    await until(lambda: mon.status.state is ONLINE)
    assert seen.states[-3:] == [OFFLINE, CONNECTING, ONLINE]  # the user sees it trying
    await mon.aclose()


async def test_wrong_password_is_not_retried_until_poked() -> None:
    server, seen = FakeServer(WRONG_PASSWORD), Recorder()
    mon = monitor(seen, backoff=Backoff(0.001, 0.001))
    mon.connect(server.client)
    await until(lambda: mon.status.state is OFFLINE)
    await asyncio.sleep(
        1800
    )  # half an hour on the virtual clock: dozens of retries at this backoff
    assert server.polls == 1
    assert mon.status.waiting_for_user
    assert mon.status.message == str(WRONG_PASSWORD)
    server.answer = [CALL]
    mon.poke()
    await until(lambda: mon.status.state is ONLINE)
    assert server.polls == 2
    await mon.aclose()


async def test_new_settings_replace_the_client_and_clear_an_auth_error() -> None:
    old, new, seen = FakeServer(WRONG_PASSWORD), FakeServer(), Recorder()
    mon = monitor(seen)
    mon.connect(old.client)
    await until(lambda: mon.status.state is OFFLINE)
    mon.connect(new.client)
    await until(lambda: mon.status.state is ONLINE)
    assert old.clients[0].closed and not new.clients[0].closed
    assert mon.client is new.clients[0]
    assert old.polls == 1
    await mon.aclose()
    assert new.clients[0].closed


async def test_an_address_the_client_refuses_stays_offline_with_its_message() -> None:
    seen = Recorder()

    def refuse() -> FakePbx:
        raise PbxInputError("The server address must start with http:// or https://.")

    mon = monitor(seen)
    mon.connect(refuse)
    await until(lambda: mon.status.state is OFFLINE)
    assert mon.status.waiting_for_user
    assert "http://" in mon.status.message
    assert mon.client is None
    await mon.aclose()


async def test_disconnect_goes_offline_closes_and_stops_polling() -> None:
    server, seen = FakeServer(), Recorder()
    mon = monitor(seen)
    mon.connect(server.client)
    await until(lambda: mon.status.state is ONLINE)
    mon.disconnect("Not set up yet")
    await until(lambda: server.clients[0].closed)
    polls = server.polls
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert server.polls == polls
    assert mon.status == ConnectionStatus(OFFLINE, "Not set up yet")
    assert seen.call_lists[-1] == []
    mon.poke()  # nothing to connect to: still nothing happens
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert server.polls == polls
    await mon.aclose()


async def test_unexpected_errors_are_logged_and_retried(caplog: pytest.LogCaptureFixture) -> None:
    server, seen = FakeServer(RuntimeError("boom")), Recorder()
    mon = monitor(seen)
    mon.connect(server.client)
    await until(lambda: server.polls >= 2)
    assert mon.status.message == UNEXPECTED_PROBLEM
    # The error names the kind of problem, so a window can word it in its own language;
    # what failed inside stays in the log.
    assert isinstance(mon.status.error, UnexpectedConnectionProblem)
    assert "boom" not in mon.status.message
    assert "Polling the PBX failed unexpectedly" in caplog.text
    server.answer = [CALL]
    await until(lambda: mon.status.state is ONLINE)
    await mon.aclose()


async def test_a_client_that_cannot_be_made_goes_offline_and_poke_tries_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, seen = FakeServer(), Recorder()
    attempts: list[int] = []

    def broken_install() -> FakePbx:
        attempts.append(1)
        if len(attempts) == 1:
            raise FileNotFoundError(2, "No such file or directory", "/app/certifi/cacert.pem")
        return server.client()

    mon = monitor(seen, backoff=Backoff(0.001, 0.001))
    mon.connect(broken_install)
    await until(lambda: mon.status.state is OFFLINE)
    assert isinstance(mon.status.error, UnexpectedConnectionProblem)
    assert mon.status.message == UNEXPECTED_OPEN_PROBLEM
    assert mon.status.waiting_for_user  # it would fail the same way again: no spinning
    assert "Opening a PBX connection failed unexpectedly" in caplog.text
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert len(attempts) == 1 and mon.running
    mon.poke()
    await until(lambda: mon.status.state is ONLINE)
    assert len(attempts) == 2 and server.polls >= 1
    await mon.aclose()


async def test_a_failing_listener_does_not_stop_the_session() -> None:
    server = FakeServer()

    def broken(_: object) -> None:
        raise ValueError("listener bug")

    mon = Session(on_status=broken, on_calls=broken, interval=0.01)
    mon.connect(server.client)
    await until(lambda: server.polls >= 3)
    assert mon.running and mon.status.state is ONLINE
    await mon.aclose()


def test_interval_must_be_sensible() -> None:
    seen = Recorder()
    with pytest.raises(ValueError):
        monitor(seen, interval=0)
    mon = monitor(seen)
    mon.interval = 5
    assert mon.interval == 5.0


# ---------------------------------------------------------------- network changes
async def test_a_network_change_does_not_retry_a_wrong_password() -> None:
    server, seen = FakeServer(WRONG_PASSWORD), Recorder()
    mon = monitor(seen)
    mon.connect(server.client)
    await until(lambda: mon.status.state is OFFLINE)
    mon.poke(from_user=False)
    mon.poke(from_user=False)
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert server.polls == 1 and mon.status.waiting_for_user
    assert seen.states[-1] is OFFLINE
    mon.poke()  # the user asks: that is tried at once
    await until(lambda: server.polls == 2)
    await mon.aclose()


async def test_a_network_change_does_not_retry_an_address_the_client_refuses() -> None:
    seen, attempts = Recorder(), []

    def refuse() -> FakePbx:
        attempts.append(1)
        raise PbxInputError("The server address must start with http:// or https://.")

    mon = monitor(seen)
    mon.connect(refuse)
    await until(lambda: mon.status.state is OFFLINE)
    mon.poke(from_user=False)
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert len(attempts) == 1 and mon.status.waiting_for_user
    mon.poke()
    await until(lambda: len(attempts) == 2)
    await mon.aclose()


async def test_a_network_change_retries_a_lost_connection_at_once() -> None:
    server, seen = FakeServer(DOWN), Recorder()
    mon = monitor(seen, backoff=Backoff(3600, 3600))
    mon.connect(server.client)
    await until(lambda: mon.status.state is OFFLINE)
    server.answer = [CALL]
    mon.poke(from_user=False)
    await until(lambda: mon.status.state is ONLINE)
    assert server.polls == 2
    await mon.aclose()


# ---------------------------------------------------------------- sleep / resume
async def test_resume_from_suspend_reconnects_at_once() -> None:
    """Linux: the monotonic clock stands still in suspend, the wall clock does not."""
    server, seen = FakeServer(), Recorder()
    wall = FakeClock()
    mon = monitor(seen, interval=3600, wall=wall)
    mon.connect(server.client)
    await until(lambda: server.polls == 1)
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert server.polls == 1
    wall.offset += 8 * 3600  # a night in suspend
    await until(lambda: server.polls == 2)
    assert len(server.clients) == 2, "a fresh connection after resume"
    assert server.clients[0].closed and not server.clients[1].closed
    assert seen.states[-2:] == [CONNECTING, ONLINE]
    await mon.aclose()


async def test_a_very_late_tick_counts_as_resume() -> None:
    """Windows/macOS: the monotonic clock runs on in sleep; the tick comes far too late."""
    server, seen = FakeServer(DOWN), Recorder()
    mono, wall = FakeClock(), FakeClock()
    mon = monitor(seen, backoff=Backoff(3600, 3600), monotonic=mono, wall=wall)
    mon.connect(server.client)
    await until(lambda: mon.status.state is OFFLINE)
    server.answer = [CALL]
    mono.offset += 600
    wall.offset += 600
    await until(lambda: mon.status.state is ONLINE)
    assert server.polls == 2
    await mon.aclose()


async def test_resume_does_not_retry_a_wrong_password() -> None:
    server, seen = FakeServer(WRONG_PASSWORD), Recorder()
    wall = FakeClock()
    mon = monitor(seen, wall=wall)
    mon.connect(server.client)
    await until(lambda: mon.status.state is OFFLINE)
    wall.offset += 3600
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert server.polls == 1 and mon.status.waiting_for_user
    await mon.aclose()


async def test_small_clock_adjustments_are_not_a_resume() -> None:
    server, seen = FakeServer(), Recorder()
    wall = FakeClock()
    mon = monitor(seen, interval=3600, wall=wall)
    mon.connect(server.client)
    await until(lambda: server.polls == 1)
    wall.offset += 2  # an NTP correction
    await asyncio.sleep(1800)  # half an hour on the virtual clock
    assert server.polls == 1 and len(server.clients) == 1
    await mon.aclose()


# ---------------------------------------------------------------- a PBX rejecting the password
async def test_a_rejected_password_is_retried_slowly_a_few_times_then_held() -> None:
    """A restarting PBX may reject everyone for a while; a wrong password stays wrong."""
    server, seen = FakeServer(WRONG_PASSWORD), Recorder()
    mon = monitor(seen, auth_retry_delays=(10, 30, 90))
    loop = asyncio.get_running_loop()
    started = loop.time()
    mon.connect(server.client)
    await until(lambda: server.polls == 1)
    assert mon.status.retry_in == 10 and not mon.status.waiting_for_user
    await until(lambda: mon.status.waiting_for_user)
    assert server.polls == 4  # the first try and three slow retries
    assert loop.time() - started == pytest.approx(130, abs=2)  # never fast enough to lock out
    await asyncio.sleep(1800)
    assert server.polls == 4
    offline = [s for s in seen.statuses if s.state is OFFLINE]
    assert [s.waiting_for_user for s in offline] == [False, True]  # "retrying", then "check"
    await mon.aclose()


async def test_a_pbx_that_rejected_everyone_while_restarting_is_rejoined_alone() -> None:
    server, seen = FakeServer(WRONG_PASSWORD), Recorder()
    mon = monitor(seen, auth_retry_delays=(10, 30, 90))
    mon.connect(server.client)
    await until(lambda: server.polls == 1)
    server.answer = [CALL]  # the PBX is back
    await until(lambda: mon.status.state is ONLINE)
    assert server.polls == 2
    await mon.aclose()


async def test_the_user_asking_to_retry_gets_a_held_password_tried_again() -> None:
    server, seen = FakeServer(WRONG_PASSWORD), Recorder()
    mon = monitor(seen, auth_retry_delays=(10,))
    mon.connect(server.client)
    await until(lambda: mon.status.waiting_for_user)
    server.answer = [CALL]
    mon.poke()  # the Retry button
    await until(lambda: mon.status.state is ONLINE)
    await mon.aclose()


# ---------------------------------------------------------------- what features ask
async def test_extensions_are_read_on_connecting_and_then_rarely() -> None:
    server, seen = FakeServer(), Recorder()
    server.extensions = [Extension("101", "Reception", "OK (5 ms)", True, 5)]
    read: list[object] = []
    mon = Session(
        on_status=seen.on_status,
        on_calls=seen.on_calls,
        on_directory=read.append,
        interval=2.0,
        directory_every=300.0,
    )
    mon.connect(server.client)
    await until(lambda: bool(read))
    assert mon.directory.extensions == tuple(server.extensions)
    await asyncio.sleep(200)
    assert server.directory_reads == 1  # ~100 polls, one read
    await asyncio.sleep(200)
    assert server.directory_reads == 2
    assert len(read) == 1  # nothing changed: listeners are not told again
    await mon.aclose()


async def test_actions_without_a_connection_are_pbx_errors() -> None:
    mon = monitor(Recorder())
    with pytest.raises(NotConnectedError) as caught:
        await mon.hangup("SIP/1-0001")
    assert isinstance(caught.value, PbxConnectionError)


async def test_an_action_on_a_connection_replaced_meanwhile_is_a_pbx_error() -> None:
    server, seen = FakeServer(), Recorder()
    mon = monitor(seen)
    mon.connect(server.client)
    await until(lambda: mon.status.state is ONLINE)

    async def closed_meanwhile(client: FakePbx) -> None:
        client.closed = True
        raise RuntimeError("Cannot send a request, as the client has been closed.")

    with pytest.raises(ConnectionRenewedError):
        await mon.use(closed_meanwhile)
    await mon.aclose()


async def test_hanging_up_polls_again_at_once() -> None:
    server, seen = FakeServer(), Recorder()
    mon = monitor(seen, interval=3600)
    mon.connect(server.client)
    await until(lambda: server.polls == 1)
    await mon.hangup("SIP/trunk-0001")
    await until(lambda: server.polls == 2)
    assert server.hangups == ["SIP/trunk-0001"]
    await mon.aclose()


async def test_a_held_connection_has_no_retry_pending_after_a_network_change() -> None:
    server, seen = FakeServer(WRONG_PASSWORD), Recorder()
    mon = monitor(seen)
    mon.connect(server.client)
    await until(lambda: mon.status.waiting_for_user)
    mon.poke(from_user=False)
    assert not mon.retry_pending
    mon.poke()
    assert mon.retry_pending
    await mon.aclose()
