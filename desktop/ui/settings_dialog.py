"""The Settings dialog, and the setting editors it shares with the first-run wizard.

Shared: the time-zone chooser, the certificate trust panel, the extension list,
the connection check and the readable texts for credential and address problems.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop import settings as st
from desktop.credentials import CredentialState, CredentialStore
from desktop.pbx import Extension, PbxCertificateError, PbxClient, PbxError
from desktop.pbx.tls import CertificateInfo, pinned_context, probe_certificate

log = logging.getLogger(__name__)

_ModelIndex = QModelIndex | QPersistentModelIndex
# (on a light background, on a dark background): readable in both themes.
_TONES = {"ok": ("#1b7e2c", "#7ddc8a"), "warning": ("#a33a00", "#ffb366"),
          "error": ("#b00020", "#ff8a80")}  # fmt: skip


def tone(kind: str) -> str:
    """A style sheet colouring text as ok / warning / error for the current palette."""
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return f"color: {_TONES[kind][dark]};"


@dataclass(frozen=True, slots=True)
class PinnedCertificate:
    """The one certificate the user (or the administrator) trusts for this PBX."""

    pem: str
    sha256: str


def credential_state_text(state: CredentialState) -> str:
    """The credential state in the user's language."""
    texts = {
        CredentialState.STORED: QCoreApplication.translate(
            "Credentials", "The password is saved in this computer's keyring."
        ),
        CredentialState.SESSION_ONLY: QCoreApplication.translate(
            "Credentials",
            "The password is kept only until the app quits; you will be asked again next time.",
        ),
        CredentialState.NOT_STORED: QCoreApplication.translate(
            "Credentials", "No password is saved for this account yet."
        ),
        CredentialState.NO_BACKEND: QCoreApplication.translate(
            "Credentials",
            "This computer has no secure password store (keyring), so the password cannot be "
            "saved. You can keep it for this session only.",
        ),
        CredentialState.LOCKED: QCoreApplication.translate(
            "Credentials",
            "The keyring is locked and could not be unlocked, so the password cannot be saved. "
            "Unlock it and try again, or keep the password for this session only.",
        ),
        CredentialState.FAILED: QCoreApplication.translate(
            "Credentials",
            "The keyring reported an error, so the password cannot be saved. "
            "You can keep it for this session only.",
        ),
    }
    return texts[state]


def server_url_problem_text(problem: st.ServerUrlProblem) -> str:
    """Why an address was refused, in the user's language."""
    texts = {
        st.ServerUrlProblem.EMPTY: QCoreApplication.translate(
            "ServerUrl", "Enter the address of the PBX."
        ),
        st.ServerUrlProblem.BAD_SCHEME: QCoreApplication.translate(
            "ServerUrl", "The address must start with http:// or https://."
        ),
        st.ServerUrlProblem.CREDENTIALS_IN_URL: QCoreApplication.translate(
            "ServerUrl",
            "Do not put a user name or password in the address; enter them in their own fields.",
        ),
        st.ServerUrlProblem.PASSWORD_IN_QUERY: QCoreApplication.translate(
            "ServerUrl", "Do not put a password in the address; enter it in its own field."
        ),
        st.ServerUrlProblem.BAD_HOST: QCoreApplication.translate(
            "ServerUrl", "The address does not contain a valid server name."
        ),
        st.ServerUrlProblem.BAD_PORT: QCoreApplication.translate(
            "ServerUrl", "The port in the address is not valid."
        ),
    }
    return texts[problem]


def connected_text(count: int) -> str:
    """ "Connected: N extensions", for the status line after a successful check."""
    if count == 1:
        return QCoreApplication.translate("Connection", "Connected: 1 extension")
    return QCoreApplication.translate("Connection", "Connected: {0} extensions").format(count)


def plain_http_warning() -> str:
    return QCoreApplication.translate(
        "ServerUrl",
        "This address uses plain http://: the password travels unencrypted over the network. "
        "Use https:// if the PBX supports it.",
    )


def mark_locked(settings: st.Settings, name: str, *widgets: QWidget) -> None:
    """Disable the widgets of a setting the administrator locked, and say why."""
    if settings.is_locked(name):
        for widget in widgets:
            widget.setEnabled(False)
            widget.setToolTip(QCoreApplication.translate("Settings", "Set by your administrator"))


