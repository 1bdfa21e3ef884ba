"""Start-up and wiring: command line, single instance, one event loop, window, tray, monitor.

`main()` is the `iexpbx-desktop` entry point. `App` holds the running parts; tests build
it the way `main()` does and drive `start()` / `shutdown()` in their own loop. Qt and the
rest are imported inside functions: `--version` and `--help` must answer without them,
and the first paint should not wait for what it does not show.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import APP_ID, APP_NAME, __version__, cli

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtNetwork import QNetworkInformation
    from PySide6.QtWidgets import QApplication, QDialog

    from desktop.credentials import CredentialStore
    from desktop.demo import DemoPbx
    from desktop.pbx import PbxClient
    from desktop.services.connection import CallMonitor, ConnectionStatus
    from desktop.settings import Settings, UiState
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings_dialog import SettingsDialog
    from desktop.ui.single_instance import SingleInstanceServer
    from desktop.ui.tray import Tray

log = logging.getLogger(__name__)

# Benchmarks: write the time the first live calls were painted to this file, then quit.
BENCH_READY_ENV = "IEXPBX_BENCH_READY"
_GEOMETRY_KEY = "main_window_geometry"
_NETWORK_WATCH_DELAY_MS = 1500
# Settings that need a new connection when they change.
_CONNECTION = frozenset(
    {"server_url", "username", "api_path", "request_timeout_s", "pbx_timezone"}
    | {"tls_pinned_pem", "tls_pinned_sha256"}
)


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the process exit status."""
    options = cli.parse_args(argv)
    if options.self_test:
        from desktop.demo import run_self_test

        return run_self_test()
    from desktop.logging_setup import log_dir_for, setup_logging

    log_file = setup_logging(
        None if options.demo else log_dir_for(options.config_dir), debug=options.debug
    )
    log.info("%s %s starting%s", APP_NAME, __version__, " in demo mode" if options.demo else "")
    from desktop.ui.single_instance import Activation, claim, server_name

    name = server_name(options.config_dir, demo=options.demo)
    instance = claim(name, Activation(options.dial), before_listen=create_qapplication)
    if instance is True:
        log.info("Handed over to the running instance")
        return 0
    if instance is False:
        print(f"{APP_NAME} is already running but does not answer.", file=sys.stderr)
        return 1
    qapp = create_qapplication()
    app = App(options, log_file=log_file, instance=instance)
    import qasync

    try:
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
            try:
                return runner.run(app.run())
            except RuntimeError:
                if app.finished:
                    raise
                # Qt left its loop on its own (the desktop session is ending): shut down
                # cleanly in a last turn of the loop.
                app.request_quit()
                runner.run(app.wait_finished())
                return 0
    except KeyboardInterrupt:
        return 130


