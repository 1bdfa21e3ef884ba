"""The main window: banner, Calls / Phonebook / History tabs, menus and the status bar.

It shows what it is given and says what the user asked for through signals; the app
wires those to the services. Closing it either hides it to the tray (`close_to_tray`,
set by the app when a tray exists) or asks the app to quit.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.pbx.models import ActiveCall
from desktop.ui.calls.calls_model import NameLookup, QueueLookup
from desktop.ui.calls.calls_tab import OFFLINE_UNREACHABLE, CallsTab, EmptyState
from desktop.ui.shell import icons, theme
from desktop.ui.shell.banner import Banner

if TYPE_CHECKING:
    from desktop.ui.calls.dial_dialog import DialDialog
    from desktop.ui_state import UiState

log = logging.getLogger(__name__)

TAB_NAMES = ("calls", "phonebook", "history", "panel")
STATES = ("connecting", "online", "offline")
_STATUS_MESSAGE_MS = 6000
_MAX_STATE_DETAIL = 90
# Where the window keeps its place and its columns in the UI state (not the settings).
GEOMETRY_KEY = "main_window_geometry"
CALLS_HEADER_KEY = "calls_table_header"


class MainWindow(QMainWindow):
    """The app's window; everything it does for the PBX goes out through its signals."""

    hangup_requested = Signal(str)  # channel
    dial_requested = Signal(str)  # a number the user confirmed in the dial dialog
    settings_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()
    retry_requested = Signal()
    ivr_call_requested = Signal()
    callback_requested = Signal()
    # The window just went to the tray for the first time: tell the user it keeps running.
    kept_running_in_tray = Signal()
    # Someone can see the window (shown and not minimised) or no longer can.
    watched_changed = Signal(bool)

    def __init__(self, *, badge: str = "", parent: QWidget | None = None) -> None:
        """`badge`: a word shown beside the connection state and in the title ("DEMO")."""
        super().__init__(parent)
        self.badge = badge
        self.close_to_tray = False
        # The app sets this from saved UI state so the tray notice comes once, ever.
        self.tray_notice_given = False
        self._quitting = False
        self._dial_dialog: DialDialog | None = None
        self._state = "connecting"
        self._state_message = ""
        self._retry_note = ""
        self._server_host = ""

        self._offline_reason = OFFLINE_UNREACHABLE
        # Qt appends the application's display name to a title that does not end with it
        # (Linux): ending with it keeps "IEXPBX Desktop" from showing twice.
        title = f"{badge.title()} — {APP_NAME}" if badge else APP_NAME
        self.setWindowTitle(title)
        self.setWindowIcon(icons.app_icon())
        self.resize(960, 560)

        self.banner = Banner(self)
        self.banner.open_settings_requested.connect(self.settings_requested)
        self.banner.retry_requested.connect(self.retry_requested)
        self.calls_tab = CallsTab(self)
        self.calls_tab.hangup_requested.connect(self.hangup_requested)
        self.calls_tab.message.connect(self.show_status_message)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.calls_tab, self.tr("&Calls"))
        self.tabs.addTab(
            EmptyState(
                self.tr("Phonebook"), self.tr("The phonebook from the PBX will be listed here.")
            ),
            self.tr("&Phonebook"),
        )
        self.tabs.addTab(
            EmptyState(self.tr("History"), self.tr("Past calls will be listed here.")),
            self.tr("H&istory"),
        )
        self.tabs.addTab(
            EmptyState(
                self.tr("Operator panel"), self.tr("Every extension and queue will be shown here.")
            ),
            self.tr("&Operator panel"),
        )
        self.tabs.setTabToolTip(0, self.tr("Calls in progress (Ctrl+1)"))
        self.tabs.setTabToolTip(1, self.tr("The PBX phonebook (Ctrl+2)"))
        self.tabs.setTabToolTip(2, self.tr("Call history (Ctrl+3)"))
        self.tabs.setTabToolTip(3, self.tr("Extensions and queues at a glance (Ctrl+4)"))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        self._render_state()

    # -- contract -----------------------------------------------------------------------------
    def show_calls(self, calls: Sequence[ActiveCall]) -> None:
        self.calls_tab.show_calls(calls)

    def set_connection_state(self, state: str, message: str = "", retry_note: str = "") -> None:
        """ "connecting" | "online" | "offline"; `message` says why, `retry_note` when the
        next try is (both shown beside it while not online)."""
        if state not in STATES:
            log.warning("Unknown connection state %r shown as offline", state)
            state = "offline"
        self._state, self._state_message, self._retry_note = state, message, retry_note
        self.calls_tab.set_offline(state == "offline", self._offline_reason)
        self._render_state()

    def set_offline_reason(self, reason: str) -> None:
        """Why the next "offline" is: calls_tab.OFFLINE_NOT_SET_UP, _REFUSED or _UNREACHABLE."""
        self._offline_reason = reason
        self.calls_tab.set_offline(self._state == "offline", reason)

    def show_banner(
        self,
        message: str,
        kind: str = "error",
        *,
        offer_settings: bool = False,
        offer_retry: bool = False,
    ) -> None:
        """Non-modal; a message the user dismissed stays hidden until `clear_banner()`.

        With `offer_settings` it has an "Open Settings" button (emits `settings_requested`),
        with `offer_retry` a "Retry" button (emits `retry_requested`).
        """
        self.banner.show_message(
            message, kind, offer_settings=offer_settings, offer_retry=offer_retry
        )

    def clear_banner(self) -> None:
        self.banner.clear()

    @property
    def dial_dialog(self) -> DialDialog | None:
        """The dial dialog while it is open."""
        return self._dial_dialog

    def ask_dial(self, number: str = "") -> None:
        """Open the dial dialog pre-filled; Call emits `dial_requested(number)`."""
        if self._dial_dialog is None:
            from desktop.ui.calls.dial_dialog import DialDialog  # made on first use

            dialog = DialDialog(number, self)
            dialog.accepted.connect(lambda: self.dial_requested.emit(dialog.number()))
            dialog.finished.connect(self._forget_dial_dialog)
            self._dial_dialog = dialog
            dialog.open()
        elif number:
            self._dial_dialog.set_number(number)
        self._dial_dialog.raise_()
        self._dial_dialog.activateWindow()

    def show_tab(self, name: str) -> None:
        """ "calls" | "phonebook" | "history" | "panel"."""
        if name not in TAB_NAMES:
            log.warning("Unknown tab %r", name)
            return
        self.tabs.setCurrentIndex(TAB_NAMES.index(name))

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.setWindowState(
                (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
            )
        self.show()
        self.raise_()
        self.activateWindow()

    # -- extras for the app -------------------------------------------------------------------
    def set_server(self, host: str) -> None:
        """The PBX host shown in the status bar (a host name only, never a full URL)."""
        self._server_host = host
        self._render_state()

    def set_name_lookup(self, lookup: NameLookup | None) -> None:
        self.calls_tab.set_name_lookup(lookup)

    def set_queue_lookup(self, lookup: QueueLookup | None) -> None:
        """Queue names for the calls table: lookup(queue number) -> name or None."""
        self.calls_tab.set_queue_lookup(lookup)

    def set_tab_page(self, name: str, page: QWidget) -> None:
        """Put a real page in place of a placeholder tab."""
        if name not in TAB_NAMES:
            raise ValueError(f"unknown tab {name!r}")
        index = TAB_NAMES.index(name)
        current = self.tabs.currentIndex()
        label, tip = self.tabs.tabText(index), self.tabs.tabToolTip(index)
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, label)
        self.tabs.setTabToolTip(index, tip)
        self.tabs.setCurrentIndex(current)
        if old is not None:
            old.deleteLater()

    def current_tab(self) -> str:
        return TAB_NAMES[self.tabs.currentIndex()]

    def connection_text(self) -> str:
        return self._state_label.text()

    def show_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, _STATUS_MESSAGE_MS)

    def set_quitting(self) -> None:
        """The app is quitting: closing now closes for real and asks nothing more."""
        self._quitting = True

    def restore_layout(self, state: UiState) -> None:
        """The window's place, the calls table's columns and the tray notice, as last left."""
        geometry = state.get_bytes(GEOMETRY_KEY)
        if geometry:
            self.restoreGeometry(geometry)
        header = state.get_bytes(CALLS_HEADER_KEY)
        if header:
            self.calls_tab.restore_header_state(header)
        self.tray_notice_given = state.get_bool(state.TOLD_ABOUT_TRAY)

    def save_layout(self, state: UiState) -> None:
        """Keep what `restore_layout` restores (the caller syncs the state to disk)."""
        state.set_bytes(GEOMETRY_KEY, bytes(self.saveGeometry().data()))
        state.set_bytes(CALLS_HEADER_KEY, self.calls_tab.header_state())
        state.set_bool(state.TOLD_ABOUT_TRAY, self.tray_notice_given)

    # -- building -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.dial_action = QAction(icons.icon(icons.DIAL), self.tr("&Dial…"), self)
        self.dial_action.setShortcut(QKeySequence("Ctrl+D"))
        self.dial_action.setToolTip(self.tr("Call a number (Ctrl+D)"))
        self.dial_action.triggered.connect(lambda: self.ask_dial())
        self.settings_action = QAction(self.tr("&Settings…"), self)
        # Ctrl+, first: the menu shows the first shortcut, and the platform's own
        # Preferences key is empty on Linux and Windows (the menu then showed none).
        shortcuts = [QKeySequence("Ctrl+,")]
        shortcuts += [
            key
            for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
            if not key.isEmpty() and key not in shortcuts
        ]
        self.settings_action.setShortcuts(shortcuts)
        self.settings_action.setToolTip(self.tr("Connection and general settings (Ctrl+,)"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.settings_requested)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quit_requested)
        self.about_action = QAction(self.tr("&About {app}").format(app=APP_NAME), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.about_requested)
        self.find_action = QAction(self.tr("&Find"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.setToolTip(self.tr("Go to the search field of this tab (Ctrl+F)"))
        self.find_action.triggered.connect(self._find)

        tab_titles = (
            self.tr("&Calls"),
            self.tr("&Phonebook"),
            self.tr("&History"),
            self.tr("&Operator panel"),
        )
        self.tab_actions: dict[str, QAction] = {}
        for number, (name, title) in enumerate(zip(TAB_NAMES, tab_titles, strict=True), 1):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, tab=name: self.show_tab(tab))
            self.tab_actions[name] = action

        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.dial_action)
        self.ivr_action = file_menu.addAction(self.tr("&IVR call…"))
        self.ivr_action.setToolTip(self.tr("Call a number and play it an IVR with announcements"))
        self.ivr_action.triggered.connect(self.ivr_call_requested)
        self.callback_action = file_menu.addAction(self.tr("&Masked callback…"))
        self.callback_action.setToolTip(
            self.tr("Connect two numbers without either seeing the other's number")
        )
        self.callback_action.triggered.connect(self.callback_requested)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menus.addMenu(self.tr("&View"))
        for action in self.tab_actions.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(6)
        self._dot = QLabel(holder)
        self._state_label = QLabel(holder)
        self._state_label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self._dot)
        row.addWidget(self._state_label)
        self.demo_badge = QLabel(self.badge, holder)
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setToolTip(
            self.tr("Demo mode: a simulated PBX with made-up calls. Nothing real is dialled.")
        )
        self.demo_badge.setStyleSheet(
            "QLabel#demoBadge { background: #f2a600; color: #2b1d00; font-weight: bold;"
            " border-radius: 4px; padding: 1px 6px; }"
        )
        self.demo_badge.setVisible(bool(self.badge))
        row.addWidget(self.demo_badge)
        bar.addPermanentWidget(holder)

    def _render_state(self) -> None:
        names = {
            "connecting": self.tr("Connecting…"),
            "online": self.tr("Online"),
            "offline": self.tr("Offline"),
        }
        parts = [names[self._state]]
        if self._server_host:
            parts.append(self._server_host)
        detail = self._state_message.strip()
        if detail and self._state != "online":
            if len(detail) > _MAX_STATE_DETAIL:
                detail = detail[: _MAX_STATE_DETAIL - 1].rstrip() + "…"
            parts.append(detail)
        if self._retry_note and self._state == "offline":
            parts.append(self._retry_note)
        self._state_label.setText(" · ".join(parts))
        # A tooltip that looks like HTML is rendered as HTML, and the message may quote
        # the PBX: show it as rich text made only of escaped, literal characters.
        tip = self._state_message or names[self._state]
        self._state_label.setToolTip(f"<qt>{html.escape(tip)}</qt>")
        colour = theme.state_colour(self._state, theme.is_dark(self))
        self._dot.setPixmap(icons.status_dot(colour))
        self._dot.setAccessibleName(names[self._state])

    # -- events -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_to_tray and not self._quitting:
            event.ignore()
            self.hide()
            if not self.tray_notice_given:
                self.tray_notice_given = True
                self.kept_running_in_tray.emit()
            return
        event.accept()
        if not self._quitting:
            self._quitting = True
            self.quit_requested.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._render_state()
        elif event.type() == QEvent.Type.WindowStateChange:
            self.watched_changed.emit(self.is_watched())
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.watched_changed.emit(self.is_watched())

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.watched_changed.emit(False)

    def is_watched(self) -> bool:
        """Shown and not minimised: someone may be looking at it."""
        return self.isVisible() and not self.isMinimized()

    def _find(self) -> None:
        """Ctrl+F: the current tab's own search field; the calls filter if it has none."""
        focus_search = getattr(self.tabs.currentWidget(), "focus_search", None)
        if callable(focus_search):
            focus_search()
            return
        self.show_tab("calls")
        self.calls_tab.focus_filter()

    def _forget_dial_dialog(self) -> None:
        if self._dial_dialog is not None:
            self._dial_dialog.deleteLater()
            self._dial_dialog = None
