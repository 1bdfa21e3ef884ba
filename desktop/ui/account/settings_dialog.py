"""The Settings dialog: one tab per page (connection, numbers, popups, webhooks, general)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop import settings as st
from desktop.credentials import CredentialState, CredentialStore
from desktop.server_address import ServerUrlError, is_plain_http, normalize_server_url
from desktop.services.connection_check import PinnedCertificate, check_connection
from desktop.ui.account.account_password import AccountPassword
from desktop.ui.account.connection_page import ConnectionPage, keep_place_when_hidden
from desktop.ui.account.connection_test_result import show_check
from desktop.ui.account.connection_widgets import (
    credential_state_text,
    mark_locked,
    server_url_problem_text,
    tone,
)
from desktop.ui.account.extension_choice import chosen_extension, show_saved_extension
from desktop.ui.account.field_error import FieldError, grow_to_fit, point_at
from desktop.ui.account.general_settings import GeneralSettings
from desktop.ui.account.numbers_page import NumbersPage
from desktop.ui.account.popups_page import PopupsPage
from desktop.ui.account.save_anyway import attempt_digest, save_anyway_box, saves_anyway
from desktop.ui.account.saved_pin import pinned_from_settings, pins_locked
from desktop.ui.account.settings_page import SettingsPage
from desktop.ui.account.settings_unsaved import discard_changes_box, entered
from desktop.ui.account.settings_write import pin_for, write_changes
from desktop.ui.account.webhooks_page import WebhooksPage
from desktop.ui.common.discard import DiscardGuard
from desktop.ui.common.first_field import focus_tab_page
from desktop.ui.common.tasks import TaskOwner
from desktop.ui.shell import theme

__all__ = ["SettingsDialog", "credential_state_text", "pinned_from_settings"]


class SettingsDialog(QDialog):
    """Edit every user setting, a tab per page; OK saves only when all is valid, Cancel nothing.

    Without `account_editable` the connection is given (the built-in simulated PBX): it is
    shown disabled with a note saying so, and only the other pages apply (for the
    session: such an app keeps its settings in memory).
    """

    def __init__(
        self,
        settings: st.Settings,
        credentials: CredentialStore,
        parent: QWidget | None = None,
        *,
        account_editable: bool = True,
        extension_name: Callable[[str], str | None] | None = None,
    ) -> None:
        """`extension_name(number)` names the saved extension before any test (or None)."""
        super().__init__(parent)
        self.settings = settings
        self.credentials = credentials
        self.account_editable = account_editable
        self.tasks = TaskOwner()
        self.changed: set[str] = set()
        # The saved password belongs to the saved account; any other account needs its own.
        self._saved = AccountPassword(settings, credentials)
        self._pending_pin: PinnedCertificate | None = None
        self._extension_name = extension_name
        # What the last Test connection was refused for: OK then asks before saving it.
        self._refused: bytes | None = None
        self.save_anyway_box: QMessageBox | None = None
        self._password_first = False
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self._build()
        self._load()
        if not account_editable:
            self._show_given_connection()
        else:
            self.tasks.spawn(self._load_password())
        self._opened = entered(self.connection, self.pages, self._pending_pin)
        self._guard = DiscardGuard(
            self, self.has_unsaved_changes, lambda: discard_changes_box(self)
        )
        self.buttons.rejected.connect(self._guard.cancel)

    def _build(self) -> None:
        self.connection = page = ConnectionPage()
        self.server, self.http_warning = page.server, page.http_warning
        self.username, self.password, self.remember = page.username, page.password, page.remember
        self.password_state, self.password_needed = page.password_state, page.password_needed
        self.extension, self.timezone = page.extension, page.timezone
        self.test_button, self.test_result = page.test_button, page.test_result
        self.certificate = page.certificate
        self.demo_note = QLabel(
            self.tr("Demo mode: connected to the built-in simulated PBX; nothing here is saved."),
            wordWrap=True,
        )
        self.demo_note.hide()

        self.numbers = NumbersPage()
        self.popups = PopupsPage()
        self.webhooks = WebhooksPage()
        self.general = general = GeneralSettings()
        self.poll, self.language, self.theme = general.poll, general.language, general.theme
        self.language_hint, self.start_minimized = general.language_hint, general.start_minimized
        self.pages: list[SettingsPage] = [self.numbers, self.popups, self.webhooks, general]
        self.tabs = QTabWidget()
        self.tabs.addTab(page, self.tr("Co&nnection"))
        self.tabs.addTab(self.numbers, self.tr("Ca&lls && numbers"))
        self.tabs.addTab(self.popups, self.tr("&Popups"))
        self.tabs.addTab(self.webhooks, self.tr("&Webhooks"))
        self.tabs.addTab(general, self.tr("&General"))

        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(tone("error"))
        self.error.hide()
        # The field the error is about: editing it clears the error.
        self._error_line = FieldError(self.error, self._refit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        keep_place_when_hidden(self.error)
        self.error.setMinimumHeight(2 * self.error.fontMetrics().lineSpacing())

        self.server.textChanged.connect(self._update_http_warning)
        for edit in (self.server, self.username, self.password):
            edit.textChanged.connect(self._update_password_hint)
        self.test_button.clicked.connect(self.test_connection)
        self.certificate.trust_changed.connect(self._on_trust_changed)
        self._error_line.watch(self.tabs)
        self.buttons.accepted.connect(self.save)

    def _load(self) -> None:
        s = self.settings
        self.server.setText(s.get(st.SERVER_URL))
        self.username.setText(s.get(st.USERNAME))
        self.remember.setChecked(True)
        number = s.get(st.EXTENSION)
        name = self._extension_name(number) if self._extension_name and number else None
        show_saved_extension(self.extension, number, name)
        self.timezone.set_zone(s.get(st.PBX_TIMEZONE))
        for settings_page in self.pages:
            settings_page.load(s)
        self._update_http_warning()
        self._update_password_hint()
        mark_locked(s, "server_url", self.server)
        mark_locked(s, "username", self.username)
        mark_locked(s, "extension", self.extension)
        mark_locked(s, "pbx_timezone", self.timezone)

    def _show_given_connection(self) -> None:
        # A given connection never touches the account or the keyring: none may look set.
        self.server.setPlaceholderText("")
        self.remember.setChecked(False)
        self.connection.setEnabled(False)
        background, border, text = theme.banner_colours("info", theme.is_dark())
        self.demo_note.setStyleSheet(
            f"QLabel {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 6px; padding: 6px 10px; color: {text}; }}"
        )
        self.demo_note.show()

    async def _load_password(self) -> None:
        result = await self._saved.load()
        if result is None:
            return
        self.remember.setChecked(
            result.state is not CredentialState.SESSION_ONLY and not result.state.is_problem
        )
        self._opened["remember"] = self.remember.isChecked()  # as the dialog opens, late
        self.password_state.setText(credential_state_text(result.state))
        self._update_password_hint()

    def _is_saved_account(self) -> bool:
        """Whether the address and user name entered are those the saved password is for."""
        try:
            url = normalize_server_url(self.server.text())
        except ServerUrlError:
            return False
        return not self._saved.moved(url, self.username.text().strip())

    def _update_password_hint(self) -> None:
        if not self.account_editable:
            return
        # A look-alike address or a typo must never receive the saved password unasked.
        saved_account = self._is_saved_account()
        unchanged = saved_account and bool(self._saved.known)
        self.password.setPlaceholderText(self.tr("Unchanged") if unchanged else "")
        self.password_state.setVisible(saved_account and bool(self.password_state.text()))
        self.password_needed.setVisible(not saved_account and not self.password.text())
        self._refit()

    def _ask_for_password(self) -> str:
        """Point at the password field; returns the sentence saying why."""
        self.password_needed.show()
        point_at(self.tabs, self.password)
        self._refit()
        return self.connection.password_needed_text()

    def focus_password(self) -> None:
        """Open on the password field, its text selected (the PBX refused the password).

        Works before or after the dialog is shown.
        """
        if self.isVisible():
            self._focus_password_now()
        else:
            self._password_first = True  # applied as the dialog is shown

    @property
    def discard_box(self) -> QMessageBox | None:
        """The "Discard your changes?" question while it is open."""
        return self._guard.box

    def has_unsaved_changes(self) -> bool:
        """Whether OK would save anything other than what the dialog opened with."""
        return entered(self.connection, self.pages, self._pending_pin) != self._opened

    def _focus_password_now(self) -> None:
        point_at(self.tabs, self.password)
        self.password.selectAll()

    def set_webhook_templates(self, start_url: str, hangup_url: str) -> None:
        """Show the running webhook receiver's two URL templates ("" hides them again)."""
        self.webhooks.set_templates(start_url, hangup_url)

    def _page_values(self) -> dict[str, Any] | None:
        """Every page's values; None (and the first problem shown) if any cannot be saved."""
        values: dict[str, Any] = {}
        for settings_page in self.pages:
            problem = settings_page.problem()
            if problem is not None:
                self._show_error(problem.text, problem.widget)
                point_at(self.tabs, problem.widget)
                return None
            # What the administrator fixed is neither checked nor written.
            unlocked = settings_page.values().items()
            values.update((k, v) for k, v in unlocked if k not in settings_page.locked)
        return values

    def _update_http_warning(self) -> None:
        self.http_warning.setVisible(self.account_editable and is_plain_http(self.server.text()))
        self._refit()

    def _refit(self) -> None:
        grow_to_fit(self)

    def _zone_problem(self) -> str:
        return self.tr("Choose a time zone from the list.")

    def _show_error(self, text: str, field: QWidget | None = None) -> None:
        """Show (or with "" clear) the error; editing `field` clears it again."""
        self._error_line.show(text, field)

    def _server_url(self) -> str | None:
        try:
            return normalize_server_url(self.server.text())
        except ServerUrlError as exc:
            self._show_error(server_url_problem_text(exc.problem), self.server)
            point_at(self.tabs, self.server)
            return None

    def _pin_for(self, url: str) -> PinnedCertificate | None:
        return pin_for(self.settings, self._pending_pin, url)

    def _on_trust_changed(self, trusted: bool) -> None:
        self._pending_pin = self.certificate.pinned() if trusted else None
        if trusted:
            self.test_connection()

    @asyncSlot()  # type: ignore[untyped-decorator]
    async def test_connection(self) -> None:
        """Sign in with what is entered and list the extensions."""
        self.tasks.adopt_current()
        self._show_error("")
        url = self._server_url()
        if url is None:
            return
        if not self.password.text() and not self._is_saved_account():
            self.test_result.setStyleSheet(tone("warning"))
            self.test_result.setText(self._ask_for_password())
            return
        password = self.password.text() or self._saved.known
        if not password:
            self.test_result.setStyleSheet("")
            self.test_result.setText(self.tr("Enter the password first."))
            return
        # Disabling the focused button would hand the focus to the next field: keep it.
        focused = self.focusWidget()
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Connecting…"))
        tried = attempt_digest(url, self.username.text().strip(), password)
        try:
            check = await check_connection(
                url,
                self.username.text().strip(),
                password,
                pinned=self._pin_for(url),
                timeout=self.settings.get(st.REQUEST_TIMEOUT_S),
                api_path=self.settings.get(st.API_PATH),
            )
        finally:
            self.test_button.setEnabled(True)
            if focused is not None and focused is not self.focusWidget():
                focused.setFocus(Qt.FocusReason.OtherFocusReason)
        self._refused = tried if check.error is not None else None
        can_trust = not pins_locked(self.settings)
        show_check(self.connection, check, can_trust=can_trust, previous=self._pin_for(url))
        self._refit()

    @asyncSlot()  # type: ignore[untyped-decorator]
    async def save(self) -> None:
        """Validate everything, store the password, then write the settings."""
        self.tasks.adopt_current()
        self._show_error("")
        general = self._page_values()
        if general is None:
            return
        if not self.account_editable:  # the connection is given, not the user's to change
            self._write(general, None)
            self.accept()
            return
        url = self._server_url()
        if url is None:
            return
        zone = self.timezone.zone()
        if zone is None:
            self._show_error(self._zone_problem(), self.timezone)
            point_at(self.tabs, self.timezone)
            return
        values: dict[str, Any] = {
            "server_url": url,
            "username": self.username.text().strip(),
            "extension": chosen_extension(self.extension),
            "pbx_timezone": zone,
            **general,
        }
        try:
            for name, value in values.items():
                values[name] = st.REGISTRY[name].coerce(value)
        except ValueError:
            self._show_error(self.tr("The user name or extension is not valid."))
            return
        password = self.password.text() or self._saved.known or ""
        tried = attempt_digest(url, self.username.text().strip(), password)
        refused = self._refused is not None and self._refused == tried
        if refused and not await self._confirm_save_anyway():
            return
        self.buttons.setEnabled(False)
        try:
            if not await self._save_password(url, values["username"]):
                return
        finally:
            self.buttons.setEnabled(True)
        self._write(values, url)
        self.accept()

    async def _confirm_save_anyway(self) -> bool:
        """Ask before saving what Test connection was just refused with; No is the default."""
        box = self.save_anyway_box = save_anyway_box(self)
        try:
            return await saves_anyway(box)
        finally:
            self.save_anyway_box = None
            box.deleteLater()

    async def _save_password(self, url: str, user: str) -> bool:
        if self._saved.moved(url, user) and not self.password.text():
            self._show_error(self._ask_for_password(), self.password)
            return False
        remember = self.remember.isChecked()
        problem = await self._saved.store(url, user, self.password.text(), remember)
        if problem is not None:
            self._show_error(credential_state_text(problem))
            self.remember.setChecked(False)  # offer "this session only" on the next OK
            return False
        return True

    def _write(self, values: dict[str, Any], url: str | None) -> None:
        write_changes(self.settings, values, url, self._pending_pin, self.changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refit()
        if event.spontaneous():
            return  # shown again after being minimised: the focus stays where it was
        if self._password_first:
            self._password_first = False
            self._focus_password_now()
            # Opened over the main window, activation then gives the first field focus:
            # once more when that is done.
            QTimer.singleShot(0, self, self._focus_password_now)
        else:
            focus_tab_page(self.tabs)  # typing goes where the user sees it go
            QTimer.singleShot(0, self, lambda: focus_tab_page(self.tabs, unless_placed=True))

    def done(self, result: int) -> None:
        self.tasks.cancel_all()
        super().done(result)
