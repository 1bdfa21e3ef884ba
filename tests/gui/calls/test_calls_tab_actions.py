"""The Calls tab from my desk: direction, call back, copy, history, and who hang-up names."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop.pbx.models import ActiveCall
from desktop.services.numbers import NumberRules
from desktop.ui.calls.calls_model import COL_DIRECTION, COL_FROM, COL_TO
from desktop.ui.calls.calls_tab import CallsTab

ME = "101"
EXTENSIONS = {str(n) for n in range(100, 130)}


def call(channel: str, src: str, dst: str, call_type: str = "Dial") -> ActiveCall:
    return ActiveCall(channel, timedelta(seconds=30), call_type, "Talking", src, dst)


INCOMING = call("SIP/trunk-1", "05321234567", ME)
OUTGOING = call("SIP/101-1", ME, "02125550100")
INTERNAL = call("SIP/102-1", "102", "103")
QUEUED = call("SIP/trunk-2", "905363980139", "630", "Queue(630)")
COLLEAGUE_OUT = call("SIP/104-1", "104", "05559876543")
WITHHELD = call("SIP/trunk-3", "anonymous", ME)


@pytest.fixture
def tab(qtbot) -> CallsTab:
    t = CallsTab()
    qtbot.addWidget(t)
    t.resize(1000, 400)
    t.set_my_extension(ME)
    t.set_extension_check(EXTENSIONS.__contains__)
    t.set_queue_lookup({"630": "Satış"}.get)
    with qtbot.waitExposed(t):
        t.show()
    return t


def pick(qtbot, tab: CallsTab, channel: str) -> None:
    """Click the call's row, as a user picks it."""
    row = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(channel), COL_FROM)).row()
    rect = tab.view.visualRect(tab.proxy.index(row, COL_FROM))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.selected_call().channel == channel


def direction_of(tab: CallsTab, channel: str) -> str:
    return tab.model.index(tab.model.row_of(channel), COL_DIRECTION).data()


def buttons(tab: CallsTab) -> list:
    return [tab.call_back_button, tab.copy_button, tab.history_button]


def actions(tab: CallsTab) -> list:
    return [tab.call_back_action, tab.copy_number_action, tab.history_action]


def test_each_call_says_its_direction_from_my_desk_first_in_the_row(tab) -> None:
    tab.show_calls([INCOMING, OUTGOING, INTERNAL, QUEUED, COLLEAGUE_OUT])
    assert direction_of(tab, INCOMING.channel) == "Incoming"
    assert direction_of(tab, OUTGOING.channel) == "Outgoing"
    assert direction_of(tab, INTERNAL.channel) == "Internal"
    assert direction_of(tab, QUEUED.channel) == "Incoming"  # into a queue, from outside
    assert direction_of(tab, COLLEAGUE_OUT.channel) == "Outgoing"
    icon = tab.model.index(0, COL_DIRECTION).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.pixmap(16, 16).isNull()
    assert tab.view.horizontalHeader().visualIndex(COL_DIRECTION) == 0
    assert not tab.view.isColumnHidden(COL_DIRECTION)


def test_without_knowing_the_extensions_only_my_calls_get_a_direction(qtbot) -> None:
    tab = CallsTab()
    qtbot.addWidget(tab)
    tab.set_my_extension(ME)
    tab.show_calls([INCOMING, INTERNAL])
    assert direction_of(tab, INCOMING.channel) == "Incoming"
    assert direction_of(tab, INTERNAL.channel) == ""  # 102 -> 103: not guessed


@pytest.mark.parametrize(
    ("picked", "other"),
    [
        (INCOMING, "05321234567"),
        (OUTGOING, "02125550100"),
        (QUEUED, "905363980139"),
        (COLLEAGUE_OUT, "05559876543"),
    ],
    ids=["incoming", "outgoing", "queue", "colleague-outgoing"],
)
def test_call_back_calls_the_other_party_by_button_and_by_enter(tab, qtbot, picked, other):
    tab.show_calls([INCOMING, OUTGOING, QUEUED, COLLEAGUE_OUT])
    pick(qtbot, tab, picked.channel)
    with qtbot.waitSignal(tab.call_requested, timeout=1000) as by_button:
        qtbot.mouseClick(tab.call_back_button, Qt.MouseButton.LeftButton)
    assert by_button.args == [other]
    tab.view.setFocus()
    with qtbot.waitSignal(tab.call_requested, timeout=1000) as by_key:
        qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert by_key.args == [other]


