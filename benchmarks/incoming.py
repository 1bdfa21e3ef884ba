"""Incoming calls: how fast a popup follows the PBX's webhook, and how quiet an idle client is.

One configured App (offscreen, settings and keyring of its own in a temporary folder)
against a simulated PBX in this process with no calls of its own (`calls_per_minute=0`),
whose call webhooks go to the app's webhook receiver, as the PBX panel would be set up.

`popup_latency_ms`: the simulator rings my extension or one of my queues (alternately),
from a phonebook contact's number, 60 times one after another; each popup is closed by the
call's hang-up webhook before the next call. Measured from the moment the app's webhook
receiver has parsed the call-start request (a hook on its handler) to the popup's show
event (an application event filter): p95 over the calls whose popup the webhook brought
(a poll that saw the call first would make the webhook moot; those are counted in
`popup_before_webhook`). `popup_painted_p95_ms` is the same until the popup's first paint.

`idle_requests_per_min`: then every call is hung up and the window minimised; once the app
has switched to its idle polling, every API request the simulator accepts during 60 s of
wall time is counted (not a shorter window scaled up). Refreshes on a longer timer (the
directory every 5 minutes, the phonebook every 15) may or may not fall in that minute;
`idle_requests_per_min_long_run` adds their average rate to the polls measured.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

CALLS = 60
MIN_MEASURED = 50
IDLE_WINDOW_S = 60.0
SEED = 1
USERNAME, PASSWORD = "bench", "bench-incoming-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _me(seed: int) -> tuple[str, str]:
    """An extension that is a member of a queue, and that queue's number."""
    from desktop.simulator import people

    exts = people.extensions(seed, 24)
    queue = next(q for q in people.queues(seed, exts) if q.members)
    return queue.members[0], queue.number


def _keyring(entries: dict[tuple[str, str], str]) -> Any:
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        """This run's secrets, in memory: the user's keyring is never touched."""

        priority = 1

        def get_password(self, service: str, username: str) -> str | None:
            return entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            entries.pop((service, username), None)

    return MemoryKeyring()  # type: ignore[no-untyped-call]


async def _until(condition: Any, timeout: float, what: str) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


def _watch_popups(shown: dict[str, float], painted: dict[str, float]) -> Any:
    """An application event filter noting when each call's popup is shown and first painted."""
    from PySide6.QtCore import QEvent, QObject

    from desktop.ui.popups.call_popup import CallPopup

    show, paint = QEvent.Type.Show, QEvent.Type.Paint

    class PopupWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            kind = event.type()
            if kind in (show, paint) and isinstance(watched, CallPopup):
                (shown if kind == show else painted).setdefault(
                    watched.channel, time.perf_counter()
                )
            return False

    return PopupWatch()


async def _one_call(sim: Any, popups: Any, to: str, number: str, painted: dict[str, float]) -> str:
    """Ring `to` from `number`, wait for the popup painted, hang up, wait for it gone."""
    channel: str = await asyncio.to_thread(
        sim.call, lambda s: s.ring(to, number, hang_up_after=30.0)
    )
    await _until(lambda: channel in painted, 10, "a popup")
    await asyncio.to_thread(sim.call, lambda s: s.hang_up(channel))
    await _until(lambda: popups.popup_for(channel) is None, 10, "the popup to close")
    await asyncio.sleep(0.05)  # the popup's count of earlier calls comes back
    return channel


