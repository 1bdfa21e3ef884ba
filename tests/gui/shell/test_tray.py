"""The tray: menu entries and what they do, state icon and tooltip, life without a tray."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from desktop import APP_NAME
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.tray import Tray


@pytest.fixture
def window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    return w


@pytest.fixture
def tray(window) -> Tray:
    return Tray(window)


def entries(tray: Tray) -> list[str]:
    shown = [a for a in tray.menu.actions() if a.isVisible() and not a.isSeparator()]
    return [a.text().replace("&", "") for a in shown]


def test_without_a_system_tray_nothing_shows_and_nothing_breaks(window, monkeypatch):
    # Like GNOME without the AppIndicator extension (and offscreen, where tests run).
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    tray = Tray(window)
    assert tray.available is False
    assert not tray.icon.isVisible()
    tray.set_state("online", missed_calls=3)
    tray.notify("Missed call", "0532 441 77 88")  # silently skipped


def test_menu_has_the_entries_in_order(tray):
    assert entries(tray) == [
        f"Show {APP_NAME}",
        "Dial…",
        "Call the number in the clipboard",
        "Calls",
        "Phonebook",
        "History",
        "Pause popups",
        "Settings…",
        "Quit",
    ]
    assert tray.pause_action.isCheckable()
    assert tray.icon.contextMenu() is tray.menu


@pytest.mark.parametrize(
    ("action", "signal"),
    [
        ("dial_action", "dial_requested"),
        ("settings_action", "settings_requested"),
        ("quit_action", "quit_requested"),
    ],
)
def test_menu_entries_emit_their_signal(tray, qtbot, action, signal):
    with qtbot.waitSignal(getattr(tray, signal), timeout=1000):
        getattr(tray, action).trigger()


def test_show_entry_brings_the_window_back(tray, window, qtbot):
    window.hide()
    with qtbot.waitSignal(tray.show_requested, timeout=1000):
        tray.show_action.trigger()
    assert window.isVisible()


def test_tab_entries_open_that_tab(tray, window, qtbot):
    for name in ("history", "phonebook", "calls"):
        window.hide()
        with qtbot.waitSignal(tray.tab_requested, timeout=1000) as signal:
            tray.tab_actions[name].trigger()
        assert signal.args == [name]
        assert window.current_tab() == name and window.isVisible()


def test_pause_popups_is_a_toggle(tray, qtbot):
    with qtbot.waitSignal(tray.popups_paused_changed, timeout=1000) as signal:
        tray.pause_action.trigger()
    assert signal.args == [True]
    assert "Popups paused" in tray.icon.toolTip()
    with qtbot.waitSignal(tray.popups_paused_changed, timeout=1000) as signal:
        tray.pause_action.trigger()
    assert signal.args == [False]


def test_saved_pause_setting_is_shown_without_echo(tray, qtbot):
    with qtbot.assertNotEmitted(tray.popups_paused_changed):
        tray.set_popups_paused(True)
    assert tray.pause_action.isChecked()


def test_left_click_toggles_the_window(tray, window):
    window.show()
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert not window.isVisible()
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert window.isVisible()
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)  # the menu, not a toggle
    assert window.isVisible()


def test_state_changes_icon_and_tooltip(tray):
    tray.set_state("online")
    online = tray.icon.icon().pixmap(22, 22).toImage()
    assert "Online" in tray.icon.toolTip()
    tray.set_state("offline")
    offline = tray.icon.icon().pixmap(22, 22).toImage()
    assert "Offline" in tray.icon.toolTip()
    assert online != offline
    tray.set_state("online", missed_calls=1)
    assert "1 missed call" in tray.icon.toolTip()
    tray.set_state("online", missed_calls=4)
    missed = tray.icon.icon().pixmap(22, 22).toImage()
    assert "4 missed calls" in tray.icon.toolTip()
    assert missed not in (online, offline)
    tray.set_state("connecting", missed_calls=-2)
    assert "Connecting" in tray.icon.toolTip() and tray.missed_calls == 0


def test_first_close_to_tray_is_announced_once(tray, window, monkeypatch):
    told = []
    monkeypatch.setattr(tray, "notify", lambda title, text: told.append(text))
    window.close_to_tray = True
    window.show()
    window.close()
    window.bring_to_front()
    window.close()
    assert len(told) == 1 and "keeps running in the tray" in told[0]


def test_with_a_system_tray_the_icon_shows_and_notifies(window, monkeypatch):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    shown = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *a: shown.append(a[:2]))
    tray = Tray(window)
    assert tray.available is True
    tray.notify("Missed call", "0532 441 77 88")
    assert shown == [("Missed call", "0532 441 77 88")]
    tray.hide()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="bodies are plain text there")
def test_markup_in_a_notification_reaches_the_desktop_as_text(window, monkeypatch):
    # Freedesktop notification servers render body markup: a link in a caller ID or a PBX
    # message would become clickable. Only "<" can start a tag; "&" stays as written.
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    shown = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *a: shown.append(a[:2]))
    tray = Tray(window)
    tray.notify(
        "PBX connection lost", 'The PBX said: <a href="https://evil.example">Police</a> & co'
    )
    assert shown == [
        (
            "PBX connection lost",
            'The PBX said: &lt;a href="https://evil.example">Police&lt;/a> & co',
        )
    ]
    tray.hide()


def test_the_first_entry_says_hide_while_the_window_is_shown(tray, window, qtbot):
    with qtbot.waitExposed(window):
        window.show()
    assert tray.show_action.text() == "&Hide IEXPBX Desktop"
    tray.show_action.trigger()
    assert not window.isVisible()
    assert tray.show_action.text() == "&Show IEXPBX Desktop"
