"""About: name, version, and diagnostics the user can copy into a support request."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.ui.shell import icons


def basic_diagnostics() -> str:
    """Versions and platform: what support asks first. Nothing secret (no server, no user)."""
    app = QGuiApplication.instance()
    platform_name = app.platformName() if isinstance(app, QGuiApplication) else "-"
    return "\n".join(
        [
            f"{APP_NAME} {__version__}",
            f"Python {platform.python_version()} ({sys.implementation.name})",
            f"Qt {qVersion()}, PySide6 {pyside_version}",
            f"OS {platform.platform()}",
            f"Qt platform {platform_name}",
        ]
    )


class AboutDialog(QDialog):
    """Version, a short description and a diagnostics box with a copy button."""

    def __init__(self, diagnostics: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diagnostics = diagnostics
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumWidth(460)

        logo = QLabel(self)
        logo.setPixmap(icons.app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b style='font-size:15pt'>{APP_NAME}</b>", self)
        version = QLabel(self.tr("Version {version}").format(version=__version__), self)
        version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = QLabel(
            self.tr(
                "Live calls, call popups, the phonebook and call history of your "
                "IEXPBX telephone system, on your desktop."
            ),
            self,
        )
        blurb.setWordWrap(True)
        text_column = QVBoxLayout()
        text_column.addWidget(title)
        text_column.addWidget(version)
        text_column.addWidget(blurb)
        header = QHBoxLayout()
        header.addWidget(logo)
        header.addLayout(text_column, 1)

        details_label = QLabel(self.tr("&Diagnostics (for a support request):"), self)
        self._details = QPlainTextEdit(self)
        self._details.setPlainText(diagnostics)
        self._details.setReadOnly(True)
        self._details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._details.setMinimumHeight(110)
        self._details.setAccessibleName(self.tr("Diagnostics"))
        details_label.setBuddy(self._details)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy diagnostics"), self)
        self.copy_button.setToolTip(self.tr("Copy the text above to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_diagnostics)
        buttons.rejected.connect(self.reject)
        self._copied = QLabel(self)

        footer = QHBoxLayout()
        footer.addWidget(self._copied, 1)
        footer.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addWidget(details_label)
        layout.addWidget(self._details, 1)
        layout.addLayout(footer)

    def diagnostics_text(self) -> str:
        """The diagnostics as shown in the box."""
        return self._details.toPlainText()

    def copy_diagnostics(self) -> None:
        QGuiApplication.clipboard().setText(self._diagnostics)
        self._copied.setText(self.tr("Copied to the clipboard."))
        QTimer.singleShot(4000, self._copied, self._copied.clear)
