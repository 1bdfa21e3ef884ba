"""First-run wizard: server and account, the user's extension, time zone, password storage."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget, QWizard

from desktop import settings as st
from desktop.credentials import CredentialState, CredentialStore
from desktop.services.connection_check import PinnedCertificate
from desktop.ui.account.saved_pin import pinned_from_settings, pins_locked
from desktop.ui.account.wizard_connect_page import ConnectPage
from desktop.ui.account.wizard_finish_page import FinishPage
from desktop.ui.account.wizard_server_page import ServerPage
from desktop.ui.common.discard import DiscardGuard, discard_box

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
        self._opened = self.server_page.entered()
        self._guard = DiscardGuard(self, self.has_entered, self._cancel_question)
        cancel = self.button(QWizard.WizardButton.CancelButton)
        cancel.clicked.disconnect()  # QWizard's own: straight to reject()
        cancel.clicked.connect(self._guard.cancel)

    @property
    def cancel_box(self) -> QMessageBox | None:
        """The "Cancel setup?" question while it is open."""
        return self._guard.box

    def has_entered(self) -> bool:
        """Whether the user entered anything (past the first page, a password was)."""
        on_first_page = self.currentPage() is self.server_page
        return not on_first_page or self.server_page.entered() != self._opened

    def _cancel_question(self) -> QMessageBox:
        return discard_box(
            self,
            self.tr("Cancel setup?"),
            self.tr("Nothing you entered is saved. You can connect to your PBX later in Settings."),
            self.tr("&Cancel setup"),
            self.tr("C&ontinue setup"),
        )

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
