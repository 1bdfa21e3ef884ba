"""Who is calling me, in the running app against the simulated PBX.

The simulator's own traffic is off: each test rings my extension (101) or my queue on
demand (`Simulator.ring`) and answers or hangs up when it wants, so what the app shows can
be compared with what the PBX did. Polling runs every half second; tests wait for what a
user would see (a popup, the tray's count, a line written by the program), never a fixed time.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from keyring_doubles import MemoryKeyring
from PySide6.QtCore import Qt

from desktop import cli
from desktop import settings as st
from desktop.app import App
from desktop.credentials import SERVICE_NAME, CredentialStore, account_key
from desktop.services.calls import CallEvent
from desktop.simulator import Simulator, SimulatorConfig, SimulatorThread
from desktop.simulator import people as sim_people
from desktop.wiring.features import WEBHOOK_KEY_ACCOUNT
from desktop.wiring.incoming import IncomingCallsUi

WAIT_MS = 20_000
ME = "101"
# With this seed my extension 101 is a member of queue 630, and so is colleague 104.
SEED = 4
MY_QUEUE, MY_QUEUE_NAME, COLLEAGUE = "630", "Satış", "104"
USER, PASSWORD = "apiuser", "Sim-Şifre-42"
CONTACTS = 600  # the simulator's default phonebook size
WRITER = """
import sys
with open(sys.argv[1], "a", encoding="utf-8") as f:
    f.write("|".join(sys.argv[2:]) + "\\n")
"""


@dataclass
class QuietSimulator:
    """A simulated PBX whose calls come only when a test rings."""

    thread: SimulatorThread
    base_url: str
    username: str = USER
    password: str = field(default=PASSWORD, repr=False)

    def ring(self, target: str, caller: str, **options: Any) -> str:
        return self.thread.call(lambda s: s.ring(target, caller, **options))

    def answer(self, channel: str, by: str | None = None) -> None:
        self.thread.call(lambda s: s.answer(channel, by))

    def hang_up(self, channel: str) -> None:
        self.thread.call(lambda s: s.hang_up(channel))

    def calls_with(self, number: str, *, days: int) -> int:
        """How many calls with `number` the PBX's history holds for the last `days` days."""
        end = datetime.now().replace(second=0, microsecond=0)  # the PBX's clock is this one's
        rows = self.thread.call(
            lambda s: s.switchboard.history.query(end - timedelta(days=days), end, number)
        )
        return len(rows)

    def polls(self) -> int:
        """How many `activecalls` requests the app has sent so far."""
        received = self.thread.call(Simulator.received)
        return sum(1 for r in received if r.get("action") == "activecalls")


@pytest.fixture
def make_simulator() -> Iterator[Callable[..., QuietSimulator]]:
    """Start quiet simulated PBXs (with these config values), stopped afterwards."""
    threads: list[SimulatorThread] = []

    def make(**config: Any) -> QuietSimulator:
        thread = SimulatorThread(
            SimulatorConfig(
                port=0, seed=SEED, username=USER, password=PASSWORD, calls_per_minute=0, **config
            )
        )
        threads.append(thread)
        return QuietSimulator(thread, thread.start())

    yield make
    for thread in threads:
        thread.stop()


@pytest.fixture
def quiet_simulator(make_simulator: Callable[..., QuietSimulator]) -> QuietSimulator:
    return make_simulator()


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    return task.result()


@pytest.fixture
def started(qtbot: Any) -> Iterator[list[App]]:
    apps: list[App] = []
    yield apps
    for app in apps:
        run(qtbot, app.shutdown())


@dataclass
class Desk:
    """The running app, with every call event and every popup it showed, as they came."""

    app: App
    events: list[CallEvent]
    shown: list[tuple[str, str]]  # (channel, number) per popup opened

    @property
    def ui(self) -> IncomingCallsUi:
        ui = self.app.features.incoming_ui
        assert ui is not None
        return ui

    def popups(self) -> list[tuple[str, str]]:
        """(channel, name shown) of the popups on screen."""
        return [(p.channel, p.name_label.text()) for p in self.ui.popups.visible_popups()]

    def events_for(self, channel: str) -> list[str]:
        return [e.kind for e in self.events if e.channel == channel]


