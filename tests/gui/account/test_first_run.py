"""First-run wizard, driven like a user would: against the simulator and faked TLS/keyrings."""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import pytest
from keyring_doubles import MemoryKeyring, RaisingKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

import desktop.services.connection_check as connection_check
from desktop import settings as st
from desktop.credentials import SERVICE_NAME, CredentialState, CredentialStore
from desktop.pbx import Extension, PbxApiError, PbxCertificateError
from desktop.pbx.tls import CertificateInfo
from desktop.server_address import local_timezone_name
from desktop.ui.account.first_run import FirstRunWizard

SIM_USER, SIM_PASSWORD = "apiuser", "Sim-Şifre-42"
FP_A = ":".join(["3F", "A9", "C0", "11"] * 8)
FP_B = ":".join(["77", "01", "BE", "EF"] * 8)
PEM_A = "-----BEGIN CERTIFICATE-----\nQUFB\n-----END CERTIFICATE-----\n"
PEM_B = "-----BEGIN CERTIFICATE-----\nQkJC\n-----END CERTIFICATE-----\n"
FAKE_EXTENSIONS = [
    Extension("101", "Resepsiyon", "OK (5 ms)", True, 5),
    Extension("102", "Ayşe Yılmaz", "UNREACHABLE", False, None),
]


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


@pytest.fixture
def settings(config_dir: Path) -> st.Settings:
    return st.Settings.open(config_dir, admin=st.AdminConfig())


@pytest.fixture(scope="module")
def simulator() -> Iterator[tuple[str, Any]]:
    from desktop.simulator import SimulatorConfig, SimulatorThread

    config = SimulatorConfig(seed=3, username=SIM_USER, password=SIM_PASSWORD, extensions=12)
    thread = SimulatorThread(config)
    url = thread.start()
    yield url, config
    thread.stop()


