"""Settings pages beyond the connection: each setting saved by OK, kept by Cancel, checked."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialogButtonBox, QLabel, QTabBar, QWidget

from desktop import i18n
from desktop import settings as st
from desktop.credentials import CredentialStore
from desktop.pbx.tls import CertificateInfo
from desktop.ui.account.settings_dialog import SettingsDialog

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def discard_when_asked(qtbot: Any, dialog: SettingsDialog) -> None:
    """Answer "Discard your changes?" with Discard."""
    qtbot.waitUntil(lambda: dialog.discard_box is not None and dialog.discard_box.isVisible())
    box = dialog.discard_box
    (discard,) = [b for b in box.buttons() if b.text() == "&Discard"]
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)


Edit = Callable[[SettingsDialog], None]


def configured(config_dir: Path, admin: st.AdminConfig | None = None) -> st.Settings:
    settings = st.Settings.open(config_dir, admin=admin or st.AdminConfig())
    settings.set("server_url", "https://pbx.example.com")
    settings.set("username", "api")
    settings.set("pbx_timezone", "Europe/Istanbul")
    return settings


def open_dialog(qtbot: Any, settings: st.Settings, **kwargs: Any) -> SettingsDialog:
    dialog = SettingsDialog(settings, CredentialStore.session_only(), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def press(qtbot: Any, dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def ok_and_wait(qtbot: Any, dialog: SettingsDialog) -> None:
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        press(qtbot, dialog, OK)


def pick(combo: Any, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def edit_program(d: SettingsDialog) -> None:
    d.popups.program.setText(sys.executable)


def edit_arguments(d: SettingsDialog) -> None:
    d.popups.program.setText(sys.executable)
    d.popups.arguments.setText('notify.py --caller {number} --name "{name}"')


# (setting, how a user changes it, the value then saved)
EDITS: list[tuple[str, Edit, Any]] = [
    ("country", lambda d: d.numbers.country.set_country("DE"), "DE"),
    ("outgoing_number_format",
     lambda d: d.numbers.format_buttons["international"].setChecked(True), "international"),
    ("phonebook_refresh_min", lambda d: d.general.phonebook_refresh.setValue(45), 45),
    ("idle_poll_interval_s", lambda d: d.general.idle_poll.setValue(30), 30.0),
    ("popup_corner", lambda d: pick(d.popups.corner, "top_left"), "top_left"),
    ("popup_ignore", lambda d: d.popups.ignore.setText(" 0850*,4441234 , "), "0850*, 4441234"),
    ("crm_url_template",
     lambda d: d.popups.crm.setText(" https://crm.example.com/find?tel={number} "),
     "https://crm.example.com/find?tel={number}"),
    ("incoming_call_program", edit_program, sys.executable),
    ("incoming_call_arguments", edit_arguments, 'notify.py --caller {number} --name "{name}"'),
    ("webhook_enabled", lambda d: d.webhooks.enabled.setChecked(True), True),
    ("webhook_address", lambda d: d.webhooks.address.setEditText("0.0.0.0"), "0.0.0.0"),
    ("webhook_port", lambda d: d.webhooks.port.setText("9100"), 9100),
    ("recordings_cache_mb", lambda d: d.general.recordings_cache.setValue(2000), 2000),
    ("start_on_login", lambda d: d.general.start_on_login.setChecked(True), True),
]  # fmt: skip


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


@pytest.mark.parametrize(("name", "edit", "saved"), EDITS, ids=[e[0] for e in EDITS])
def test_ok_saves_each_setting(
    qtbot: Any, config_dir: Path, name: str, edit: Edit, saved: Any
) -> None:
    settings = configured(config_dir)
    assert settings.get(name) != saved
    dialog = open_dialog(qtbot, settings)
    edit(dialog)
    ok_and_wait(qtbot, dialog)
    assert settings.get(name) == saved
    assert name in dialog.changed
    reopened = open_dialog(qtbot, st.Settings.open(config_dir, admin=st.AdminConfig()))
    assert reopened.settings.get(name) == saved  # on disk, and shown again as saved
    ok_and_wait(qtbot, reopened)
    assert reopened.changed == set()


@pytest.mark.parametrize(("name", "edit", "saved"), EDITS, ids=[e[0] for e in EDITS])
def test_cancel_keeps_each_setting(
    qtbot: Any, config_dir: Path, name: str, edit: Edit, saved: Any
) -> None:
    settings = configured(config_dir)
    before = {key: settings.get(key) for key in st.REGISTRY}
    ini_before = (config_dir / "iexpbx-desktop.ini").read_text()
    dialog = open_dialog(qtbot, settings)
    edit(dialog)
    press(qtbot, dialog, CANCEL)
    discard_when_asked(qtbot, dialog)  # each edit counts as a change
    assert not dialog.isVisible()
    assert {key: settings.get(key) for key in st.REGISTRY} == before
    assert (config_dir / "iexpbx-desktop.ini").read_text() == ini_before


# (the bad input, words of the reason shown, the page that shows it)
BAD: list[tuple[str, Edit, str, str]] = [
    ("crm-ftp", lambda d: d.popups.crm.setText("ftp://crm.example.com/{number}"),
     "must be a web address starting with http:// or https://", "popups"),
    ("crm-no-host", lambda d: d.popups.crm.setText("https:///{number}"),
     "http:// or https://", "popups"),
    ("crm-no-number", lambda d: d.popups.crm.setText("https://crm.example.com/search"),
     "needs {number} where the caller's number goes", "popups"),
    ("port-low", lambda d: d.webhooks.port.setText("80"), "from 1024 to 65535", "webhooks"),
    ("port-high", lambda d: d.webhooks.port.setText("70000"), "from 1024 to 65535", "webhooks"),
    ("port-text", lambda d: d.webhooks.port.setText("80a"), "from 1024 to 65535", "webhooks"),
    ("address", lambda d: d.webhooks.address.setEditText("my pc"),
     "IP address of this computer", "webhooks"),
    ("country", lambda d: d.numbers.country.setEditText("XX"),
     "Choose the country of the PBX from the list.", "numbers"),
    ("ignore", lambda d: d.popups.ignore.setText("0850*, boss"),
     "“boss” in the ignore list is not a number", "popups"),
    ("ignore-star", lambda d: d.popups.ignore.setText("*"), "“*” in the ignore list", "popups"),
    ("ignore-long", lambda d: d.popups.ignore.setText(",".join(["4441234"] * 250)),
     "The ignore list is too long", "popups"),
    ("program-missing", lambda d: d.popups.program.setText("/no/such/program-here"),
     "No program /no/such/program-here was found", "popups"),
    ("arguments-without-program", lambda d: d.popups.arguments.setText("{number}"),
     "Choose the program to start", "popups"),
    ("arguments-quote", lambda d: (edit_program(d), d.popups.arguments.setText('"{name}')),
     "a quote that is not closed", "popups"),
    ("arguments-placeholder", lambda d: (edit_program(d), d.popups.arguments.setText("{nmber}")),
     "{nmber} is not one of the placeholders", "popups"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "reason", "page"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_keeps_the_dialog_open_with_the_reason_and_saves_nothing(
    qtbot: Any, config_dir: Path, edit: Edit, reason: str, page: str
) -> None:
    settings = configured(config_dir)
    before = {key: settings.get(key) for key in st.REGISTRY}
    ini_before = (config_dir / "iexpbx-desktop.ini").read_text()
    dialog = open_dialog(qtbot, settings)
    dialog.general.start_on_login.setChecked(True)  # a good change on another page
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    edit(dialog)
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert reason in dialog.error.text()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is getattr(dialog, page)  # the field is in view
    assert {key: settings.get(key) for key in st.REGISTRY} == before
    assert (config_dir / "iexpbx-desktop.ini").read_text() == ini_before
    assert dialog.changed == set()


def test_bad_input_is_refused_in_the_demo_too(qtbot: Any) -> None:
    dialog = open_dialog(qtbot, st.Settings.ephemeral(), account_editable=False)
    dialog.webhooks.port.setText("99999")
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "from 1024 to 65535" in dialog.error.text()
    assert dialog.settings.get("webhook_port") == 8719
    dialog.webhooks.port.setText("9001")
    dialog.popups.corner.setCurrentIndex(dialog.popups.corner.findData("top_right"))
    ok_and_wait(qtbot, dialog)
    assert dialog.changed == {"webhook_port", "popup_corner"}
    assert dialog.settings.get("server_url") == ""


def test_the_crm_check_shows_the_address_opened_or_the_problem(
    qtbot: Any, config_dir: Path
) -> None:
    dialog = open_dialog(qtbot, configured(config_dir))
    dialog.popups.crm.setText("https://crm.example.com/search?phone={number}")
    assert dialog.popups.crm_check.text() == (
        "For 05321234567 it opens: https://crm.example.com/search?phone=05321234567"
    )
    dialog.popups.crm.setText("crm.example.com/{number}")
    assert "http:// or https://" in dialog.popups.crm_check.text()


def test_locked_settings_are_greyed_shown_and_kept(qtbot: Any, config_dir: Path) -> None:
    admin = st.AdminConfig.from_mapping({
        "country": "XX",  # unknown to the phone library, yet the admin's to decide
        "popup_corner": "top_left", "webhook_port": "9999", "crm_url_template": "",
        "start_on_login": "true", "recordings_cache_mb": "50", "incoming_call_program": "",
        "locked": "country,popup_corner,webhook_port,crm_url_template,start_on_login,"
                  "recordings_cache_mb,incoming_call_program",
    })  # fmt: skip
    settings = configured(config_dir, admin)
    dialog = open_dialog(qtbot, settings)
    locked = [dialog.numbers.country, dialog.popups.corner, dialog.webhooks.port,
              dialog.popups.crm, dialog.general.start_on_login, dialog.general.recordings_cache,
              dialog.popups.program, dialog.popups.browse]  # fmt: skip
    for widget in locked:
        assert not widget.isEnabled(), widget
        assert widget.toolTip() == "Set by your administrator"
    assert dialog.popups.corner.currentData() == "top_left"
    assert dialog.webhooks.port.text() == "9999"
    assert dialog.general.start_on_login.isChecked()
    assert dialog.general.recordings_cache.value() == 50
    assert dialog.popups.ignore.isEnabled() and dialog.webhooks.address.isEnabled()
    dialog.popups.ignore.setText("4441234")
    ok_and_wait(qtbot, dialog)
    assert settings.get("popup_ignore") == "4441234"
    assert settings.get("country") == "XX" and settings.get("webhook_port") == 9999
    assert dialog.changed == {"popup_ignore"}


def test_the_outgoing_format_examples_follow_the_country(qtbot: Any, config_dir: Path) -> None:
    dialog = open_dialog(qtbot, configured(config_dir))
    page = dialog.numbers
    assert page.country.currentText() == "Türkiye (TR)"

    def examples() -> dict[str, str]:
        return {name: b.text() for name, b in page.format_buttons.items()}

    assert examples() == {
        "as_typed": "As typed: +905012345678",
        "national": "National, with the trunk prefix: 05012345678",
        "international": "International, without +: 905012345678",
    }
    assert "+90 501 234 56 78" in page.example_hint.text()
    page.country.setEditText("germany")  # typed, as a user would: a name finds its country
    assert page.country.country() == "DE"
    assert examples() == {
        "as_typed": "As typed: +4915123456789",
        "national": "National, with the trunk prefix: 015123456789",
        "international": "International, without +: 4915123456789",
    }
    assert "+49 1512 3456789" in page.example_hint.text()
    page.country.setEditText("Atlantis")
    assert page.format_buttons["national"].text() == "National, with the trunk prefix"
    assert page.example_hint.text() == "Choose a country to see examples."


START = "http://192.0.2.10:8719/k3y-0123456789abcdef/start?chanid={chanid}&src={src}"
HANGUP = "http://192.0.2.10:8719/k3y-0123456789abcdef/hangup?chanid={chanid}&status={status}"


def test_webhook_templates_appear_when_given_and_copy_puts_them_on_the_clipboard(
    qtbot: Any, config_dir: Path
) -> None:
    dialog = open_dialog(qtbot, configured(config_dir))
    dialog.tabs.setCurrentWidget(dialog.webhooks)
    page = dialog.webhooks
    assert page.templates_hint.isVisible()
    assert "appear here once the webhook receiver runs" in page.templates_hint.text()
    assert not page.start_url.isVisible() and not page.copy_start.isVisible()

    dialog.set_webhook_templates(START, HANGUP)
    assert not page.templates_hint.isVisible()
    assert page.start_url.isVisible() and page.start_url.isReadOnly()
    assert page.start_url.toPlainText() == START and page.hangup_url.toPlainText() == HANGUP
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("something else")
    qtbot.mouseClick(page.copy_start, Qt.MouseButton.LeftButton)
    assert clipboard.text() == START
    assert page.copied.text() == "The call-start URL is on the clipboard."
    qtbot.mouseClick(page.copy_hangup, Qt.MouseButton.LeftButton)
    assert clipboard.text() == HANGUP

    dialog.set_webhook_templates("", "")  # the receiver stopped
    assert page.templates_hint.isVisible() and not page.hangup_url.isVisible()


def certificate() -> CertificateInfo:
    pairs = ":".join(["AB"] * 32)
    expires = datetime(2030, 1, 1, tzinfo=UTC)
    return CertificateInfo("-----BEGIN CERTIFICATE-----\n", pairs, "CN=pbx.local",
                           "CN=pbx.local", expires, False)  # fmt: skip


@pytest.fixture(params=["en", "tr"])
def language(request: Any, qapp: Any) -> Iterator[str]:
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


def shortcut_letters(widgets: list[Any]) -> list[str]:
    texts = [w.text() for w in widgets if isinstance(w, QAbstractButton | QLabel)]
    found = (re.search(r"&([^&])", t.replace("&&", "")) for t in texts)
    return [match.group(1).lower() for match in found if match]


def test_every_page_fits_640_px_and_its_shortcuts_are_unique(
    qtbot: Any, config_dir: Path, language: str
) -> None:
    dialog = open_dialog(qtbot, configured(config_dir))
    qtbot.waitExposed(dialog)
    tabs = dialog.tabs.findChild(QTabBar)
    assert tabs is not None
    tab_texts = [tabs.tabText(i) for i in range(tabs.count())]
    buttons: list[QWidget] = list(dialog.buttons.buttons())
    # The worst case on the Connection page: a plain-http warning and a certificate to check.
    dialog.server.setText("http://pbx.example.com")
    dialog.certificate.show_certificate(certificate(), changed=True, can_trust=True)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        dialog._refit()
        qtbot.wait(1)
        assert dialog.height() <= 640, (tab_texts[index], dialog.height())
        page = dialog.tabs.widget(index)
        widgets = [*page.findChildren(QWidget), *buttons]
        letters = shortcut_letters(widgets)
        letters += [m.group(1).lower() for t in tab_texts if (m := re.search(r"&([^&])", t))]
        assert len(letters) == len(set(letters)), (language, tab_texts[index], letters)


@pytest.mark.parametrize(("edit", "reason", "page"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_the_reason_goes_as_soon_as_its_field_is_edited(
    qtbot: Any, config_dir: Path, edit: Edit, reason: str, page: str
) -> None:
    dialog = open_dialog(qtbot, configured(config_dir))
    qtbot.waitExposed(dialog)
    edit(dialog)
    press(qtbot, dialog, OK)
    qtbot.waitUntil(dialog.error.isVisible)
    assert reason in dialog.error.text()
    dialog.general.start_on_login.toggle()  # another field: the reason still stands
    assert dialog.error.isVisible() and reason in dialog.error.text()
    field = dialog.focusWidget()
    assert field is not None and getattr(dialog, page).isAncestorOf(field)
    text = field.currentText() if isinstance(field, QComboBox) else field.text()
    qtbot.keyClick(field, Qt.Key.Key_Backspace if text else Qt.Key.Key_X)  # correcting it
    assert not dialog.error.isVisible() and dialog.error.text() == ""
