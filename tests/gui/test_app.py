"""The app as main() builds it: demo mode, connection health, hang up / dial, first run,
keyring problems, diagnostics, language, saved layout, logging, and the command line run
as a real process."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring_doubles import LockedKeyring, MemoryKeyring

from desktop import __version__, cli, i18n
from desktop import settings as st
from desktop.app import App
from desktop.credentials import SERVICE_NAME, CredentialStore, account_key
from desktop.logging_setup import LOG_BACKUPS, LOG_MAX_BYTES, setup_logging
from desktop.ui.calls.calls_model import COL_CHANNEL, COL_DURATION
from desktop.ui.shell.about_dialog import AboutDialog

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 15_000


@pytest.fixture(autouse=True)
def system_language(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The "system" language is English here whatever the machine's locale; a test may
    append another locale name. English is installed again afterwards."""
    from PySide6.QtCore import QLocale

    system = ["en_US"]
    choose = i18n.choose_language
    monkeypatch.setattr(
        i18n, "choose_language", lambda setting, _locale=None: choose(setting, QLocale(system[-1]))
    )
    before = QLocale()
    yield system
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


def tab_titles(app: App) -> list[str]:
    return [app.window.tabs.tabText(i) for i in range(app.window.tabs.count())]


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    return task.result()


@pytest.fixture
def started(qtbot: Any) -> Iterator[list[App]]:
    """Apps a test started; shut down at the end even when the test fails."""
    apps: list[App] = []
    yield apps
    for app in apps:
        run(qtbot, app.shutdown())


def start(qtbot: Any, started: list[App], app: App) -> App:
    started.append(app)
    run(qtbot, app.start())
    return app


def configured_app(tmp_path: Path, simulator: Any, keyring: KeyringBackend, **values: Any) -> App:
    settings = st.Settings.open(tmp_path, admin=st.AdminConfig())
    settings.set(st.SERVER_URL, simulator.base_url)
    settings.set(st.USERNAME, simulator.username)
    settings.set(st.EXTENSION, "101")
    settings.set(st.POLL_INTERVAL_S, 0.5)
    for name, value in values.items():
        settings.set(name, value)
    options = cli.parse_args(["--config-dir", str(tmp_path)])
    return App(options, credentials=CredentialStore(keyring))


def stored_keyring(simulator: Any) -> MemoryKeyring:
    keyring = MemoryKeyring()
    url = st.normalize_server_url(simulator.base_url)
    keyring.passwords[(SERVICE_NAME, account_key(simulator.username, url))] = simulator.password
    return keyring


# ---------------------------------------------------------------- demo mode
def test_demo_mode_starts_and_lists_live_calls(qtbot: Any, started: list[App]) -> None:
    app = start(qtbot, started, App(cli.parse_args(["--demo"])))
    window = app.window
    assert window.isVisible()
    assert "Demo" in window.windowTitle() and window.demo_badge.isVisible()
    model = window.calls_tab.model
    qtbot.waitUntil(lambda: model.rowCount() >= 1, timeout=WAIT_MS)
    assert window.connection_text().startswith("Online")
    assert app.demo_pbx is not None
    live = app.demo_pbx.thread.call(lambda sim: {c.channel for c in sim.switchboard.live_calls()})
    shown = {call.channel for call in model.calls()}
    assert shown & live, "the window shows the simulator's own calls"
    # Nothing of the user's is read or written: settings in memory, no keyring at all.
    assert app.settings.file_path is None and app.ui_state.file_path is None
    assert app.credentials is None
    assert app.log_file is None

    thread = app.demo_pbx.thread
    started.remove(app)
    run(qtbot, app.shutdown())
    assert not app.session.running and app.demo_pbx is None
    assert not thread._thread.is_alive()  # type: ignore[union-attr]


def test_hang_up_and_dial_reach_the_pbx(qtbot: Any, started: list[App]) -> None:
    app = start(qtbot, started, App(cli.parse_args(["--demo"])))
    model = app.window.calls_tab.model
    qtbot.waitUntil(lambda: model.rowCount() >= 1, timeout=WAIT_MS)
    assert app.demo_pbx is not None
    sim = app.demo_pbx.thread

    channel = model.calls()[0].channel
    app.window.hangup_requested.emit(channel)
    qtbot.waitUntil(lambda: channel not in {c.channel for c in model.calls()}, timeout=WAIT_MS)
    assert channel not in sim.call(lambda s: {c.channel for c in s.switchboard.live_calls()})

    app.window.dial_requested.emit("05321234567")
    message = app.window.statusBar().currentMessage
    qtbot.waitUntil(lambda: "then 0532 123 45 67 is dialled" in message())
    assert f"Your phone {app.settings.get(st.EXTENSION)} rings first" in message()
    extension = app.settings.get(st.EXTENSION)
    assert extension  # the demo desk is the first registered extension
    qtbot.waitUntil(
        lambda: any("05321234567" in (c.src + c.dst) for c in model.calls()), timeout=WAIT_MS
    )

    app.window.hangup_requested.emit("SIP/no-such-channel")
    qtbot.waitUntil(lambda: app.window.banner.isVisible())
    assert "could not be ended" in app.window.banner.text