def verify_for(server_url: str, pinned: PinnedCertificate | None) -> bool | ssl.SSLContext:
    """System trust, or only the pinned certificate when there is one."""
    if pinned is not None and server_url.lower().startswith("https://"):
        return pinned_context(pinned.pem)
    return True


def pinned_from_settings(settings: st.Settings) -> PinnedCertificate | None:
    pem, sha = settings.get(st.TLS_PINNED_PEM), settings.get(st.TLS_PINNED_SHA256)
    return PinnedCertificate(pem, sha) if pem and sha else None


def pins_locked(settings: st.Settings) -> bool:
    """The administrator fixed the trusted certificate: the user may not trust another."""
    return settings.is_locked(st.TLS_PINNED_PEM) or settings.is_locked(st.TLS_PINNED_SHA256)


def same_fingerprint(a: str, b: str) -> bool:
    try:
        return st.normalize_fingerprint(a) == st.normalize_fingerprint(b)
    except ValueError:
        return False


async def fetch_extensions(
    server_url: str,
    username: str,
    password: str,
    *,
    verify: bool | ssl.SSLContext,
    timeout: float,
    api_path: str,
) -> list[Extension]:
    """Sign in and read the extension list: proves the whole connection works."""
    async with PbxClient(
        server_url, username, password, timeout=timeout, verify=verify, api_path=api_path
    ) as pbx:
        return await pbx.extensions()


class TaskOwner:
    """Keeps a widget's running coroutines referenced, logged and cancellable."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.get_event_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def adopt_current(self) -> None:
        """Hold on to the running task (an @asyncSlot's task has no other owner)."""
        task = asyncio.current_task()
        if task is not None and task not in self._tasks:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("Background task failed", exc_info=task.exception())

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)


class TimeZoneCombo(QComboBox):
    """All IANA time zones; type any part of a name to find it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = st.available_timezone_names()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setModel(QStringListModel(list(self._names), self))
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMaxVisibleItems(15)
        self.setMinimumContentsLength(24)

    def set_zone(self, name: str) -> None:
        if name in self._names:
            self.setCurrentIndex(self._names.index(name))

    def zone(self) -> str | None:
        """The chosen zone, or None if the text is not a known zone."""
        text = self.currentText().strip()
        return text if text in self._names else None


def extension_order(ext: Extension) -> tuple[bool, str]:
    """Numeric extensions first, in numeric order (100 before 1000)."""
    return (not ext.number.isdigit(), ext.number.zfill(12))


class ExtensionListModel(QAbstractListModel):
    """The PBX's extensions as a list: "101 — Reception"."""

    NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Extension] = []

    def set_extensions(self, extensions: Sequence[Extension]) -> None:
        self.beginResetModel()
        self._rows = sorted(extensions, key=extension_order)
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ext = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{ext.number} — {ext.name}" if ext.name else ext.number
        if role == Qt.ItemDataRole.ToolTipRole:
            return ext.status
        if role == Qt.ItemDataRole.ForegroundRole and not ext.registered:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == self.NUMBER_ROLE:
            return ext.number
        return None


def _two_lines(fingerprint: str) -> str:
    pairs = fingerprint.split(":")
    return ":".join(pairs[:16]) + "\n" + ":".join(pairs[16:])