def create_qapplication() -> QApplication:
    """The one QApplication, named so settings, notifications and the dock find it."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO}
    qInstallMessageHandler(
        lambda kind, _context, text: qt_log.log(levels.get(kind, logging.WARNING), "%s", text)
    )
    qapp = QApplication(sys.argv[:1])
    qapp.setOrganizationName("IEXPBX")
    qapp.setApplicationName(APP_ID)
    qapp.setApplicationDisplayName(APP_NAME)
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName(APP_ID)
    qapp.setQuitOnLastWindowClosed(False)  # the tray keeps the app; Quit ends it
    return qapp


def _route_quit(qapp: QApplication, request_quit: Callable[[], None]) -> QObject:
    """Turn Qt's own quit (session end, QApplication.quit()) into the app's orderly Quit.

    Qt would otherwise leave the event loop at once, with connections still open.
    """
    from PySide6.QtCore import QEvent, QObject

    class QuitFilter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is qapp and event.type() == QEvent.Type.Quit:
                request_quit()
                return True
            return False

    quit_filter = QuitFilter(qapp)
    qapp.installEventFilter(quit_filter)
    return quit_filter


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("App", text)


class App:
    """The running app: settings, window, tray, the call monitor and their wiring."""

    def __init__(
        self,
        options: cli.Options,
        *,
        log_file: Path | None = None,
        instance: SingleInstanceServer | None = None,
        credentials: CredentialStore | None = None,
    ) -> None:
        self.options = options
        self.demo = options.demo
        self.log_file = log_file
        self.instance = instance
        self.tasks: set[asyncio.Task[Any]] = set()
        self.settings: Settings
        self.ui_state: UiState
        self.window: MainWindow
        self.tray: Tray
        self.monitor: CallMonitor[PbxClient]
        self.credentials = credentials
        self.demo_pbx: DemoPbx | None = None
        self.first_calls_shown = False
        self._quit = asyncio.Event()
        self._finished = asyncio.Event()
        self._banner = ""
        self._dialogs: dict[str, QDialog] = {}
        self._network: QNetworkInformation | None = None
        self._stopped = False
        self._quit_filter: QObject | None = None
        self._unsubscribe: Callable[[], None] | None = None

    # ------------------------------------------------------------ life cycle
    async def run(self) -> int:
        """Start, wait for Quit (or Ctrl+C), shut down."""
        loop = asyncio.get_running_loop()
        with contextlib.suppress(ValueError):  # only the main thread may set handlers
            signal.signal(signal.SIGTERM, lambda *_: loop.call_soon_threadsafe(self.request_quit))
        try:
            await self.start()
            await self._quit.wait()
        finally:
            try:
                await self.shutdown()
            finally:
                self._finished.set()
        return 0

    @property
    def finished(self) -> bool:
        """run() has shut everything down."""
        return self._finished.is_set()

    async def wait_finished(self) -> None:
        await self._finished.wait()

    async def start(self) -> None:
        """Show the window and tray, then connect in the background."""
        from desktop import settings as st
        from desktop.services.connection import CallMonitor
        from desktop.ui import theme
        from desktop.ui.main_window import MainWindow
        from desktop.ui.tray import Tray

        config_dir = self.options.config_dir
        if self.demo:
            self.settings, self.ui_state = st.Settings.ephemeral(), st.UiState.ephemeral()
        else:
            self.settings = st.Settings.open(config_dir)
            self.ui_state = st.UiState.open(config_dir)
            if self.credentials is None:
                from desktop.credentials import CredentialStore

                self.credentials = CredentialStore()
        qapp = create_qapplication()
        self._quit_filter = _route_quit(qapp, self.request_quit)
        theme.apply_theme(qapp, self.settings.get(st.THEME))
        self.window = window = MainWindow(demo=self.demo)
        geometry = self.ui_state.get_bytes(_GEOMETRY_KEY)
        if geometry:
            window.restoreGeometry(geometry)
        window.tray_notice_given = self.ui_state.get_bool(st.UiState.TOLD_ABOUT_TRAY)
        self.tray = tray = Tray(window)
        window.close_to_tray = tray.available
        tray.set_popups_paused(self.settings.get(st.POPUPS_PAUSED))

        window.hangup_requested.connect(lambda channel: self.spawn(self.hangup(channel)))
        window.dial_requested.connect(lambda number: self.spawn(self.dial(number)))
        window.settings_requested.connect(self.open_settings)
        window.about_requested.connect(self.open_about)
        window.quit_requested.connect(self.request_quit)
        tray.show_requested.connect(window.bring_to_front)
        tray.dial_requested.connect(lambda: self.activate("", dial=True))
        tray.settings_requested.connect(self.open_settings)
        tray.quit_requested.connect(self.request_quit)
        tray.popups_paused_changed.connect(
            lambda paused: self.settings.set(st.POPUPS_PAUSED, paused)
        )
        if self.instance is not None:
            self.instance.activated.connect(self.activate)

        if not (self.settings.get(st.START_MINIMIZED) and tray.available):
            window.show()
        self.monitor = CallMonitor(
            on_status=self._on_status,
            on_calls=self._on_calls,
            interval=self.settings.get(st.POLL_INTERVAL_S),
        )
        self._unsubscribe = self.settings.subscribe(self._on_setting_changed)
        if self.options.dial:
            self.activate(self.options.dial)
        self.spawn(self.connect_demo() if self.demo else self.connect_configured())
        from PySide6.QtCore import QTimer

        QTimer.singleShot(_NETWORK_WATCH_DELAY_MS, window, self._watch_network)

    async def shutdown(self) -> None:
        """Save the window's place, stop polling, close connections and the demo PBX.

        Safe after a start that failed half-way (it undoes what was done) and twice.
        """
        if self._stopped:
            return
        self._stopped = True
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self._quit_filter is not None:
            create_qapplication().removeEventFilter(self._quit_filter)
            self._quit_filter.deleteLater()
            self._quit_filter = None
        if hasattr(self, "window"):
            from desktop.settings import UiState

            self.ui_state.set_bytes(_GEOMETRY_KEY, bytes(self.window.saveGeometry().data()))
            self.ui_state.set_bool(UiState.TOLD_ABOUT_TRAY, self.window.tray_notice_given)
            self.ui_state.sync()
        if self.instance is not None:
            self.instance.close()
        if self._network is not None:
            self._network.reachabilityChanged.disconnect(self._on_network_change)
            self._network.transportMediumChanged.disconnect(self._on_network_change)
            self._network = None
        for dialog in list(self._dialogs.values()):
            dialog.reject()
        if hasattr(self, "monitor"):
            await self.monitor.aclose()
        tasks = [t for t in self.tasks if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
        if self.demo_pbx is not None:
            demo, self.demo_pbx = self.demo_pbx, None
            await asyncio.get_running_loop().run_in_executor(None, demo.stop)
        if self.credentials is not None:
            self.credentials.close()
        if hasattr(self, "tray"):
            self.tray.hide()
        if hasattr(self, "window"):
            self.window.set_quitting()
            self.window.close()
            self.window.deleteLater()  # ends its timers and network watch
        log.info("%s stopped", APP_NAME)

    def request_quit(self) -> None:
        self._quit.set()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run `coro` in the background; kept referenced, failures logged."""
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("Background task %s failed", task.get_name(), exc_info=task.exception())

    # ------------------------------------------------------------ connecting
    async def connect_demo(self) -> None:
        """Start the simulated PBX (in a thread, off the UI) and poll it."""
        from desktop.demo import start_demo_pbx_async
        from desktop.logging_setup import server_host

        demo = await start_demo_pbx_async()
        self.demo_pbx = demo
        self.window.set_server(server_host(demo.base_url))
        timeout = self.settings.get("request_timeout_s")
        self.monitor.connect(lambda: demo.client(timeout=timeout))

    async def connect_configured(self) -> None:
        """Connect with the saved settings: first-run wizard, password, then poll."""
        from desktop import settings as st

        password: str | None
        if not self.settings.is_configured():
            password = await self._first_run()
            if password is None:
                self.monitor.disconnect(
                    _tr("Not set up yet: open Settings to connect to your PBX.")
                )
                return
        else:
            password = await self._password()
            if password is None:
                return
        s = self.settings
        url, user = s.get(st.SERVER_URL), s.get(st.USERNAME)
        from desktop.logging_setup import server_host

        self.window.set_server(server_host(url))

        def client() -> PbxClient:
            from zoneinfo import ZoneInfo

            from desktop.pbx import PbxClient
            from desktop.ui.settings_dialog import pinned_from_settings, verify_for

            return PbxClient(
                url,
                user,
                password,
                timeout=s.get(st.REQUEST_TIMEOUT_S),
                verify=verify_for(url, pinned_from_settings(s)),
                api_path=s.get(st.API_PATH),
                timezone=ZoneInfo(s.get(st.PBX_TIMEZONE)),
            )

        self.monitor.connect(client)

    async def _first_run(self) -> str | None:
        from desktop.ui.first_run import FirstRunWizard

        assert self.credentials is not None
        self.monitor.disconnect(_tr("Not set up yet."))
        wizard = FirstRunWizard(self.settings, self.credentials, self.window)
        accepted = await self._dialog_result("first_run", wizard)
        outcome = wizard.outcome
        return outcome.password if accepted and outcome is not None else None

    async def _password(self) -> str | None:
        """The saved password; else explain why there is none and ask for it."""
        from desktop import settings as st
        from desktop.ui.settings_dialog import credential_state_text

        assert self.credentials is not None
        url, user = self.settings.get(st.SERVER_URL), self.settings.get(st.USERNAME)
        result = await self.credentials.load(user, url)
        if result.password:
            return result.password
        problem = result.state.is_problem
        if problem:
            why = (
                credential_state_text(result.state)
                + " "
                + _tr("Enter the password to use it until the app quits.")
            )
        else:
            why = _tr("No password is saved for this account. Enter it to connect.")
        self.monitor.disconnect(why)
        password = await self._ask_password(why)
        if not password:
            return None
        stored = await self.credentials.store(user, url, password, remember=not problem)
        if stored.state.is_problem:
            await self.credentials.store(user, url, password, remember=False)
        return password

    async def _ask_password(self, why: str) -> str:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(_tr("PBX password"))
        dialog.setLabelText(why + "\n\n" + _tr("Password:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        self.window.bring_to_front()
        if not await self._dialog_result("password", dialog):
            return ""
        return str(dialog.textValue())

    async def _dialog_result(self, key: str, dialog: QDialog) -> bool:
        """Open `dialog` without blocking the loop; True when accepted."""
        from PySide6.QtWidgets import QDialog

        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def finished(result: int) -> None:
            if not future.done():
                future.set_result(result)

        dialog.finished.connect(finished)
        self._dialogs[key] = dialog
        dialog.open()
        try:
            return await future == QDialog.DialogCode.Accepted
        finally:
            self._dialogs.pop(key, None)
            dialog.deleteLater()

    # ------------------------------------------------------------ monitor → window
    def _on_status(self, status: ConnectionStatus) -> None:
        from desktop.services.connection import ConnectionState

        state = status.state.value
        self.window.set_connection_state(state, status.message)
        self.tray.set_state(state)
        if status.state is ConnectionState.OFFLINE and status.message:
            if status.message != self._banner:  # once per problem, not once per retry
                self._banner = status.message
                if status.error is None:  # the app's own words (not set up, no password)
                    hint = ""
                elif status.waiting_for_user:
                    hint = " " + _tr("Check Settings.")
                else:
                    hint = " " + _tr("The app keeps trying to reconnect.")
                self.window.show_banner(status.message + hint)
                if status.error is not None and not self.window.isVisible():
                    self.tray.notify(_tr("PBX connection lost"), status.message)
        elif status.state is ConnectionState.ONLINE and self._banner:
            self._banner = ""
            self.window.clear_banner()

    def _on_calls(self, calls: list[Any]) -> None:
        self.window.show_calls(calls)
        if calls and not self.first_calls_shown:
            self.first_calls_shown = True
            marker = os.environ.get(BENCH_READY_ENV)
            if marker:
                self.window.repaint()  # painted now, not on a later loop turn
                Path(marker).write_text(f"{time.time():.6f}\n", encoding="utf-8")
                self.request_quit()

    # ------------------------------------------------------------ user actions
    def activate(self, number: str, *, dial: bool = False) -> None:
        """A later start hands over: show the window, and offer to dial its number."""
        self.window.bring_to_front()
        if number or dial:
            self.window.ask_dial(number)

    async def hangup(self, channel: str) -> None:
        from desktop.pbx import PbxError

        client = self.monitor.client
        if client is None:
            self.window.show_banner(_tr("Not connected to the PBX: the call was not ended."))
            return
        try:
            await client.hangup(channel)
        except RuntimeError:  # the connection was replaced meanwhile (settings, resume)
            self.window.show_banner(_tr("The connection was renewed: try again."), "warning")
            return
        except PbxError as exc:
            self.window.show_banner(_tr("The call could not be ended: {error}").format(error=exc))
            return
        self.monitor.poke()  # show the list without that call now

    async def dial(self, number: str) -> None:
        from desktop import settings as st
        from desktop.pbx import PbxError

        client = self.monitor.client
        if client is None:
            self.window.show_banner(_tr("Not connected to the PBX: nothing was dialled."))
            return
        try:
            extension = self.settings.get(st.EXTENSION)
            if not extension and self.demo:
                from desktop.demo import first_registered_extension

                extension = await first_registered_extension(client)
                self.settings.set(st.EXTENSION, extension)
            if not extension:
                self.window.show_banner(
                    _tr("Choose your own extension in Settings first: it rings before the call."),
                    "warning",
                )
                return
            await client.call_number(number, extension)
        except RuntimeError:  # the connection was replaced meanwhile (settings, resume)
            self.window.show_banner(_tr("The connection was renewed: try again."), "warning")
            return
        except PbxError as exc:
            self.window.show_banner(_tr("The call could not be made: {error}").format(error=exc))
            return
        self.window.show_status_message(
            _tr("Calling {number}: your phone ({extension}) rings first.").format(
                number=number, extension=extension
            )
        )
        self.monitor.poke()

    def open_settings(self) -> None:
        if "settings" in self._dialogs:
            self._dialogs["settings"].raise_()
            return
        from desktop.credentials import CredentialStore
        from desktop.ui.settings_dialog import SettingsDialog

        # The demo never touches the keyring: its dialog keeps passwords in memory only.
        credentials = self.credentials or CredentialStore.session_only()
        self.window.bring_to_front()
        dialog = SettingsDialog(self.settings, credentials, self.window)
        self.spawn(self._settings_closed(dialog))

    async def _settings_closed(self, dialog: SettingsDialog) -> None:
        accepted = await self._dialog_result("settings", dialog)
        new_password = bool(dialog.password.text())
        if accepted and not self.demo and (dialog.changed & _CONNECTION or new_password):
            await self.connect_configured()  # a new address, user or password: a new client

    def open_about(self) -> None:
        from desktop import settings as st
        from desktop.logging_setup import diagnostics_text
        from desktop.ui.about_dialog import AboutDialog

        url = self.demo_pbx.base_url if self.demo_pbx else self.settings.get(st.SERVER_URL)
        text = diagnostics_text(
            server_url=url,
            username="(demo)" if self.demo else self.settings.get(st.USERNAME),
            keyring_backend=self.credentials.backend_name if self.credentials else "",
            settings_file=self.settings.file_path,
            log_file=self.log_file,
            demo=self.demo,
        )
        self.spawn(self._dialog_result("about", AboutDialog(text, self.window)))

    def _on_setting_changed(self, name: str, value: Any) -> None:
        if name == "poll_interval_s":
            self.monitor.interval = value
        elif name == "popups_paused":
            self.tray.set_popups_paused(value)
        elif name == "theme":
            from desktop.ui import theme

            theme.apply_theme(create_qapplication(), value)

    def _watch_network(self) -> None:
        """Reconnect at once when the network comes back or changes (if Qt can tell)."""
        from PySide6.QtNetwork import QNetworkInformation

        if self._stopped:
            return
        if not QNetworkInformation.loadDefaultBackend():
            log.info("No network-information backend: reconnecting by retry only")
            return
        info = QNetworkInformation.instance()
        log.info("Watching the network with the %s backend", info.backendName())
        info.reachabilityChanged.connect(self._on_network_change)
        info.transportMediumChanged.connect(self._on_network_change)
        self._network = info  # process-wide: disconnected again on shutdown

    def _on_network_change(self, *_: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        info = QNetworkInformation.instance()
        log.info("Network changed: %s", info.reachability().name)
        if info.reachability() != QNetworkInformation.Reachability.Disconnected:
            self.monitor.poke()
