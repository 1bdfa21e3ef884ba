"""First-run wizard: server and account, the user's extension, time zone, password storage."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop import settings as st
from desktop.credentials import CredentialState, CredentialStore
from desktop.pbx import PbxAuthError
from desktop.server_address import ServerUrlError, is_plain_http, normalize_server_url
from desktop.services.connection_check import PinnedCertificate, check_connection
from desktop.ui.account.connection_widgets import (
    CertificatePanel,
    ExtensionListModel,
    TimeZoneCombo,
    connected_text,
    credential_state_text,
    mark_locked,
    plain_http_warning,
    server_url_problem_text,
    tone,
)
from desktop.ui.account.saved_pin import pinned_from_settings, pins_locked
from desktop.ui.common.error_text import error_text
from desktop.ui.common.tasks import TaskOwner

log = logging.getLogger(__name__)

__all__ = ["FirstRunResult", "FirstRunWizard", "PinnedCertificate"]


@dataclass(frozen=True, slots=True)
class FirstRunResult:
    """What the wizard set up; `password` is kept out of repr."""

    server_url: str
    username: str
    password: str = field(repr=False)
    extension: str
    timezone: str
    pinned: PinnedCertificate | None
    remember_password: bool
    credential_state: CredentialState


class FirstRunWizard(QWizard):
    """Guides a new user from an empty configuration to a working connection.

    On Finish the settings are written and the password is stored; `outcome` then
    holds a FirstRunResult (None if the user cancelled).
    """

    def __init__(
        self,
        settings: st.Settings,
        credentials: CredentialStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.credentials = credentials
        self.server_url = ""
        self.username = ""
        self.password = ""
        self.extension = ""
        self.pinned: PinnedCertificate | None = pinned_from_settings(settings)
        self.pinned_url: str = settings.get(st.SERVER_URL)
        self.outcome: FirstRunResult | None = None
        # The PBX refused the password: going Back puts the cursor in the password field.
        self.password_refused = False
        self.setWindowTitle(self.tr("IEXPBX Desktop setup"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.server_page = ServerPage(self)
        self.connect_page = ConnectPage(self)
        self.finish_page = FinishPage(self)
        for page in (self.server_page, self.connect_page, self.finish_page):
            self.addPage(page)
        self.setMinimumSize(640, 560)
        # Enter is for Next/Finish: a Cancel that had the focus must not take it (setup
        # would end at the first Enter when the locked address leaves nothing else).
        for which in (QWizard.WizardButton.CancelButton, QWizard.WizardButton.BackButton):
            button = self.button(which)
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        self._centred = False
        self.currentIdChanged.connect(self._page_shown)

    def _page_shown(self, _page_id: int) -> None:
        if self.currentPage() is self.server_page and self.password_refused:
            self.password_refused = False
            self.server_page.focus_password()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._centred:
            self._centred = True
            self._centre()

    def _centre(self) -> None:
        """Over the main window when there is one, else in the middle of the screen."""
        parent = self.parentWidget()
        if parent is not None and parent.isVisible():
            area = parent.frameGeometry()
        else:
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is None:
                return
            area = screen.availableGeometry()
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        self.move(frame.topLeft())

    def pins_locked(self) -> bool:
        return pins_locked(self.settings)

    def save(self, timezone: str, remember: bool, state: CredentialState) -> None:
        """Write what the user chose (locked settings stay as the administrator set them)."""
        https = self.server_url.lower().startswith("https://")
        pinned = self.pinned if https else None
        values: dict[str, object] = {
            "server_url": self.server_url,
            "username": self.username,
            "extension": self.extension,
            "pbx_timezone": timezone,
        }
        if not self.pins_locked():
            values["tls_pinned_pem"] = pinned.pem if pinned else ""
            values["tls_pinned_sha256"] = pinned.sha256 if pinned else ""
        for name, value in values.items():
            if not self.settings.is_locked(name):
                try:
                    self.settings.set(name, value)
                except ValueError as exc:
                    log.warning("Setup could not save %s: %s", name, exc)
        self.outcome = FirstRunResult(
            server_url=self.server_url,
            username=self.username,
            password=self.password,
            extension=self.extension,
            timezone=timezone,
            pinned=pinned,
            remember_password=remember,
            credential_state=state,
        )

    def done(self, result: int) -> None:
        self.connect_page.tasks.cancel_all()
        self.finish_page.tasks.cancel_all()
        super().done(result)


class ServerPage(QWizardPage):
    """Server address, API user name and password."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setup = wizard
        self.setTitle(self.tr("Connect to your PBX"))
        self.setSubTitle(
            self.tr("Enter the address of the PBX and the API user your administrator gave you.")
        )
        self.server = QLineEdit(placeholderText="https://pbx.example.com")
        self.username = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.http_warning = QLabel(plain_http_warning(), wordWrap=True)
        self.http_warning.setStyleSheet(tone("warning"))
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(tone("error"))
        form = QFormLayout(self)
        form.addRow(self.tr("Server address:"), self.server)
        form.addRow("", self.http_warning)
        form.addRow(self.tr("API user name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.error)
        self.server.setText(wizard.settings.get(st.SERVER_URL))
        self.username.setText(wizard.settings.get(st.USERNAME))
        mark_locked(wizard.settings, "server_url", self.server)
        mark_locked(wizard.settings, "username", self.username)
        for edit in (self.server, self.username, self.password):
            edit.textChanged.connect(self._changed)
        self._changed()

    def initializePage(self) -> None:
        self.first_editable().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_editable(self) -> QLineEdit:
        """The first field the user can type in (an administrator may have locked some)."""
        for edit in (self.server, self.username):
            if edit.isEnabled() and not edit.text().strip():
                return edit
        return self.password

    def focus_password(self) -> None:
        """Put the cursor in the password field with its text selected, to type it anew."""
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.password.selectAll()

    def _changed(self) -> None:
        self.http_warning.setVisible(is_plain_http(self.server.text()))
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        edits = (self.server, self.username, self.password)
        return all(edit.text().strip() for edit in edits)

    def validatePage(self) -> bool:
        try:
            url = normalize_server_url(self.server.text())
        except ServerUrlError as exc:
            self.error.setText(server_url_problem_text(exc.problem))
            self.server.setFocus()
            return False
        self.server.setText(url)
        setup = self.setup
        if url != setup.pinned_url and not setup.pins_locked():
            setup.pinned = None  # a certificate trusted for another server means nothing here
        setup.server_url, setup.username = url, self.username.text().strip()
        setup.password = self.password.text()
        return True


class ConnectPage(QWizardPage):
    """Connects (trusting a certificate if needed) and lets the user pick an extension."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setup = wizard
        self.tasks = TaskOwner()
        self.setTitle(self.tr("Choose your extension"))
        self.setSubTitle(self.tr("Pick the extension of the phone on your desk."))
        self.status = QLabel(wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # may quote the PBX's words
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.certificate = CertificatePanel()
        self.retry = QPushButton(self.tr("Try again"))
        self.search = QLineEdit(placeholderText=self.tr("Search extensions"))
        self.search.setClearButtonEnabled(True)
        self.model = ExtensionListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.legend = QLabel(
            self.tr("Greyed extensions have no phone connected right now; you can still pick one."),
            wordWrap=True,
        )
        self.legend.setObjectName("extensionLegend")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.certificate)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.legend)
        layout.addStretch()
        self.retry.clicked.connect(self.start)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.certificate.trust_changed.connect(self._on_trust_changed)
        self.list.selectionModel().selectionChanged.connect(self.completeChanged)
        self.list.doubleClicked.connect(lambda _index: wizard.next())
        self.search.textChanged.connect(self._select_single_match)
        self.search.installEventFilter(self)
        mark_locked(wizard.settings, "extension", self.search, self.list)

    def initializePage(self) -> None:
        self.start()

    def cleanupPage(self) -> None:
        self.tasks.cancel_all()
        self.model.set_extensions([])
        self.certificate.clear()

    def _show_list(self, visible: bool) -> None:
        self.search.setVisible(visible)
        self.list.setVisible(visible)
        self.legend.setVisible(visible and self.model.has_unregistered())

    def _select_single_match(self, _text: str) -> None:
        """The one extension the search leaves is picked, so Next (and Enter) go on."""
        if self.proxy.rowCount() == 1:
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search field, Down goes into the list and Enter picks the first match."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.selected_extension():
                    self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                if self.selected_extension():
                    self.setup.next()
                else:
                    self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def start(self) -> None:
        self.tasks.cancel_all()
        self.setup.password_refused = False
        self.model.set_extensions([])
        self._show_list(False)
        self.retry.hide()
        self._set_status(self.tr("Connecting to the PBX…"), "")
        self.tasks.spawn(self._connect())
        self.completeChanged.emit()

    def _set_status(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _on_trust_changed(self, trusted: bool) -> None:
        pinned = self.certificate.pinned() if trusted else None
        if pinned is not None:
            self.setup.pinned, self.setup.pinned_url = pinned, self.setup.server_url
            self.start()

    async def _connect(self) -> None:
        setup = self.setup
        check = await check_connection(
            setup.server_url,
            setup.username,
            setup.password,
            pinned=setup.pinned,
            timeout=setup.settings.get(st.REQUEST_TIMEOUT_S),
            api_path=setup.settings.get(st.API_PATH),
        )
        if check.certificate is not None:
            self.certificate.show_certificate(
                check.certificate,
                changed=check.changed,
                can_trust=not setup.pins_locked(),
                previous=setup.pinned,
            )
        if check.extensions is not None:
            self.certificate.hide()
            self.model.set_extensions(check.extensions)
            self._show_list(True)
            self._set_status(connected_text(len(check.extensions)), tone("ok"))
            self._select(setup.extension or setup.settings.get(st.EXTENSION))
        elif check.error is not None and check.changed:
            self._set_status(error_text(check.error), tone("error"))
        elif check.error is not None:
            self.setup.password_refused = isinstance(check.error, PbxAuthError)
            self.retry.show()
            hint = self.tr(
                "Press Back to correct the address, user name or password, or Try again."
            )
            self._set_status(f"{error_text(check.error)}\n{hint}", tone("error"))
        else:
            self._set_status(
                self.tr("Check the server's certificate before your password is sent to it."),
                tone("warning"),
            )
        self.completeChanged.emit()

    def _select(self, number: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ExtensionListModel.NUMBER_ROLE) == number:
                self.list.setCurrentIndex(index)
                return

    def selected_extension(self) -> str:
        indexes = self.list.selectionModel().selectedIndexes()
        return str(indexes[0].data(ExtensionListModel.NUMBER_ROLE)) if indexes else ""

    def isComplete(self) -> bool:
        if self.setup.settings.is_locked("extension"):
            return self.model.rowCount() > 0
        return bool(self.selected_extension())

    def validatePage(self) -> bool:
        settings = self.setup.settings
        locked = settings.is_locked("extension")
        self.setup.extension = settings.get(st.EXTENSION) if locked else self.selected_extension()
        return True


class FinishPage(QWizardPage):
    """The PBX's time zone and where the password is kept."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setup = wizard
        self.tasks = TaskOwner()
        self.setTitle(self.tr("Time zone and password"))
        self.setSubTitle(self.tr("Almost done."))
        self.timezone = TimeZoneCombo()
        zone_hint = QLabel(
            self.tr(
                "Call times from the PBX are shown in this time zone. "
                "Usually the same as this computer's."
            ),
            wordWrap=True,
        )
        self.keyring = QRadioButton(self.tr("Save the password in this computer's keyring"))
        self.session = QRadioButton(
            self.tr("Keep the password only until the app quits (you will be asked again)")
        )
        self.keyring.setChecked(True)
        self.state = QLabel(wordWrap=True)
        box = QGroupBox(self.tr("Password"))
        box_layout = QVBoxLayout(box)
        for widget in (self.keyring, self.session, self.state):
            box_layout.addWidget(widget)
        form = QFormLayout(self)
        form.addRow(self.tr("PBX time zone:"), self.timezone)
        form.addRow("", zone_hint)
        form.addRow(box)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(tone("error"))
        form.addRow(self.error)
        self.timezone.set_zone(wizard.settings.get(st.PBX_TIMEZONE))
        mark_locked(wizard.settings, "pbx_timezone", self.timezone)
        self.timezone.currentTextChanged.connect(self._zone_typed)
        self._finished = False
        self._finishing: asyncio.Task[None] | None = None

    def initializePage(self) -> None:
        self.error.clear()
        self.tasks.spawn(self._check_keyring())

    def _zone_typed(self, _text: str) -> None:
        self.error.clear()  # the only error here is about the zone: editing it answers it

    def cleanupPage(self) -> None:
        self.tasks.cancel_all()

    def _offer_session_only(self, state: CredentialState) -> None:
        self.state.setText(credential_state_text(state))
        self.state.show()
        self.state.setStyleSheet(tone("warning"))
        self.keyring.setEnabled(False)
        self.session.setChecked(True)

    async def _check_keyring(self) -> None:
        self.state.setText(self.tr("Checking the keyring…"))
        self.state.show()
        self.state.setStyleSheet("")
        result = await self.setup.credentials.load(self.setup.username, self.setup.server_url)
        if result.state.is_problem:
            self._offer_session_only(result.state)
        else:
            self.keyring.setEnabled(True)
            self.state.clear()
            self.state.hide()

    def validatePage(self) -> bool:
        if self._finished:
            return True
        if self.timezone.zone() is None:
            self.error.setText(self.tr("Choose a time zone from the list."))
            return False
        self.error.clear()
        if self._finishing is None or self._finishing.done():
            self._finishing = self.tasks.spawn(self._finish())
        return False  # the wizard closes when the password is stored

    async def _finish(self) -> None:
        setup = self.setup
        finish = setup.button(QWizard.WizardButton.FinishButton)
        finish.setEnabled(False)
        remember = self.keyring.isChecked() and self.keyring.isEnabled()
        try:
            result = await setup.credentials.store(
                setup.username, setup.server_url, setup.password, remember=remember
            )
        finally:
            finish.setEnabled(True)
        if result.state.is_problem:
            self._offer_session_only(result.state)
            return
        setup.save(self.timezone.zone() or "UTC", remember, result.state)
        self._finished = True
        setup.accept()
