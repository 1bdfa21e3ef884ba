"""First-run wizard: Escape, Cancel or closing ask before cancelling setup; the list takes keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from discard_questions import answer, focused, open_question, shown_active
from keyring_doubles import MemoryKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

import desktop.services.connection_check as connection_check
from desktop import settings as st
from desktop.credentials import CredentialStore
from desktop.pbx import Extension
from desktop.ui.account.first_run import FirstRunWizard

EXTENSIONS = [
    Extension("101", "Resepsiyon", "OK (5 ms)", True, 5),
    Extension("102", "Ayşe Yılmaz", "OK (7 ms)", True, 7),
    Extension("103", "Muhasebe", "OK (6 ms)", True, 6),
]
CANCEL_SETUP = QMessageBox.ButtonRole.DestructiveRole
CONTINUE_SETUP = QMessageBox.ButtonRole.RejectRole


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


@pytest.fixture
def settings(config_dir: Path) -> st.Settings:
    return st.Settings.open(config_dir, admin=st.AdminConfig())


@pytest.fixture
def fake_pbx(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extension list comes back at once (plain http: no certificate to probe)."""

    async def fetch(url: str, user: str, password: str, **kw: Any) -> list[Extension]:
        return EXTENSIONS

    monkeypatch.setattr(connection_check, "fetch_extensions", fetch)


def opened(qtbot: Any, settings: st.Settings) -> FirstRunWizard:
    return shown_active(qtbot, FirstRunWizard(settings, CredentialStore.session_only()))


def question(qtbot: Any, wizard: FirstRunWizard) -> QMessageBox:
    return open_question(qtbot, lambda: wizard.cancel_box)


def keep_setting_up(qtbot: Any, wizard: FirstRunWizard, key: Qt.Key) -> None:
    """Answer the open question with `key` (Enter or Escape): setup goes on."""
    qtbot.keyClick(question(qtbot, wizard), key)
    qtbot.waitUntil(lambda: wizard.cancel_box is None)
    assert wizard.isVisible()


def type_server_page(qtbot: Any, wizard: FirstRunWizard) -> None:
    assert focused() is wizard.server_page.server
    for text in ("http://pbx.example.com", "api", "secret"):
        qtbot.keyClicks(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def test_escape_cancel_and_close_ask_and_enter_always_continues_setup(
    qtbot: Any, settings: st.Settings, config_dir: Path
) -> None:
    wizard = opened(qtbot, settings)
    page = wizard.server_page
    qtbot.keyClicks(focused(), "http://pbx.example.com")
    with qtbot.assertNotEmitted(wizard.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        box = question(qtbot, wizard)
        assert box.windowTitle() == "Cancel setup?"
        assert answer(box, CANCEL_SETUP).text() == "&Cancel setup"
        assert answer(box, CONTINUE_SETUP).text() == "C&ontinue setup"
        assert box.defaultButton() is answer(box, CONTINUE_SETUP)
        keep_setting_up(qtbot, wizard, Qt.Key.Key_Return)

        cancel = wizard.button(QWizard.WizardButton.CancelButton)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        # Even with the focus on "Cancel setup", Enter continues setup.
        answer(question(qtbot, wizard), CANCEL_SETUP).setFocus()
        keep_setting_up(qtbot, wizard, Qt.Key.Key_Return)

        assert not wizard.close()
        keep_setting_up(qtbot, wizard, Qt.Key.Key_Escape)
    assert page.server.text() == "http://pbx.example.com"
    assert wizard.currentPage() is page

    assert not wizard.close()
    with qtbot.waitSignal(wizard.rejected):
        qtbot.mouseClick(answer(question(qtbot, wizard), CANCEL_SETUP), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible() and wizard.outcome is None
    assert not settings.is_configured()
    assert not (config_dir / "iexpbx-desktop.ini").exists()


def test_escape_before_anything_is_entered_cancels_setup_at_once(
    qtbot: Any, settings: st.Settings
) -> None:
    wizard = opened(qtbot, settings)
    with qtbot.waitSignal(wizard.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert wizard.cancel_box is None and not wizard.isVisible()


def test_the_extension_list_has_the_keyboard_and_escape_there_asks(
    qtbot: Any, settings: st.Settings, fake_pbx: None
) -> None:
    wizard = opened(qtbot, settings)
    type_server_page(qtbot, wizard)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Next
    page = wizard.connect_page
    assert wizard.currentPage() is page
    qtbot.waitUntil(lambda: page.list.hasFocus(), timeout=5000)
    assert page.list.currentIndex().row() == 0
    assert page.selected_extension() == ""  # current, not chosen: Next waits for a pick
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # the first arrow picks the current one
    assert page.selected_extension() == "101"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert page.selected_extension() == "102"
    qtbot.keyClicks(focused(), "103")  # typing finds an extension by its number
    assert page.selected_extension() == "103"

    with qtbot.assertNotEmitted(wizard.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        keep_setting_up(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is page and page.selected_extension() == "103"


def test_a_saved_extension_is_current_and_chosen_when_the_list_comes(
    qtbot: Any, settings: st.Settings, fake_pbx: None, memory_keyring: MemoryKeyring
) -> None:
    settings.set("extension", "102")
    wizard = opened(qtbot, settings)
    type_server_page(qtbot, wizard)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    page = wizard.connect_page
    qtbot.waitUntil(lambda: page.list.hasFocus(), timeout=5000)
    assert page.selected_extension() == "102" and page.list.currentIndex().row() == 1
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert page.selected_extension() == "103"
