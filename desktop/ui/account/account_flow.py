"""Connecting with the user's PBX account: first-run wizard, password prompt, settings.

`AccountFlow.connect()` takes the saved settings to a polling connection, asking the
user for what is missing (the whole set-up on a first start, else a password the
keyring could not give). Settings that change the connection connect again.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desktop import settings as st

if TYPE_CHECKING:
    from desktop.credentials import CredentialStore
    from desktop.services.session import PbxApi, Session
    from desktop.ui.account.settings_dialog import SettingsDialog
    from desktop.ui.common.open_dialogs import OpenDialogs
    from desktop.ui.shell.main_window import MainWindow

__all__ = ["CONNECTION_SETTINGS", "AccountFlow"]

# Settings that need a new connection when they change.
CONNECTION_SETTINGS = frozenset(
    setting.name
    for setting in (
        st.SERVER_URL,
        st.USERNAME,
        st.API_PATH,
        st.REQUEST_TIMEOUT_S,
        st.PBX_TIMEZONE,
        st.TLS_PINNED_PEM,
        st.TLS_PINNED_SHA256,
    )
)

_PROMPT_WIDTH = 460

Spawn = Callable[[Coroutine[Any, Any, Any]], object]


class AccountFlow:
    """Asks for what the connection needs, then hands the session a client factory."""

    def __init__(
        self,
        *,
        settings: st.Settings,
        credentials: CredentialStore | None,
        session: Session,
        window: MainWindow,
        dialogs: OpenDialogs,
        spawn: Spawn,
        account_editable: bool = True,
    ) -> None:
        self.settings = settings
        self.credentials = credentials
        self.session = session
        self.window = window
        self.dialogs = dialogs
        # False: the connection is given (the built-in demo PBX); Settings saves nothing.
        self.account_editable = account_editable
        # The running webhook receiver's URL templates, for Settings to show (or None).
        self.webhook_templates: Callable[[], tuple[str, str] | None] | None = None
        # Names for numbers (the phonebook's), so Settings shows "110 — Reception" at once.
        self.extension_name: Callable[[str], str | None] | None = None
        self._spawn = spawn

    async def connect(self) -> None:
        """Connect with the saved settings: first-run wizard, password, then poll."""
        password: str | None
        if not self.settings.is_configured():
            password = await self._first_run()
            if password is None:
                self.session.disconnect(
                    QCoreApplication.translate(
                        "App", "Not set up yet: open Settings to connect to your PBX."
                    )
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

        def client() -> PbxApi:
            from zoneinfo import ZoneInfo

            from desktop.services.connection_check import open_client
            from desktop.ui.account.saved_pin import pinned_from_settings

            return open_client(
                url,
                user,
                password,
                pinned=pinned_from_settings(s),
                timeout=s.get(st.REQUEST_TIMEOUT_S),
                api_path=s.get(st.API_PATH),
                timezone=ZoneInfo(s.get(st.PBX_TIMEZONE)),
            )

        self.session.connect(client)

    def open_settings(self) -> None:
        """Open Settings (or raise the open one); connect again when the account changed."""
        open_dialog = self.dialogs.get("settings")
        if open_dialog is not None:
            open_dialog.raise_()
            return
        from desktop.credentials import CredentialStore
        from desktop.ui.account.settings_dialog import SettingsDialog

        # A given connection never touches the keyring: its dialog keeps nothing.
        credentials = self.credentials or CredentialStore.session_only()
        self.window.bring_to_front()
        dialog = SettingsDialog(
            self.settings,
            credentials,
            self.window,
            account_editable=self.account_editable,
            extension_name=self.extension_name,
        )
        from desktop.pbx import PbxAuthError

        if isinstance(self.session.status.error, PbxAuthError):
            dialog.focus_password()  # the PBX refused it: that is what to fix
        if self.webhook_templates is not None:
            templates = self.webhook_templates()
            if templates is not None:
                dialog.set_webhook_templates(*templates)
        self._spawn(self._settings_closed(dialog))

    async def _settings_closed(self, dialog: SettingsDialog) -> None:
        accepted = await self.dialogs.result("settings", dialog)
        new_password = bool(dialog.password.text())
        changed = dialog.changed & CONNECTION_SETTINGS
        if not accepted or not self.account_editable:
            return
        if changed or new_password:
            await self.connect()  # a new address, user or password: a new client
        elif self.session.status.waiting_for_user:
            self.session.poke()  # the user confirmed the saved account: try it again now

    async def _first_run(self) -> str | None:
        from desktop.ui.account.first_run import FirstRunWizard

        assert self.credentials is not None
        self.session.disconnect(QCoreApplication.translate("App", "Not set up yet."))
        wizard = FirstRunWizard(self.settings, self.credentials, self.window)
        accepted = await self.dialogs.result("first_run", wizard)
        outcome = wizard.outcome
        return outcome.password if accepted and outcome is not None else None

    async def _password(self) -> str | None:
        """The saved password; else explain why there is none and ask for it."""
        from desktop.ui.account.settings_dialog import credential_state_text

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
                + QCoreApplication.translate(
                    "App", "Enter the password to use it until the app quits."
                )
            )
        else:
            why = QCoreApplication.translate(
                "App", "No password is saved for this account. Enter it to connect."
            )
        self.session.disconnect(why)
        password = await self._ask_password(why)
        if not password:
            return None
        stored = await self.credentials.store(user, url, password, remember=not problem)
        if stored.state.is_problem:
            await self.credentials.store(user, url, password, remember=False)
        return password

    async def _ask_password(self, why: str) -> str:
        from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit  # made on first use

        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(QCoreApplication.translate("App", "PBX password"))
        dialog.setLabelText(why + "\n\n" + QCoreApplication.translate("App", "Password:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        for label in dialog.findChildren(QLabel):  # a long reason wraps instead of widening
            label.setWordWrap(True)
        dialog.setMinimumWidth(_PROMPT_WIDTH)
        self.window.bring_to_front()
        if not await self.dialogs.result("password", dialog):
            return ""
        return str(dialog.textValue())