def test_copy_puts_the_other_partys_number_on_the_clipboard(tab, qtbot) -> None:
    tab.show_calls([INCOMING, OUTGOING])
    clipboard = QGuiApplication.clipboard()
    pick(qtbot, tab, OUTGOING.channel)
    clipboard.clear()
    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "02125550100"

    pick(qtbot, tab, INCOMING.channel)
    clipboard.clear()
    tab.view.setFocus()
    with qtbot.waitSignal(tab.message, timeout=1000) as note:
        qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "05321234567"
    assert "05321234567" in note.args[0]


def test_open_history_asks_for_the_other_partys_history(tab, qtbot) -> None:
    tab.show_calls([INCOMING, OUTGOING])
    pick(qtbot, tab, INCOMING.channel)
    with qtbot.waitSignal(tab.history_requested, timeout=1000) as by_button:
        qtbot.mouseClick(tab.history_button, Qt.MouseButton.LeftButton)
    assert by_button.args == ["05321234567"]
    pick(qtbot, tab, OUTGOING.channel)
    tab.view.setFocus()
    with qtbot.waitSignal(tab.history_requested, timeout=1000) as by_key:
        qtbot.keyClick(tab.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert by_key.args == ["02125550100"]


def test_the_context_menu_offers_the_actions_on_the_call_under_the_mouse(tab, qtbot) -> None:
    shown: list[list[str]] = []

    def read_and_close_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.append([a.text() for a in menu.actions() if a.isEnabled()])
            menu.close()

    tab.show_calls([INCOMING, OUTGOING])
    rect = tab.view.visualRect(tab.proxy.index(1, COL_FROM))
    QTimer.singleShot(50, read_and_close_menu)
    tab.view.customContextMenuRequested.emit(rect.center())
    assert tab.selected_call().channel == OUTGOING.channel
    assert shown and shown[0][:3] == ["Call back", "Copy number", "Open history"]


def test_actions_wait_for_a_selection_and_stop_when_the_picked_call_ends(tab, qtbot) -> None:
    tab.show_calls([INCOMING, OUTGOING])
    assert not any(widget.isEnabled() for widget in buttons(tab) + actions(tab))
    tab.view.setFocus()
    with qtbot.assertNotEmitted(tab.call_requested), qtbot.assertNotEmitted(tab.history_requested):
        qtbot.keyClick(tab.view, Qt.Key.Key_Return)
        qtbot.mouseClick(tab.call_back_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(tab.history_button, Qt.MouseButton.LeftButton)

    pick(qtbot, tab, INCOMING.channel)
    assert all(widget.isEnabled() for widget in buttons(tab) + actions(tab))

    tab.show_calls([OUTGOING])  # the picked call ended: its neighbour is not picked instead
    assert tab.selected_call() is None
    assert not any(widget.isEnabled() for widget in buttons(tab) + actions(tab))
    with qtbot.assertNotEmitted(tab.call_requested):
        qtbot.keyClick(tab.view, Qt.Key.Key_Return)


def test_a_withheld_caller_cannot_be_called_back_or_copied(tab, qtbot) -> None:
    tab.show_calls([WITHHELD])
    pick(qtbot, tab, WITHHELD.channel)
    assert tab.hangup_button.isEnabled()
    assert not any(widget.isEnabled() for widget in buttons(tab) + actions(tab))


def test_hang_up_names_both_parties_and_defaults_to_no(tab, qtbot, monkeypatch) -> None:
    asked: list[tuple[str, bool]] = []

    def exec_(box: QMessageBox) -> QMessageBox.StandardButton:
        default_is_no = box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        asked.append((box.text(), default_is_no))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    tab.set_name_lookup({"05321234567": "Ayşe Yılmaz", ME: "Reception"}.get)
    tab.set_number_format(NumberRules("TR").display)
    tab.show_calls([INCOMING, OUTGOING])
    pick(qtbot, tab, INCOMING.channel)
    with qtbot.assertNotEmitted(tab.hangup_requested):
        qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert asked == [
        ("Hang up the call between Ayşe Yılmaz (0532 123 45 67) and Reception (101)?", True)
    ]

    pick(qtbot, tab, OUTGOING.channel)  # no name known for the outside number: just it
    qtbot.mouseClick(tab.hangup_button, Qt.MouseButton.LeftButton)
    assert asked[1][0] == "Hang up the call between Reception (101) and (0212) 555 01 00?"


def test_formatted_numbers_beside_names_get_one_pair_of_brackets(tab) -> None:
    tab.set_name_lookup({"02164440000": "Kadıköy Şube"}.get)
    tab.set_number_format(NumberRules("TR").display)
    tab.show_calls([call("SIP/trunk-9", "02164440000", "02125550100")])
    assert tab.model.index(0, COL_FROM).data() == "Kadıköy Şube (0216 444 00 00)"
    assert tab.model.index(0, COL_TO).data() == "(0212) 555 01 00"  # no name: as formatted