def start_desk(
    qtbot: Any,
    started: list[App],
    tmp_path: Path,
    sim: QuietSimulator,
    *,
    webhook_key: str = "",
    **values: Any,
) -> Desk:
    """The app configured for my extension, online, with the phonebook and my queues read."""
    settings = st.Settings.open(tmp_path, admin=st.AdminConfig())
    settings.set(st.SERVER_URL, sim.base_url)
    settings.set(st.USERNAME, sim.username)
    settings.set(st.EXTENSION, ME)
    settings.set(st.POLL_INTERVAL_S, 0.5)
    for name, value in values.items():
        settings.set(name, value)
    keyring = MemoryKeyring()
    url = st.normalize_server_url(sim.base_url)
    keyring.passwords[(SERVICE_NAME, account_key(sim.username, url))] = sim.password
    if webhook_key:  # the receiver's key, as saved by an earlier run
        keyring.passwords[(SERVICE_NAME, account_key(*WEBHOOK_KEY_ACCOUNT))] = webhook_key
    app = App(cli.parse_args(["--config-dir", str(tmp_path)]), credentials=CredentialStore(keyring))
    started.append(app)
    run(qtbot, app.start())
    features = app.features
    qtbot.waitUntil(lambda: features.phonebook.fresh, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: MY_QUEUE in features.incoming.tracker.queues, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: features.incoming_ui is not None, timeout=WAIT_MS)
    # The PBX's one standing call (a conference nobody hung up) is known: events from now on.
    qtbot.waitUntil(lambda: bool(features.incoming.tracker.live_channels), timeout=WAIT_MS)
    events: list[CallEvent] = []
    features.call_event_listeners.append(events.extend)
    desk = Desk(app, events, [])
    desk.ui.popups.popup_shown.connect(lambda channel, number: desk.shown.append((channel, number)))
    return desk


def phonebook_caller(index: int = 0) -> tuple[str, str]:
    """(number as the PBX shows it, name) of a person in the simulator's phonebook."""
    people = [c for c in sim_people.contacts(SEED, CONTACTS) if c.last and not c.company]
    person = people[index]
    return person.dial[0], f"{person.first} {person.last}"


def recent_text(count: int) -> str:
    if count == 0:
        return "No calls from this number in the last 7 days"
    if count == 1:
        return "1 call from this number in the last 7 days"
    return f"{count} calls from this number in the last 7 days"


def wait_polls(qtbot: Any, sim: QuietSimulator, count: int) -> None:
    """Let the app poll `count` more times (to see that nothing more happens)."""
    target = sim.polls() + count
    qtbot.waitUntil(lambda: sim.polls() >= target, timeout=WAIT_MS)


def test_a_call_to_my_extension_pops_up_once_with_the_callers_name_until_answered(
    qtbot: Any, started: list[App], tmp_path: Path, quiet_simulator: QuietSimulator
) -> None:
    sim = quiet_simulator
    desk = start_desk(qtbot, started, tmp_path, sim)
    number, name = phonebook_caller()
    channel = sim.ring(ME, number)
    qtbot.waitUntil(lambda: bool(desk.popups()), timeout=WAIT_MS)
    assert desk.popups() == [(channel, name)]
    wait_polls(qtbot, sim, 3)  # still ringing, polled again and again
    assert desk.popups() == [(channel, name)]
    assert desk.shown == [(channel, number)]
    popup = desk.ui.popups.popup_for(channel)
    assert popup is not None
    qtbot.waitUntil(lambda: "Looking up" not in popup.recent_text, timeout=WAIT_MS)
    assert popup.recent_text == recent_text(sim.calls_with(number, days=7))

    sim.answer(channel)  # picked up on the desk phone
    qtbot.waitUntil(lambda: not desk.popups(), timeout=WAIT_MS)
    assert desk.events_for(channel) == ["ringing", "answered"]
    sim.hang_up(channel)
    qtbot.waitUntil(lambda: desk.events_for(channel)[-1:] == ["ended"], timeout=WAIT_MS)
    assert desk.shown == [(channel, number)] and desk.popups() == []
    assert desk.app.tray.missed_calls == 0  # answered: not missed


def test_a_call_through_my_queue_pops_up_once_and_closes_when_a_colleague_answers(
    qtbot: Any, started: list[App], tmp_path: Path, quiet_simulator: QuietSimulator
) -> None:
    sim = quiet_simulator
    desk = start_desk(qtbot, started, tmp_path, sim)
    number, name = phonebook_caller(1)
    channel = sim.ring(MY_QUEUE, number)
    qtbot.waitUntil(lambda: bool(desk.popups()), timeout=WAIT_MS)
    assert desk.popups() == [(channel, name)]
    popup = desk.ui.popups.popup_for(channel)
    assert popup is not None and popup.queue_label.text() == f"Queue: {MY_QUEUE_NAME}"
    wait_polls(qtbot, sim, 3)
    assert desk.shown == [(channel, number)]

    sim.answer(channel, by=COLLEAGUE)
    qtbot.waitUntil(lambda: not desk.popups(), timeout=WAIT_MS)
    sim.hang_up(channel)
    qtbot.waitUntil(lambda: desk.events_for(channel)[-1:] == ["ended"], timeout=WAIT_MS)
    assert desk.events_for(channel) == ["ringing", "answered", "ended"]
    ended = desk.events[-1]
    assert (ended.queue, ended.answered, ended.missed) == (MY_QUEUE, True, False)
    assert desk.shown == [(channel, number)]
    assert desk.app.tray.missed_calls == 0 and desk.ui.missed.calls == ()


