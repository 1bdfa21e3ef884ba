"""Ctrl+F goes to the search field of the tab being looked at; the calls filter otherwise."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.ui.history.history_tab import HistoryTab
from desktop.ui.panel.operator_panel import OperatorPanel
from desktop.ui.phonebook.phonebook_tab import PhonebookTab
from desktop.ui.shell.main_window import MainWindow

WAIT_MS = 5000


@pytest.fixture
def window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.set_tab_page("phonebook", PhonebookTab())
    w.set_tab_page("history", HistoryTab(now=lambda: datetime(2026, 3, 10, 14, 0)))
    w.set_tab_page("panel", OperatorPanel())
    w.resize(1200, 760)
    with qtbot.waitExposed(w):
        w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=WAIT_MS)
    return w


def search_field_of(window: MainWindow, tab: str) -> QLineEdit:
    page = window.tabs.currentWidget()
    fields = {
        "calls": lambda: window.calls_tab.filter_edit,
        "phonebook": lambda: page.search_edit,
        "history": lambda: page.search_edit,
        "panel": lambda: page.filter_edit,
    }
    return fields[tab]()


def press_ctrl_f(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
    )


@pytest.mark.parametrize("tab", ["phonebook", "history", "panel"])
def test_ctrl_f_selects_the_search_text_of_the_tab_being_looked_at(qtbot, window, tab):
    window.show_tab(tab)
    field = search_field_of(window, tab)
    field.setText("Karadeniz")
    window.tabs.tabBar().setFocus()
    press_ctrl_f(qtbot, window)
    assert window.current_tab() == tab  # the user stays where they were
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
    assert field.selectedText() == "Karadeniz"  # typing replaces the old search
    assert not window.calls_tab.filter_edit.hasFocus()


def test_ctrl_f_on_the_calls_tab_goes_to_the_calls_filter(qtbot, window):
    window.show_tab("calls")
    window.calls_tab.filter_edit.setText("0532")
    window.tabs.tabBar().setFocus()
    press_ctrl_f(qtbot, window)
    assert window.current_tab() == "calls"
    qtbot.waitUntil(window.calls_tab.filter_edit.hasFocus, timeout=WAIT_MS)
    assert window.calls_tab.filter_edit.selectedText() == "0532"


def test_ctrl_f_on_a_tab_not_made_yet_goes_to_the_calls_filter(qtbot):
    window = MainWindow()  # only placeholders: no page with a search field of its own
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    window.show_tab("history")
    press_ctrl_f(qtbot, window)
    assert window.current_tab() == "calls"
    qtbot.waitUntil(window.calls_tab.filter_edit.hasFocus, timeout=WAIT_MS)
