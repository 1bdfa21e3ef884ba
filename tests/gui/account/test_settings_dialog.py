"""Settings dialog: edits, Test connection against the simulator, Cancel, OK validation."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring_doubles import LockedKeyring, MemoryKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop import settings as st
from desktop.credentials import SERVICE_NAME, CredentialState, CredentialStore
from desktop.ui.account.settings_dialog import SettingsDialog

SIM_USER, SIM_PASSWORD = "apiuser", "Sim-Şifre-42"


@pytest.fixture(scope="module")
def simulator() -> Iterator[str]:
    from desktop.simulator import SimulatorConfig, SimulatorThread

    thread = SimulatorThread(
        SimulatorConfig(seed=5, username=SIM_USER, password=SIM_PASSWORD, extensions=9)
    )
    url = thread.start()
    yield url
    thread.stop()


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    """A keyring the dialog reaches only through its CredentialStore (never installed)."""
    return MemoryKeyring()


def configured(config_dir: Path, url: str, admin: st.AdminConfig | None = None) -> st.Settings:
    settings = st.Settings.open(config_dir, admin=admin or st.AdminConfig())
    for name, value in [
        ("server_url", url),
        ("username", SIM_USER),
        ("extension", "101"),
        ("pbx_timezone", "Europe/Istanbul"),
    ]:
        if not settings.is_locked(name):
            settings.set(name, value)
    return settings


def open_dialog(qtbot: Any, settings: st.Settings, creds: CredentialStore) -> SettingsDialog:
    dialog = SettingsDialog(settings, creds)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def press(qtbot: Any, dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def discard_when_asked(qtbot: Any, dialog: SettingsDialog) -> None:
    """Answer "Discard your changes?" with Discard."""
    qtbot.waitUntil(lambda: dialog.discard_box is not None and dialog.discard_box.isVisible())
    box = dialog.discard_box
    (discard,) = [b for b in box.buttons() if b.text() == "&Discard"]
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)


def run(qtbot: Any, coro: Any) -> Any:
    task = asyncio.get_event_loop().create_task(coro)
    qtbot.waitUntil(task.done, timeout=5000)
    return task.result()


def test_shows_the_current_settings(qtbot: Any, config_dir: Path) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    settings.set("poll_interval_s", 3.5)
    settings.set("theme", "dark")
    settings.set("language", "tr")
    settings.set("start_minimized", True)
    dialog = open_dialog(qtbot, settings, CredentialStore.session_only())
    assert dialog.server.text() == "https://pbx.example.com"
    assert dialog.username.text() == SIM_USER
    assert dialog.extension.currentText() == "101"
    assert dialog.timezone.zone() == "Europe/Istanbul"
    assert dialog.poll.value() == 3.5
    assert dialog.theme.currentData() == "dark"
    assert dialog.language.currentData() == "tr"
    assert dialog.start_minimized.isChecked()
    assert not dialog.http_warning.isVisible()
    dialog.server.setText("http://10.1.1.1")
    assert dialog.http_warning.isVisible()


def test_test_connection_lists_the_simulators_extensions(
    qtbot: Any, simulator: str, config_dir: Path
) -> None:
    settings = configured(config_dir, simulator)
    dialog = open_dialog(qtbot, settings, CredentialStore.session_only())
    dialog.password.setText(SIM_PASSWORD)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in dialog.test_result.text(), timeout=10_000)
    assert dialog.test_result.text() == "Connected: 9 extensions"
    assert dialog.extension.count() == 9
    assert dialog.extension.findData("101") >= 0 or dialog.extension.currentText() == "101"


def test_test_connection_shows_the_pbx_error(qtbot: Any, simulator: str, config_dir: Path) -> None:
    settings = configured(config_dir, simulator)
    dialog = open_dialog(qtbot, settings, CredentialStore.session_only())
    dialog.password.setText("not-the-password")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and dialog.test_result.text()
                    not in ("", "Connecting…"), timeout=10_000)  # fmt: skip
    text = dialog.test_result.text()
    assert "Connected" not in text and text
    assert "not-the-password" not in text


def test_test_connection_with_a_bad_address_says_so(qtbot: Any, config_dir: Path) -> None:
    dialog = open_dialog(qtbot, configured(config_dir, ""), CredentialStore.session_only())
    dialog.server.setText("https://me:pw@pbx")
    dialog.password.setText("x")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "user name or password" in dialog.error.text()


def test_cancel_changes_nothing(
    qtbot: Any, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    before = {name: settings.get(name) for name in st.REGISTRY}
    ini_before = (config_dir / "iexpbx-desktop.ini").read_text()
    dialog = open_dialog(qtbot, settings, CredentialStore(memory_keyring))
    dialog.server.setText("https://other.example.com")
    dialog.password.setText("new-password")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.poll.setValue(9)
    press(qtbot, dialog, CANCEL)
    discard_when_asked(qtbot, dialog)  # each edit counts as a change
    assert not dialog.isVisible()
    assert {name: settings.get(name) for name in st.REGISTRY} == before
    assert (config_dir / "iexpbx-desktop.ini").read_text() == ini_before
    assert memory_keyring.passwords == {}


def test_ok_with_a_bad_address_saves_nothing(
    qtbot: Any, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    dialog = open_dialog(qtbot, settings, CredentialStore(memory_keyring))
    dialog.server.setText("ftp://pbx.example.com")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.password.setText("new-password")
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "http:// or https://" in dialog.error.text()
    assert dialog.isVisible()
    assert settings.get("theme") == "system"
    assert settings.get("server_url") == "https://pbx.example.com"
    assert memory_keyring.passwords == {}


def test_ok_saves_settings_and_the_password_goes_to_the_keyring(
    qtbot: Any, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    dialog = open_dialog(qtbot, settings, CredentialStore(memory_keyring))
    dialog.server.setText("pbx2.example.com/")
    dialog.password.setText("Yeni-Şifre")
    dialog.poll.setValue(5)
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.start_minimized.setChecked(True)
    dialog.timezone.set_zone("Europe/Berlin")
    dialog.extension.setEditText("205")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)
    assert settings.get("server_url") == "https://pbx2.example.com"
    assert settings.get("poll_interval_s") == 5.0
    assert settings.get("theme") == "light" and settings.get("language") == "en"
    assert settings.get("start_minimized") is True
    assert settings.get("pbx_timezone") == "Europe/Berlin"
    assert settings.get("extension") == "205"
    assert {"server_url", "poll_interval_s", "theme"} <= dialog.changed
    key = (SERVICE_NAME, f"{SIM_USER}@https://pbx2.example.com")
    assert memory_keyring.passwords == {key: "Yeni-Şifre"}
    assert "Yeni" not in (config_dir / "iexpbx-desktop.ini").read_text()


def test_changing_the_account_needs_the_password_then_moves_it(
    qtbot: Any, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    creds = CredentialStore(memory_keyring)
    run(qtbot, creds.store(SIM_USER, "https://pbx.example.com", "old-pw"))
    dialog = open_dialog(qtbot, settings, creds)
    qtbot.waitUntil(lambda: dialog.password.placeholderText() == "Unchanged")
    assert "saved in this computer's keyring" in dialog.password_state.text()
    dialog.username.setText("second")
    assert dialog.password.placeholderText() == ""
    assert dialog.password_needed.isVisible()
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == "Enter the password for this server."
    assert dialog.isVisible() and settings.get("username") == SIM_USER
    assert memory_keyring.passwords == {
        (SERVICE_NAME, f"{SIM_USER}@https://pbx.example.com"): "old-pw"
    }

    dialog.password.setText("second-pw")
    assert not dialog.password_needed.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)
    assert settings.get("username") == "second"
    assert memory_keyring.passwords == {
        (SERVICE_NAME, "second@https://pbx.example.com"): "second-pw"
    }


@pytest.fixture(scope="module")
def other_simulator() -> Iterator[str]:
    """A second PBX that would accept the first one's password if it were sent there."""
    from desktop.simulator import SimulatorConfig, SimulatorThread

    thread = SimulatorThread(
        SimulatorConfig(seed=6, username=SIM_USER, password=SIM_PASSWORD, extensions=6)
    )
    url = thread.start()
    yield url
    thread.stop()