def test_a_call_nobody_answers_is_a_missed_call_in_the_tray_and_the_list(
    qtbot: Any, started: list[App], tmp_path: Path, quiet_simulator: QuietSimulator
) -> None:
    sim = quiet_simulator
    desk = start_desk(qtbot, started, tmp_path, sim)
    number, name = phonebook_caller(2)
    assert desk.app.tray.missed_calls == 0
    channel = sim.ring(ME, number)
    qtbot.waitUntil(lambda: bool(desk.popups()), timeout=WAIT_MS)
    sim.hang_up(channel)  # the caller gives up
    qtbot.waitUntil(lambda: desk.app.tray.missed_calls == 1, timeout=WAIT_MS)
    assert desk.popups() == []
    assert [(c.channel, c.number, c.name) for c in desk.ui.missed.calls] == [
        (channel, number, name)
    ]
    model = desk.ui.panel.model
    assert model.rowCount() == 1 and model.call_at(0).number == number  # type: ignore[union-attr]
    wait_polls(qtbot, sim, 2)  # a gone call is counted once
    assert desk.app.tray.missed_calls == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def get(url: str) -> int:
    async with httpx.AsyncClient() as client:
        return (await client.get(url)).status_code


def test_a_webhook_with_a_wrong_key_changes_nothing(
    qtbot: Any, started: list[App], tmp_path: Path, quiet_simulator: QuietSimulator
) -> None:
    sim = quiet_simulator
    desk = start_desk(
        qtbot, started, tmp_path, sim,
        webhook_enabled=True, webhook_address="127.0.0.1", webhook_port=free_port(),
    )  # fmt: skip
    features = desk.app.features
    qtbot.waitUntil(lambda: features.webhooks is not None, timeout=WAIT_MS)
    receiver = features.webhooks
    assert receiver is not None
    start_url, _ = receiver.url_templates("127.0.0.1")
    good_key = start_url.split("/")[3]
    number, _ = phonebook_caller(3)
    query = f"/start?chanid=SIP/trunk-sip-Trunk110-0beef&src={number}&dst={ME}&type=incoming"
    base = f"http://127.0.0.1:{receiver.port}"
    bad_key = ("x" if good_key[0] != "x" else "y") + good_key[1:]

    assert run(qtbot, get(f"{base}/{bad_key}{query}")) == 404
    assert run(qtbot, get(f"{base}{query}")) == 404  # no key at all
    wait_polls(qtbot, sim, 2)
    assert receiver.refused == 2 and receiver.received == 0
    assert desk.events == [] and desk.shown == [] and desk.popups() == []

    # The same request with the right key is a call: the receiver was listening all along.
    assert run(qtbot, get(f"{base}/{good_key}{query}")) == 200
    qtbot.waitUntil(lambda: bool(desk.shown), timeout=WAIT_MS)
    assert desk.shown == [("SIP/trunk-sip-Trunk110-0beef", number)]


def test_the_incoming_call_program_runs_once_per_call(
    qtbot: Any, started: list[App], tmp_path: Path, quiet_simulator: QuietSimulator
) -> None:
    sim = quiet_simulator
    script, out = tmp_path / "on_call.py", tmp_path / "calls.txt"
    script.write_text(WRITER, encoding="utf-8")
    desk = start_desk(
        qtbot, started, tmp_path, sim,
        incoming_call_program=sys.executable,
        incoming_call_arguments=f'"{script}" "{out}" {{number}} "{{queue}}"',
    )  # fmt: skip

    def lines() -> list[str]:
        return out.read_text(encoding="utf-8").splitlines() if out.exists() else []

    first, _ = phonebook_caller(4)
    second, _ = phonebook_caller(5)
    channel = sim.ring(ME, first)
    qtbot.waitUntil(lambda: lines() == [f"{first}|"], timeout=WAIT_MS)
    wait_polls(qtbot, sim, 3)  # still ringing: no second run
    sim.hang_up(channel)
    channel = sim.ring(MY_QUEUE, second)
    qtbot.waitUntil(lambda: len(lines()) == 2, timeout=WAIT_MS)
    sim.answer(channel, by=COLLEAGUE)
    qtbot.waitUntil(lambda: desk.events_for(channel)[-1:] == ["answered"], timeout=WAIT_MS)
    wait_polls(qtbot, sim, 2)
    assert lines() == [f"{first}|", f"{second}|{MY_QUEUE_NAME}"]
    assert desk.ui.command.runs == 2


