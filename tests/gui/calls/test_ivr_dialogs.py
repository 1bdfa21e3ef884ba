"""IVR call and masked callback dialogs: filled by keyboard, the PBX gets exactly the preview."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from typing import Any
from urllib.parse import parse_qsl

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop import i18n
from desktop.pbx import PbxClient, PbxInputError
from desktop.pbx.requests import CREDENTIALS_PLACEHOLDER, Announcement, AnnouncementKind
from desktop.services.numbers import DialTargetError, NumberRules, OutgoingFormat
from desktop.ui.calls.callback_dialog import CallbackDialog
from desktop.ui.calls.ivr_dialog import IvrCallDialog

TR = NumberRules("TR")
SOUND = AnnouncementKind.SOUND_FILE
TTS = AnnouncementKind.TEXT_TO_SPEECH


@pytest.fixture
def turkish(qapp: Any) -> Iterator[None]:
    before = QLocale()
    i18n.install(qapp, "tr")
    yield
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


def shown(qtbot: Any, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_and_tab(qtbot: Any, text: str) -> None:
    """Type into the focused field (replacing what is there), then Tab to the next one."""
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def sent_params(preview: str) -> list[tuple[str, str]]:
    """The parameters a preview shows, in order, without the credentials' placeholders."""
    assert preview.startswith(CREDENTIALS_PLACEHOLDER + "&")
    return parse_qsl(preview.removeprefix(CREDENTIALS_PLACEHOLDER + "&"), keep_blank_values=True)


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=10_000)
    return task.result()


def received(simulator: Any) -> list[dict[str, str]]:
    return simulator.thread.call(lambda sim: sim.received())