def saved_account_dialog(
    qtbot: Any, config_dir: Path, url: str, memory_keyring: MemoryKeyring
) -> tuple[SettingsDialog, st.Settings]:
    settings = configured(config_dir, url)
    creds = CredentialStore(memory_keyring)
    run(qtbot, creds.store(SIM_USER, url, SIM_PASSWORD))
    dialog = open_dialog(qtbot, settings, creds)
    qtbot.waitUntil(lambda: dialog.password.placeholderText() == "Unchanged")
    return dialog, settings


def wait_for_test_result(qtbot: Any, dialog: SettingsDialog) -> str:
    dialog.test_result.clear()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and dialog.test_result.text()
                    not in ("", "Connecting…"), timeout=10_000)  # fmt: skip
    return str(dialog.test_result.text())


def test_test_does_not_send_the_saved_password_to_a_new_address(
    qtbot: Any,
    simulator: str,
    other_simulator: str,
    config_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog, _ = saved_account_dialog(qtbot, config_dir, simulator, memory_keyring)
    stored = dict(memory_keyring.passwords)
    dialog.server.setText(other_simulator)
    assert dialog.password.placeholderText() == ""
    assert dialog.password_needed.isVisible()
    assert dialog.password_needed.text() == "Enter the password for this server."

    # The other PBX takes the same password: "Connected" would mean it was sent there.
    assert wait_for_test_result(qtbot, dialog) == "Enter the password for this server."
    assert dialog.extension.count() == 0
    assert memory_keyring.passwords == stored

    dialog.password.setText(SIM_PASSWORD)
    assert wait_for_test_result(qtbot, dialog) == "Connected: 6 extensions"


def test_ok_with_a_new_address_and_no_password_saves_nothing(
    qtbot: Any, simulator: str, other_simulator: str, config_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    dialog, settings = saved_account_dialog(qtbot, config_dir, simulator, memory_keyring)
    stored = dict(memory_keyring.passwords)
    ini_before = (config_dir / "iexpbx-desktop.ini").read_text()
    dialog.server.setText(other_simulator)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == "Enter the password for this server."
    assert dialog.isVisible() and dialog.password.hasFocus()
    assert settings.get("server_url") == simulator and settings.get("theme") == "system"
    assert (config_dir / "iexpbx-desktop.ini").read_text() == ini_before
    assert memory_keyring.passwords == stored


def test_a_plain_http_address_is_another_server_for_the_password(
    qtbot: Any, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog, _ = saved_account_dialog(qtbot, config_dir, "https://pbx.example.com", memory_keyring)
    dialog.server.setText("http://pbx.example.com")
    assert dialog.password.placeholderText() == ""
    assert dialog.password_needed.isVisible()
    dialog.server.setText(" pbx.example.com/ ")  # the same server, written differently
    assert dialog.password.placeholderText() == "Unchanged"
    assert not dialog.password_needed.isVisible()


def test_the_saved_account_still_uses_the_saved_password(
    qtbot: Any, simulator: str, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog, settings = saved_account_dialog(qtbot, config_dir, simulator, memory_keyring)
    stored = dict(memory_keyring.passwords)
    assert not dialog.password_needed.isVisible()
    assert wait_for_test_result(qtbot, dialog) == "Connected: 9 extensions"
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)
    assert settings.get("theme") == "dark"
    assert memory_keyring.passwords == stored


def test_the_test_result_shows_the_pbx_words_as_plain_text(qtbot: Any, config_dir: Path) -> None:
    dialog = open_dialog(qtbot, configured(config_dir, ""), CredentialStore.session_only())
    assert dialog.test_result.textFormat() == Qt.TextFormat.PlainText


def test_locked_keyring_is_explained_then_session_only_is_used(
    qtbot: Any, config_dir: Path
) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    creds = CredentialStore(LockedKeyring())
    dialog = open_dialog(qtbot, settings, creds)
    qtbot.waitUntil(lambda: "locked" in dialog.password_state.text())
    assert not dialog.remember.isChecked()  # session-only offered up front
    dialog.remember.setChecked(True)
    dialog.password.setText("pw-now")
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "locked" in dialog.error.text() and "session" in dialog.error.text()
    assert dialog.isVisible() and not dialog.remember.isChecked()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)
    result = run(qtbot, creds.load(SIM_USER, "https://pbx.example.com"))
    assert result.state is CredentialState.SESSION_ONLY and result.password == "pw-now"


def test_admin_locked_settings_are_disabled_and_kept(qtbot: Any, config_dir: Path) -> None:
    admin = st.AdminConfig.from_mapping(
        {"server_url": "https://pbx.corp.example", "theme": "dark", "locked": "server_url,theme"}
    )
    settings = configured(config_dir, "ignored", admin)
    dialog = open_dialog(qtbot, settings, CredentialStore.session_only())
    for widget in (dialog.server, dialog.theme):
        assert not widget.isEnabled()
        assert widget.toolTip() == "Set by your administrator"
    assert dialog.server.text() == "https://pbx.corp.example"
    assert dialog.username.isEnabled()
    dialog.poll.setValue(4)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)
    assert settings.get("poll_interval_s") == 4.0
    assert settings.get("theme") == "dark"


# --- demo mode ----------------------------------------------------------------------------

DEMO_NOTE = "Demo mode: connected to the built-in simulated PBX; nothing here is saved."


def open_demo_dialog(qtbot: Any, memory_keyring: MemoryKeyring) -> SettingsDialog:
    dialog = SettingsDialog(
        st.Settings.ephemeral(), CredentialStore(memory_keyring), account_editable=False
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_demo_shows_the_connection_disabled_and_says_why(
    qtbot: Any, memory_keyring: MemoryKeyring
) -> None:
    dialog = open_demo_dialog(qtbot, memory_keyring)
    assert dialog.demo_note.isVisible()
    assert dialog.demo_note.text() == DEMO_NOTE
    assert not dialog.connection.isEnabled()
    for field in (dialog.server, dialog.username, dialog.password, dialog.test_button):
        assert not field.isEnabled()
    assert not dialog.remember.isChecked()  # the demo never saves a password
    assert not dialog.password_needed.isVisible()
    assert not dialog.http_warning.isVisible()
    for field in (dialog.poll, dialog.language, dialog.theme, dialog.start_minimized):
        assert field.isEnabled()


def test_demo_ok_applies_the_general_options_and_saves_no_account(
    qtbot: Any, memory_keyring: MemoryKeyring
) -> None:
    dialog = open_demo_dialog(qtbot, memory_keyring)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.poll.setValue(4)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)
    assert dialog.settings.get("theme") == "dark"
    assert dialog.settings.get("poll_interval_s") == 4.0
    assert dialog.changed == {"theme", "poll_interval_s"}
    assert dialog.settings.get("server_url") == ""
    assert memory_keyring.passwords == {}


def test_without_demo_there_is_no_demo_note(qtbot: Any, config_dir: Path) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    dialog = open_dialog(qtbot, settings, CredentialStore(MemoryKeyring()))
    assert not dialog.demo_note.isVisible()
    assert dialog.connection.isEnabled()


# -- a password Test connection refused is not saved unasked ------------------------------------


def test_ok_after_a_refused_test_asks_and_no_keeps_the_good_password(
    qtbot: Any, simulator: str, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = configured(config_dir, simulator)
    creds = CredentialStore(memory_keyring)
    run(qtbot, creds.store(SIM_USER, simulator, SIM_PASSWORD))
    key = (SERVICE_NAME, f"{SIM_USER}@{simulator}")
    dialog = open_dialog(qtbot, settings, creds)
    qtbot.waitUntil(lambda: dialog.password.placeholderText() == "Unchanged")
    dialog.password.setText("a-typo")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "user name or password" in dialog.test_result.text(), timeout=10_000)

    press(qtbot, dialog, OK)
    qtbot.waitUntil(
        lambda: dialog.save_anyway_box is not None and dialog.save_anyway_box.isVisible()
    )
    box = dialog.save_anyway_box
    assert box.windowTitle() == "Save anyway?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default: No
    qtbot.waitUntil(lambda: dialog.save_anyway_box is None)
    assert dialog.isVisible()
    assert memory_keyring.passwords == {key: SIM_PASSWORD}

    press(qtbot, dialog, OK)
    qtbot.waitUntil(
        lambda: dialog.save_anyway_box is not None and dialog.save_anyway_box.isVisible()
    )
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(
            dialog.save_anyway_box.button(QMessageBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
    assert memory_keyring.passwords == {key: "a-typo"}


def test_a_password_changed_after_the_refused_test_saves_without_asking(
    qtbot: Any, simulator: str, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = configured(config_dir, simulator)
    dialog = open_dialog(qtbot, settings, CredentialStore(memory_keyring))
    dialog.password.setText("a-typo")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "user name or password" in dialog.test_result.text(), timeout=10_000)
    dialog.password.setText(SIM_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)
    assert dialog.save_anyway_box is None
    assert memory_keyring.passwords == {(SERVICE_NAME, f"{SIM_USER}@{simulator}"): SIM_PASSWORD}


def test_focus_stays_on_test_connection_after_a_test(
    qtbot: Any, simulator: str, config_dir: Path
) -> None:
    settings = configured(config_dir, simulator)
    dialog = open_dialog(qtbot, settings, CredentialStore.session_only())
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.password.setText(SIM_PASSWORD)
    dialog.test_button.setFocus()
    qtbot.keyClick(dialog.test_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Connected" in dialog.test_result.text(), timeout=10_000)
    assert dialog.focusWidget() is dialog.test_button


def test_the_saved_extension_shows_its_name_from_the_start(qtbot: Any, config_dir: Path) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    dialog = SettingsDialog(
        settings, CredentialStore.session_only(), extension_name={"101": "Reception"}.get
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.extension.currentText() == "101 — Reception"
    dialog.timezone.setEditText("Nowhere/Atlantis")
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == "Choose a time zone from the list."
    dialog.timezone.set_zone("Europe/Istanbul")
    assert not dialog.error.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)
    assert settings.get("extension") == "101"


def test_hints_coming_and_going_do_not_move_the_buttons(qtbot: Any, config_dir: Path) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    dialog = open_dialog(qtbot, settings, CredentialStore.session_only())
    qtbot.waitExposed(dialog)
    before = dialog.test_button.mapTo(dialog, dialog.test_button.rect().topLeft())
    ok_before = dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft())
    dialog.username.setText("someone-else")  # another account: "enter the password" shows
    qtbot.wait(10)
    assert dialog.password_needed.isVisible()
    assert dialog.test_button.mapTo(dialog, dialog.test_button.rect().topLeft()) == before
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft()) == ok_before


@pytest.mark.parametrize("when", ["before showing", "while shown"])
def test_focus_password_opens_on_the_password_with_its_text_selected(
    qtbot: Any, config_dir: Path, when: str
) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    dialog = SettingsDialog(settings, CredentialStore.session_only())
    qtbot.addWidget(dialog)
    dialog.password.setText("refused")
    if when == "while shown":
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.tabs.setCurrentWidget(dialog.webhooks)
    dialog.focus_password()
    dialog.show()
    qtbot.waitUntil(dialog.password.hasFocus)
    assert dialog.tabs.currentWidget() is dialog.connection
    assert dialog.password.selectedText() == "refused"
    qtbot.keyClicks(dialog.focusWidget(), "typed")
    assert dialog.password.text() == "typed"
    assert dialog.server.text() == "https://pbx.example.com"


def test_connection_errors_go_when_their_field_is_edited(qtbot: Any, config_dir: Path) -> None:
    settings = configured(config_dir, "https://pbx.example.com")
    dialog = open_dialog(qtbot, settings, CredentialStore.session_only())
    dialog.server.setText("ftp://pbx.example.com")
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "http:// or https://" in dialog.error.text()
    dialog.password.setText("x")  # not the field the error is about
    assert dialog.error.isVisible()
    dialog.server.setText("https://pbx.example.com")
    assert not dialog.error.isVisible()
    dialog.timezone.setEditText("Nowhere/Atlantis")
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    qtbot.keyClick(dialog.timezone, Qt.Key.Key_Backspace)
    assert not dialog.error.isVisible()