def test_calls_reported_by_webhooks_and_polls_alike_pop_up_and_count_once(
    qtbot: Any, started: list[App], tmp_path: Path, make_simulator: Callable[..., QuietSimulator]
) -> None:
    port, key = free_port(), "desk-101-webhook-key-0123456789"
    receiver_url = f"http://127.0.0.1:{port}/{key}"
    sim = make_simulator(
        start_webhooks=(f"{receiver_url}/start",), hangup_webhooks=(f"{receiver_url}/hangup",)
    )  # the PBX adds the call's parameters to these addresses
    desk = start_desk(
        qtbot, started, tmp_path, sim, webhook_key=key,
        webhook_enabled=True, webhook_address="127.0.0.1", webhook_port=port,
    )  # fmt: skip
    features = desk.app.features
    qtbot.waitUntil(lambda: features.webhooks is not None, timeout=WAIT_MS)
    receiver = features.webhooks
    assert receiver is not None

    number, name = phonebook_caller(6)
    direct = sim.ring(ME, number)
    qtbot.waitUntil(lambda: receiver.received == 1, timeout=WAIT_MS)  # the start webhook
    qtbot.waitUntil(lambda: bool(desk.popups()), timeout=WAIT_MS)
    wait_polls(qtbot, sim, 2)  # and the polls saw it ringing too
    assert desk.popups() == [(direct, name)]
    sim.answer(direct)
    qtbot.waitUntil(lambda: not desk.popups(), timeout=WAIT_MS)
    sim.hang_up(direct)
    qtbot.waitUntil(lambda: receiver.received == 2, timeout=WAIT_MS)  # the hang-up webhook
    wait_polls(qtbot, sim, 2)
    assert desk.events_for(direct) == ["ringing", "answered", "ended"]

    queued = sim.ring(MY_QUEUE, number)
    qtbot.waitUntil(lambda: bool(desk.popups()), timeout=WAIT_MS)
    wait_polls(qtbot, sim, 2)
    sim.hang_up(queued)  # nobody in the queue answered
    qtbot.waitUntil(lambda: receiver.received == 4, timeout=WAIT_MS)
    wait_polls(qtbot, sim, 2)
    assert desk.events_for(queued) == ["ringing", "ended"]
    assert desk.shown == [(direct, number), (queued, number)]
    assert desk.app.tray.missed_calls == 1
    assert [c.channel for c in desk.ui.missed.calls] == [queued]
    assert receiver.refused == 0


def test_a_call_that_ended_while_the_pbx_was_out_of_reach_closes_its_popup_and_is_missed(
    qtbot: Any, started: list[App], tmp_path: Path, quiet_simulator: QuietSimulator
) -> None:
    sim = quiet_simulator
    desk = start_desk(qtbot, started, tmp_path, sim)
    window = desk.app.window
    number, name = phonebook_caller(7)
    channel = sim.ring(ME, number)
    qtbot.waitUntil(lambda: desk.popups() == [(channel, name)], timeout=WAIT_MS)
    sim.thread.pause()  # the network goes
    try:
        qtbot.waitUntil(lambda: window.connection_text().startswith("Offline"), timeout=WAIT_MS)
        sim.hang_up(channel)  # meanwhile the caller gives up
    finally:
        sim.thread.resume()
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not desk.popups(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: desk.app.tray.missed_calls == 1, timeout=WAIT_MS)
    assert desk.events_for(channel) == ["ringing", "ended"]
    assert desk.events[-1].missed
    assert [c.channel for c in desk.ui.missed.calls] == [channel]


def test_missed_calls_are_still_counted_after_a_restart(
    qtbot: Any, started: list[App], tmp_path: Path, quiet_simulator: QuietSimulator
) -> None:
    sim = quiet_simulator
    desk = start_desk(qtbot, started, tmp_path, sim)
    number, name = phonebook_caller(8)
    channel = sim.ring(MY_QUEUE, number)
    qtbot.waitUntil(lambda: bool(desk.popups()), timeout=WAIT_MS)
    sim.hang_up(channel)
    qtbot.waitUntil(lambda: desk.app.tray.missed_calls == 1, timeout=WAIT_MS)
    run(qtbot, desk.app.shutdown())
    started.remove(desk.app)

    again = start_desk(qtbot, started, tmp_path, sim)
    assert again.app.tray.missed_calls == 1
    assert [(c.channel, c.number, c.name) for c in again.ui.missed.calls] == [
        (channel, number, name)
    ]
    model = again.ui.panel.model
    queue_column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Queue"
    )
    qtbot.waitUntil(
        lambda: model.index(0, queue_column).data() == f"{MY_QUEUE_NAME} ({MY_QUEUE})",
        timeout=WAIT_MS,
    )
