"""The Settings dialog's Webhooks page: the receiver's address and port, the PBX's URLs."""

from __future__ import annotations

import ipaddress
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as st
from desktop.ui.account.connection_widgets import tone
from desktop.ui.account.settings_page import Problem, SettingsPage, page_form

__all__ = ["WebhooksPage"]

# Offered, not bound here: the user chooses whether the PBX on another computer may reach it.
_COMMON_ADDRESSES = ("127.0.0.1", "0.0.0.0")  # noqa: S104


def _this_computers_addresses() -> list[str]:
    """The IPv4 addresses of this computer's networks (what the PBX may reach it at)."""
    from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QNetworkInterface

    found = []
    for address in QNetworkInterface.allAddresses():
        ipv4 = address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol
        if ipv4 and not address.isLoopback() and address != QHostAddress.SpecialAddress.Any:
            found.append(address.toString())
    return sorted(set(found) - set(_COMMON_ADDRESSES))


def _url_view() -> QPlainTextEdit:
    """A read-only URL shown whole, wrapped anywhere (a URL has no spaces to wrap at)."""
    view = QPlainTextEdit(readOnly=True)
    view.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


class WebhooksPage(SettingsPage):
    """The optional webhook receiver, and the two URL templates to paste into the PBX."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(self.tr("Receive call webhooks from the PBX"))
        about = QLabel(
            self.tr("With webhooks the PBX tells this app about each call as it starts and "
                    "ends, so popups come at once instead of at the next refresh."),
            wordWrap=True,
        )  # fmt: skip
        self.address = QComboBox(editable=True)
        self.address.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.address.addItems([*_COMMON_ADDRESSES, *_this_computers_addresses()])
        address_hint = QLabel(
            self.tr("127.0.0.1 receives only from this computer; 0.0.0.0 from every network. "
                    "The PBX must reach this computer on this port (check the firewall)."),
            wordWrap=True,
        )  # fmt: skip
        self.port = QLineEdit(maxLength=5)
        self.port.setMaximumWidth(self.port.fontMetrics().horizontalAdvance("0") * 10)
        receiver = QGroupBox(self.tr("Webhook receiver"))
        form = page_form(receiver)
        form.addRow(self.enabled)
        form.addRow(about)
        form.addRow(self.tr("Listen on address:"), self.address)
        form.addRow("", address_hint)
        form.addRow(self.tr("Port:"), self.port)

        self.templates_hint = QLabel(
            self.tr("The addresses to paste into the PBX panel appear here once the webhook "
                    "receiver runs: enable it, save, and open Settings again."),
            wordWrap=True,
        )  # fmt: skip
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.start_url = _url_view()
        self.hangup_url = _url_view()
        self.copy_start = QPushButton(self.tr("Copy"))
        self.copy_hangup = QPushButton(self.tr("Copy"))
        self.copy_start.setToolTip(self.tr("Copy the call-start URL"))
        self.copy_hangup.setToolTip(self.tr("Copy the hang-up URL"))
        self.copied = QLabel()
        self.start_label = QLabel(self.tr("Call start:"))
        self.hangup_label = QLabel(self.tr("Hang-up:"))
        self._template_widgets: list[QWidget] = [self.start_label, self.start_url,
                                                 self.copy_start, self.hangup_label,
                                                 self.hangup_url, self.copy_hangup]  # fmt: skip
        for view in (self.start_url, self.hangup_url):
            view.setFont(fixed)
            lines = view.fontMetrics().lineSpacing() * 3  # the whole URL, wrapped
            view.setFixedHeight(lines + 2 * view.frameWidth() + 8)
        panel = QGroupBox(self.tr("URLs for the PBX panel"))
        grid = QGridLayout(panel)
        grid.addWidget(self.templates_hint, 0, 0, 1, 3)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.start_label, 1, 0, top)
        grid.addWidget(self.start_url, 1, 1)
        grid.addWidget(self.copy_start, 1, 2, top)
        grid.addWidget(self.hangup_label, 2, 0, top)
        grid.addWidget(self.hangup_url, 2, 1)
        grid.addWidget(self.copy_hangup, 2, 2, top)
        grid.addWidget(self.copied, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(receiver)
        layout.addWidget(panel)
        layout.addStretch(1)
        self.copy_start.clicked.connect(lambda: self._copy(self.start_url))
        self.copy_hangup.clicked.connect(lambda: self._copy(self.hangup_url))
        self.set_templates("", "")

    def set_templates(self, start_url: str, hangup_url: str) -> None:
        """Show the running receiver's URL templates; empty strings: the hint instead."""
        shown = bool(start_url and hangup_url)
        self.start_url.setPlainText(start_url)
        self.hangup_url.setPlainText(hangup_url)
        for widget in self._template_widgets:
            widget.setVisible(shown)
        self.templates_hint.setVisible(not shown)
        self.copied.clear()

    def _copy(self, edit: QPlainTextEdit) -> None:
        QGuiApplication.clipboard().setText(edit.toPlainText())
        self.copied.setStyleSheet(tone("ok"))
        if edit is self.start_url:
            self.copied.setText(self.tr("The call-start URL is on the clipboard."))
        else:
            self.copied.setText(self.tr("The hang-up URL is on the clipboard."))

    def load(self, settings: st.Settings) -> None:
        self.enabled.setChecked(settings.get(st.WEBHOOK_ENABLED))
        self.address.setEditText(settings.get(st.WEBHOOK_ADDRESS))
        self.port.setText(str(settings.get(st.WEBHOOK_PORT)))
        self.lock(settings, "webhook_enabled", self.enabled)
        self.lock(settings, "webhook_address", self.address)
        self.lock(settings, "webhook_port", self.port)

    def _port(self) -> int | None:
        text = self.port.text().strip()
        if not (text.isascii() and text.isdigit()):
            return None
        port = int(text)
        low, high = st.WEBHOOK_PORT.minimum or 0, st.WEBHOOK_PORT.maximum or 0
        return port if low <= port <= high else None

    def problem(self) -> Problem | None:
        if "webhook_address" not in self.locked:
            address = self.address.currentText().strip()
            try:
                ipaddress.ip_address(address)
            except ValueError:
                if address != "localhost":
                    return Problem(
                        self.tr("Listen on an IP address of this computer, such as 127.0.0.1 "
                                "or 0.0.0.0."),
                        self.address,
                    )  # fmt: skip
        if "webhook_port" not in self.locked and self._port() is None:
            return Problem(
                self.tr("The webhook port must be a number from {low} to {high}.").format(
                    low=int(st.WEBHOOK_PORT.minimum or 0), high=int(st.WEBHOOK_PORT.maximum or 0)
                ),
                self.port,
            )
        return None

    def values(self) -> dict[str, Any]:
        return {
            "webhook_enabled": self.enabled.isChecked(),
            "webhook_address": self.address.currentText().strip(),
            "webhook_port": self._port(),
        }
