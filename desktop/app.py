"""Start-up and wiring: command line, single instance, one event loop, window, tray, session.

`main()` is the `iexpbx-desktop` entry point. `App` holds the running parts; tests build
it the way `main()` does and drive `start()` / `shutdown()` in their own loop. Qt and the
rest are imported inside functions: `--version` and `--help` must answer without them,
and the first paint should not wait for what it does not show.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import APP_NAME, __version__, cli, runtime

if TYPE_CHECKING:
    from desktop.credentials import CredentialStore
    from desktop.demo import DemoPbx
    from desktop.platform.network_watch import NetworkWatch
    from desktop.platform.single_instance import SingleInstanceServer
    from desktop.services.session import Directory, Session
    from desktop.settings import Settings, UiState
    from desktop.ui.account.account_flow import AccountFlow
    from desktop.ui.calls.call_actions import CallActions
    from desktop.ui.common.open_dialogs import OpenDialogs
    from desktop.ui.shell.connection_health import ConnectionReport
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.tray import Tray

log = logging.getLogger(__name__)

_NETWORK_WATCH_DELAY_MS = 1500


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the process exit status."""
    options = cli.parse_args(argv)
    runtime.pause_gc_for_startup()
    try:
        return _run(options)
    finally:
        runtime.startup_done()  # also when start-up ended early (a hand-over, an error)


def _run(options: cli.Options) -> int:
    if options.demo:
        from desktop.demo import begin_early

        begin_early()
    if options.self_test:
        from desktop.demo import run_self_test

        return run_self_test()
    from desktop.logging_setup import log_dir_for, setup_logging

    log_file = setup_logging(
        None if options.demo else log_dir_for(options.config_dir), debug=options.debug
    )
    log.info("%s %s starting%s", APP_NAME, __version__, " in demo mode" if options.demo else "")
    from desktop.ui.common import pyside_speedups

    pyside_speedups.install()  # before the rest is imported: see the module
    from desktop.platform.single_instance import Activation, claim, server_name
    from desktop.ui.shell.application import create_qapplication

    name = server_name(options.config_dir, demo=options.demo)
    activation = Activation(options.dial, options.bad_link)
    instance = claim(name, activation, before_listen=create_qapplication)
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
                try:
                    runner.run(app.wait_finished())
                except RuntimeError:
                    # Qt cannot turn its loop any more (its display server went away).
                    log.warning("Qt stopped before the app could shut down cleanly")
                    return 1
                return 0
    except KeyboardInterrupt:
        return 130