# ---------------------------------------------------------------- IVR call
def test_an_ivr_call_typed_by_keyboard_reaches_the_pbx_exactly_as_previewed(
    qtbot: Any, simulator: Any
) -> None:
    dialog = IvrCallDialog(rules=TR, outgoing=OutgoingFormat.NATIONAL, last_dial_plan="outbound")
    shown(qtbot, dialog)
    assert not dialog._ok.isEnabled()
    assert focused() is dialog.number_field
    type_and_tab(qtbot, "+90 532 123 45 67")
    assert focused() is dialog.dial_plan_field
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the remembered dial plan stays
    type_and_tab(qtbot, "7001")
    type_and_tab(qtbot, "siparis-1042 kapida odeme")
    view = dialog.announcements.view
    assert focused() is view

    for text in ("hosgeldiniz", "Siparisiniz yola cikti", "tesekkurler"):
        qtbot.keyClick(view, Qt.Key.Key_Insert)  # a new row, its text being edited
        qtbot.keyClicks(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    # The second becomes text-to-speech: to its kind, "T" picks it, Enter confirms.
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_T)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    # The thank-you comes first after all: Ctrl+Up twice.
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.announcements.announcements() == [
        Announcement(SOUND, "tesekkurler"),
        Announcement(SOUND, "hosgeldiniz"),
        Announcement(TTS, "Siparisiniz yola cikti"),
    ]
    assert dialog.problem() == "" and dialog._ok.isEnabled()

    preview = dialog.preview()
    assert sent_params(preview) == [
        ("action", "callivr"),
        ("number", "05321234567"),  # national format, separators and +90 gone
        ("dp", "outbound"),
        ("dest", "7001"),
        ("uf", "siparis-1042 kapida odeme"),
        ("file", "tesekkurler|hosgeldiniz|{Siparisiniz yola cikti}"),
    ]
    assert "Sim-" not in preview and "apiuser" not in preview
    qtbot.keyClick(dialog.custom_data_field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted

    call = dialog.values()
    assert call.dial_plan == "outbound"  # what the window stores as the last dial plan

    async def send() -> None:
        async with PbxClient(simulator.base_url, simulator.username, simulator.password) as pbx:
            await pbx.call_ivr(
                call.number,
                dial_plan=call.dial_plan,
                ivr=call.ivr,
                custom_data=call.custom_data,
                announcements=call.announcements,
            )

    run(qtbot, send())
    assert list(received(simulator)[-1].items()) == sent_params(preview)


def test_turkish_text_to_speech_and_custom_data_reach_the_pbx_as_previewed(
    qtbot: Any, simulator: Any
) -> None:
    dialog = IvrCallDialog(
        rules=TR, outgoing=OutgoingFormat.INTERNATIONAL, last_dial_plan="dış-hat", number="0532 1"
    )
    shown(qtbot, dialog)
    dialog.number_field.setText("(0212) 555-01-00")
    dialog.ivr_field.setText("7002")
    dialog.custom_data_field.setText("müşteri=Şükrü Işık&sipariş=42")
    dialog.set_announcements(
        [Announcement(TTS, "Sayın Şükrü Işık, siparişiniz hazır."), Announcement(SOUND, "menu")]
    )
    call = dialog.values()
    assert call.number == "902125550100"
    assert call.announcements == ("{Sayın Şükrü Işık, siparişiniz hazır.}", "menu")

    async def send() -> None:
        async with PbxClient(simulator.base_url, simulator.username, simulator.password) as pbx:
            await pbx.call_ivr(
                call.number,
                dial_plan=call.dial_plan,
                ivr=call.ivr,
                custom_data=call.custom_data,
                announcements=call.announcements,
            )

    run(qtbot, send())
    assert list(received(simulator)[-1].items()) == sent_params(dialog.preview())


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        ("number_field", "bilmiyorum", "That is not a phone number: only digits"),
        ("number_field", "0532 123 45 67 ext", "That is not a phone number: only digits"),
        ("dial_plan_field", "dış hat", "Enter the dial plan's name"),
        ("ivr_field", "70;01", "Enter the IVR number"),
    ],
)
def test_a_wrong_field_keeps_call_disabled_and_says_why(
    qtbot: Any, field: str, text: str, reason: str
) -> None:
    dialog = IvrCallDialog(rules=TR, outgoing=OutgoingFormat.AS_TYPED, last_dial_plan="outbound")
    shown(qtbot, dialog)
    dialog.number_field.setText("05321234567")
    dialog.ivr_field.setText("7001")
    assert dialog._ok.isEnabled()
    getattr(dialog, field).setText(text)
    assert not dialog._ok.isEnabled()
    assert dialog.problem().startswith(reason)
    assert dialog._problem.isVisible()
    assert dialog.preview() == ""
    qtbot.keyClick(dialog.number_field, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    with pytest.raises((PbxInputError, DialTargetError)):
        dialog.values()


@pytest.mark.parametrize(
    "bad",
    [
        Announcement(TTS, "bir | iki"),
        Announcement(SOUND, "dosya|iki"),
        Announcement(TTS, "{Merhaba}"),
        Announcement(SOUND, "  "),
    ],
)
def test_an_unfit_announcement_is_named_by_its_position(qtbot: Any, bad: Announcement) -> None:
    dialog = IvrCallDialog(rules=TR, outgoing=OutgoingFormat.AS_TYPED, last_dial_plan="outbound")
    shown(qtbot, dialog)
    dialog.number_field.setText("101")
    dialog.ivr_field.setText("7001")
    dialog.set_announcements([Announcement(SOUND, "hosgeldiniz"), bad])
    assert not dialog._ok.isEnabled()
    assert dialog.problem().startswith("Announcement 2 is empty, longer than 500 characters")
    # Removing it (Delete on its row) makes the call possible again.
    view = dialog.announcements.view
    view.setFocus()
    view.setCurrentIndex(dialog.announcements.model.index(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert dialog._ok.isEnabled() and dialog.problem() == ""
    assert sent_params(dialog.preview())[-1] == ("file", "hosgeldiniz")


def test_the_reason_is_in_turkish_and_the_empty_form_asks_for_the_number(
    qtbot: Any, turkish: None
) -> None:
    dialog = IvrCallDialog(rules=TR, outgoing=OutgoingFormat.AS_TYPED)
    shown(qtbot, dialog)
    assert dialog.windowTitle() == "IVR araması"
    assert dialog.problem() == "Aranacak bir telefon numarası yok."
    dialog.number_field.setText("0532 123 45 67")
    assert dialog.problem().startswith("Arama planının adını girin")
    dialog.dial_plan_field.setText("outbound")
    dialog.ivr_field.setText("7001")
    dialog.set_announcements([Announcement(TTS, "a|b")])
    assert dialog.problem().startswith("1. anons boş")
    assert not dialog._ok.isEnabled()


def test_the_buttons_move_and_remove_announcements_and_know_the_ends(qtbot: Any) -> None:
    dialog = IvrCallDialog(rules=TR, outgoing=OutgoingFormat.AS_TYPED)
    shown(qtbot, dialog)
    editor = dialog.announcements
    editor.set_announcements([Announcement(SOUND, name) for name in ("a", "b", "c")])
    editor.view.setCurrentIndex(editor.model.index(0, 1))
    assert not editor.up_button.isEnabled() and editor.down_button.isEnabled()
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert [a.text for a in editor.announcements()] == ["b", "a", "c"]
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert [a.text for a in editor.announcements()] == ["b", "c", "a"]
    assert editor.up_button.isEnabled() and not editor.down_button.isEnabled()
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert [a.text for a in editor.announcements()] == ["b", "c"]
    assert editor.current_row() == 1


# ---------------------------------------------------------------- masked callback
def test_a_callback_typed_by_keyboard_reaches_the_pbx_exactly_as_previewed(
    qtbot: Any, simulator: Any
) -> None:
    dialog = CallbackDialog(rules=TR, outgoing=OutgoingFormat.INTERNATIONAL, last_dial_plan="")
    shown(qtbot, dialog)
    assert focused() is dialog.number1_field
    type_and_tab(qtbot, "0532 111 22 33")
    type_and_tab(qtbot, "+90 (212) 555 01 00")
    type_and_tab(qtbot, "maskeli")
    type_and_tab(qtbot, "destek-8841")
    preview = dialog.preview()
    assert sent_params(preview) == [
        ("action", "callback"),
        ("number1", "905321112233"),
        ("number2", "902125550100"),
        ("dp", "maskeli"),
        ("uf", "destek-8841"),
    ]
    qtbot.keyClick(dialog.dial_plan_field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    request = dialog.values()

    async def send() -> None:
        async with PbxClient(simulator.base_url, simulator.username, simulator.password) as pbx:
            await pbx.callback(
                request.number1,
                request.number2,
                dial_plan=request.dial_plan,
                custom_data=request.custom_data,
            )

    run(qtbot, send())
    assert list(received(simulator)[-1].items()) == sent_params(preview)


def test_a_callback_says_which_number_is_wrong_and_sends_nothing(
    qtbot: Any, simulator: Any
) -> None:
    dialog = CallbackDialog(rules=TR, outgoing=OutgoingFormat.AS_TYPED, last_dial_plan="maskeli")
    shown(qtbot, dialog)
    assert dialog.dial_plan_field.text() == "maskeli"  # remembered
    dialog.number1_field.setText("0532 111 22 33")
    dialog.number2_field.setText("Ahmet Bey")
    assert dialog.problem().startswith("Second number: That is not a phone number")
    assert not dialog._ok.isEnabled()
    dialog.number1_field.setText("")
    assert dialog.problem() == "First number: There is no phone number to dial."
    qtbot.keyClick(dialog.number2_field, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    with pytest.raises(DialTargetError):
        dialog.values()
    assert not any(q.get("action") == "callback" for q in received(simulator))


def test_the_file_menus_ivr_call_reaches_the_pbx_and_remembers_the_dial_plan(
    qtbot, simulator, tmp_path
):
    """From the menu through the app's session: what the preview shows is what is sent."""
    import asyncio

    from keyring_doubles import MemoryKeyring

    from desktop import cli
    from desktop import settings as st
    from desktop.app import App
    from desktop.credentials import SERVICE_NAME, CredentialStore, account_key

    settings = st.Settings.open(tmp_path, admin=st.AdminConfig())
    settings.set(st.SERVER_URL, simulator.base_url)
    settings.set(st.USERNAME, simulator.username)
    settings.set(st.EXTENSION, "101")
    keyring = MemoryKeyring()
    url = st.normalize_server_url(simulator.base_url)
    keyring.passwords[(SERVICE_NAME, account_key(simulator.username, url))] = simulator.password
    app = App(cli.parse_args(["--config-dir", str(tmp_path)]), credentials=CredentialStore(keyring))
    started = asyncio.ensure_future(app.start())
    qtbot.waitUntil(started.done, timeout=20_000)
    try:
        qtbot.waitUntil(lambda: app.window.connection_text().startswith("Online"), timeout=20_000)
        app.window.ivr_action.trigger()
        qtbot.waitUntil(lambda: app.dialogs.get("ivr") is not None, timeout=20_000)
        dialog = app.dialogs.get("ivr")
        dialog.number_field.setText("0532 123 45 67")
        dialog.dial_plan_field.setText("ivr-plan")
        dialog.ivr_field.setText("7001")
        qtbot.waitUntil(lambda: dialog.problem() == "", timeout=5_000)
        sent_params = dialog.values().params()
        dialog.accept()

        def ivr_requests():
            received = simulator.thread.call(lambda s: s.received())
            return [r for r in received if r.get("action") == "callivr"]

        qtbot.waitUntil(lambda: bool(ivr_requests()), timeout=20_000)
        request = dict(ivr_requests()[-1])
        request.pop("action")
        assert request == sent_params
        assert app.settings.get(st.LAST_DIAL_PLAN) == "ivr-plan"
    finally:
        stopped = asyncio.ensure_future(app.shutdown())
        qtbot.waitUntil(stopped.done, timeout=20_000)
