"""The main window as a user meets it: calls, hang-up, dial, banner, status, closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QLabel, QMessageBox, QPushButton

from desktop import APP_NAME
from desktop.pbx.models import ActiveCall
from desktop.ui.calls.calls_model import COL_CHANNEL, COL_DURATION
from desktop.ui.calls.dial_dialog import DialDialog, clean_number
from desktop.ui.shell import icons, theme
from desktop.ui.shell.about_dialog import AboutDialog, basic_diagnostics
from desktop.ui.shell.main_window import MainWindow

CALLS = [
    ActiveCall(
        "SIP/trunk-sip-Trunk110-36a9b",
        timedelta(minutes=1, seconds=14),
        "Queue(630)",
        "Talking",
        "05324417788",
        "630",
    ),
    ActiveCall("SIP/102-0000a1f3", timedelta(hours=27), "Dial(SIP/205,60)", "Up", "102", "205"),
    ActiveCall(
        "SIP/trunk-sip-Trunk110-4c1d2", timedelta(seconds=6), "Dial", "Ringing", "0216444", "101"
    ),
]


@pytest.fixture
def window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.set_name_lookup({"05324417788": "Ayşe Yılmaz", "630": "Satış"}.get)
    return w


@pytest.fixture
def answer(monkeypatch):
    """Patch the hang-up question; records what it asked and answers as told."""

    class Answer:
        reply = QMessageBox.StandardButton.Yes
        asked: list[str] = []  # noqa: RUF012
        boxes: list[QMessageBox] = []  # noqa: RUF012
        during = None  # something that happens while the question is open

    def exec_(box):
        Answer.boxes.append(box)
        Answer.asked.append(box.text())
        if Answer.during:
            Answer.during()
        return Answer.reply

    Answer.asked, Answer.boxes = [], []
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return Answer


def select(window: MainWindow, channel: str) -> None:
    assert window.calls_tab.select_channel(channel)


# -- title, status bar, tabs --------------------------------------------------------------------


def test_demo_is_marked_in_title_and_status_bar(qtbot):
    demo = MainWindow(badge="DEMO")
    qtbot.addWidget(demo)
    assert "Demo" in demo.windowTitle() and APP_NAME in demo.windowTitle()
    assert not demo.demo_badge.isHidden() and demo.demo_badge.text() == "DEMO"
    real = MainWindow()
    qtbot.addWidget(real)
    assert real.windowTitle() == APP_NAME
    assert real.demo_badge.isHidden()


def test_connection_state_shows_in_status_bar(window):
    window.set_server("pbx.example.com.tr")
    window.set_connection_state("online")
    assert window.connection_text() == "Online · pbx.example.com.tr"
    window.set_connection_state("connecting")
    assert window.connection_text().startswith("Connecting")
    window.set_connection_state("offline", "The PBX does not answer.")
    assert window.connection_text() == "Offline · pbx.example.com.tr · The PBX does not answer."
    window.set_connection_state("online", "ignored when all is well")
    assert window.connection_text() == "Online · pbx.example.com.tr"


def test_unknown_state_is_shown_as_offline(window):
    window.set_connection_state("exploded")
    assert window.connection_text().startswith("Offline")


def test_tabs_switch_by_name_and_shortcut_actions(window):
    window.show_tab("history")
    assert window.current_tab() == "history"
    window.show_tab("nonsense")  # ignored, no crash
    assert window.current_tab() == "history"
    for name, keys in (("calls", "Ctrl+1"), ("phonebook", "Ctrl+2"), ("history", "Ctrl+3")):
        action = window.tab_actions[name]
        assert action.shortcut().toString() == keys
        action.trigger()
        assert window.current_tab() == name
    assert window.tabs.count() == 4


def test_menus_offer_dial_settings_quit_and_about(window, qtbot):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    file_items = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    assert file_items == ["Dial…", "IVR call…", "Masked callback…", "Settings…", "Quit"]
    assert [a.text().replace("&", "") for a in menus["Help"].actions()] == [f"About {APP_NAME}"]
    assert window.dial_action.shortcut().toString() == "Ctrl+D"
    with qtbot.waitSignal(window.settings_requested, timeout=1000):
        window.settings_action.trigger()
    with qtbot.waitSignal(window.about_requested, timeout=1000):
        window.about_action.trigger()
    with qtbot.waitSignal(window.quit_requested, timeout=1000):
        window.quit_action.trigger()


def test_keyboard_shortcuts_switch_tabs_and_find(window, qtbot):
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    for key, tab in ((Qt.Key.Key_3, "history"), (Qt.Key.Key_2, "phonebook")):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_tab() == tab
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_tab() == "calls"
    assert window.calls_tab.filter_edit.hasFocus()


# -- calls tab ---------------------------------------------------------------------------------


def test_empty_state_then_calls_then_empty_again(window):
    tab = window.calls_tab
    assert tab.pages.currentWidget() is tab.empty_state
    assert "No calls right now" in tab.empty_state.text()
    window.show_calls(CALLS)
    assert tab.pages.currentWidget() is tab.view
    assert tab.rows_shown() == 3
    window.show_calls([])
    assert tab.pages.currentWidget() is tab.empty_state
    assert "No calls right now" in tab.empty_state.text()


def test_going_offline_says_so_instead_of_a_search_with_no_match(window):
    tab = window.calls_tab
    window.set_connection_state("online")
    window.show_calls(CALLS)
    window.set_connection_state("offline", "The PBX could not be reached.")
    window.show_calls([])  # the monitor clears the calls when the PBX is lost
    assert tab.filter_edit.text() == ""
    assert tab.pages.currentWidget() is tab.empty_state
    assert "No call matches" not in tab.empty_state.text()
    assert "Not connected to the PBX" in tab.empty_state.text()
    window.set_connection_state("connecting")
    assert "No calls right now" in tab.empty_state.text()
    window.set_connection_state("online")
    window.show_calls(CALLS[:1])
    assert tab.pages.currentWidget() is tab.view


def test_calls_ending_while_searching_leave_the_normal_empty_state(window):
    tab = window.calls_tab
    window.show_calls(CALLS)
    tab.filter_edit.setText("0532")
    assert tab.rows_shown() == 1
    window.show_calls([])
    assert "No calls right now" in tab.empty_state.text()


def test_column_widths_round_trip_and_bad_bytes_change_nothing(window):
    tab = window.calls_tab
    header = tab.view.horizontalHeader()
    # Columns fit their contents (numbers get the rest): what is kept is their order.
    header.moveSection(header.visualIndex(COL_DURATION), 0)
    saved = tab.header_state()
    header.moveSection(0, 3)
    assert tab.restore_header_state(saved)
    assert header.visualIndex(COL_DURATION) == 0
    assert not tab.restore_header_state(b"not a header state")
    assert header.visualIndex(COL_DURATION) == 0
    assert tab.view.isColumnHidden(COL_CHANNEL)


def test_filter_box_narrows_the_list_and_says_when_nothing_matches(window):
    window.show_calls(CALLS)
    tab = window.calls_tab
    tab.filter_edit.setText("0532 441")
    assert tab.rows_shown() == 1
    tab.filter_edit.setText("ayse")
    assert tab.rows_shown() == 1
    tab.filter_edit.setText("777777")
    assert tab.rows_shown() == 0
    assert tab.pages.currentWidget() is tab.empty_state
    assert "No call matches “777777”" in tab.empty_state.text()
    tab.filter_edit.clear()
    assert tab.rows_shown() == 3


def test_selection_and_scroll_survive_a_poll(window, qtbot):
    window.resize(900, 200)
    with qtbot.waitExposed(window):
        window.show()
    many = [
        ActiveCall(f"SIP/{i:03d}", timedelta(seconds=i), "Dial", "Up", f"05{i:09d}", "101")
        for i in range(40)
    ]
    window.show_calls(many)
    select(window, "SIP/030")
    view = window.calls_tab.view
    view.scrollTo(view.selectionModel().selectedRows()[0])
    scroll = view.verticalScrollBar().value()
    assert scroll > 0
    # Two calls near the bottom end, one new call arrives, the rest tick on.
    later = [c for c in many if c.channel not in ("SIP/035", "SIP/036")]
    later.append(ActiveCall("SIP/new", timedelta(seconds=1), "Dial", "Ringing", "0212", "101"))
    window.show_calls(later)
    assert window.calls_tab.selected_call().channel == "SIP/030"
    assert view.verticalScrollBar().value() == scroll


def test_hang_up_asks_and_emits_the_channel(window, qtbot, answer):
    window.show_calls(CALLS)
    select(window, CALLS[0].channel)
    assert window.calls_tab.hangup_button.isEnabled()
    with qtbot.waitSignal(window.hangup_requested, timeout=1000) as signal:
        window.calls_tab.hangup_button.click()
    assert signal.args == [CALLS[0].channel]
    assert answer.asked == ["Hang up the call between Ayşe Yılmaz (05324417788) and Satış (630)?"]


def test_hang_up_question_shows_a_caller_id_with_markup_as_plain_text(window, qtbot, answer):
    link = '<a href="https://evil.example">Police</a>'
    call = ActiveCall("SIP/trunk-77", timedelta(seconds=3), "Dial", "Ringing", link, "101")
    window.show_calls([call])
    select(window, call.channel)
    with qtbot.waitSignal(window.hangup_requested, timeout=1000):
        window.calls_tab.hang_up_selected()
    (box,) = answer.boxes
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert link in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert box.windowTitle() == "Hang up"


def test_hang_up_declined_emits_nothing(window, qtbot, answer):
    answer.reply = QMessageBox.StandardButton.No
    window.show_calls(CALLS)
    select(window, CALLS[1].channel)
    with qtbot.assertNotEmitted(window.hangup_requested):
        window.calls_tab.hang_up_selected()
    assert len(answer.asked) == 1


def test_hang_up_of_a_call_that_ended_while_asking(window, qtbot, answer):
    window.show_calls(CALLS)
    select(window, CALLS[1].channel)
    answer.during = lambda: window.show_calls([CALLS[0]])
    with qtbot.assertNotEmitted(window.hangup_requested):
        window.calls_tab.hang_up_selected()
    assert "already ended" in window.statusBar().currentMessage()


def test_delete_key_hangs_up_the_selected_call(window, qtbot, answer):
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.show_calls(CALLS)
    select(window, CALLS[2].channel)
    view = window.calls_tab.view
    view.setFocus()
    assert window.calls_tab.hangup_action.shortcut().toString() == "Del"
    with qtbot.waitSignal(window.hangup_requested, timeout=1000) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert signal.args == [CALLS[2].channel]


def test_hang_up_without_selection_only_explains(window, qtbot, answer):
    window.show_calls(CALLS)
    assert not window.calls_tab.hangup_button.isEnabled()
    with qtbot.assertNotEmitted(window.hangup_requested):
        window.calls_tab.hang_up_selected()
    assert answer.asked == []


# -- banner ------------------------------------------------------------------------------------


def test_banner_is_a_frame_in_the_window_not_a_dialog(window):
    window.show_banner("Cannot reach the PBX.")
    assert isinstance(window.banner, QFrame) and not isinstance(window.banner, QDialog)
    assert window.banner.text == "Cannot reach the PBX."
    assert QApplication.activeModalWidget() is None


def test_banner_dismissed_message_stays_hidden_until_cleared(window, qtbot):
    banner = window.banner
    window.show_banner("Cannot reach the PBX.")
    assert not banner.isHidden()
    with qtbot.waitSignal(banner.dismissed, timeout=1000):
        banner._close.click()
    assert banner.isHidden()
    window.show_banner("Cannot reach the PBX.")  # the next failed poll
    assert banner.isHidden()
    window.show_banner("The PBX refused the password.")  # something new
    assert banner.text == "The PBX refused the password."
    window.clear_banner()  # the problem went away
    assert banner.isHidden() and banner.text == ""
    window.show_banner("Cannot reach the PBX.")  # ... and came back
    assert banner.text == "Cannot reach the PBX."


def test_banner_kinds_and_bad_kind(window):
    window.show_banner("Heads up", "warning")
    assert window.banner.kind == "warning"
    window.show_banner("Heads up", "purple")
    assert window.banner.kind == "error" and window.banner.text == "Heads up"


def test_banner_shows_markup_from_the_pbx_literally(window):
    message = 'The PBX said: <a href="https://evil.example">Police</a>'
    window.show_banner(message)
    label = window.banner._text
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert not label.openExternalLinks()
    assert window.banner.text == message


# -- dial --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0212 555 01 01", "02125550101"),
        ("+90 (532) 441-77-88", "+905324417788"),
        (" 110 ", "110"),
        ("*72#", "*72#"),
    ],
)
def test_dial_numbers_are_cleaned(text, number):
    assert clean_number(text) == (number, "")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "Enter a number"),
        ("0212 abc", "“a” cannot be part of a phone number"),
        ("12+34", "A + can only come first"),
        ("+", "at least one digit"),
        ("1" * 33, "too long"),
        ("053212345678901234", "too long"),  # 18 digits: the PBX would refuse it too
        ("٣٤٥", "cannot be part"),  # non-ASCII digits never reach the PBX
    ],
)
def test_dial_rejects_with_a_reason(text, reason):
    number, why = clean_number(text)
    assert number == "" and reason in why


def test_dial_dialog_shows_why_and_blocks_call(qtbot):
    dialog = DialDialog("0212 555")
    qtbot.addWidget(dialog)
    call_button = next(b for b in dialog.findChildren(QPushButton) if "Call" in b.text())
    assert call_button.isEnabled() and dialog.problem() == ""
    dialog.field.setText("0212-x")
    assert not call_button.isEnabled()
    assert "“x”" in dialog.problem()
    dialog.field.clear()
    assert not call_button.isEnabled() and dialog.problem() == ""
    dialog.accept()  # nothing to dial: stays open
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_ask_dial_prefills_and_emits_the_confirmed_number(window, qtbot):
    assert window.dial_dialog is None
    window.ask_dial("0532 441 77 88")
    dialog = window.dial_dialog
    assert dialog is not None and dialog.field.text() == "0532 441 77 88"
    window.ask_dial("110")  # a second request reuses the open dialog
    assert window.findChildren(DialDialog) == [dialog]
    assert dialog.field.text() == "110"
    with qtbot.waitSignal(window.dial_requested, timeout=1000) as signal:
        dialog.accept()
    assert signal.args == ["110"]
    assert window.dial_dialog is None  # closed: the next request opens a fresh one


def test_dial_cancel_emits_nothing(window, qtbot):
    window.dial_action.trigger()
    dialog = window.findChild(DialDialog)
    assert dialog.field.text() == ""
    with qtbot.assertNotEmitted(window.dial_requested):
        dialog.reject()


# -- closing -----------------------------------------------------------------------------------


def test_close_without_tray_quits(window, qtbot):
    window.close_to_tray = False
    window.show()
    with qtbot.waitSignal(window.quit_requested, timeout=1000):
        window.close()
    assert not window.isVisible()


def test_close_with_tray_hides_and_tells_once(window, qtbot):
    window.close_to_tray = True
    told = []
    window.kept_running_in_tray.connect(lambda: told.append(1))
    window.show()
    with qtbot.assertNotEmitted(window.quit_requested):
        window.close()
    assert not window.isVisible() and told == [1]
    window.bring_to_front()
    assert window.isVisible()
    window.close()
    assert not window.isVisible() and told == [1]  # only the first time


def test_close_with_tray_when_already_told(window):
    window.close_to_tray = True
    window.tray_notice_given = True
    told = []
    window.kept_running_in_tray.connect(lambda: told.append(1))
    window.show()
    window.close()
    assert told == []


def test_quitting_closes_for_real_even_with_a_tray(window, qtbot):
    window.close_to_tray = True
    window.show()
    window.set_quitting()
    with qtbot.assertNotEmitted(window.quit_requested):
        assert window.close()


# -- about, theme, icons -----------------------------------------------------------------------


def test_about_copies_diagnostics(qtbot):
    text = basic_diagnostics()
    assert APP_NAME in text and "Qt " in text
    dialog = AboutDialog(text)
    qtbot.addWidget(dialog)
    assert dialog.diagnostics_text() == text
    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text


def test_theme_switches_between_light_and_dark(qapp):
    try:
        assert theme.apply_theme(qapp, "dark") == "dark"
        assert theme.is_dark(qapp.palette())
        assert theme.apply_theme(qapp, "light") == "light"
        assert not theme.is_dark(qapp.palette())
        assert theme.apply_theme(qapp, "neon") in ("light", "dark")
        assert theme.current_theme() == "system"
    finally:
        theme.apply_theme(qapp, "system")


def test_icons_exist_and_load(qapp):
    for name in (
        icons.APP,
        icons.TRAY_CONNECTED,
        icons.TRAY_OFFLINE,
        icons.TRAY_MISSED,
        icons.CALL_END,
        icons.CALL_INCOMING,
        icons.CALL_OUTGOING,
        icons.CALL_INTERNAL,
        icons.DIAL,
        icons.ERROR,
        icons.WARNING,
        icons.INFO,
        icons.DISMISS,
        icons.SEARCH,
    ):
        assert icons.icon_path(name).is_file(), name
        assert not icons.icon(name).pixmap(22, 22).isNull(), name


def test_icons_are_found_in_a_frozen_bundle(monkeypatch, tmp_path):
    (tmp_path / "resources" / "icons").mkdir(parents=True)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert icons.resources_dir() == tmp_path / "resources"


def test_a_real_page_replaces_a_placeholder_tab(window):
    window.show_tab("calls")
    page = QLabel("phonebook page")
    window.set_tab_page("phonebook", page)
    assert window.tabs.widget(1) is page
    assert window.tabs.tabText(1).replace("&", "") == "Phonebook"
    assert window.current_tab() == "calls"
    with pytest.raises(ValueError):
        window.set_tab_page("voicemail", QLabel())


def test_status_tooltip_shows_pbx_words_literally(qtbot: object) -> None:
    from PySide6.QtGui import QTextDocument

    window = MainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.set_connection_state("offline", '<a href="https://evil.example">Oturum</a> & <b>x</b>')
    tip = window._state_label.toolTip()
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == '<a href="https://evil.example">Oturum</a> & <b>x</b>'


def test_the_demo_title_names_the_app_once_even_where_qt_appends_it(qtbot, qapp):
    demo = MainWindow(badge="DEMO")
    qtbot.addWidget(demo)
    # Qt appends the display name to a title that does not already end with it.
    assert demo.windowTitle().endswith(APP_NAME)
    assert demo.windowTitle().count(APP_NAME) == 1 and "Demo" in demo.windowTitle()


def test_settings_has_a_shortcut_the_menu_shows(window):
    assert window.settings_action.shortcut().toString() == "Ctrl+,"


def test_banner_offers_open_settings_when_asked(window, qtbot):
    window.show_banner("The PBX rejected the user name or password.", offer_settings=True)
    button = window.banner.settings_button
    assert not button.isHidden() and button.text() == "Open &Settings"
    with qtbot.waitSignal(window.settings_requested, timeout=1000):
        button.click()
    window.show_banner("Cannot reach the PBX.")
    assert button.isHidden()
