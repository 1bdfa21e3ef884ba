"""IVR call and callback dialogs: Escape, Cancel or closing never throw typed work away unasked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from discard_questions import DISCARD, KEEP, answer, focused, open_question, shown_active
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from desktop import i18n
from desktop.pbx.requests import Announcement, AnnouncementKind
from desktop.services.numbers import NumberRules, OutgoingFormat
from desktop.ui.calls.callback_dialog import CallbackDialog
from desktop.ui.calls.ivr_dialog import IvrCallDialog

TR = NumberRules("TR")
NATIONAL = OutgoingFormat.NATIONAL
Dialog = IvrCallDialog | CallbackDialog


@pytest.fixture
def turkish(qapp: Any) -> Iterator[None]:
    before = QLocale()
    i18n.install(qapp, "tr")
    yield
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


def shown(qtbot: Any, dialog: Dialog) -> Dialog:
    return shown_active(qtbot, dialog)


def question(qtbot: Any, dialog: Dialog) -> QMessageBox:
    """The question the dialog opened, once it shows."""
    return open_question(qtbot, lambda: dialog.discard_box)


def cancel_button(dialog: Dialog) -> Any:
    return dialog._buttons.button(QDialogButtonBox.StandardButton.Cancel)


def assert_asks_discard_this_call(box: QMessageBox) -> None:
    assert box.windowTitle() == "Discard this call?"
    assert answer(box, DISCARD).text() == "&Discard"
    assert answer(box, KEEP).text() == "&Keep editing"
    assert box.defaultButton() is answer(box, KEEP)


# ---------------------------------------------------------------- IVR call
def test_escape_after_typing_an_ivr_call_asks_and_keep_editing_keeps_everything(
    qtbot: Any,
) -> None:
    dialog = shown(qtbot, IvrCallDialog(rules=TR, outgoing=NATIONAL, last_dial_plan="outbound"))
    qtbot.keyClicks(focused(), "0532 123 45 67")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "7001")
    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        box = question(qtbot, dialog)
        assert_asks_discard_this_call(box)
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default: Keep editing
        qtbot.waitUntil(lambda: dialog.discard_box is None)
    assert dialog.isVisible()
    assert dialog.number_field.text() == "0532 123 45 67"
    assert dialog.dial_plan_field.text() == "outbound"
    assert dialog.ivr_field.text() == "7001"

    qtbot.mouseClick(cancel_button(dialog), Qt.MouseButton.LeftButton)
    box = question(qtbot, dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(answer(box, DISCARD), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_escape_with_nothing_typed_closes_an_ivr_call_at_once(qtbot: Any) -> None:
    dialog = shown(qtbot, IvrCallDialog(rules=TR, outgoing=NATIONAL, number="05321234567"))
    dialog.set_announcements([Announcement(AnnouncementKind.SOUND_FILE, "hosgeldiniz")])
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert dialog.discard_box is None and not dialog.isVisible()


def test_escape_in_an_announcement_cell_only_closes_the_cell_editor(qtbot: Any) -> None:
    dialog = shown(qtbot, IvrCallDialog(rules=TR, outgoing=NATIONAL))
    view = dialog.announcements.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)  # a new row, its text being edited
    editor = focused()
    assert editor is not view
    qtbot.keyClicks(editor, "hosgeldiniz")
    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_box is None
    assert focused() is view
    # The row added is typed work: the next Escape asks, and Escape on the question keeps it.
    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
        box = question(qtbot, dialog)
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: dialog.discard_box is None)
    assert dialog.isVisible() and len(dialog.announcements.announcements()) == 1


def test_closing_the_ivr_window_with_a_cell_being_edited_asks_first(qtbot: Any) -> None:
    dialog = shown(qtbot, IvrCallDialog(rules=TR, outgoing=NATIONAL))
    dialog.set_announcements([Announcement(AnnouncementKind.SOUND_FILE, "hosgeldiniz")])
    view = dialog.announcements.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClicks(view, "x")  # typing starts editing the text cell
    assert dialog.announcements.announcements()[0].text == "hosgeldiniz"  # not committed yet
    assert not dialog.close()
    box = question(qtbot, dialog)
    qtbot.mouseClick(answer(box, KEEP), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.discard_box is None)
    assert dialog.isVisible()


# ---------------------------------------------------------------- masked callback
def test_cancel_after_typing_a_callback_asks_and_discard_closes(qtbot: Any) -> None:
    dialog = shown(qtbot, CallbackDialog(rules=TR, outgoing=NATIONAL, number1="05321234567"))
    assert focused() is dialog.number2_field
    qtbot.keyClicks(focused(), "0212 555 01 01")
    qtbot.mouseClick(cancel_button(dialog), Qt.MouseButton.LeftButton)
    box = question(qtbot, dialog)
    assert_asks_discard_this_call(box)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(answer(box, DISCARD), Qt.Key.Key_Space)
    assert not dialog.isVisible()


@pytest.mark.parametrize("how", ["escape", "close"])
def test_a_typed_callback_is_kept_when_the_user_keeps_editing(qtbot: Any, how: str) -> None:
    dialog = shown(qtbot, CallbackDialog(rules=TR, outgoing=NATIONAL, last_dial_plan="outbound"))
    qtbot.keyClicks(focused(), "0532 123 45 67")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "0212 555 01 01")
    with qtbot.assertNotEmitted(dialog.rejected):
        if how == "escape":
            qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        else:
            assert not dialog.close()
        box = question(qtbot, dialog)
        qtbot.mouseClick(answer(box, KEEP), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.discard_box is None)
    assert dialog.isVisible()
    assert dialog.number1_field.text() == "0532 123 45 67"
    assert dialog.number2_field.text() == "0212 555 01 01"
    assert dialog.dial_plan_field.text() == "outbound"


def test_a_callback_opened_with_its_numbers_closes_at_once_when_nothing_is_typed(
    qtbot: Any,
) -> None:
    dialog = shown(
        qtbot,
        CallbackDialog(rules=TR, outgoing=NATIONAL, number1="05321234567", number2="02125550101"),
    )
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(cancel_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.discard_box is None and not dialog.isVisible()


def test_the_question_speaks_turkish(qtbot: Any, turkish: None) -> None:
    dialog = shown(qtbot, IvrCallDialog(rules=TR, outgoing=NATIONAL))
    qtbot.keyClicks(focused(), "0532 123 45 67")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    box = question(qtbot, dialog)
    assert box.windowTitle() == "Bu aramadan vazgeçilsin mi?"
    assert answer(box, DISCARD).text() == "Aramadan &vazgeç"
    assert answer(box, KEEP).text() == "&Düzenlemeye devam et"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.discard_box is None)
    assert dialog.isVisible() and dialog.number_field.text() == "0532 123 45 67"


def test_alt_c_places_no_call_in_the_call_dialogs(qtbot) -> None:
    """Alt+C, reached for as "Cancel", must not send a call to the PBX."""
    from functools import partial

    from PySide6.QtWidgets import QDialogButtonBox

    ivr = IvrCallDialog(rules=TR, outgoing=NATIONAL, number="05321234567")
    callback = CallbackDialog(rules=TR, outgoing=NATIONAL)
    for dialog in (ivr, callback):
        shown(qtbot, dialog)
        buttons = dialog.findChild(QDialogButtonBox)
        texts = [b.text() for b in buttons.buttons()]
        assert not any("&C" in t or "&c" in t for t in texts), texts
        accepted: list[bool] = []
        dialog.accepted.connect(partial(accepted.append, True))
        qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        assert accepted == []
