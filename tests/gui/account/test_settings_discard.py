"""Settings: Escape, Cancel or closing ask before unsaved changes go; typing goes somewhere seen."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from discard_questions import DISCARD, KEEP, answer, focused, open_question, shown_active
from keyring_doubles import MemoryKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop import settings as st
from desktop.credentials import CredentialStore
from desktop.ui.account.settings_dialog import SettingsDialog

URL = "https://pbx.example.com"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


def configured(config_dir: Path, admin: st.AdminConfig | None = None) -> st.Settings:
    settings = st.Settings.open(config_dir, admin=admin or st.AdminConfig())
    for name, value in [("server_url", URL), ("username", "api"), ("extension", "101"),
                        ("pbx_timezone", "Europe/Istanbul")]:  # fmt: skip
        if not settings.is_locked(name):
            settings.set(name, value)
    return settings


def opened(qtbot: Any, dialog: SettingsDialog) -> SettingsDialog:
    return shown_active(qtbot, dialog)


def question(qtbot: Any, dialog: SettingsDialog) -> QMessageBox:
    return open_question(qtbot, lambda: dialog.discard_box)


def keep_editing(qtbot: Any, dialog: SettingsDialog, key: Qt.Key) -> None:
    qtbot.keyClick(question(qtbot, dialog), key)
    qtbot.waitUntil(lambda: dialog.discard_box is None)
    assert dialog.isVisible()


def cancel_button(dialog: SettingsDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)


def test_typing_opens_in_the_server_field_and_escape_asks_before_discarding(
    qtbot: Any, config_dir: Path
) -> None:
    settings = configured(config_dir)
    ini_before = (config_dir / "iexpbx-desktop.ini").read_text()
    dialog = opened(qtbot, SettingsDialog(settings, CredentialStore.session_only()))
    assert focused() is dialog.server
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "https://pbx2.example.com")
    assert dialog.server.text() == "https://pbx2.example.com"

    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        box = question(qtbot, dialog)
        assert box.windowTitle() == "Discard your changes?"
        assert answer(box, DISCARD).text() == "&Discard"
        assert answer(box, KEEP).text() == "&Keep editing"
        assert box.defaultButton() is answer(box, KEEP)
        keep_editing(qtbot, dialog, Qt.Key.Key_Return)  # Enter takes the default
        assert not dialog.close()
        keep_editing(qtbot, dialog, Qt.Key.Key_Escape)
    assert dialog.server.text() == "https://pbx2.example.com"

    qtbot.mouseClick(cancel_button(dialog), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(answer(question(qtbot, dialog), DISCARD), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert settings.get("server_url") == URL
    assert (config_dir / "iexpbx-desktop.ini").read_text() == ini_before


def test_with_no_changes_escape_closes_at_once_even_after_the_keyring_answered(
    qtbot: Any, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = configured(config_dir)
    creds = CredentialStore(memory_keyring)
    task = asyncio.get_event_loop().create_task(creds.store("api", URL, "secret"))
    qtbot.waitUntil(task.done)
    dialog = opened(qtbot, SettingsDialog(settings, creds))
    # The saved password's state arrives after opening: it changes nothing the user did.
    qtbot.waitUntil(lambda: dialog.password.placeholderText() == "Unchanged")
    assert dialog.remember.isChecked()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert dialog.discard_box is None and not dialog.isVisible()


def test_a_change_typed_back_to_what_it_was_is_no_change(qtbot: Any, config_dir: Path) -> None:
    dialog = opened(qtbot, SettingsDialog(configured(config_dir), CredentialStore.session_only()))
    dialog.tabs.setCurrentWidget(dialog.general)
    dialog.poll.setFocus()
    before = dialog.poll.value()
    qtbot.keyClick(dialog.poll, Qt.Key.Key_Up)
    assert dialog.poll.value() != before and dialog.has_unsaved_changes()
    qtbot.keyClick(dialog.poll, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(cancel_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.discard_box is None


def test_a_locked_address_puts_the_keyboard_in_the_user_name(qtbot: Any, config_dir: Path) -> None:
    admin = st.AdminConfig(values={"server_url": URL}, locked=frozenset({"server_url"}))
    settings = configured(config_dir, admin)
    dialog = opened(qtbot, SettingsDialog(settings, CredentialStore.session_only()))
    assert not dialog.server.isEnabled()
    assert focused() is dialog.username
    qtbot.keyClick(focused(), Qt.Key.Key_End)
    qtbot.keyClicks(focused(), "2")
    assert dialog.username.text() == "api2"


def test_demo_settings_open_on_the_tabs_and_escape_asks_after_a_change(qtbot: Any) -> None:
    dialog = SettingsDialog(
        st.Settings.ephemeral(), CredentialStore.session_only(), account_editable=False
    )
    opened(qtbot, dialog)
    assert focused() is dialog.tabs.tabBar()  # nothing to type on the given connection
    qtbot.keyClick(focused(), Qt.Key.Key_Right)  # arrows switch pages
    assert dialog.tabs.currentWidget() is dialog.numbers
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        keep_editing(qtbot, dialog, Qt.Key.Key_Return)