class FakePbx:
    """Stands in for the network: a certificate to probe and an extension list."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, info: CertificateInfo | None) -> None:
        self.info = info
        self.fetches: list[Any] = []
        self.fail_with: Exception | None = None
        monkeypatch.setattr(connection_check, "probe_certificate", self.probe)
        monkeypatch.setattr(connection_check, "fetch_extensions", self.fetch)
        monkeypatch.setattr(connection_check, "pinned_context", lambda pem: ("pinned", pem))

    async def probe(self, url: str, *, timeout: float = 10.0) -> CertificateInfo:
        assert self.info is not None
        return self.info

    async def fetch(self, url: str, user: str, password: str, **kw: Any) -> list[Extension]:
        self.fetches.append(kw["verify"])
        if self.fail_with is not None:
            raise self.fail_with
        return FAKE_EXTENSIONS


def certificate(pem: str, sha: str, trusted: bool = False) -> CertificateInfo:
    expires = datetime.datetime(2031, 5, 1, tzinfo=datetime.UTC)
    return CertificateInfo(pem, sha, "CN=pbx.local", "CN=pbx.local", expires, trusted)


def make_wizard(qtbot: Any, settings: st.Settings, creds: CredentialStore) -> FirstRunWizard:
    wizard = FirstRunWizard(settings, creds)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def fill_server_page(wizard: FirstRunWizard, url: str, user: str, password: str) -> None:
    page = wizard.server_page
    page.server.setText(url)
    page.username.setText(user)
    page.password.setText(password)


def next_button(wizard: FirstRunWizard) -> Any:
    return wizard.button(QWizard.WizardButton.NextButton)


def go_to_extensions(qtbot: Any, wizard: FirstRunWizard) -> None:
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.connect_page


def wait_for_extensions(qtbot: Any, wizard: FirstRunWizard, count: int) -> None:
    qtbot.waitUntil(lambda: wizard.connect_page.model.rowCount() == count, timeout=10_000)


def pick(qtbot: Any, wizard: FirstRunWizard, number: str) -> None:
    page = wizard.connect_page
    page.search.setText(number)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    page.list.setCurrentIndex(page.proxy.index(0, 0))
    assert next_button(wizard).isEnabled()
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.finish_page


def finish(qtbot: Any, wizard: FirstRunWizard) -> None:
    button = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def all_config_text(config_dir: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in config_dir.rglob("*") if p.is_file())


# --- the whole way, against the simulator -----------------------------------------------------


def test_setup_against_the_simulator_saves_the_password_only_in_the_keyring(
    qtbot: Any,
    simulator: tuple[str, Any],
    memory_keyring: MemoryKeyring,
    settings: st.Settings,
    config_dir: Path,
) -> None:
    url, config = simulator
    wizard = make_wizard(qtbot, settings, CredentialStore())
    fill_server_page(wizard, url + "/", SIM_USER, SIM_PASSWORD)
    assert wizard.server_page.http_warning.isVisible()  # simulator speaks plain http
    go_to_extensions(qtbot, wizard)
    wait_for_extensions(qtbot, wizard, config.extensions)
    page = wizard.connect_page
    numbers = [page.proxy.index(r, 0).data(page.model.NUMBER_ROLE) for r in range(12)]
    assert len(set(numbers)) == 12 and all(numbers)
    chosen = numbers[3]
    assert "Connected" in page.status.text()
    pick(qtbot, wizard, chosen)
    qtbot.waitUntil(lambda: wizard.finish_page.keyring.isEnabled())
    assert wizard.finish_page.timezone.zone() == local_timezone_name()
    wizard.finish_page.timezone.set_zone("Europe/Istanbul")
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish(qtbot, wizard)

    outcome = wizard.outcome
    assert outcome is not None
    assert (outcome.server_url, outcome.username, outcome.extension) == (url, SIM_USER, chosen)
    assert outcome.timezone == "Europe/Istanbul" and outcome.pinned is None
    assert outcome.remember_password and outcome.credential_state is CredentialState.STORED
    assert memory_keyring.passwords == {(SERVICE_NAME, f"{SIM_USER}@{url}"): SIM_PASSWORD}
    settings.sync()
    saved = all_config_text(config_dir)
    assert chosen in saved and "Europe/Istanbul" in saved
    assert SIM_PASSWORD not in saved
    assert SIM_PASSWORD not in repr(outcome)
    reread = st.Settings.open(config_dir, admin=st.AdminConfig())
    assert reread.get("server_url") == url and reread.get("extension") == chosen
    assert reread.is_configured()


def test_wrong_password_is_explained_and_back_lets_the_user_fix_it(
    qtbot: Any, simulator: tuple[str, Any], memory_keyring: MemoryKeyring, settings: st.Settings
) -> None:
    url, config = simulator
    wizard = make_wizard(qtbot, settings, CredentialStore())
    fill_server_page(wizard, url, SIM_USER, "wrong")
    go_to_extensions(qtbot, wizard)
    page = wizard.connect_page
    qtbot.waitUntil(lambda: page.retry.isVisible(), timeout=10_000)
    assert "Back" in page.status.text()
    assert page.model.rowCount() == 0 and not next_button(wizard).isEnabled()
    assert "wrong" not in page.status.text()
    wizard.back()
    assert wizard.currentPage() is wizard.server_page
    wizard.server_page.password.setText(SIM_PASSWORD)
    go_to_extensions(qtbot, wizard)
    wait_for_extensions(qtbot, wizard, config.extensions)
    assert not page.retry.isVisible()


def test_cancel_writes_nothing(
    qtbot: Any,
    settings: st.Settings,
    config_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    FakePbx(monkeypatch, certificate(PEM_A, FP_A, trusted=True))
    wizard = make_wizard(qtbot, settings, CredentialStore())
    fill_server_page(wizard, "https://pbx.example.com", "api", "pw")
    go_to_extensions(qtbot, wizard)
    wait_for_extensions(qtbot, wizard, len(FAKE_EXTENSIONS))
    pick(qtbot, wizard, "101")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.cancel_box is not None and wizard.cancel_box.isVisible())
    box = wizard.cancel_box
    (cancel_setup,) = [b for b in box.buttons() if b.text() == "&Cancel setup"]
    with qtbot.waitSignal(wizard.rejected):
        qtbot.mouseClick(cancel_setup, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible() and wizard.outcome is None
    assert not settings.is_configured()
    assert memory_keyring.passwords == {}
    assert not (config_dir / "iexpbx-desktop.ini").exists()


# --- the server page ------------------------------------------------------------------------


def test_plain_http_warning_follows_the_address(qtbot: Any, settings: st.Settings) -> None:
    wizard = make_wizard(qtbot, settings, CredentialStore.session_only())
    page = wizard.server_page
    page.server.setText("http://10.0.0.5")
    assert page.http_warning.isVisible()
    assert "unencrypted" in page.http_warning.text()
    page.server.setText("https://pbx.example.com")
    assert not page.http_warning.isVisible()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://admin:hunter2@pbx.example.com", "user name or password"),
        ("pbx.example.com/api?password=hunter2", "password"),
        ("ftp://pbx.example.com", "http:// or https://"),
    ],
)
def test_unsafe_address_is_refused_on_next(
    qtbot: Any, settings: st.Settings, typed: str, expected: str
) -> None:
    wizard = make_wizard(qtbot, settings, CredentialStore.session_only())
    fill_server_page(wizard, typed, "api", "pw")
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.server_page
    assert expected in wizard.server_page.error.text()
    assert "hunter2" not in wizard.server_page.error.text()


def test_address_is_normalised_when_moving_on(
    qtbot: Any, settings: st.Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakePbx(monkeypatch, certificate(PEM_A, FP_A, trusted=True))
    wizard = make_wizard(qtbot, settings, CredentialStore.session_only())
    fill_server_page(wizard, " PBX.example.com/api/old/get ", "api", "pw")
    go_to_extensions(qtbot, wizard)
    assert wizard.server_url == "https://pbx.example.com"
    assert wizard.server_page.server.text() == "https://pbx.example.com"


def test_admin_locked_server_is_shown_but_not_editable(qtbot: Any, config_dir: Path) -> None:
    admin = st.AdminConfig.from_mapping(
        {"server_url": "https://pbx.corp.example", "locked": "server_url"}
    )
    settings = st.Settings.open(config_dir, admin=admin)
    wizard = make_wizard(qtbot, settings, CredentialStore.session_only())
    field = wizard.server_page.server
    assert field.text() == "https://pbx.corp.example"
    assert not field.isEnabled() and field.toolTip() == "Set by your administrator"


# --- certificates ---------------------------------------------------------------------------


def test_self_signed_certificate_is_shown_and_exactly_it_is_trusted(
    qtbot: Any,
    settings: st.Settings,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakePbx(monkeypatch, certificate(PEM_A, FP_A))
    wizard = make_wizard(qtbot, settings, CredentialStore())
    fill_server_page(wizard, "pbx.local", "api", "pw")
    go_to_extensions(qtbot, wizard)
    panel = wizard.connect_page.certificate
    qtbot.waitUntil(panel.isVisible)
    assert fake.fetches == []  # no password sent before the user decides
    shown = panel.fingerprint.text().replace("\n", ":")
    assert shown == FP_A
    assert "CN=pbx.local" in panel.details.text()
    assert not next_button(wizard).isEnabled()
    panel.trust.setChecked(True)
    wait_for_extensions(qtbot, wizard, len(FAKE_EXTENSIONS))
    assert fake.fetches == [("pinned", PEM_A)]
    pick(qtbot, wizard, "102")
    qtbot.waitUntil(lambda: wizard.finish_page.keyring.isEnabled())
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        finish(qtbot, wizard)
    assert wizard.outcome is not None and wizard.outcome.pinned is not None
    assert wizard.outcome.pinned.sha256 == FP_A
    assert settings.get("tls_pinned_pem") == PEM_A
    assert settings.get("tls_pinned_sha256") == FP_A
    assert settings.get("extension") == "102"


def test_markup_from_the_certificate_and_the_pbx_is_shown_as_written(
    qtbot: Any,
    settings: st.Settings,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    link = '<a href="https://evil.example">Police</a>'
    expires = datetime.datetime(2031, 5, 1, tzinfo=datetime.UTC)
    fake = FakePbx(monkeypatch, CertificateInfo(PEM_A, FP_A, link, "CN=ca", expires, False))
    fake.fail_with = PbxApiError("The PBX refused the request.", server_message=link)
    wizard = make_wizard(qtbot, settings, CredentialStore())
    fill_server_page(wizard, "pbx.local", "api", "pw")
    go_to_extensions(qtbot, wizard)
    page = wizard.connect_page
    qtbot.waitUntil(page.certificate.isVisible)
    assert page.certificate.details.textFormat() == Qt.TextFormat.PlainText
    assert f"Issued to: {link}" in page.certificate.details.text()
    page.certificate.trust.setChecked(True)
    qtbot.waitUntil(page.retry.isVisible, timeout=5000)
    assert page.status.textFormat() == Qt.TextFormat.PlainText
    assert link in page.status.text()


def test_changed_certificate_is_refused_with_a_clear_warning(
    qtbot: Any, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = st.Settings.open(config_dir, admin=st.AdminConfig())
    settings.set("server_url", "https://pbx.local")
    settings.set("tls_pinned_pem", PEM_A)
    settings.set("tls_pinned_sha256", FP_A)
    fake = FakePbx(monkeypatch, certificate(PEM_B, FP_B))
    fake.fail_with = PbxCertificateError("The PBX's certificate is not trusted.")
    wizard = make_wizard(qtbot, settings, CredentialStore.session_only())
    fill_server_page(wizard, "https://pbx.local", "api", "pw")
    go_to_extensions(qtbot, wizard)
    page = wizard.connect_page
    qtbot.waitUntil(page.certificate.isVisible)
    assert fake.fetches == [("pinned", PEM_A)]  # the old pin was used and refused
    assert "changed" in page.certificate.warning.text()
    assert page.certificate.fingerprint.text().replace("\n", ":") == FP_B
    assert "not trusted" in page.status.text()
    assert page.model.rowCount() == 0 and not next_button(wizard).isEnabled()


def test_admin_pinned_certificate_cannot_be_replaced(
    qtbot: Any, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = st.AdminConfig.from_mapping(
        {
            "tls_pinned_pem": PEM_A,
            "tls_pinned_sha256": FP_A,
            "locked": "tls_pinned_pem, tls_pinned_sha256",
        }
    )
    settings = st.Settings.open(config_dir, admin=admin)
    fake = FakePbx(monkeypatch, certificate(PEM_B, FP_B))
    fake.fail_with = PbxCertificateError("The PBX's certificate is not trusted.")
    wizard = make_wizard(qtbot, settings, CredentialStore.session_only())
    fill_server_page(wizard, "https://pbx.local", "api", "pw")
    go_to_extensions(qtbot, wizard)
    panel = wizard.connect_page.certificate
    qtbot.waitUntil(panel.isVisible)
    assert not panel.trust.isVisible()
    assert "administrator" in panel.warning.text()


# --- keyring problems -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "state", "words"),
    [
        (keyring.errors.NoKeyringError("none"), CredentialState.NO_BACKEND, "no secure"),
        (
            keyring.errors.InitError("Failed to unlock the collection: Prompt dismissed."),
            CredentialState.LOCKED,
            "locked",
        ),
        (keyring.errors.KeyringLocked("locked"), CredentialState.LOCKED, "locked"),
    ],
)
def test_keyring_problem_is_explained_and_session_only_offered(
    qtbot: Any,
    settings: st.Settings,
    monkeypatch: pytest.MonkeyPatch,
    exc: Exception,
    state: CredentialState,
    words: str,
) -> None:
    FakePbx(monkeypatch, certificate(PEM_A, FP_A, trusted=True))
    creds = CredentialStore(RaisingKeyring(exc))
    wizard = make_wizard(qtbot, settings, creds)
    fill_server_page(wizard, "https://pbx.example.com", "api", "pw-123")
    go_to_extensions(qtbot, wizard)
    wait_for_extensions(qtbot, wizard, len(FAKE_EXTENSIONS))
    pick(qtbot, wizard, "101")
    page = wizard.finish_page
    qtbot.waitUntil(lambda: not page.keyring.isEnabled())
    assert words in page.state.text().lower()
    assert "session" in page.state.text()
    assert page.session.isChecked()
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        finish(qtbot, wizard)
    assert wizard.outcome is not None
    assert wizard.outcome.remember_password is False
    assert wizard.outcome.credential_state is CredentialState.SESSION_ONLY
    result = wait_result(qtbot, creds.load("api", "https://pbx.example.com"))
    assert result.state is CredentialState.SESSION_ONLY and result.password == "pw-123"
    assert state.is_problem


def test_keyring_failing_only_on_save_still_offers_session_only(
    qtbot: Any, settings: st.Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    class SaveFails(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.PasswordSetError("write refused")

    FakePbx(monkeypatch, certificate(PEM_A, FP_A, trusted=True))
    wizard = make_wizard(qtbot, settings, CredentialStore(SaveFails()))
    fill_server_page(wizard, "https://pbx.example.com", "api", "pw")
    go_to_extensions(qtbot, wizard)
    wait_for_extensions(qtbot, wizard, len(FAKE_EXTENSIONS))
    pick(qtbot, wizard, "101")
    page = wizard.finish_page
    qtbot.waitUntil(page.keyring.isEnabled)
    finish(qtbot, wizard)
    qtbot.waitUntil(lambda: page.session.isChecked())
    assert "error" in page.state.text() and wizard.isVisible() and wizard.outcome is None
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        finish(qtbot, wizard)
    assert wizard.outcome is not None
    assert wizard.outcome.credential_state is CredentialState.SESSION_ONLY


def wait_result(qtbot: Any, coro: Any) -> Any:
    task = asyncio.get_event_loop().create_task(coro)
    qtbot.waitUntil(task.done, timeout=5000)
    return task.result()


# -- an administrator's locked address; the extension list explains itself -----------------------


def test_a_locked_address_opens_with_focus_where_typing_goes_and_enter_never_cancels(
    qtbot: Any, config_dir: Path
) -> None:
    admin = st.AdminConfig(
        values={"server_url": "https://pbx.corp.example"}, locked=frozenset({"server_url"})
    )
    settings = st.Settings.open(config_dir, admin=admin)
    wizard = FirstRunWizard(settings, CredentialStore.session_only())
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    page = wizard.server_page
    assert not page.server.isEnabled()
    qtbot.waitUntil(lambda: wizard.focusWidget() is page.username)
    qtbot.keyClicks(wizard.focusWidget(), "api")
    assert page.username.text() == "api"
    with qtbot.assertNotEmitted(wizard.rejected):
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
        wizard.button(QWizard.WizardButton.CancelButton).setFocus()
        qtbot.keyClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.Key.Key_Return)
    assert wizard.isVisible() and wizard.currentPage() is page


def test_the_wizard_opens_centred_on_the_main_window(qtbot: Any, settings: st.Settings) -> None:
    from PySide6.QtWidgets import QMainWindow

    main = QMainWindow()
    qtbot.addWidget(main)
    main.setGeometry(300, 200, 1000, 700)
    main.show()
    wizard = FirstRunWizard(settings, CredentialStore.session_only(), main)
    with qtbot.waitExposed(wizard):
        wizard.show()
    assert abs(wizard.frameGeometry().center().x() - main.frameGeometry().center().x()) <= 2
    assert abs(wizard.frameGeometry().center().y() - main.frameGeometry().center().y()) <= 2


def test_greyed_extensions_have_a_legend_and_readable_tooltips(
    qtbot: Any, settings: st.Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakePbx(monkeypatch, certificate(PEM_A, FP_A, trusted=True))
    wizard = make_wizard(qtbot, settings, CredentialStore.session_only())
    fill_server_page(wizard, "https://pbx.local", "api", "pw")
    go_to_extensions(qtbot, wizard)
    wait_for_extensions(qtbot, wizard, 2)
    page = wizard.connect_page
    assert page.legend.isVisible() and "Greyed" in page.legend.text()
    tips = [page.proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in range(2)]
    assert tips == ["Phone connected (answers in 5 ms)",
                    "Phone not reachable: it is off or has lost its connection"]  # fmt: skip
    assert not any("UNREACHABLE" in tip for tip in tips)


def test_back_after_a_refused_password_puts_the_cursor_in_the_password_field(
    qtbot: Any, simulator: tuple[str, Any], memory_keyring: MemoryKeyring, settings: st.Settings
) -> None:
    url, _config = simulator
    wizard = make_wizard(qtbot, settings, CredentialStore())
    fill_server_page(wizard, url, SIM_USER, "wrong")
    go_to_extensions(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.connect_page.retry.isVisible(), timeout=10_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    page = wizard.server_page
    assert wizard.currentPage() is page
    qtbot.waitUntil(lambda: page.password.hasFocus())
    assert page.password.selectedText() == "wrong"
    qtbot.keyClicks(wizard.focusWidget(), "typed")  # replaces the wrong one
    assert page.password.text() == "typed" and page.server.text() == url


def test_search_then_down_or_enter_picks_an_extension_from_the_keyboard(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    settings: st.Settings,
) -> None:
    FakePbx(monkeypatch, certificate(PEM_A, FP_A, trusted=True))
    wizard = make_wizard(qtbot, settings, CredentialStore())
    fill_server_page(wizard, "https://pbx.example.com", SIM_USER, SIM_PASSWORD)
    go_to_extensions(qtbot, wizard)
    wait_for_extensions(qtbot, wizard, 2)
    page = wizard.connect_page
    page.search.setFocus()
    qtbot.keyClicks(page.search, "10")  # both match: nothing chosen yet
    assert not next_button(wizard).isEnabled()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.list.hasFocus() and page.selected_extension() == "101"
    assert next_button(wizard).isEnabled()
    page.list.clearSelection()
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter picks the first match
    assert page.selected_extension() == "101" and wizard.currentPage() is page
    page.search.clear()
    qtbot.keyClicks(page.search, "ay")  # one match left: it is picked
    assert page.selected_extension() == "102" and next_button(wizard).isEnabled()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter on the pick goes on
    assert wizard.currentPage() is wizard.finish_page
    assert wizard.extension == "102"


def test_the_time_zone_error_goes_as_soon_as_the_zone_is_edited(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring,
    settings: st.Settings,
) -> None:  # fmt: skip
    FakePbx(monkeypatch, certificate(PEM_A, FP_A, trusted=True))
    wizard = make_wizard(qtbot, settings, CredentialStore())
    fill_server_page(wizard, "https://pbx.example.com", SIM_USER, SIM_PASSWORD)
    go_to_extensions(qtbot, wizard)
    wait_for_extensions(qtbot, wizard, 2)
    pick(qtbot, wizard, "101")
    page = wizard.finish_page
    page.timezone.setEditText("Nowhere/Atlantis")
    finish(qtbot, wizard)
    assert page.error.text() == "Choose a time zone from the list."
    qtbot.keyClick(page.timezone, Qt.Key.Key_Backspace)
    assert page.error.text() == ""
