"""The Settings dialog's Connection page: the PBX's address, the API account, my extension."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.account.connection_widgets import (
    CertificatePanel,
    TimeZoneCombo,
    plain_http_warning,
    tone,
)

__all__ = ["ConnectionPage", "keep_place_when_hidden"]


class ConnectionPage(QWidget):
    """The connection's fields; the Settings dialog gives them their behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server = QLineEdit(placeholderText="https://pbx.example.com")
        self.http_warning = QLabel(plain_http_warning(), wordWrap=True)
        self.http_warning.setStyleSheet(tone("warning"))
        self.username = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Save the password in this computer's keyring"))
        self.password_state = QLabel(wordWrap=True)
        self.password_state.hide()
        self.password_needed = QLabel(self.tr("Enter the password for this server."))
        self.password_needed.setWordWrap(True)
        self.password_needed.setStyleSheet(tone("warning"))
        self.password_needed.hide()
        self.extension = QComboBox(editable=True)
        self.extension.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone = TimeZoneCombo()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_result = QLabel(wordWrap=True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)  # may quote the PBX's words
        self.certificate = CertificatePanel()
        form = QFormLayout(self)
        form.addRow(self.tr("Server address:"), self.server)
        form.addRow("", self.http_warning)  # shown while typing an address, not clicking
        form.addRow(self.tr("API user name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", _keeping_its_place(self.password_needed))
        form.addRow("", self.remember)
        form.addRow("", self.password_state)
        form.addRow(self.tr("My extension:"), self.extension)
        form.addRow(self.tr("PBX time zone:"), self.timezone)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow(test_row)
        form.addRow(self.certificate)

    def password_needed_text(self) -> str:
        return self.tr("Enter the password for this server.")


def keep_place_when_hidden(widget: QWidget) -> None:
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


def _keeping_its_place(hint: QLabel) -> QWidget:
    """`hint` in a holder that keeps its space while it is hidden.

    The buttons below must not move under the pointer as a hint comes and goes; a form
    layout gives a hidden row no space whatever its size policy says, a box layout does.
    """
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    keep_place_when_hidden(hint)
    layout.addWidget(hint)
    return holder
