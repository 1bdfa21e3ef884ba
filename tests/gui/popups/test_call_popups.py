"""Incoming-call popups: one per call, gone when answered or ended, stacked, never focused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QLineEdit

from desktop.services.calls import CallEvent
from desktop.services.numbers import NumberRules
from desktop.services.popup_rules import IgnoreList
from desktop.ui.popups.call_popup import CallPopup
from desktop.ui.popups.popup_manager import MARGIN, PopupManager

SCREEN = QRect(0, 0, 1280, 800)
CALLER = "05321234567"


def ringing(channel: str = "SIP/trunk-1", number: str = CALLER, **kw: object) -> CallEvent:
    fields: dict[str, object] = {"queue": None, "for_me": True} | kw
    return CallEvent("ringing", channel, number, **fields)  # type: ignore[arg-type]


def later(kind: str, event: CallEvent, **kw: object) -> CallEvent:
    return CallEvent(kind, event.channel, event.number, event.queue, event.for_me, **kw)  # type: ignore[arg-type]


@pytest.fixture
def notes() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def opened() -> list[str]:
    return []


@pytest.fixture
def manager(qtbot, notes, opened) -> Iterator[PopupManager]:
    m = PopupManager(
        notify=lambda title, text: notes.append((title, text)),
        open_url=lambda url: opened.append(url.toEncoded().data().decode()),
        screen_area=lambda: SCREEN,
    )
    yield m
    m.close_all()


def test_a_ringing_call_for_me_shows_one_popup_with_the_callers_name(manager, notes):
    popup = manager.handle(ringing(), "Ayşe Yılmaz", None)
    assert manager.visible_popups() == [popup]
    assert popup.name_label.text() == "Ayşe Yılmaz"
    assert popup.number_label.text() == CALLER
    # The popup is the notice: no tray notification on top of it.
    assert notes == []


def test_the_number_is_written_as_the_country_writes_it_and_stands_in_for_a_missing_name(qtbot):
    manager = PopupManager(number_rules=NumberRules("TR"), screen_area=lambda: SCREEN)
    popup = manager.handle(ringing(number="905321234567"), None, None)
    assert popup.name_label.text() == "0532 123 45 67"
    assert popup.number_label.text() == "Unknown caller"
    manager.close_all()


def test_a_repeated_ringing_event_adds_no_second_popup(manager, notes):
    first = manager.handle(ringing(), "Ayşe", None)
    assert manager.handle(ringing(), "Ayşe", None) is None
    assert manager.visible_popups() == [first]
    assert notes == []  # the popup showing is the one notice


@pytest.mark.parametrize("kind", ["answered", "ended"])
def test_answered_or_ended_closes_the_popup_of_that_call_only(manager, kind):
    event = ringing("SIP/trunk-1")
    other = ringing("SIP/trunk-2", number="02161112233")
    popup = manager.handle(event, "Ayşe", None)
    kept = manager.handle(other, "Mehmet", None)
    manager.handle(later(kind, event), None, None)
    assert not popup.isVisible()
    assert manager.popup_for(event.channel) is None
    assert manager.visible_popups() == [kept]
    # A late snapshot still saying it rings cannot bring the old caller back.
    assert manager.handle(event, "Ayşe", None) is None


def test_two_ringing_calls_stack_upward_without_overlap_and_close_the_gap(manager):
    first = manager.handle(ringing("SIP/trunk-1"), "Ayşe", "Sales")
    second = manager.handle(ringing("SIP/trunk-2", number="02161112233"), "Mehmet", None)
    a, b = first.geometry(), second.geometry()
    assert a.bottom() == SCREEN.bottom() - MARGIN
    assert a.right() == SCREEN.right() - MARGIN
    assert b.bottom() < a.top()  # above, not overlapping
    assert b.left() == a.left()
    manager.handle(later("ended", ringing("SIP/trunk-1")), None, None)
    assert second.geometry().bottom() == SCREEN.bottom() - MARGIN


def test_top_corners_stack_downward(manager):
    manager.set_corner("top_left")
    first = manager.handle(ringing("SIP/trunk-1"), "Ayşe", None)
    second = manager.handle(ringing("SIP/trunk-2", number="02161112233"), "Mehmet", None)
    assert (first.x(), first.y()) == (MARGIN, MARGIN)
    assert second.geometry().top() > first.geometry().bottom()


def test_popups_that_do_not_fit_wait_for_room(qtbot):
    manager = PopupManager(screen_area=lambda: QRect(0, 0, 800, 300))
    popups = [
        manager.handle(ringing(f"SIP/t-{i}", number=f"0532000000{i}"), None, None) for i in range(3)
    ]
    shown = manager.visible_popups()
    assert 0 < len(shown) < 3 and shown == popups[: len(shown)]
    manager.handle(later("ended", ringing("SIP/t-0")), None, None)
    assert popups[len(shown)] in manager.visible_popups()
    manager.close_all()


def test_paused_popups_show_nothing_and_close_the_ones_showing(manager, notes):
    showing = manager.handle(ringing("SIP/trunk-1"), "Ayşe", None)
    manager.set_paused(True)
    assert not showing.isVisible()
    assert manager.handle(ringing("SIP/trunk-2"), "Ayşe", None) is None
    assert manager.visible_popups() == []
    assert notes == []  # paused: no notification instead of the popup either


def test_ignored_numbers_stay_silent_in_any_written_form(manager, notes):
    manager.set_ignore(IgnoreList(["+90 532 123 45 67", "0850*"]))
    assert manager.handle(ringing("SIP/trunk-1", number="05321234567"), "Ayşe", None) is None
    assert manager.handle(ringing("SIP/trunk-2", number="08502223344"), None, None) is None
    assert manager.handle(ringing("SIP/trunk-3", number="02161112233"), None, None) is not None
    assert len(manager.visible_popups()) == 1 and notes == []


def test_a_call_not_for_me_shows_nothing(manager, notes):
    assert manager.handle(ringing(for_me=False), "Ayşe", None) is None
    assert manager.visible_popups() == [] and notes == []


def test_the_popup_never_takes_the_keyboard(manager, qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    popup = manager.handle(ringing(), "Ayşe", None)
    qtbot.wait(50)
    assert QApplication.focusWidget() is field
    assert popup.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert popup.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    qtbot.mouseClick(popup.history_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is field


def test_the_buttons_ask_for_their_action_with_the_callers_number(manager, qtbot, opened):
    manager.set_crm_template("https://crm.example.com/search?phone={number}")
    popup = manager.handle(ringing(number="+90 532 123 45 67"), "Ayşe", None)
    for button, signal in [
        (popup.call_back_button, manager.call_back_requested),
        (popup.history_button, manager.history_requested),
        (popup.crm_button, manager.crm_requested),
    ]:
        with qtbot.waitSignal(signal) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == ["+90 532 123 45 67"]
    assert opened == ["https://crm.example.com/search?phone=%2B90%20532%20123%2045%2067"]
    qtbot.mouseClick(popup.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "+90 532 123 45 67"
    assert popup.copy_button.text() == "Copied"


def test_open_in_crm_is_hidden_without_a_web_address(manager):
    popup = manager.handle(ringing(), "Ayşe", None)
    assert popup.crm_button.isHidden()
    manager.set_crm_template("https://crm.example.com/?q={number}")
    assert not popup.crm_button.isHidden()
    manager.set_crm_template("javascript:alert({number})")
    assert popup.crm_button.isHidden()


def test_the_close_button_closes_for_good(manager, qtbot):
    event = ringing()
    popup = manager.handle(event, "Ayşe", None)
    qtbot.mouseClick(popup.close_button, Qt.MouseButton.LeftButton)
    assert manager.visible_popups() == []
    assert manager.handle(event, "Ayşe", None) is None


def test_queue_name_and_earlier_calls_are_shown_and_the_count_can_come_later(manager, qtbot):
    popup = manager.handle(ringing(queue="630"), "Ayşe", "Sales")
    assert popup.queue_label.text() == "Queue: Sales"
    assert "Looking up" in popup.recent_text
    with qtbot.waitSignal(manager.popup_shown) as blocker:
        manager.handle(ringing("SIP/trunk-2", number="02161112233", queue="630"), None, None, 0)
    assert blocker.args == ["SIP/trunk-2", "02161112233"]
    manager.set_recent_calls("SIP/trunk-1", 3)
    assert popup.recent_text == "3 calls from this number in the last 7 days"
    assert manager.popup_for("SIP/trunk-2").recent_text == (
        "No calls from this number in the last 7 days"
    )


def test_a_new_call_from_the_same_number_gets_a_fresh_popup(manager):
    first = manager.handle(ringing("SIP/trunk-1"), "Ayşe", None)
    first.set_recent_calls(2)
    manager.handle(later("ended", ringing("SIP/trunk-1")), None, None)
    second = manager.handle(ringing("SIP/trunk-9"), "Ayşe Y.", None)
    assert second is not first and manager.visible_popups() == [second]
    assert second.name_label.text() == "Ayşe Y." and "Looking up" in second.recent_text


def test_keep_only_closes_popups_whose_calls_are_gone(manager):
    manager.handle(ringing("SIP/trunk-1"), "Ayşe", None)
    kept = manager.handle(ringing("SIP/trunk-2", number="02161112233"), None, None)
    manager.keep_only({"SIP/trunk-2"})
    assert manager.visible_popups() == [kept]


def test_a_withheld_number_pops_up_without_call_back(manager):
    popup = manager.handle(ringing(number="anonymous"), None, None)
    assert popup.name_label.text() == "Withheld number"
    assert not popup.call_back_button.isEnabled() and not popup.copy_button.isEnabled()


def test_the_popup_uses_the_palette_not_fixed_colours(qtbot):
    popup = CallPopup("SIP/x", CALLER, "Ayşe")
    qtbot.addWidget(popup)
    style = popup.findChild(QFrame, "callPopupFrame").styleSheet()
    assert "palette(window)" in style and "#" not in style.replace("#callPopupFrame", "")
