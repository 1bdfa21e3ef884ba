"""The tray icon: connection state at a glance, a menu, and the way back to the window.

Without a system tray (`available` is False) nothing is shown and nothing breaks: the
app keeps the window as the way in. The menu and its actions exist either way.

Show and the tab entries act on the window directly and then emit their signal, so
an app that also connects them to `bring_to_front()` / `show_tab()` does no harm.
Dial…, Settings, Quit and Pause popups only emit: the app decides what they do.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop import APP_NAME
from desktop.ui.shell import icons
from desktop.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

_MESSAGE_MS = 8000


def notification_body(text: str) -> str:
    """`text` for a notification body: shown as written, and no markup can start in it."""
    # Windows, macOS and Qt's own balloon (an X11 tray without a StatusNotifier host) show
    # the body as plain text: an escaped "&amp;" would be shown as those five characters.
    # Freedesktop notification servers read a subset of HTML in the body (the summary is
    # plain text): only a "<" can start a tag (a link, formatting), so only it goes in as
    # "&lt;". A lone "&" stays as it is; those servers show a stray ampersand as written,
    # and an entity can only ever become a character, never markup.
    if sys.platform in ("win32", "darwin"):
        return text
    return text.replace("<", "&lt;")


class Tray(QObject):
    """The tray icon and its menu for one main window."""

    show_requested = Signal()
    dial_requested = Signal()
    clipboard_call_requested = Signal()
    settings_requested = Signal()
    retry_requested = Signal()
    quit_requested = Signal()
    tab_requested = Signal(str)
    popups_paused_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.state = "connecting"
        self.missed_calls = 0

        self.menu = QMenu(window)
        # "Show" while the window is hidden, "Hide" while it is shown (a tray's usual toggle).
        self.show_action = self._add(self.tr("&Show {app}").format(app=APP_NAME), self._toggle)
        self.dial_action = self._add(self.tr("&Dial…"), self.dial_requested)
        self.dial_action.setIcon(icons.icon(icons.DIAL))
        self.clipboard_action = self._add(
            self.tr("Call the number in the clip&board"), self.clipboard_call_requested
        )
        self.menu.addSeparator()
        self.tab_actions = {
            "calls": self._add(self.tr("&Calls"), lambda: self._open_tab("calls")),
            "phonebook": self._add(self.tr("&Phonebook"), lambda: self._open_tab("phonebook")),
            "history": self._add(self.tr("&History"), lambda: self._open_tab("history")),
        }
        self.menu.addSeparator()
        self.pause_action = QAction(self.tr("P&ause popups"), self)
        self.pause_action.setCheckable(True)
        self.pause_action.setToolTip(self.tr("No incoming-call popups until you switch this off"))
        self.pause_action.toggled.connect(self._on_pause_toggled)
        self.menu.addAction(self.pause_action)
        self.retry_action = self._add(self.tr("&Retry connecting"), self.retry_requested)
        self.retry_action.setVisible(False)  # only while offline
        self.settings_action = self._add(self.tr("S&ettings…"), self.settings_requested)
        self.menu.addSeparator()
        self.quit_action = self._add(self.tr("&Quit"), self.quit_requested)

        self.icon = QSystemTrayIcon(self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        window.kept_running_in_tray.connect(self._tell_about_tray)
        window.installEventFilter(self)
        self.menu.aboutToShow.connect(self._update_show_text)
        self._update_show_text()
        self.set_state("connecting")
        if self.available:
            self.icon.show()
        else:
            log.info("No system tray: the main window is the way in")

    def set_state(self, state: str, missed_calls: int | None = None) -> None:
        """Icon and tooltip for "online" (or "connected") | "connecting" | "offline".

        `missed_calls` (unseen missed calls) stays as it was when not given.
        """
        if missed_calls is not None:
            self.missed_calls = max(0, missed_calls)
        self.state = state
        self.retry_action.setVisible(state == "offline")
        self.icon.setIcon(icons.tray_icon(state, self.missed_calls))
        lines = [APP_NAME]
        if state in ("online", "connected"):
            lines.append(self.tr("Online"))
        elif state == "connecting":
            lines.append(self.tr("Connecting…"))
        else:
            lines.append(self.tr("Offline"))
        if self.missed_calls == 1:
            lines.append(self.tr("1 missed call"))
        elif self.missed_calls > 1:
            lines.append(self.tr("{count} missed calls").format(count=self.missed_calls))
        if self.pause_action.isChecked():
            lines.append(self.tr("Popups paused"))
        self.icon.setToolTip("\n".join(lines))

    def set_popups_paused(self, paused: bool) -> None:
        """Reflect the saved setting without emitting `popups_paused_changed`."""
        blocked = self.pause_action.blockSignals(True)
        self.pause_action.setChecked(paused)
        self.pause_action.blockSignals(blocked)
        self.set_state(self.state)

    def notify(self, title: str, message: str) -> None:
        """A desktop notification from the tray icon; nothing without a tray.

        The message is shown as written: it may quote the PBX, and caller IDs come from
        outside callers, so markup in it must not become a link or formatting.
        """
        if self.available and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, notification_body(message), icons.app_icon(), _MESSAGE_MS)
        else:
            log.debug("Notification not shown (no tray): %s", title)

    def hide(self) -> None:
        self.icon.hide()

    # -- internals ----------------------------------------------------------------------------
    def _add(self, text: str, slot: Callable[[], object] | SignalInstance) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _window_shown(self) -> bool:
        return self._window.isVisible() and not self._window.isMinimized()

    def _update_show_text(self) -> None:
        if self._window_shown():
            text = self.tr("&Hide {app}").format(app=APP_NAME)
        else:
            text = self.tr("&Show {app}").format(app=APP_NAME)
        self.show_action.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.WindowStateChange,
        ):
            self._update_show_text()
        return False

    def _toggle(self) -> None:
        if self._window_shown():
            self._window.hide()
        else:
            self._show()

    def _show(self) -> None:
        self._window.bring_to_front()
        self.show_requested.emit()

    def _open_tab(self, name: str) -> None:
        self._window.show_tab(name)
        self._window.bring_to_front()
        self.tab_requested.emit(name)

    def _on_pause_toggled(self, paused: bool) -> None:
        self.set_state(self.state)
        self.popups_paused_changed.emit(paused)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window()

    def toggle_window(self) -> None:
        """Left click: hide a shown window, show a hidden or minimised one."""
        self._toggle()

    def _tell_about_tray(self) -> None:
        self.notify(
            APP_NAME,
            self.tr(
                "{app} keeps running in the tray, so calls still reach you. "
                "To close it, choose Quit from the tray menu."
            ).format(app=APP_NAME),
        )
