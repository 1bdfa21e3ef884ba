"""Who is calling me, shown: popups, the incoming-call program, missed calls in tray and window."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QMenu

from desktop import settings as st
from desktop.pbx import PbxError
from desktop.services.missed_calls import MissedCalls
from desktop.services.numbers import NumberRules
from desktop.services.popup_rules import IgnoreList
from desktop.ui.popups.incoming_call import IncomingCallCommand
from desktop.ui.popups.missed_calls_menu import MissedCallsMenu
from desktop.ui.popups.missed_calls_panel import MissedCallsPanel
from desktop.ui.popups.popup_manager import PopupManager

if TYPE_CHECKING:
    from datetime import datetime

    from desktop.services.calls import CallEvent
    from desktop.services.session import Session
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.tray import Tray

log = logging.getLogger(__name__)

__all__ = ["IncomingCallsUi"]

Spawn = Callable[[Coroutine[Any, Any, Any]], object]
RECENT_DAYS = 7


class IncomingCallsUi:
    """Call events become popups, a started program, and missed calls kept for the user."""

    def __init__(
        self,
        *,
        session: Session,
        settings: st.Settings,
        window: MainWindow,
        tray: Tray,
        spawn: Spawn,
        data_dir: Path | None,
        name_of: Callable[[str], str | None],
        queue_name: Callable[[str], str | None],
        dial: Callable[[str], None],
        show_history: Callable[[str], None],
        pbx_now: Callable[[], datetime],
    ) -> None:
        self.session = session
        self.settings = settings
        self.window = window
        self.tray = tray
        self._spawn = spawn
        self._name_of = name_of
        self._queue_name = queue_name
        self._pbx_now = pbx_now
        rules = NumberRules(settings.get(st.COUNTRY))
        self.popups = PopupManager(window, notify=tray.notify, number_rules=rules)
        self.popups.call_back_requested.connect(dial)
        self.popups.history_requested.connect(show_history)
        self.popups.popup_shown.connect(self._count_recent)
        self.command = IncomingCallCommand(spawn, self._report_command, window)
        self.missed = MissedCalls(data_dir / "missed-calls.json" if data_dir else None)
        self.missed_menu = MissedCallsMenu(self.missed, QMenu(window), number_rules=rules)
        self.missed_menu.call_back_requested.connect(dial)
        self.missed_menu.show_all_requested.connect(self.show_missed)
        self.missed_menu.marked_seen.connect(self._update_count)
        tray.menu.insertMenu(tray.settings_action, self.missed_menu.menu)
        self.panel = MissedCallsPanel(self.missed, window)
        self.panel.set_number_rules(rules)
        self.panel.set_queue_lookup(queue_name)
        self.panel.call_back_requested.connect(dial)
        self.panel.marked_seen.connect(self._update_count)
        self.dock = QDockWidget(QCoreApplication.translate("App", "Missed calls"), window)
        self.dock.setObjectName("missedCallsDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        tray.popups_paused_changed.connect(self.popups.set_paused)
        self.apply_settings()
        self._update_count()

    def apply_settings(self, name: str | None = None) -> None:
        """Take the popup settings (all, or the one that changed)."""
        s = self.settings
        if name in (None, st.POPUP_CORNER.name):
            self.popups.set_corner(s.get(st.POPUP_CORNER))
        if name in (None, st.POPUP_IGNORE.name):
            self.popups.set_ignore(IgnoreList(s.get(st.POPUP_IGNORE).split(",")))
        if name in (None, st.CRM_URL_TEMPLATE.name):
            self.popups.set_crm_template(s.get(st.CRM_URL_TEMPLATE))
        if name in (None, st.POPUPS_PAUSED.name):
            self.popups.set_paused(s.get(st.POPUPS_PAUSED))
        if name in (
            None,
            st.INCOMING_CALL_PROGRAM.name,
            st.INCOMING_CALL_ARGUMENTS.name,
            st.EXTENSION.name,
        ):
            self.command.configure(
                s.get(st.INCOMING_CALL_PROGRAM),
                s.get(st.INCOMING_CALL_ARGUMENTS),
                s.get(st.EXTENSION),
            )

    def on_events(self, events: list[CallEvent]) -> None:
        missed_before = self.missed.unseen_count
        for event in events:
            name = self._name_of(event.number)
            queue = self._queue_name(event.queue) if event.queue else None
            self.popups.handle(event, name, queue)
            self.command.handle(event, name, queue)
            if event.missed:
                self.missed.add(event, name or "")
        if self.missed.unseen_count != missed_before:
            self.panel.refresh()
            self._update_count()

    def queue_names_changed(self) -> None:
        """The directory was read (again): missed calls show their queues' new names."""
        self.panel.set_queue_lookup(self._queue_name)

    def keep_only(self, channels: frozenset[str]) -> None:
        """After a reconnect: popups of calls that are gone close."""
        self.popups.keep_only(channels)

    def show_missed(self) -> None:
        self.window.bring_to_front()
        self.dock.show()
        self.dock.raise_()

    def close(self) -> None:
        self.popups.close_all()  # popups have no parent window: close them by hand

    # ------------------------------------------------------------ inside
    def _update_count(self) -> None:
        self.tray.set_state(self.tray.state, self.missed.unseen_count)

    def _report_command(self, message: str) -> None:
        self.window.show_banner(message, "warning")

    def _count_recent(self, channel: str, number: str) -> None:
        self._spawn(self._recent_calls(channel, number))

    async def _recent_calls(self, channel: str, number: str) -> None:
        """How often this number called in the last week (shown in its popup)."""
        end = self._pbx_now().replace(second=0, microsecond=0)
        try:
            records = await self.session.call_records(
                end - timedelta(days=RECENT_DAYS), end, number=number
            )
        except PbxError as exc:
            log.info("Recent calls of a caller not counted: %s", type(exc).__name__)
            return
        self.popups.set_recent_calls(channel, len(records))