async def _popups(app: Any, sim: Any, me: str, queue: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from desktop.simulator import people

    features = app.features
    await _until(lambda: features.webhooks is not None, 20, "the webhook receiver")
    await _until(lambda: features.incoming_ui is not None, 20, "the popups")
    await _until(lambda: app.first_calls_shown, 30, "the first poll")
    receiver = features.webhooks
    received: dict[str, float] = {}
    handle = receiver._on_start

    def on_start(event: Any) -> None:
        received.setdefault(event.channel, time.perf_counter())
        handle(event)

    setattr(receiver, "_on_start", on_start)  # noqa: B010 (an instance hook, for timing)
    shown: dict[str, float] = {}
    painted: dict[str, float] = {}
    watch = _watch_popups(shown, painted)
    qapp = QApplication.instance()
    assert qapp is not None
    qapp.installEventFilter(watch)
    popups = features.incoming_ui.popups
    rng = random.Random(f"{SEED}:benchmark-callers")
    channels: list[str] = []
    try:
        for n in range(CALLS):
            number = people.frequent_caller(SEED, sim.simulator.config.contacts, rng)
            channels.append(
                await _one_call(sim, popups, me if n % 2 == 0 else queue, number, painted)
            )
    finally:
        qapp.removeEventFilter(watch)
    by_webhook = [c for c in channels if c in received and received[c] <= shown[c]]
    if len(by_webhook) < MIN_MEASURED:
        raise RuntimeError(f"only {len(by_webhook)} popups came from a webhook")
    latency = sorted((shown[c] - received[c]) * 1000 for c in by_webhook)
    to_paint = sorted((painted[c] - received[c]) * 1000 for c in by_webhook)
    p95 = int(len(latency) * 0.95)
    return {
        "popup_latency_ms": latency[p95],
        "popup_latency_median_ms": statistics.median(latency),
        "popup_painted_p95_ms": to_paint[p95],
        "popup_calls": float(len(by_webhook)),
        "popup_before_webhook": float(len(channels) - len(by_webhook)),
    }


async def _idle(app: Any, sim: Any) -> dict[str, float]:
    from desktop import settings as st
    from desktop.services.session import DIRECTORY_EVERY_S

    def hang_up_everything(s: Any) -> None:
        for call in s.switchboard.live_calls():
            s.hang_up(call.channel)

    await asyncio.to_thread(sim.call, hang_up_everything)
    app.window.showMinimized()
    if app.window.is_watched():
        app.window.hide()  # a platform without minimising: hidden is out of sight too
    idle = app.settings.get(st.IDLE_POLL_INTERVAL_S)
    await _until(lambda: app.session.interval == idle, 30, "idle polling")
    await asyncio.sleep(1.0)  # the poll that switched it is answered
    before = await asyncio.to_thread(sim.call, lambda s: s.accepted())
    await asyncio.sleep(IDLE_WINDOW_S)
    after, latest = await asyncio.to_thread(sim.call, lambda s: (s.accepted(), s.received()))
    count = after - before
    polls = sum(1 for q in latest[len(latest) - count :] if q.get("action") == "activecalls")
    per_min = 60.0 / IDLE_WINDOW_S
    refreshes = 2 * 60.0 / DIRECTORY_EVERY_S + 1 / app.settings.get(st.PHONEBOOK_REFRESH_MIN)
    return {
        "idle_requests_per_min": count * per_min,
        "idle_polls_per_min": polls * per_min,
        "idle_requests_per_min_long_run": polls * per_min + refreshes,
    }


async def _measure(folder: Path) -> dict[str, float]:
    from desktop import cli
    from desktop import settings as st
    from desktop.app import App
    from desktop.credentials import SERVICE_NAME, CredentialStore, account_key
    from desktop.pbx.webhook import new_key
    from desktop.simulator import SimulatorConfig, SimulatorThread
    from desktop.wiring.features import WEBHOOK_KEY_ACCOUNT

    me, queue = _me(SEED)
    key, port = new_key(), _free_port()
    base = f"http://127.0.0.1:{port}/{key}"
    config = SimulatorConfig(
        seed=SEED,
        username=USERNAME,
        password=PASSWORD,
        calls_per_minute=0,
        start_webhooks=(
            f"{base}/start?chanid={{chanid}}&src={{src}}&dst={{dst}}&type={{calltype}}",
        ),
        hangup_webhooks=(
            f"{base}/hangup?chanid={{chanid}}&status={{status}}&duration={{duration}}",
        ),
    )
    with SimulatorThread(config) as sim:
        settings = st.Settings.open(folder, admin=st.AdminConfig())
        settings.set(st.SERVER_URL, sim.base_url)
        settings.set(st.USERNAME, USERNAME)
        settings.set(st.EXTENSION, me)
        settings.set(st.WEBHOOK_ENABLED, True)
        settings.set(st.WEBHOOK_ADDRESS, "127.0.0.1")
        settings.set(st.WEBHOOK_PORT, port)
        url = st.normalize_server_url(sim.base_url)
        keyring = _keyring(
            {
                (SERVICE_NAME, account_key(USERNAME, url)): PASSWORD,
                (SERVICE_NAME, account_key(*WEBHOOK_KEY_ACCOUNT)): key,
            }
        )
        app = App(
            cli.parse_args(["--config-dir", str(folder)]), credentials=CredentialStore(keyring)
        )
        try:
            await app.start()
            results = await _popups(app, sim, me, queue)
            results |= await _idle(app, sim)
        finally:
            await app.shutdown()
    return results


def run() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import logging

    import qasync

    from desktop.ui.shell.application import create_qapplication

    qapp = create_qapplication()
    logging.getLogger("qt").setLevel(logging.ERROR)
    with (
        tempfile.TemporaryDirectory(prefix="iexpbx-incoming-") as folder,
        asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner,
    ):
        return runner.run(_measure(Path(folder)))


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<32}{value:>10.3f}")