class CertificatePanel(QGroupBox):
    """Shows an untrusted certificate's fingerprint and lets the user trust exactly it."""

    trust_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Server certificate"))
        self.info: CertificateInfo | None = None
        self.warning = QLabel(wordWrap=True)
        self.fingerprint = QLabel()
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(wordWrap=True)
        self.trust = QCheckBox(
            self.tr("I have compared the fingerprint and trust this certificate")
        )
        self.trust.toggled.connect(self.trust_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(QLabel(self.tr("SHA-256 fingerprint:")))
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.details)
        layout.addWidget(self.trust)
        self.hide()

    def show_certificate(
        self,
        info: CertificateInfo,
        *,
        changed: bool,
        can_trust: bool,
        previous: PinnedCertificate | None = None,
    ) -> None:
        self.info = info
        if changed:
            text = self.tr(
                "Warning: the server's certificate has changed since it was trusted. This can "
                "mean someone is intercepting the connection. Do not continue unless your "
                "administrator confirms the change."
            )
        else:
            text = self.tr(
                "The server's certificate is not signed by an authority this computer trusts "
                "(common for a PBX with a self-signed certificate). Compare this fingerprint "
                "with the one your administrator gave you."
            )
        if not can_trust:
            text += " " + self.tr("Your administrator has fixed which certificate is trusted.")
        self.warning.setText(text)
        self.warning.setStyleSheet(tone("error" if changed else "warning"))
        self.fingerprint.setText(_two_lines(info.sha256))
        expires = info.expires.date().isoformat() if info.expires else "?"
        details = self.tr("Issued to: {0}\nIssued by: {1}\nValid until: {2}").format(
            info.subject or "?", info.issuer or "?", expires
        )
        if changed and previous is not None:
            details += "\n" + self.tr("Trusted before:") + "\n" + _two_lines(previous.sha256)
        self.details.setText(details)
        self.trust.blockSignals(True)
        self.trust.setChecked(False)
        self.trust.blockSignals(False)
        self.trust.setVisible(can_trust)
        self.show()

    def pinned(self) -> PinnedCertificate | None:
        if self.info is None or not self.trust.isChecked():
            return None
        return PinnedCertificate(self.info.pem, self.info.sha256)

    def clear(self) -> None:
        self.info = None
        self.trust.setChecked(False)
        self.hide()


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    """The outcome of trying the connection: extensions, or an error and maybe a certificate."""

    extensions: list[Extension] | None = None
    error: PbxError | None = None
    certificate: CertificateInfo | None = None  # to show: untrusted, or differs from the pin
    changed: bool = False  # the certificate is not the pinned one


async def check_connection(
    server_url: str,
    username: str,
    password: str,
    *,
    pinned: PinnedCertificate | None,
    timeout: float,
    api_path: str,
) -> ConnectionCheck:
    """Probe the certificate first (no credentials sent), then sign in and list extensions."""
    https = server_url.lower().startswith("https://")
    try:
        if https and pinned is None:
            info = await probe_certificate(server_url, timeout=timeout)
            if not info.system_trusted:
                return ConnectionCheck(certificate=info)
        verify = verify_for(server_url, pinned)
        extensions = await fetch_extensions(
            server_url, username, password, verify=verify, timeout=timeout, api_path=api_path
        )
    except PbxCertificateError as exc:
        if https and pinned is not None:
            try:
                info = await probe_certificate(server_url, timeout=timeout)
            except PbxError:
                return ConnectionCheck(error=exc)
            if not same_fingerprint(info.sha256, pinned.sha256):
                return ConnectionCheck(error=exc, certificate=info, changed=True)
        return ConnectionCheck(error=exc)
    except PbxError as exc:
        return ConnectionCheck(error=exc)
    return ConnectionCheck(extensions=extensions)


