"""Wiring the receptionist's features to the session: names, phonebook, incoming calls, polling.

`Features` is created by `App.start()` once the window and the session exist. It owns the
Qt-free services that live beside the session (`PhonebookService`, `IncomingCalls`, the
webhook receiver) and connects their results to the widgets. Nothing here talks to the
PBX except through the session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import settings as st
from desktop.services.connection import ConnectionState
from desktop.services.live_calls import IncomingCalls, poll_interval
from desktop.services.phonebook import PhonebookIndex
from desktop.services.phonebook_service import PhonebookService

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtWidgets import QWidget

    from desktop.credentials import CredentialStore
    from desktop.pbx import PbxError
    from desktop.pbx.models import ActiveCall
    from desktop.pbx.webhook import WebhookHangup, WebhookReceiver, WebhookStart
    from desktop.services.calls import CallEvent
    from desktop.services.session import Directory, Session
    from desktop.settings import UiState
    from desktop.ui.history.history_tab import HistoryTab
    from desktop.ui.panel.operator_panel import OperatorPanel
    from desktop.ui.phonebook.phonebook_tab import PhonebookTab
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.tray import Tray
    from desktop.wiring.incoming import IncomingCallsUi
    from desktop.wiring.recordings import HistoryRecordings

log = logging.getLogger(__name__)

__all__ = ["Features"]

Spawn = Callable[[Coroutine[Any, Any, Any]], object]
HISTORY_HEADER_KEY = "history/header"
INCOMING_UI_AFTER_MS = 3000
# After the first poll: not in the same moment as the end of start-up (one hiccup each).
INCOMING_UI_SOON_MS = 600
PHONEBOOK_AFTER_S = 1.0
HISTORY_CHART_KEY = "history/chart_visible"
# The webhook receiver's secret key lives in the keyring under this "account".
WEBHOOK_KEY_ACCOUNT = ("webhook-key", "this-computer")


class Features:
    """The services beside the session, and their results shown in the window."""

    def __init__(
        self,
        *,
        session: Session,
        settings: st.Settings,
        window: MainWindow,
        tray: Tray,
        spawn: Spawn,
        dial: Callable[[str], None],
        data_dir: Path | None,
        ui_state: UiState,
        credentials: CredentialStore | None = None,
    ) -> None:
        self.session = session
        self.tray = tray
        self.dial = dial
        self.data_dir = data_dir
        self.credentials = credentials
        self.ui_state = ui_state
        # Pages are made the first time they are opened: start-up shows the calls only.
        self._pages: dict[str, QWidget] = {}
        self._page_makers: dict[str, Callable[[], QWidget]] = {
            "phonebook": self._make_phonebook,
            "history": self._make_history,
            "panel": self._make_panel,
        }
        self.phonebook_tab: PhonebookTab | None = None
        self.history: HistoryTab | None = None
        self.recordings: HistoryRecordings | None = None
        self._history_opens_on_today = True
        self.panel: OperatorPanel | None = None
        # Popups and missed calls: made just after the first paint; events wait till then.
        self.incoming_ui: IncomingCallsUi | None = None
        self._waiting_events: list[CallEvent] = []
        self._incoming_soon = False
        self.settings = settings
        self.window = window
        self._spawn = spawn
        self._watched = window.is_watched()
        self._queue_names: dict[str, str] = {}
        self._inside: frozenset[str] = frozenset()  # extension and queue numbers
        self._phonebook_connection = 0  # the connection the phonebook was last read on
        self.call_event_listeners: list[Callable[[list[CallEvent]], None]] = []
        self.webhooks: WebhookReceiver | None = None
        self.phonebook = PhonebookService(
            session.phone_directory,
            store=data_dir / "phonebook.json" if data_dir is not None else None,
            country=settings.get(st.COUNTRY),
            on_index=self._on_phonebook,
            on_problem=self._on_phonebook_problem,
            refresh_every=60.0 * settings.get(st.PHONEBOOK_REFRESH_MIN),
        )
        self.incoming = IncomingCalls(self._on_call_events)
        self.incoming.set_me(settings.get(st.EXTENSION), ())
        window.watched_changed.connect(self._on_watched)
        calls_tab = window.calls_tab
        calls_tab.call_requested.connect(dial)
        calls_tab.history_requested.connect(self.show_history)
        calls_tab.set_my_extension(settings.get(st.EXTENSION))
        window.set_queue_lookup(self._queue_names.get)
        window.tabs.currentChanged.connect(lambda _: self.page(window.current_tab()))

    # ------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Show the phonebook kept on disk at once; then read the PBX's as it answers."""
        from PySide6.QtCore import QTimer

        self.phonebook.load_saved()
        self.phonebook.start()
        # Popups and missed calls are made once the first calls have been painted (or
        # after a few seconds without any); call events wait for them till then.
        QTimer.singleShot(INCOMING_UI_AFTER_MS, self.window, self._make_incoming_ui)
        if self.settings.get(st.WEBHOOK_ENABLED):
            self._spawn(self.start_webhooks())

    async def aclose(self) -> None:
        if self.incoming_ui is not None:
            self.incoming_ui.close()
        if self.history is not None:
            self.ui_state.set_bytes(HISTORY_HEADER_KEY, self.history.header_state())
            self.ui_state.set_bool(HISTORY_CHART_KEY, self.history.chart_visible)
            self.history.tasks.cancel_all()
        if self.recordings is not None:
            self.recordings.shutdown()
        await self.phonebook.aclose()
        if self.webhooks is not None:
            await self.webhooks.stop()
            self.webhooks = None

    # ------------------------------------------------------------ session → features
    def on_calls(self, calls: list[ActiveCall]) -> None:
        """Every poll: who is calling me, and how soon to poll again."""
        if self.incoming_ui is None and not self._incoming_soon:  # after this poll's paint
            from PySide6.QtCore import QTimer

            self._incoming_soon = True
            QTimer.singleShot(INCOMING_UI_SOON_MS, self.window, self._make_incoming_ui)
        connection = self.session.connections
        if connection != self._phonebook_connection and self.incoming_ui is not None:
            self.incoming_ui.keep_only(self.incoming.tracker.live_channels)
        self.incoming.snapshot(calls, connection)
        if self.panel is not None:
            self.panel.update_state(
                self.session.directory.extensions, self.session.directory.queues, calls
            )
        self._adjust_polling(bool(calls))
        if connection != self._phonebook_connection:  # connected (again): read it now
            self._phonebook_connection = connection
            self._spawn(self._read_phonebook_soon())

    async def _read_phonebook_soon(self) -> None:
        """Read the phonebook once the first calls are shown and start-up has settled."""
        import asyncio

        await asyncio.sleep(PHONEBOOK_AFTER_S)
        await self.phonebook.refresh()

    def on_directory(self, directory: Directory) -> None:
        names = {q.number: q.name for q in directory.queues if q.name.strip()}
        inside = frozenset(e.number for e in directory.extensions) | {
            q.number for q in directory.queues
        }
        if names != self._queue_names or inside != self._inside:
            # Each of these repaints and re-sorts every call: only when something changed.
            self._queue_names, self._inside = names, inside
            self.window.calls_tab.set_extension_check(inside.__contains__)
            self.window.set_queue_lookup(names.get)
            if self.incoming_ui is not None:
                self.incoming_ui.queue_names_changed()
        self.incoming.set_me(self.settings.get(st.EXTENSION), directory.queues)
        self.phonebook.set_extensions(directory.extensions)
        if self.panel is not None:
            self.panel.update_state(directory.extensions, directory.queues, self.session.calls)

    def on_setting_changed(self, name: str) -> None:
        if self.incoming_ui is not None:
            self.incoming_ui.apply_settings(name)
        if name == st.EXTENSION.name:
            self.incoming.set_me(self.settings.get(name), self.session.directory.queues)
            self.window.calls_tab.set_my_extension(self.settings.get(name))
        elif name in (st.POLL_INTERVAL_S.name, st.IDLE_POLL_INTERVAL_S.name):
            self._adjust_polling(bool(self.session.calls))
        elif name == st.COUNTRY.name:
            self.phonebook.set_country(self.settings.get(name))
        elif name == st.PHONEBOOK_REFRESH_MIN.name:
            self.phonebook.refresh_every = 60.0 * self.settings.get(name)
        elif name in (st.WEBHOOK_ENABLED.name, st.WEBHOOK_ADDRESS.name, st.WEBHOOK_PORT.name):
            self._spawn(self.restart_webhooks())
        elif name == st.RECORDINGS_CACHE_MB.name and self.recordings is not None:
            self.recordings.cache.max_bytes = self.settings.get(name) * 1024 * 1024

    # ------------------------------------------------------------ pages
    def page(self, name: str) -> QWidget | None:
        """The real page for tab `name`, made and put in place on first use."""
        if name in self._pages:
            return self._pages[name]
        make = self._page_makers.get(name)
        if make is None:
            return None
        page = self._pages[name] = make()
        self.window.set_tab_page(name, page)
        return page

    def show_history(self, number: str) -> None:
        """History for one number over the last 30 days (from a popup, a contact, a call)."""
        self._history_opens_on_today = False  # it opens on this number instead
        self.page("history")
        assert self.history is not None
        self.window.show_tab("history")
        self.window.bring_to_front()
        self.history.show_number(number)

    def pbx_now(self) -> datetime:
        """Now on the PBX's clock (naive), as call history's times are written."""
        from datetime import datetime
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(self.settings.get(st.PBX_TIMEZONE))
        return datetime.now(zone).replace(tzinfo=None)

    def _make_history(self) -> QWidget:
        from desktop.ui.history.history_tab import HistoryTab

        session = self.session
        tab = HistoryTab(self.window, now=self.pbx_now, name_for=self.name_of)
        tab.set_queue_lookup(self.queue_name)
        tab.set_fetch(
            lambda start, end, number, ivr: session.call_records(
                start, end, number=number, ivr_data=ivr
            )
        )
        header = self.ui_state.get_bytes(HISTORY_HEADER_KEY)
        if header:
            tab.restore_header_state(header)
        tab.set_chart_visible(self.ui_state.get_bool(HISTORY_CHART_KEY, True))
        self.history = tab
        if self._history_opens_on_today and self.session.status.state is ConnectionState.ONLINE:
            from desktop.services.history_ranges import QuickRange

            tab.show_range(QuickRange.TODAY)  # opened by hand: today's calls at once
        from desktop.logging_setup import server_host
        from desktop.resources import cache_dir
        from desktop.wiring.recordings import HistoryRecordings

        self.recordings = HistoryRecordings(
            tab,
            session,
            cache_root=None if self.data_dir is None else cache_dir("recordings"),
            host=server_host(self.settings.get(st.SERVER_URL)),
            max_bytes=self.settings.get(st.RECORDINGS_CACHE_MB) * 1024 * 1024,
            party_text=tab.model.party_text,
        )
        return tab

    def _make_phonebook(self) -> QWidget:
        from desktop.ui.phonebook.phonebook_tab import PhonebookTab

        tab = PhonebookTab(self.window)
        tab.call_requested.connect(self.dial)
        tab.refresh_requested.connect(lambda: self._spawn(self.phonebook.refresh()))
        tab.history_requested.connect(self.show_history)
        self.phonebook_tab = tab
        if self.phonebook.index is not None:
            self._show_phonebook(self.phonebook.index)
        return tab

    def _show_phonebook(self, index: PhonebookIndex) -> None:
        tab = self.phonebook_tab
        if tab is None:
            return
        from PySide6.QtCore import QCoreApplication

        tab.set_index(index)
        contacts = len(self.phonebook.contacts)
        if self.phonebook.saved_at is not None and not self.phonebook.fresh:
            text = QCoreApplication.translate(
                "App", "{count} contacts from the copy saved {when} (the PBX has not answered)"
            ).format(
                count=contacts, when=self.phonebook.saved_at.astimezone().strftime("%d.%m.%Y %H:%M")
            )
        else:
            text = QCoreApplication.translate(
                "App", "{count} contacts, {colleagues} colleagues"
            ).format(count=contacts, colleagues=len(self.phonebook.extensions))
        tab.set_status(text)

    def _make_panel(self) -> QWidget:
        from desktop.ui.panel.operator_panel import OperatorPanel

        panel = OperatorPanel(self.window)
        panel.set_name_lookup(self.name_of)
        panel.call_requested.connect(self.dial)
        directory = self.session.directory
        panel.update_state(directory.extensions, directory.queues, self.session.calls)
        self.panel = panel
        return panel

    def _make_incoming_ui(self) -> None:
        from desktop.wiring.incoming import IncomingCallsUi

        if self.incoming_ui is not None:
            return
        self.incoming_ui = IncomingCallsUi(
            session=self.session,
            settings=self.settings,
            window=self.window,
            tray=self.tray,
            spawn=self._spawn,
            data_dir=self.data_dir,
            name_of=self.name_of,
            queue_name=self.queue_name,
            dial=self.dial,
            show_history=self.show_history,
            pbx_now=self.pbx_now,
        )
        waiting, self._waiting_events = self._waiting_events, []
        if waiting:
            self.incoming_ui.on_events(waiting)

    # ------------------------------------------------------------ phonebook
    def queue_name(self, number: str) -> str | None:
        """The queue's name from the latest directory (None until it is read)."""
        # Looked up on each call: the directory is replaced, not updated in place.
        return self._queue_names.get(number)

    def name_of(self, number: str) -> str | None:
        """The caller's name, from the phonebook and the extensions."""
        index = self.phonebook.index
        entry = index.lookup(number) if index is not None else None
        return entry.name if entry is not None else None

    def _on_phonebook(self, index: PhonebookIndex) -> None:
        self.window.set_name_lookup(self.name_of)
        self._show_phonebook(index)
        if self.history is not None:
            self.history.set_name_lookup(self.name_of)
        if self.panel is not None:
            self.panel.set_name_lookup(self.name_of)

    def _on_phonebook_problem(self, problem: PbxError | None) -> None:
        from desktop.pbx import ErrorCode, PbxConnectionError

        if problem is None or isinstance(problem, PbxConnectionError):
            return  # the connection's own state says it: no second banner
        if problem.code is ErrorCode.AUTH_REJECTED:
            return
        from PySide6.QtCore import QCoreApplication

        from desktop.ui.common.error_text import error_text

        if self.phonebook.contacts:
            text = QCoreApplication.translate(
                "App", "The phonebook could not be refreshed ({error}); the last good copy is used."
            )
        else:
            text = QCoreApplication.translate("App", "The phonebook could not be read: {error}")
        self.window.show_banner(text.format(error=error_text(problem)), "warning")

    # ------------------------------------------------------------ incoming calls
    def _on_call_events(self, events: list[CallEvent]) -> None:
        if self.incoming_ui is not None:
            self.incoming_ui.on_events(events)
        else:
            self._waiting_events.extend(events)
        for listener in self.call_event_listeners:
            try:
                listener(events)
            except Exception:
                log.exception("A call-event listener failed")

    async def start_webhooks(self) -> None:
        """Listen for the PBX's call webhooks (faster than polling), if the user wants it."""
        from desktop.pbx import PbxError
        from desktop.pbx.webhook import WebhookReceiver, new_key

        try:
            receiver = WebhookReceiver(
                self.settings.get(st.WEBHOOK_ADDRESS),
                self.settings.get(st.WEBHOOK_PORT),
                await self._webhook_key(new_key),
                self._webhook_start,
                self._webhook_hangup,
            )
            await receiver.start()
        except PbxError as exc:
            from desktop.ui.common.error_text import error_text

            self.window.show_banner(error_text(exc), "warning")
            return
        self.webhooks = receiver

    async def _webhook_key(self, new_key: Callable[[], str]) -> str:
        """The receiver's secret (in the keyring, so the PBX's URLs stay valid)."""
        if self.credentials is None:
            return new_key()  # the demo: a new key each run
        saved = await self.credentials.load(*WEBHOOK_KEY_ACCOUNT)
        if saved.password:
            return saved.password
        key = new_key()
        stored = await self.credentials.store(*WEBHOOK_KEY_ACCOUNT, key)
        if stored.state.is_problem:
            await self.credentials.store(*WEBHOOK_KEY_ACCOUNT, key, remember=False)
        return key

    def webhook_templates(self) -> tuple[str, str] | None:
        """The two URLs to paste in the PBX panel while the receiver runs."""
        if self.webhooks is None:
            return None
        host = self.settings.get(st.WEBHOOK_ADDRESS)
        if host in ("0.0.0.0", "::", ""):  # noqa: S104 (what the user chose to listen on)
            host = _this_computer_address()
        return self.webhooks.url_templates(host)

    async def restart_webhooks(self) -> None:
        """The webhook settings changed: stop the receiver, and start it again if wanted."""
        if self.webhooks is not None:
            receiver, self.webhooks = self.webhooks, None
            await receiver.stop()
        if self.settings.get(st.WEBHOOK_ENABLED):
            await self.start_webhooks()

    def _webhook_start(self, event: WebhookStart) -> None:
        self.incoming.call_started(event.channel, event.src, event.dst, event.call_type)
        self.session.refresh_calls()

    def _webhook_hangup(self, event: WebhookHangup) -> None:
        self.incoming.call_ended(event.channel, event.status, event.duration)
        self.session.refresh_calls()

    # ------------------------------------------------------------ polling policy
    def _on_watched(self, watched: bool) -> None:
        self._watched = watched
        self._adjust_polling(bool(self.session.calls))

    def _adjust_polling(self, calls_live: bool) -> None:
        interval = poll_interval(
            watched=self._watched,
            calls_live=calls_live,
            active=self.settings.get(st.POLL_INTERVAL_S),
            idle=self.settings.get(st.IDLE_POLL_INTERVAL_S),
        )
        if interval != self.session.interval:
            faster = interval < self.session.interval
            self.session.interval = interval
            if faster:  # shown again: fresh calls now, not at the end of a slow wait
                self.session.refresh_calls()


def _this_computer_address() -> str:
    """This computer's address on the network (what the PBX would reach), else loopback."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent
            return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
