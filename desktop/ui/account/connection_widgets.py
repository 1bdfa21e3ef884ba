"""Setting editors and texts shared by the Settings dialog and the first-run wizard."""

from __future__ import annotations

from collections.abc import Sequence
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
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as st
from desktop.credentials import CredentialState
from desktop.pbx import Extension
from desktop.pbx.tls import CertificateInfo
from desktop.server_address import ServerUrlProblem, available_timezone_names
from desktop.services.connection_check import PinnedCertificate

__all__ = [
    "CertificatePanel",
    "ExtensionListModel",
    "TimeZoneCombo",
    "connected_text",
    "credential_state_text",
    "extension_order",
    "mark_locked",
    "plain_http_warning",
    "server_url_problem_text",
    "tone",
]

_ModelIndex = QModelIndex | QPersistentModelIndex
# (on a light background, on a dark background): readable in both themes.
_TONES = {"ok": ("#1b7e2c", "#7ddc8a"), "warning": ("#a33a00", "#ffb366"),
          "error": ("#b00020", "#ff8a80")}  # fmt: skip


def tone(kind: str) -> str:
    """A style sheet colouring text as ok / warning / error for the current palette."""
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return f"color: {_TONES[kind][dark]};"


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


def server_url_problem_text(problem: ServerUrlProblem) -> str:
    """Why an address was refused, in the user's language."""
    texts = {
        ServerUrlProblem.EMPTY: QCoreApplication.translate(
            "ServerUrl", "Enter the address of the PBX."
        ),
        ServerUrlProblem.BAD_SCHEME: QCoreApplication.translate(
            "ServerUrl", "The address must start with http:// or https://."
        ),
        ServerUrlProblem.CREDENTIALS_IN_URL: QCoreApplication.translate(
            "ServerUrl",
            "Do not put a user name or password in the address; enter them in their own fields.",
        ),
        ServerUrlProblem.PASSWORD_IN_QUERY: QCoreApplication.translate(
            "ServerUrl", "Do not put a password in the address; enter it in its own field."
        ),
        ServerUrlProblem.BAD_HOST: QCoreApplication.translate(
            "ServerUrl", "The address does not contain a valid server name."
        ),
        ServerUrlProblem.BAD_PORT: QCoreApplication.translate(
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


class TimeZoneCombo(QComboBox):
    """All IANA time zones; type any part of a name to find it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = available_timezone_names()
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

    def has_unregistered(self) -> bool:
        """Whether any extension is shown greyed (no phone connected)."""
        return any(not ext.registered for ext in self._rows)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ext = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{ext.number} — {ext.name}" if ext.name else ext.number
        if role == Qt.ItemDataRole.ToolTipRole:
            return extension_status_text(ext)
        if role == Qt.ItemDataRole.ForegroundRole and not ext.registered:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == self.NUMBER_ROLE:
            return ext.number
        return None


def extension_status_text(ext: Extension) -> str:
    """An extension's phone state in the user's language (the PBX says "UNREACHABLE")."""
    if ext.registered:
        if ext.latency_ms is not None:
            return QCoreApplication.translate(
                "Extensions", "Phone connected (answers in {ms} ms)"
            ).format(ms=ext.latency_ms)
        return QCoreApplication.translate("Extensions", "Phone connected")
    status = ext.status.strip().upper()
    if status.startswith("UNREACHABLE"):
        return QCoreApplication.translate(
            "Extensions", "Phone not reachable: it is off or has lost its connection"
        )
    if status.startswith("UNKNOWN") or not status:
        return QCoreApplication.translate("Extensions", "No phone connected")
    return QCoreApplication.translate("Extensions", "No phone connected ({status})").format(
        status=ext.status.strip()
    )


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
        # The certificate's names are chosen by whoever made it.
        self.details.setTextFormat(Qt.TextFormat.PlainText)
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