def test_a_second_start_dial_request_opens_the_confirmation(qtbot: Any, started: list[App]) -> None:
    app = start(qtbot, started, App(cli.parse_args(["--demo"])))
    dialled: list[str] = []
    app.window.dial_requested.connect(dialled.append)
    app.activate("+905321234567")
    dialog = app.window.dial_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.number() == "+905321234567"
    assert dialled == []  # nothing is dialled before the user confirms
    dialog.accept()
    assert dialled == ["+905321234567"]


def test_qt_quitting_on_its_own_becomes_an_orderly_quit(
    qtbot: Any, started: list[App], qapp: Any
) -> None:
    """A desktop session ending makes Qt quit: the app shuts down cleanly instead."""
    from PySide6.QtCore import QCoreApplication, QEvent

    app = start(qtbot, started, App(cli.parse_args(["--demo"])))
    assert not app._quit.is_set()
    QCoreApplication.sendEvent(qapp, QEvent(QEvent.Type.Quit))
    assert app._quit.is_set()
    assert app.window.isVisible()  # Qt did not close it behind the app's back


def test_an_unusable_number_handed_over_is_explained_not_offered(
    qtbot: Any, started: list[App]
) -> None:
    app = start(qtbot, started, App(cli.parse_args(["--demo"])))
    app.activate("http://evil.example/?number=101")
    assert app.window.dial_dialog is None
    assert app.window.banner.isVisible()
    assert "“http:” are not phone numbers" in app.window.banner.text
    assert "evil" not in app.window.banner.text


# ---------------------------------------------------------------- connection health
def test_lost_pbx_shows_offline_then_online_without_user_action(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    window = app.window
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)
    assert "127.0.0.1" in window.connection_text()
    qtbot.waitUntil(lambda: window.calls_tab.model.rowCount() >= 1, timeout=WAIT_MS)

    simulator.thread.pause()
    qtbot.waitUntil(lambda: window.connection_text().startswith("Offline"), timeout=WAIT_MS)
    assert "could not be reached" in window.connection_text()
    assert window.banner.isVisible() and "keeps trying" in window.banner.text
    assert app.tray.state == "offline"
    assert window.calls_tab.model.rowCount() == 0  # no stale calls while offline

    simulator.thread.resume()
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)
    assert not window.banner.isVisible()
    assert app.tray.state == "online"
    qtbot.waitUntil(lambda: window.calls_tab.model.rowCount() >= 1, timeout=WAIT_MS)


