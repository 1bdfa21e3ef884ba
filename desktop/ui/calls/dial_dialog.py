"""Dial: confirm or edit a number before the PBX calls it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.shell import icons, theme

MAX_DIGITS = 17  # as desktop.services.numbers refuses longer ones
# Separators people paste from e-mails and web pages; dropped before dialling.
_SEPARATORS = " -.()/\u00a0\t\u2010\u2011\u2013"


def clean_number(text: str) -> tuple[str, str]:
    """(number to dial, "") when `text` is a valid number, else ("", why it is not)."""
    stripped = text.strip()
    if not stripped:
        return "", QCoreApplication.translate("DialDialog", "Enter a number to call.")
    number = "".join(ch for ch in stripped if ch not in _SEPARATORS)
    for ch in number:
        if not (ch.isascii() and ch.isdigit()) and ch not in "+*#":
            return "", QCoreApplication.translate(
                "DialDialog", "“{char}” cannot be part of a phone number: use digits, +, * and #."
            ).format(char=ch)
    if "+" in number[1:]:
        return "", QCoreApplication.translate(
            "DialDialog", "A + can only come first, as in +90 212 555 0101."
        )
    digits = sum(ch.isdigit() for ch in number)
    if digits == 0:
        return "", QCoreApplication.translate("DialDialog", "The number needs at least one digit.")
    if digits > MAX_DIGITS:
        return "", QCoreApplication.translate("DialDialog", "That is too long for a phone number.")
    return number, ""


class DialDialog(QDialog):
    """Number field (pre-filled), the reason when it is not dialable, Call / Cancel."""

    def __init__(self, number: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dial"))
        self.setWindowIcon(icons.icon(icons.DIAL))
        self.setMinimumWidth(340)

        prompt = QLabel(self.tr("&Number to call:"), self)
        self._field = QLineEdit(self)
        self._field.setPlaceholderText(self.tr("e.g. 0212 555 01 01 or 110"))
        self._field.setClearButtonEnabled(True)
        self._field.setToolTip(
            self.tr(
                "Digits, +, * and #. Spaces, dashes, dots and brackets are removed before dialling."
            )
        )
        self._field.setAccessibleName(self.tr("Number to call"))
        prompt.setBuddy(self._field)
        self._problem = QLabel(self)
        self._problem.setObjectName("dialProblem")
        self._problem.setWordWrap(True)
        self._problem.hide()

        self._buttons = QDialogButtonBox(self)
        self._call = self._buttons.addButton(
            self.tr("&Call"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._call.setIcon(icons.icon(icons.DIAL))
        self._call.setDefault(True)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self._field)
        layout.addWidget(self._problem)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

        self._field.textChanged.connect(self._validate)
        self.set_number(number)

    @property
    def field(self) -> QLineEdit:
        return self._field

    def set_number(self, number: str) -> None:
        self._field.setText(number)
        self._field.selectAll()
        self._field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._validate()

    def number(self) -> str:
        """The number as it will be dialled (separators removed), or "" when invalid."""
        return clean_number(self._field.text())[0]

    def problem(self) -> str:
        """Why the number cannot be dialled, or "" (nothing typed yet is not a problem)."""
        return self._problem.text() if not self._problem.isHidden() else ""

    def _validate(self) -> None:
        number, problem = clean_number(self._field.text())
        self._call.setEnabled(bool(number))
        # An empty field explains itself through the disabled button and the placeholder.
        show = bool(problem) and bool(self._field.text().strip())
        self._problem.setText(problem if show else "")
        self._problem.setVisible(show)
        colour = theme.state_colour("offline", theme.is_dark(self))
        self._problem.setStyleSheet(f"QLabel#dialProblem {{ color: {colour}; }}")
        self._fit()

    def _fit(self) -> None:
        # A dialog's layout reserves no height for a word-wrapped label shown later (it
        # cannot know the width it will wrap at): grow to what the text needs, at any font.
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)
        self.setMinimumHeight(max(layout.totalMinimumSize().height(), needed))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self._fit()
        super().changeEvent(event)

    def accept(self) -> None:
        if self.number():
            super().accept()