class App:
    """The running app: settings, window, tray, the PBX session and their wiring."""

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
        self.session: Session
        self.dialogs: OpenDialogs
        self.account: AccountFlow
        self.calls: CallActions
        self.report: ConnectionReport
        self.network: NetworkWatch
        self.credentials = credentials
        self.demo_pbx: DemoPbx | None = None
        self.first_calls_shown = False
        self._quit = asyncio.Event()
        self._finished = asyncio.Event()
        self._stopped = False
        self._undo = contextlib.AsyncExitStack()

    # ------------------------------------------------------------ life cycle
    async def run(self) -> int:
        """Start, wait for Quit (or Ctrl+C), shut down."""
        loop = asyncio.get_running_loop()
        with contextlib.suppress(ValueError):  # only the main thread may set handlers
            signal.signal(signal.SIGTERM, lambda *_: loop.call_soon_threadsafe(self.request_quit))
        from desktop.platform import signal_wakeup

        wakeup = signal_wakeup.install()
        try:
            await self.start()
            await self._quit.wait()
        finally:
            try:
                await self.shutdown()
            finally:
                if wakeup is not None:
                    wakeup.close()
                self._finished.set()
        return 0

    @property
    def finished(self) -> bool:
        """run() has shut everything down."""
        return self._finished.is_set()

    async def wait_finished(self) -> None:
        await self._finished.wait()

    async def start(self) -> None:
        """Show the window and tray, then connect in the background.

        Each part that needs undoing registers its undo on one stack as it starts, so
        `shutdown()` undoes exactly what was done, in reverse, even after a failed start.
        """
        from desktop import i18n
        from desktop import settings as st
        from desktop.platform.network_watch import NetworkWatch
        from desktop.ui.account.account_flow import AccountFlow
        from desktop.ui.calls.call_actions import CallActions
        from desktop.ui.common.focus_ring import install_focus_ring
        from desktop.ui.common.open_dialogs import OpenDialogs
        from desktop.ui.shell import theme
        from desktop.ui.shell.application import create_qapplication, route_quit
        from desktop.ui.shell.connection_health import ConnectionReport
        from desktop.ui.shell.main_window import MainWindow
        from desktop.ui.shell.session_signals import SessionSignals
        from desktop.ui.shell.tray import Tray

        undo = self._undo
        config_dir = self.options.config_dir
        if self.demo:
            self.settings, self.ui_state = st.Settings.ephemeral(), st.UiState.ephemeral()
        else:
            self.settings = st.Settings.open(config_dir)
            self.ui_state = st.UiState.open(config_dir)
            if self.credentials is None:
                from desktop.credentials import CredentialStore

                self.credentials = CredentialStore()
        if self.credentials is not None:
            undo.callback(self.credentials.close)
        undo.push_async_callback(self._stop_demo_pbx)
        qapp = create_qapplication()
        if route_quit(qapp, self.request_quit):
            undo.callback(route_quit, qapp, None)
        # Before any widget: texts are translated when they are set. The demo reads no
        # settings of the user's, so it speaks the system's language.
        i18n.install(qapp, "system" if self.demo else self.settings.get(st.LANGUAGE))
        theme.apply_theme(qapp, self.settings.get(st.THEME))
        undo.callback(install_focus_ring(qapp).close)
        self.dialogs = OpenDialogs()
        self.window = window = MainWindow(badge=self._badge())
        undo.callback(self._close_window)
        window.restore_layout(self.ui_state)
        self.tray = tray = Tray(window)
        undo.callback(tray.hide)
        self.report = ConnectionReport(window, tray)
        window.close_to_tray = tray.available
        tray.set_popups_paused(self.settings.get(st.POPUPS_PAUSED))

        window.hangup_requested.connect(lambda channel: self.spawn(self.hangup(channel)))
        window.dial_requested.connect(lambda number: self.spawn(self.dial(number)))
        window.settings_requested.connect(self.open_settings)
        window.about_requested.connect(self.open_about)
        window.quit_requested.connect(self.request_quit)
        window.retry_requested.connect(self.retry)
        window.ivr_call_requested.connect(lambda: self.spawn(self.calls.ivr_call()))
        window.callback_requested.connect(lambda: self.spawn(self.calls.masked_callback()))
        tray.show_requested.connect(window.bring_to_front)
        tray.dial_requested.connect(lambda: self.activate("", dial=True))
        tray.clipboard_call_requested.connect(self.call_clipboard)
        tray.settings_requested.connect(self.open_settings)
        tray.retry_requested.connect(self.retry)
        tray.quit_requested.connect(self.request_quit)
        tray.popups_paused_changed.connect(
            lambda paused: self.settings.set(st.POPUPS_PAUSED, paused)
        )
        undo.push_async_callback(self._cancel_tasks)
        if self.instance is not None:
            undo.callback(self.instance.close)
            self.instance.activated.connect(self.activate)
            self.instance.unreadable_link.connect(self.show_unreadable_link)

        if not (self.settings.get(st.START_MINIMIZED) and tray.available):
            window.show()
        self.signals = signals = SessionSignals(window)
        signals.status_changed.connect(self.report.show)
        signals.calls_changed.connect(self._on_calls)
        signals.directory_changed.connect(self._on_directory)
        self.session = signals.new_session(interval=self.settings.get(st.POLL_INTERVAL_S))
        undo.push_async_callback(self.session.aclose)
        self.network = NetworkWatch(lambda: self.session.poke(from_user=False))
        undo.callback(self.network.stop)
        undo.callback(self.dialogs.reject_all)
        undo.callback(self._save_layout)
        self.account = AccountFlow(
            settings=self.settings,
            credentials=self.credentials,
            session=self.session,
            window=window,
            dialogs=self.dialogs,
            spawn=self.spawn,
            account_editable=not self.demo,
        )
        self.calls = CallActions(
            session=self.session, window=window, settings=self.settings, dialogs=self.dialogs
        )
        from desktop.resources import data_dir
        from desktop.wiring.features import Features

        self.features = Features(
            session=self.session,
            settings=self.settings,
            window=window,
            tray=tray,
            spawn=self.spawn,
            dial=self.dial_soon,
            data_dir=None if self.demo else data_dir(config_dir),
            ui_state=self.ui_state,
            credentials=self.credentials,
        )
        undo.push_async_callback(self.features.aclose)
        self.account.webhook_templates = self.features.webhook_templates
        self.account.extension_name = self.features.name_of
        self.features.start()
        if not self.demo:
            self._apply_start_on_login(self.settings.get(st.START_ON_LOGIN))
        undo.callback(self.settings.subscribe(self._on_setting_changed))
        if self.options.dial:
            self.activate(self.options.dial)
        elif self.options.bad_link is not None:
            self.show_unreadable_link(self.options.bad_link)
        self.spawn(self.connect_demo() if self.demo else self.connect_configured())
        from PySide6.QtCore import QTimer

        QTimer.singleShot(_NETWORK_WATCH_DELAY_MS, window, self._watch_network)
        QTimer.singleShot(runtime.STARTUP_DONE_AFTER_MS, runtime.startup_done)

    async def shutdown(self) -> None:
        """Save the window's place, stop polling, close connections and the demo PBX.

        Safe after a start that failed half-way (it undoes what was done) and twice.
        """
        if self._stopped:
            return
        self._stopped = True
        await self._undo.aclose()
        log.info("%s stopped", APP_NAME)

    def _badge(self) -> str:
        """The word beside the connection state: what kind of PBX this window shows."""
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("App", "DEMO") if self.demo else ""

    def _save_layout(self) -> None:
        self.window.save_layout(self.ui_state)
        self.ui_state.sync()

    def _close_window(self) -> None:
        self.window.set_quitting()
        self.window.close()
        self.window.deleteLater()  # ends its timers

    async def _cancel_tasks(self) -> None:
        tasks = [t for t in self.tasks if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)

    async def _stop_demo_pbx(self) -> None:
        if self.demo_pbx is not None:
            demo, self.demo_pbx = self.demo_pbx, None
            await asyncio.get_running_loop().run_in_executor(None, demo.stop)

    def request_quit(self) -> None:
        self._quit.set()

    def retry(self) -> None:
        """The user asks to connect again now (banner or tray): a held connection too."""
        self.session.poke()

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
        from desktop import settings as st
        from desktop.demo import start_demo_pbx_async
        from desktop.logging_setup import server_host

        demo = await start_demo_pbx_async()
        self.demo_pbx = demo
        self.window.set_server(server_host(demo.base_url))
        timeout = self.settings.get(st.REQUEST_TIMEOUT_S)
        if not self.settings.get(st.EXTENSION):  # the demo desk comes with its own phone
            self.settings.set(st.EXTENSION, demo.desk_extension())
        self.session.connect(lambda: demo.client(timeout=timeout))

    async def connect_configured(self) -> None:
        """Connect with the saved settings: first-run wizard, password, then poll."""
        await self.account.connect()

    # ------------------------------------------------------------ session → window
    def _on_calls(self, calls: list[Any]) -> None:
        self.window.show_calls(calls)
        self.features.on_calls(calls)
        if not self.first_calls_shown:
            from PySide6.QtCore import QTimer

            # Connected and shown: start-up is over once this has been painted.
            QTimer.singleShot(0, self.window, runtime.startup_done)
        if calls and not self.first_calls_shown:
            self.first_calls_shown = True

    def _on_directory(self, directory: Directory) -> None:
        self.features.on_directory(directory)

    # ------------------------------------------------------------ user actions
    def activate(self, number: str, *, dial: bool = False) -> None:
        """A later start hands over: show the window, and offer to dial its number."""
        self.window.bring_to_front()
        if number:
            try:
                # Numbers arrive checked; one that is not (a caller's bug) is refused here too.
                number = cli.number_from_link(number)
            except cli.DialTargetError as exc:
                from desktop.ui.common.error_text import error_text

                self.window.show_banner(error_text(exc), "warning")
                return
        if number or dial:
            self.window.ask_dial(number)

    def show_unreadable_link(self, link: str) -> None:
        """A link (given to this start or a later one) could not be read: say which."""
        from desktop.ui.shell.link_message import show_unreadable_link

        show_unreadable_link(self.window, link)

    async def hangup(self, channel: str) -> None:
        await self.calls.hangup(channel)

    def call_clipboard(self) -> None:
        """The tray's "Call the number in the clipboard": confirmed in the dial box first."""
        from PySide6.QtGui import QGuiApplication

        text = QGuiApplication.clipboard().text().strip()
        if not text:
            from PySide6.QtCore import QCoreApplication

            self.window.bring_to_front()
            self.window.show_banner(
                QCoreApplication.translate("App", "The clipboard holds no phone number."),
                "warning",
            )
            return
        self.activate(text[:200])

    def dial_soon(self, number: str) -> None:
        """Call `number` from my extension (a button that needs no dial box)."""
        self.spawn(self.dial(number))

    async def dial(self, number: str) -> None:
        await self.calls.dial(number)

    def open_settings(self) -> None:
        self.account.open_settings()

    def open_about(self) -> None:
        from desktop import settings as st
        from desktop.logging_setup import diagnostics_text
        from desktop.ui.shell.about_dialog import AboutDialog

        url = self.demo_pbx.base_url if self.demo_pbx else self.settings.get(st.SERVER_URL)
        text = diagnostics_text(
            server_url=url,
            username="(demo)" if self.demo else self.settings.get(st.USERNAME),
            keyring_backend=self.credentials.backend_name if self.credentials else "",
            settings_file=self.settings.file_path,
            log_file=self.log_file,
            demo=self.demo,
        )
        self.spawn(self.dialogs.result("about", AboutDialog(text, self.window)))

    def _on_setting_changed(self, name: str, value: Any) -> None:
        from desktop import settings as st

        self.features.on_setting_changed(name)
        if name == st.START_ON_LOGIN.name and not self.demo:
            self._apply_start_on_login(value)
        elif name == st.POPUPS_PAUSED.name:
            self.tray.set_popups_paused(value)
        elif name == st.THEME.name:
            from desktop.ui.shell import theme
            from desktop.ui.shell.application import create_qapplication

            theme.apply_theme(create_qapplication(), value)

    def _apply_start_on_login(self, wanted: bool) -> None:
        """Write or remove this user's login entry to match the setting (or the admin's)."""
        from desktop.platform import autostart

        try:
            if wanted and not autostart.is_enabled():
                autostart.enable()
            elif not wanted and autostart.is_enabled():
                autostart.disable()
        except (OSError, ValueError) as exc:
            log.warning("The login entry could not be changed: %s", exc)
            from PySide6.QtCore import QCoreApplication

            self.window.show_banner(
                QCoreApplication.translate(
                    "App", "Starting at login could not be set up on this computer."
                ),
                "warning",
            )

    def _watch_network(self) -> None:
        if not self._stopped:
            self.network.start()
