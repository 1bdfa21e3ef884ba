"""The Phonebook tab as a receptionist uses it: type, Enter calls, pick one of several numbers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from desktop.pbx.models import Contact, Extension
from desktop.services.phonebook import PhonebookIndex
from desktop.ui.phonebook.phonebook_model import (
    COL_COMPANY,
    COL_KIND,
    COL_NAME,
    COL_NUMBERS,
    PhonebookModel,
)
from desktop.ui.phonebook.phonebook_tab import PhonebookTab

CONTACTS = [
    Contact("Şükrü Öztürk", ("905321234567",), "Ege Yazılım A.Ş."),
    Contact("Ayşe Kaya", ("02125550100", "905369876543")),
    Contact("Sukran Demir", ("905051112233",)),
    Contact("John Smith", ("+44 20 7946 0958",), "Atlas & Co."),
    Contact("Atlas & Co.", ("02165550000", "02165550001")),
    Contact("Doğan Yıldız", ("905441234567",)),
]
EXTENSIONS = [Extension("101", "Resepsiyon", "OK", True, 12)]


@pytest.fixture
def index() -> PhonebookIndex:
    return PhonebookIndex(CONTACTS, EXTENSIONS)


@pytest.fixture
def tab(qtbot, index: PhonebookIndex) -> PhonebookTab:
    t = PhonebookTab()
    qtbot.addWidget(t)
    t.resize(900, 400)
    t.set_index(index)
    with qtbot.waitExposed(t):
        t.show()
    t.activateWindow()
    qtbot.waitUntil(t.search_edit.hasFocus)
    return t


def names(tab: PhonebookTab) -> list[str]:
    model = tab.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def selected_name(tab: PhonebookTab) -> str | None:
    entry = tab.selected_entry()
    return entry.name if entry is not None else None


def test_the_search_box_has_the_cursor_and_everyone_is_listed(tab: PhonebookTab) -> None:
    assert tab.search_edit.hasFocus()
    assert len(names(tab)) == len(CONTACTS) + len(EXTENSIONS)
    assert selected_name(tab) == names(tab)[0]


def test_typing_a_turkish_name_without_its_letters_finds_it(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "sukru")
    assert names(tab) == ["Şükrü Öztürk"]
    model = tab.model
    assert model.index(0, COL_NUMBERS).data() == "0532 123 45 67"
    assert model.index(0, COL_COMPANY).data() == "Ege Yazılım A.Ş."
    assert model.index(0, COL_KIND).data() == "External"
    assert selected_name(tab) == "Şükrü Öztürk"
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Escape)
    assert len(names(tab)) == len(CONTACTS) + len(EXTENSIONS)


def test_results_narrow_as_you_type_and_say_when_nobody_matches(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "su")
    assert names(tab) == ["Sukran Demir", "Şükrü Öztürk"]
    qtbot.keyClicks(tab.search_edit, "kra")
    assert names(tab) == ["Sukran Demir"]
    qtbot.keyClicks(tab.search_edit, "x")
    assert names(tab) == []
    assert "sukrax" in tab.matches_label.text()
    assert not tab.call_button.isEnabled()


def test_enter_calls_the_first_entry(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "yil dog")
    with qtbot.waitSignal(tab.call_requested) as called:
        qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return)
    assert called.args == ["905441234567"]


def test_down_in_the_search_box_moves_the_selection_and_enter_calls_it(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "su")
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)
    assert selected_name(tab) == "Şükrü Öztürk"
    assert tab.search_edit.hasFocus()  # typing goes on where it was
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)  # the last stays selected
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Up)
    assert selected_name(tab) == "Sukran Demir"
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(tab.call_requested) as called:
        qtbot.keyClick(tab.search_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert called.args == ["905321234567"]


def test_double_click_calls_that_entry(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "su")
    rect = tab.view.visualRect(tab.model.index(1, COL_NAME))
    # The view sees a double-click on the row a first click pressed.
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(tab.call_requested) as called:
        qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert called.args == ["905321234567"]


def test_several_numbers_are_offered_and_chosen_with_the_keyboard(tab, qtbot) -> None:
    calls: list[str] = []
    tab.call_requested.connect(calls.append)
    qtbot.keyClicks(tab.search_edit, "ayse")
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return)
    chooser = tab.number_chooser
    assert chooser is not None and chooser.isVisible()
    assert [a.text() for a in chooser.actions()] == [
        "Ayşe Kaya",
        "&1  (0212) 555 01 00",
        "&2  0536 987 65 43",
    ]
    assert calls == []  # nothing is dialled before the user picks
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    assert calls == ["905369876543"]
    qtbot.waitUntil(lambda: tab.number_chooser is None)


def test_a_digit_in_the_chooser_picks_that_number(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "ayse")
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return)
    chooser = tab.number_chooser
    assert chooser is not None
    with qtbot.waitSignal(tab.call_requested) as called:
        qtbot.keyClick(chooser, Qt.Key.Key_2)
    assert called.args == ["905369876543"]


def test_the_chooser_names_a_company_with_an_ampersand_as_written(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "atlas")
    assert names(tab)[0] == "Atlas & Co."
    tab.call_selected()
    chooser = tab.number_chooser
    assert chooser is not None
    assert chooser.actions()[0].text() == "Atlas && Co."  # shown as "Atlas & Co."
    qtbot.keyClick(chooser, Qt.Key.Key_Escape)


def test_escape_in_the_chooser_calls_nobody(tab, qtbot) -> None:
    calls: list[str] = []
    tab.call_requested.connect(calls.append)
    qtbot.keyClicks(tab.search_edit, "kaya")
    tab.call_button.click()
    chooser = tab.number_chooser
    assert chooser is not None
    qtbot.keyClick(chooser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not chooser.isVisible())
    assert calls == []


def test_copy_number_puts_it_on_the_clipboard(tab, qtbot) -> None:
    QGuiApplication.clipboard().clear()
    qtbot.keyClicks(tab.search_edit, "resep")
    assert tab.model.index(0, COL_KIND).data() == "Internal"
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == "101"
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Escape)
    qtbot.keyClicks(tab.search_edit, "smith")
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "+44 20 7946 0958"


def test_f5_asks_for_a_fresh_phonebook(tab, qtbot) -> None:
    with qtbot.waitSignal(tab.refresh_requested, timeout=1000):
        qtbot.keyClick(tab.search_edit, Qt.Key.Key_F5)


def test_status_line_and_a_new_phonebook_keep_the_search(tab, qtbot) -> None:
    tab.set_status("5 contacts")
    assert tab.status_label.text() == "5 contacts"
    qtbot.keyClicks(tab.search_edit, "sukru")
    tab.set_index(PhonebookIndex([Contact("Şükrü Can", ("905551234567",))]))
    assert names(tab) == ["Şükrü Can"]


def test_the_model_resets_only_when_the_results_change(qtbot, index: PhonebookIndex) -> None:
    model = PhonebookModel()
    model.set_index(index)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    assert model.set_query("ay")
    assert not model.set_query("ay ")  # a space changes nothing shown
    assert not model.set_query("ays")
    assert model.set_query("ayx")
    assert len(resets) == 2


def test_a_big_result_says_how_many_more_match(qtbot) -> None:
    book = [Contact(f"Ali Veli {i:03d}", (f"90532{i:07d}",)) for i in range(300)]
    t = PhonebookTab()
    qtbot.addWidget(t)
    t.set_index(PhonebookIndex(book))
    t.search("ali")
    assert t.model.rowCount() == 200
    assert "300" in t.matches_label.text() and "200" in t.matches_label.text()


def test_a_number_nobody_has_is_called_as_typed(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "0532 111 22 33")
    assert names(tab) == []
    assert "0532 111 22 33" in tab.matches_label.text()
    assert tab.call_button.isEnabled()
    with qtbot.waitSignal(tab.call_requested) as called:
        qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return)
    assert called.args == ["05321112233"]


def test_copy_from_a_contact_with_several_numbers_asks_which(tab, qtbot) -> None:
    QGuiApplication.clipboard().clear()
    qtbot.keyClicks(tab.search_edit, "kaya")
    tab.copy_button.click()
    chooser = tab.number_chooser
    assert chooser is not None
    qtbot.keyClick(chooser, Qt.Key.Key_Return)  # the first number is offered first
    assert QGuiApplication.clipboard().text() == "02125550100"


def test_a_refreshed_phonebook_keeps_the_picked_entry_selected(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "su")
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)
    assert selected_name(tab) == "Şükrü Öztürk"
    resets: list[int] = []
    tab.model.modelReset.connect(lambda: resets.append(1))
    tab.set_index(PhonebookIndex(CONTACTS, EXTENSIONS))  # the same people again
    assert resets == [] and selected_name(tab) == "Şükrü Öztürk"
    tab.set_index(PhonebookIndex([*CONTACTS, Contact("Suna Ak", ("905001112233",))]))
    assert names(tab) == ["Sukran Demir", "Suna Ak", "Şükrü Öztürk"]  # it moved down
    assert selected_name(tab) == "Şükrü Öztürk"


def test_enter_in_the_table_calls_the_selected_entry(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "su")
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    with qtbot.waitSignal(tab.call_requested) as called:
        qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert called.args == ["905321234567"]


def test_the_context_menu_offers_call_and_copy_for_the_clicked_row(tab, qtbot) -> None:
    qtbot.keyClicks(tab.search_edit, "su")
    rect = tab.view.visualRect(tab.model.index(1, COL_NAME))
    menu = tab.context_menu(rect.center())
    assert menu is not None
    assert [a.text() for a in menu.actions() if a.isEnabled()] == [
        "Ca&ll",
        "Cop&y number",
        "Call hi&story",
    ]
    with qtbot.waitSignal(tab.call_requested) as called:
        menu.actions()[0].trigger()
    assert called.args == ["905321234567"]  # the clicked row, not the first
    below = rect.center() + QPoint(0, 3 * rect.height())
    assert tab.context_menu(below) is None  # no row there


def test_history_of_the_selected_contact_is_one_click_away(qtbot):
    from desktop.pbx.models import Contact
    from desktop.services.phonebook import PhonebookIndex
    from desktop.ui.phonebook.phonebook_tab import PhonebookTab

    tab = PhonebookTab()
    qtbot.addWidget(tab)
    tab.set_index(PhonebookIndex([Contact("Ayşe Yılmaz", ("05321234567",))]))
    tab.search("ayse")
    assert tab.history_button.isEnabled()
    with qtbot.waitSignal(tab.history_requested) as opened:
        tab.history_button.click()
    assert opened.args == ["05321234567"]