class SettingsDialog(QDialog):
    """Edit the connection and general settings; Cancel changes nothing."""

    def __init__(
        self,
        settings: st.Settings,
        credentials: CredentialStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.credentials = credentials
        self.tasks = TaskOwner()
        self.changed: set[str] = set()
        self._known_password: str | None = None
        self._known_state = CredentialState.NOT_STORED
        self._pending_pin: PinnedCertificate | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self._build()
        self._load()
        self.tasks.spawn(self._load_password())

    def _build(self) -> None:
        self.server = QLineEdit(placeholderText="https://pbx.example.com")
        self.http_warning = QLabel(plain_http_warning(), wordWrap=True)
        self.http_warning.setStyleSheet(tone("warning"))
        self.username = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Save the password in this computer's keyring"))
        self.password_state = QLabel(wordWrap=True)
        self.password_state.hide()
        self.extension = QComboBox(editable=True)
        self.extension.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone = TimeZoneCombo()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_result = QLabel(wordWrap=True)
        self.certificate = CertificatePanel()
        connection = QGroupBox(self.tr("Connection"))
        form = QFormLayout(connection)
        form.addRow(self.tr("Server address:"), self.server)
        form.addRow("", self.http_warning)
        form.addRow(self.tr("API user name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", self.remember)
        form.addRow("", self.password_state)
        form.addRow(self.tr("My extension:"), self.extension)
        form.addRow(self.tr("PBX time zone:"), self.timezone)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow(test_row)
        form.addRow(self.certificate)

        self.poll = QDoubleSpinBox(decimals=1, singleStep=0.5, suffix=self.tr(" s"))
        self.poll.setRange(st.POLL_INTERVAL_S.minimum or 0.5, st.POLL_INTERVAL_S.maximum or 60)
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("Türkçe", "tr")
        self.language_hint = QLabel(self.tr("A new language applies after a restart."))
        self.language_hint.setWordWrap(True)
        self.theme = QComboBox()
        self.theme.addItem(self.tr("Same as the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.start_minimized = QCheckBox(self.tr("Start in the tray without showing the window"))
        general = QGroupBox(self.tr("General"))
        gform = QFormLayout(general)
        gform.addRow(self.tr("Refresh live calls every:"), self.poll)
        gform.addRow(self.tr("Language:"), self.language)
        gform.addRow("", self.language_hint)
        gform.addRow(self.tr("Theme:"), self.theme)
        gform.addRow("", self.start_minimized)

        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(tone("error"))
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(connection)
        layout.addWidget(general)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.server.textChanged.connect(self._update_http_warning)
        self.test_button.clicked.connect(self.test_connection)
        self.certificate.trust_changed.connect(self._on_trust_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _load(self) -> None:
        s = self.settings
        self.server.setText(s.get(st.SERVER_URL))
        self.username.setText(s.get(st.USERNAME))
        self.remember.setChecked(True)
        self.extension.setEditText(s.get(st.EXTENSION))
        self.timezone.set_zone(s.get(st.PBX_TIMEZONE))
        self.poll.setValue(s.get(st.POLL_INTERVAL_S))
        self.language.setCurrentIndex(max(0, self.language.findData(s.get(st.LANGUAGE))))
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.get(st.THEME))))
        self.start_minimized.setChecked(s.get(st.START_MINIMIZED))
        self._update_http_warning()
        mark_locked(s, "server_url", self.server)
        mark_locked(s, "username", self.username)
        mark_locked(s, "extension", self.extension)
        mark_locked(s, "pbx_timezone", self.timezone)
        mark_locked(s, "poll_interval_s", self.poll)
        mark_locked(s, "language", self.language)
        mark_locked(s, "theme", self.theme)
        mark_locked(s, "start_minimized", self.start_minimized)

    async def _load_password(self) -> None:
        url, user = self.settings.get(st.SERVER_URL), self.settings.get(st.USERNAME)
        if not (url and user):
            return
        result = await self.credentials.load(user, url)
        self._known_password, self._known_state = result.password, result.state
        if result.password:
            self.password.setPlaceholderText(self.tr("Unchanged"))
        self.remember.setChecked(
            result.state is not CredentialState.SESSION_ONLY and not result.state.is_problem
        )
        self.password_state.setText(credential_state_text(result.state))
        self.password_state.show()
        self._refit()

    def _update_http_warning(self) -> None:
        self.http_warning.setVisible(st.is_plain_http(self.server.text()))
        self._refit()

    def _refit(self) -> None:
        # Word-wrapped rows shown later need height the window did not reserve for them.
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self._refit()

    def _server_url(self) -> str | None:
        try:
            return st.normalize_server_url(self.server.text())
        except st.ServerUrlError as exc:
            self._show_error(server_url_problem_text(exc.problem))
            self.server.setFocus()
            return None

    def _chosen_extension(self) -> str:
        index = self.extension.currentIndex()
        text = self.extension.currentText().strip()
        if index >= 0 and self.extension.itemText(index) == text:
            return str(self.extension.itemData(index))
        return text

    def _pin_for(self, url: str) -> PinnedCertificate | None:
        if self._pending_pin is not None:
            return self._pending_pin
        same_server = url == self.settings.get(st.SERVER_URL)
        locked = pins_locked(self.settings)
        return pinned_from_settings(self.settings) if same_server or locked else None

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
        password = self.password.text() or self._known_password
        if not password:
            self.test_result.setText(self.tr("Enter the password first."))
            return
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Connecting…"))
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
        if check.certificate is not None:
            can_trust = not pins_locked(self.settings)
            self.certificate.show_certificate(
                check.certificate,
                changed=check.changed,
                can_trust=can_trust,
                previous=self._pin_for(url),
            )
        if check.extensions is not None:
            self._fill_extensions(check.extensions)
            self.test_result.setStyleSheet(tone("ok"))
            self.test_result.setText(connected_text(len(check.extensions)))
        elif check.error is not None:
            self.test_result.setStyleSheet(tone("error"))
            self.test_result.setText(str(check.error))
        else:
            self.test_result.setStyleSheet(tone("warning"))
            self.test_result.setText(self.tr("Check the certificate below before connecting."))
        self._refit()

    def _fill_extensions(self, extensions: Sequence[Extension]) -> None:
        current = self._chosen_extension()
        self.extension.clear()
        for ext in sorted(extensions, key=extension_order):
            label = f"{ext.number} — {ext.name}" if ext.name else ext.number
            self.extension.addItem(label, ext.number)
        found = self.extension.findData(current)
        if found >= 0:
            self.extension.setCurrentIndex(found)
        else:
            self.extension.setEditText(current)

    @asyncSlot()  # type: ignore[untyped-decorator]
    async def save(self) -> None:
        """Validate everything, store the password, then write the settings."""
        self.tasks.adopt_current()
        self._show_error("")
        url = self._server_url()
        if url is None:
            return
        zone = self.timezone.zone()
        if zone is None:
            self._show_error(self.tr("Choose a time zone from the list."))
            return
        values: dict[str, Any] = {
            "server_url": url,
            "username": self.username.text().strip(),
            "extension": self._chosen_extension(),
            "pbx_timezone": zone,
            "poll_interval_s": self.poll.value(),
            "language": self.language.currentData(),
            "theme": self.theme.currentData(),
            "start_minimized": self.start_minimized.isChecked(),
        }
        try:
            for name, value in values.items():
                values[name] = st.REGISTRY[name].coerce(value)
        except ValueError:
            self._show_error(self.tr("The user name or extension is not valid."))
            return
        self.buttons.setEnabled(False)
        try:
            if not await self._save_password(url, values["username"]):
                return
        finally:
            self.buttons.setEnabled(True)
        self._write(values, url)
        self.accept()

    async def _save_password(self, url: str, user: str) -> bool:
        old_url, old_user = self.settings.get(st.SERVER_URL), self.settings.get(st.USERNAME)
        moved = (url, user) != (old_url, old_user)
        password = self.password.text() or self._known_password
        remember = self.remember.isChecked()
        stops_saving = not remember and self._known_state is CredentialState.STORED
        starts_saving = remember and self._known_state is CredentialState.SESSION_ONLY
        if not password or not (self.password.text() or moved or stops_saving or starts_saving):
            return True
        if stops_saving and not moved:
            await self.credentials.forget(user, url)
        result = await self.credentials.store(user, url, password, remember=remember)
        if result.state.is_problem:
            self._show_error(credential_state_text(result.state))
            self.remember.setChecked(False)  # offer "this session only" on the next OK
            return False
        if moved and old_url and old_user:
            await self.credentials.forget(old_user, old_url)
        return True

    def _write(self, values: dict[str, Any], url: str) -> None:
        s = self.settings
        if not pins_locked(s):
            if self._pending_pin is not None:
                values["tls_pinned_pem"] = self._pending_pin.pem
                values["tls_pinned_sha256"] = self._pending_pin.sha256
            elif url != s.get(st.SERVER_URL):
                values["tls_pinned_pem"] = values["tls_pinned_sha256"] = ""
        for name, value in values.items():
            if not s.is_locked(name) and s.get(name) != value:
                s.set(name, value)
                self.changed.add(name)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refit()

    def done(self, result: int) -> None:
        self.tasks.cancel_all()
        super().done(result)
