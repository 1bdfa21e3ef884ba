"""The setup wizard's first page: the PBX's address, the API user name and the password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWizardPage

from desktop import settings as st
from desktop.server_address import ServerUrlError, is_plain_http, normalize_server_url
from desktop.ui.account.connection_widgets import (
    mark_locked,
    plain_http_warning,
    server_url_problem_text,
    tone,
)

if TYPE_CHECKING:
    from desktop.ui.account.first_run import FirstRunWizard

__all__ = ["ServerPage"]


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

    def entered(self) -> tuple[str, str, str]:
        """The address, user name and password as they stand."""
        return (self.server.text(), self.username.text(), self.password.text())

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
