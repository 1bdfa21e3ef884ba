"""One notice per incoming call: the popup, or (only when it cannot be seen) the tray's balloon.

The manager is wired to a real tray as the app wires it (`notify=tray.notify`); what the
desktop is asked to show is caught at `QSystemTrayIcon.showMessage`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSystemTrayIcon

from desktop.services.calls import CallEvent
from desktop.services.popup_rules import IgnoreList
from desktop.ui.popups.popup_manager import PopupManager
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.tray import Tray

SCREEN = QRect(0, 0, 1280, 800)
SHORT_SCREEN = QRect(0, 0, 800, 120)  # room for one popup only: the next ones wait
COMPANY = "Karadeniz Elektrik & Ortakları"


def ringing(channel: str, number: str) -> CallEvent:
    return CallEvent("ringing", channel, number, None, True)


@pytest.fixture
def balloons(monkeypatch) -> list[tuple[str, str]]:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *a: shown.append(a[:2]))
    return shown


@pytest.fixture
def tray(qtbot, balloons) -> Iterator[Tray]:
    window = MainWindow()
    qtbot.addWidget(window)
    tray = Tray(window)
    yield tray
    tray.hide()


def manager_on(tray: Tray, screen: QRect) -> PopupManager:
    return PopupManager(notify=tray.notify, screen_area=lambda: screen)


def test_a_call_whose_popup_shows_is_not_announced_again_by_the_tray(tray, balloons):
    manager = manager_on(tray, SCREEN)
    popup = manager.handle(ringing("SIP/trunk-1", "02165550101"), COMPANY, None)
    assert manager.visible_popups() == [popup]
    assert balloons == []
    manager.close_all()


def test_a_popup_waiting_for_room_is_announced_by_the_tray_with_the_name_as_written(tray, balloons):
    manager = manager_on(tray, SHORT_SCREEN)
    first = manager.handle(ringing("SIP/trunk-1", "05321234567"), "Ayşe Yılmaz", None)
    waiting = manager.handle(ringing("SIP/trunk-2", "02165550101"), COMPANY, "Satış")
    assert manager.visible_popups() == [first] and waiting is not None
    assert balloons == [("Incoming call", f"{COMPANY} · 02165550101\nQueue: Satış")]
    # Its popup shows once the first call ends: still one balloon for that call.
    manager.handle(CallEvent("ended", "SIP/trunk-1", "05321234567", None, True))
    assert manager.visible_popups() == [waiting]
    assert len(balloons) == 1
    manager.close_all()


def test_paused_popups_and_ignored_numbers_get_no_balloon_either(tray, balloons):
    manager = manager_on(tray, SHORT_SCREEN)
    manager.set_ignore(IgnoreList(["0850*"]))
    assert manager.handle(ringing("SIP/trunk-1", "08502223344"), COMPANY, None) is None
    manager.set_paused(True)
    assert manager.handle(ringing("SIP/trunk-2", "02165550101"), COMPANY, None) is None
    assert manager.visible_popups() == [] and balloons == []


def test_the_balloon_shows_an_ampersand_as_an_ampersand(tray, balloons):
    tray.notify("PBX connection lost", f"No answer from {COMPANY}")
    assert balloons == [("PBX connection lost", f"No answer from {COMPANY}")]
