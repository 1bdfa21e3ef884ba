"""The setup wizard's last page: the PBX's time zone and where the password is kept."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop import settings as st
from desktop.credentials import CredentialState
from desktop.ui.account.connection_widgets import (
    TimeZoneCombo,
    credential_state_text,
    mark_locked,
    tone,
)
from desktop.ui.common.tasks import TaskOwner

if TYPE_CHECKING:
    from desktop.ui.account.first_run import FirstRunWizard

__all__ = ["FinishPage"]


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