@pytest.fixture
def quick_auth_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rejected password is retried after 0.3 s, 0.6 s and 1.2 s instead of minutes."""
    from desktop.services import session

    monkeypatch.setattr(session, "AUTH_RETRY_DELAYS", (0.3, 0.6, 1.2))


@pytest.fixture
def no_auth_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services import session

    monkeypatch.setattr(session, "AUTH_RETRY_DELAYS", ())


def test_a_pbx_rejecting_everyone_for_a_few_seconds_is_rejoined_alone(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any, quick_auth_retries: None
) -> None:
    """A PBX restarting answers 401 for a while: the app retries slowly and comes back."""
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    window = app.window
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)
    simulator.thread.set_fault("http401")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT_MS)
    assert "rejected the user name or password" in window.banner.text
    assert "keeps trying" in window.banner.text  # not yet "the password is wrong"
    simulator.thread.set_fault(None)
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)
    assert not window.banner.isVisible()


def test_after_the_last_retry_the_wrong_password_waits_for_the_user(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any, quick_auth_retries: None
) -> None:
    keyring = stored_keyring(simulator)
    for key in keyring.passwords:
        keyring.passwords[key] = "wrong-password"
    app = start(qtbot, started, configured_app(tmp_path, simulator, keyring))
    qtbot.waitUntil(lambda: app.session.status.waiting_for_user, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Check Settings" in app.window.banner.text, timeout=WAIT_MS)


def test_wrong_password_is_shown_once_and_waits_for_the_user(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any, no_auth_retries: None
) -> None:
    keyring = stored_keyring(simulator)
    for key in keyring.passwords:
        keyring.passwords[key] = "wrong-password"
    app = start(qtbot, started, configured_app(tmp_path, simulator, keyring))
    window = app.window
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT_MS)
    assert "rejected the user name or password" in window.banner.text
    assert "Check Settings" in window.banner.text
    assert app.session.status.waiting_for_user
    assert "wrong-password" not in window.banner.text


def test_network_changes_retry_at_once(qtbot: Any, started: list[App]) -> None:
    from PySide6.QtNetwork import QNetworkInformation

    app = start(qtbot, started, App(cli.parse_args(["--demo"])))
    if not app.network.start() or app.network.info is None:
        pytest.skip("no network-information backend on this machine")
    pokes: list[dict[str, Any]] = []
    app.session.poke = lambda **how: pokes.append(how)  # type: ignore[method-assign]
    reachability = QNetworkInformation.Reachability
    app.network.info.reachabilityChanged.emit(reachability.Online)
    assert pokes == [{"from_user": False}]  # a retry, but not the user asking


def test_a_network_change_does_not_retry_a_wrong_password(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any, no_auth_retries: None
) -> None:
    from PySide6.QtNetwork import QNetworkInformation

    keyring = stored_keyring(simulator)
    for key in keyring.passwords:
        keyring.passwords[key] = "wrong-password"
    app = start(qtbot, started, configured_app(tmp_path, simulator, keyring))
    qtbot.waitUntil(lambda: app.window.banner.isVisible(), timeout=WAIT_MS)
    assert app.session.status.waiting_for_user
    if not app.network.start() or app.network.info is None:
        pytest.skip("no network-information backend on this machine")
    states: list[str] = []
    app.window.set_connection_state = lambda state, *_details: states.append(state)  # type: ignore[method-assign]
    reachability = QNetworkInformation.Reachability
    for change in (reachability.Disconnected, reachability.Online, reachability.Online):
        app.network.info.reachabilityChanged.emit(change)
        assert not app.session.retry_pending  # decided at once: no try is on its way
    assert states == [] and app.session.status.waiting_for_user
    app.session.poke()  # the user's own retry is made
    qtbot.waitUntil(lambda: "connecting" in states, timeout=WAIT_MS)


def test_poll_interval_setting_applies_at_once(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    assert app.session.interval == 0.5
    app.settings.set(st.POLL_INTERVAL_S, 7.5)
    assert app.session.interval == 7.5


def test_first_start_shows_the_setup_wizard(qtbot: Any, started: list[App], tmp_path: Path) -> None:
    options = cli.parse_args(["--config-dir", str(tmp_path)])
    app = start(qtbot, started, App(options, credentials=CredentialStore(MemoryKeyring())))
    qtbot.waitUntil(lambda: "first_run" in app.dialogs, timeout=WAIT_MS)
    wizard = app.dialogs.get("first_run")
    assert wizard is not None
    assert wizard.isVisible()
    # Behind the wizard the window explains calmly; nothing has failed.
    assert app.window.banner.text == "Not set up yet."
    assert app.window.banner.kind == "info"
    wizard.reject()
    qtbot.waitUntil(lambda: "Not set up yet" in app.window.connection_text(), timeout=WAIT_MS)
    assert app.window.banner.kind == "info"
    assert app.session.client is None


def test_locked_keyring_explains_and_offers_this_session(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = start(qtbot, started, configured_app(tmp_path, simulator, LockedKeyring()))
    qtbot.waitUntil(lambda: "password" in app.dialogs, timeout=WAIT_MS)
    assert "keyring is locked" in app.window.banner.text.lower()
    prompt = app.dialogs.get("password")
    assert prompt is not None
    prompt.setTextValue(simulator.password)  # type: ignore[attr-defined]
    prompt.accept()
    qtbot.waitUntil(lambda: app.window.connection_text().startswith("Online"), timeout=WAIT_MS)
    assert app.credentials is not None
    url = st.normalize_server_url(simulator.base_url)
    result = run(qtbot, app.credentials.load(simulator.username, url))
    assert result.state.name == "SESSION_ONLY"


def test_about_shows_diagnostics_without_secrets(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    qtbot.waitUntil(lambda: app.window.connection_text().startswith("Online"), timeout=WAIT_MS)
    app.window.about_requested.emit()
    qtbot.waitUntil(lambda: "about" in app.dialogs)
    about = app.dialogs.get("about")
    assert isinstance(about, AboutDialog)
    text = about.diagnostics_text()
    host = simulator.base_url.removeprefix("http://")
    assert f"Server: {host} (http)" in text
    assert f"API user: {simulator.username}" in text
    assert str(tmp_path / "iexpbx-desktop.ini") in text
    assert "PySide6" in text and "Python" in text and "Keyring" in text
    assert simulator.password not in text and "password" not in text.lower()


def test_settings_dialog_opens_from_the_window(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    app.window.settings_requested.emit()
    qtbot.waitUntil(lambda: "settings" in app.dialogs)
    dialog = app.dialogs.get("settings")
    assert dialog is not None
    assert dialog.isVisible()
    app.window.settings_requested.emit()  # a second request raises the same dialog
    assert app.dialogs.get("settings") is dialog
    dialog.reject()
    qtbot.waitUntil(lambda: "settings" not in app.dialogs)


def test_demo_settings_show_the_connection_as_the_simulated_pbx(
    qtbot: Any, started: list[App]
) -> None:
    app = start(qtbot, started, App(cli.parse_args(["--demo"])))
    app.window.settings_requested.emit()
    qtbot.waitUntil(lambda: "settings" in app.dialogs)
    dialog = app.dialogs.get("settings")
    assert dialog is not None
    assert dialog.demo_note.isVisible()  # type: ignore[attr-defined]
    assert "simulated PBX" in dialog.demo_note.text()  # type: ignore[attr-defined]
    assert not dialog.connection.isEnabled()  # type: ignore[attr-defined]
    assert not dialog.remember.isChecked()  # type: ignore[attr-defined]
    assert dialog.theme.isEnabled()  # type: ignore[attr-defined]
    dialog.reject()
    qtbot.waitUntil(lambda: "settings" not in app.dialogs)


def test_saving_a_new_password_in_settings_reconnects(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    qtbot.waitUntil(lambda: app.window.connection_text().startswith("Online"), timeout=WAIT_MS)
    before = app.session.client
    app.window.settings_requested.emit()
    qtbot.waitUntil(lambda: "settings" in app.dialogs)
    dialog = app.dialogs.get("settings")
    assert dialog is not None
    dialog.password.setText(simulator.password)  # type: ignore[attr-defined]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "settings" not in app.dialogs, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: app.session.client not in (None, before), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: app.window.connection_text().startswith("Online"), timeout=WAIT_MS)


def test_closing_settings_unchanged_keeps_the_connection(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    qtbot.waitUntil(lambda: app.window.connection_text().startswith("Online"), timeout=WAIT_MS)
    before = app.session.client
    app.window.settings_requested.emit()
    qtbot.waitUntil(lambda: "settings" in app.dialogs)
    dialog = app.dialogs.get("settings")
    assert dialog is not None
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "settings" not in app.dialogs, timeout=WAIT_MS)
    assert app.session.client is before
    assert app.window.connection_text().startswith("Online")


# ---------------------------------------------------------------- language and layout
def test_the_language_setting_applies_from_the_start(
    qtbot: Any, started: list[App], tmp_path: Path
) -> None:
    settings = st.Settings.open(tmp_path, admin=st.AdminConfig())
    settings.set(st.LANGUAGE, "tr")
    options = cli.parse_args(["--config-dir", str(tmp_path)])
    app = start(qtbot, started, App(options, credentials=CredentialStore(MemoryKeyring())))
    assert tab_titles(app) == ["Çağrı&lar", "&Rehber", "Geç&miş", "&Operatör paneli"]
    qtbot.waitUntil(lambda: "first_run" in app.dialogs, timeout=WAIT_MS)
    wizard = app.dialogs.get("first_run")
    assert wizard is not None
    wizard.reject()
    # The app's own words too: the status bar explains in Turkish why it is offline.
    qtbot.waitUntil(lambda: "Henüz kurulmadı" in app.window.connection_text(), timeout=WAIT_MS)
    assert app.window.connection_text().startswith("Çevrimdışı")


def test_the_demo_speaks_the_system_language(
    qtbot: Any, started: list[App], system_language: list[str]
) -> None:
    system_language.append("tr_TR")
    app = start(qtbot, started, App(cli.parse_args(["--demo"])))
    assert tab_titles(app) == ["Çağrı&lar", "&Rehber", "Geç&miş", "&Operatör paneli"]


def test_column_widths_and_window_size_come_back_at_the_next_start(
    qtbot: Any, started: list[App], tmp_path: Path
) -> None:
    from PySide6.QtCore import QSize

    options = cli.parse_args(["--config-dir", str(tmp_path)])
    first = start(qtbot, started, App(options, credentials=CredentialStore(MemoryKeyring())))
    header = first.window.calls_tab.view.horizontalHeader()
    # Columns fit their contents (numbers get the rest): their order is what is kept.
    assert header.visualIndex(COL_DURATION) != 0
    header.moveSection(header.visualIndex(COL_DURATION), 0)
    first.window.resize(700, 450)
    started.remove(first)
    run(qtbot, first.shutdown())
    assert "calls_table_header" in (tmp_path / "ui-state.ini").read_text(encoding="utf-8")

    second = start(qtbot, started, App(options, credentials=CredentialStore(MemoryKeyring())))
    assert second.window.calls_tab.view.horizontalHeader().visualIndex(COL_DURATION) == 0
    assert second.window.size() == QSize(700, 450)
    assert second.window.calls_tab.view.isColumnHidden(COL_CHANNEL)


def test_the_demo_keeps_no_layout_between_runs(qtbot: Any, started: list[App]) -> None:
    first = start(qtbot, started, App(cli.parse_args(["--demo"])))
    header = first.window.calls_tab.view.horizontalHeader()
    default = header.visualIndex(COL_DURATION)
    header.moveSection(default, 0)
    started.remove(first)
    run(qtbot, first.shutdown())
    assert first.ui_state.file_path is None

    second = start(qtbot, started, App(cli.parse_args(["--demo"])))
    assert second.window.calls_tab.view.horizontalHeader().visualIndex(COL_DURATION) == default


# ---------------------------------------------------------------- logging
@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = (sys.excepthook, threading.excepthook)
    http_levels = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks
    for name, http_level in http_levels.items():
        logging.getLogger(name).setLevel(http_level)


def test_log_file_rotates_and_never_holds_a_password(tmp_path: Path, restore_logging: None) -> None:
    log_file = setup_logging(tmp_path / "logs")
    assert log_file == tmp_path / "logs" / "iexpbx-desktop.log"
    handler = next(h for h in logging.getLogger().handlers if hasattr(h, "maxBytes"))
    assert (handler.maxBytes, handler.backupCount) == (LOG_MAX_BYTES, LOG_BACKUPS)  # type: ignore[attr-defined]
    url = "http://pbx/api/old/get?action=activecalls&username=u&password=Gizli-42"
    logging.getLogger("httpx").warning('HTTP Request: GET %s "HTTP/1.1 200 OK"', url)
    logging.getLogger("httpx").setLevel(logging.INFO)
    logging.getLogger("httpx").info('HTTP Request: GET %s "HTTP/1.1 200 OK"', url)
    logging.getLogger("desktop.test").error("failed for %s", url)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "Gizli-42" not in text
    assert text.count("password=***") == 3


# ---------------------------------------------------------------- as a real process
def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **extra)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def test_version_answers_without_qt_or_a_display() -> None:
    env = _env()
    env.pop("QT_QPA_PLATFORM", None)
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['iexpbx-desktop', '--version']\n"
        "try:\n    runpy.run_module('desktop', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    qt = any(m.startswith('PySide6') for m in sys.modules)\n"
        "    print('exit', exit.code, 'qt loaded:', qt)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.stdout.splitlines() == [f"iexpbx-desktop {__version__}", "exit 0 qt loaded: False"]
    real = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert real.returncode == 0 and real.stdout.strip() == f"iexpbx-desktop {__version__}"


def test_self_test_passes_offscreen() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        capture_output=True,
        text=True,
        env=_env(
            QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
        ),
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Self-test passed." in out.stdout
    assert "OK   Audio:" in out.stdout and "OK   Simulator:" in out.stdout
    assert "WARN Keyring:" in out.stdout  # no keyring: reported, not fatal


def test_a_bad_link_on_the_command_line_dials_nothing_and_the_window_says_which(
    qtbot: Any, started: list[App], tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    options = cli.parse_args(["--config-dir", str(tmp_path), "tel:100&action=hangupcall"])
    app = start(qtbot, started, App(options, credentials=CredentialStore(MemoryKeyring())))
    box = app.window.findChild(QMessageBox, "unreadableLink")
    assert box is not None and box.isVisible()
    assert "tel:100&action=hangupcall" in box.text()
    assert app.window.dial_dialog is None


def test_settings_ok_retries_a_held_connection_with_the_saved_password(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any, no_auth_retries: None
) -> None:
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    window = app.window
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)
    simulator.thread.set_fault("http401")
    qtbot.waitUntil(lambda: app.session.status.waiting_for_user, timeout=WAIT_MS)
    simulator.thread.set_fault(None)  # the PBX is fine again; the app still holds
    app.open_settings()
    qtbot.waitUntil(lambda: app.dialogs.get("settings") is not None, timeout=WAIT_MS)
    dialog = app.dialogs.get("settings")
    qtbot.waitUntil(lambda: dialog.password.placeholderText() != "", timeout=WAIT_MS)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)


def test_the_banner_and_the_tray_offer_retry_and_it_connects_at_once(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any, no_auth_retries: None
) -> None:
    """A held connection (wrong password after a PBX restart) comes back with one click."""
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    window = app.window
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)
    assert not app.tray.retry_action.isVisible()  # nothing to retry while online
    simulator.thread.set_fault("http401")
    qtbot.waitUntil(lambda: app.session.status.waiting_for_user, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.banner.retry_button.isVisible(), timeout=WAIT_MS)
    assert app.tray.retry_action.isVisible()
    simulator.thread.set_fault(None)
    window.banner.retry_button.click()
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)
    assert not window.banner.isVisible()

    simulator.thread.set_fault("http401")  # and once more, from the tray this time
    qtbot.waitUntil(lambda: app.session.status.waiting_for_user, timeout=WAIT_MS)
    simulator.thread.set_fault(None)
    app.tray.retry_action.trigger()
    qtbot.waitUntil(lambda: window.connection_text().startswith("Online"), timeout=WAIT_MS)


def test_start_on_login_writes_and_removes_this_users_login_entry(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    entry = tmp_path / "xdg" / "autostart" / "iexpbx-desktop.desktop"
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    assert not entry.exists()
    app.settings.set(st.START_ON_LOGIN, True)
    assert entry.exists() and "Exec=" in entry.read_text(encoding="utf-8")
    app.settings.set(st.START_ON_LOGIN, False)
    assert not entry.exists()


def test_settings_show_the_running_webhook_receivers_urls(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    app.settings.set(st.WEBHOOK_PORT, 18719)
    app.settings.set(st.WEBHOOK_ENABLED, True)  # started at once, no restart needed
    qtbot.waitUntil(lambda: app.features.webhooks is not None, timeout=WAIT_MS)
    start_url, hangup_url = app.features.webhook_templates() or ("", "")
    assert start_url.startswith("http://127.0.0.1:18719/") and "{chanid}" in start_url
    assert "{status}" in hangup_url
    app.open_settings()
    qtbot.waitUntil(lambda: app.dialogs.get("settings") is not None, timeout=WAIT_MS)
    dialog = app.dialogs.get("settings")
    assert dialog.webhooks.start_url.toPlainText() == start_url
    dialog.reject()
    app.settings.set(st.WEBHOOK_ENABLED, False)
    qtbot.waitUntil(lambda: app.features.webhooks is None, timeout=WAIT_MS)


def test_settings_name_my_extension_from_the_start(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = start(qtbot, started, configured_app(tmp_path, simulator, stored_keyring(simulator)))
    qtbot.waitUntil(lambda: app.features.name_of("101") is not None, timeout=WAIT_MS)
    app.open_settings()
    qtbot.waitUntil(lambda: app.dialogs.get("settings") is not None, timeout=WAIT_MS)
    dialog = app.dialogs.get("settings")
    name = app.features.name_of("101")
    assert dialog.extension.currentText() == f"101 — {name}"  # before any Test connection
    dialog.reject()


def test_settings_open_on_the_password_after_the_pbx_refused_it(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any, no_auth_retries: None
) -> None:
    keyring = stored_keyring(simulator)
    for key in keyring.passwords:
        keyring.passwords[key] = "wrong-password"
    app = start(qtbot, started, configured_app(tmp_path, simulator, keyring))
    from desktop.pbx import PbxAuthError

    qtbot.waitUntil(lambda: isinstance(app.session.status.error, PbxAuthError), timeout=WAIT_MS)
    app.open_settings()
    qtbot.waitUntil(lambda: app.dialogs.get("settings") is not None, timeout=WAIT_MS)
    dialog = app.dialogs.get("settings")
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.password, timeout=WAIT_MS)
    dialog.reject()
