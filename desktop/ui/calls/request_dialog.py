"""What the IVR-call and callback dialogs share: the live preview, the reason, the Call button.

A subclass builds its fields and `_collect()`s them into a request (`IvrCall`,
`Callback`), raising the error of the first field that is wrong. The preview shows that
request's query exactly as the client sends it (credentials as placeholders); while a
field is wrong, Call is disabled and the error's sentence says why.
"""

from __future__ import annotations

from typing import Generic, TypeVar
from urllib.parse import parse_qsl

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.pbx.errors import PbxInputError
from desktop.pbx.requests import CREDENTIALS_PLACEHOLDER, Callback, IvrCall
from desktop.services.numbers import DialTargetError, NumberRules, OutgoingFormat
from desktop.ui.common.discard import DiscardGuard
from desktop.ui.common.error_text import error_text
from desktop.ui.shell import icons, theme

RequestT = TypeVar("RequestT", IvrCall, Callback)
InputError = PbxInputError | DialTargetError


class Invalid(Exception):
    """A field is wrong: the error to show, and whether the field is still empty."""

    def __init__(self, error: InputError, *, empty: bool, reason: str = "") -> None:
        super().__init__(str(error))
        self.error = error
        self.empty = empty
        self.reason = reason or error_text(error)


def outgoing_number(text: str, rules: NumberRules, fmt: OutgoingFormat) -> str:
    """A typed number (`0532 123 45 67`) as the PBX is sent it; DialTargetError if it is none."""
    return rules.outgoing(text, fmt)


class RequestDialog(QDialog, Generic[RequestT]):
    """A form whose Call button is enabled only while it holds a request the PBX may get."""

    # Lines the preview shows without scrolling: the parameters one a line, and the query.
    PREVIEW_LINES = (7, 4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(icons.icon(icons.DIAL))
        self._request: RequestT | None = None
        self._invalid: Invalid | None = None

        self._problem = QLabel(self)
        self._problem.setObjectName("requestProblem")
        self._problem.setWordWrap(True)
        self._problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._preview_box = QGroupBox(self.tr("Sent to the PBX"), self)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._readable = QPlainTextEdit(self._preview_box)
        self._readable.setAccessibleName(self.tr("Parameters sent, one per line"))
        self._query = QPlainTextEdit(self._preview_box)
        self._query.setAccessibleName(self.tr("Query string sent, without the credentials"))
        self._query.setToolTip(
            self.tr("Exactly what the app sends; the user name and password are never shown.")
        )
        for view, lines in zip((self._readable, self._query), self.PREVIEW_LINES, strict=True):
            view.setReadOnly(True)
            view.setFont(fixed)
            view.setTabChangesFocus(True)
            margins = 2 * (view.frameWidth() + round(view.document().documentMargin()))
            line = view.fontMetrics().lineSpacing()
            view.setFixedHeight(line * lines + margins + line // 2)
        self._readable.setPlaceholderText(self.tr("Nothing is sent while the form has a problem."))
        self._query.setWordWrapMode(self._query.wordWrapMode().WrapAnywhere)
        box = QVBoxLayout(self._preview_box)
        box.addWidget(self._readable)
        box.addWidget(self._query)

        self._buttons = QDialogButtonBox(self)
        self._ok: QPushButton = self._buttons.addButton(
            # No Alt+letter: Alt+C reached for as "Cancel" placed an outside call. Enter
            # (the default) or a click sends it, after the preview was seen.
            self.tr("Call"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self._ok.setIcon(icons.icon(icons.DIAL))
        self._ok.setDefault(True)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

    # ------------------------------------------------------------ for subclasses
    def _ask_before_discarding(self) -> None:
        """From now on Escape, Cancel and closing ask before typed work is lost. Called
        last in a subclass's __init__, once the fields hold what the dialog opens with."""
        self._opened = self._entered()
        self._guard = DiscardGuard(self, self.has_typed, self._discard_question)
        self._buttons.rejected.disconnect(self.reject)
        self._buttons.rejected.connect(self._guard.cancel)

    @property
    def discard_box(self) -> QMessageBox | None:
        """The "Discard this call?" question while it is open."""
        return self._guard.box

    def has_typed(self) -> bool:
        """Whether any field differs from how the dialog opened."""
        return self._entered() != self._opened

    def _entered(self) -> tuple[object, ...]:
        """What the fields hold now (compared with how the dialog opened)."""
        raise NotImplementedError

    def _discard_question(self) -> QMessageBox:
        """The question Escape, Cancel and closing ask after something was typed."""
        raise NotImplementedError

    def _collect(self) -> RequestT:
        """The request the fields hold; raises `Invalid` for the first wrong field."""
        raise NotImplementedError

    def _finish_layout(self, layout: QVBoxLayout) -> None:
        """Add the preview, the reason and the buttons below the subclass's fields."""
        layout.addWidget(self._preview_box)
        layout.addWidget(self._problem)
        layout.addWidget(self._buttons)

    # ------------------------------------------------------------ public
    def values(self) -> RequestT:
        """What to send (numbers in the outgoing format); raises the input error if invalid."""
        self._refresh()
        if self._request is None:
            assert self._invalid is not None
            raise self._invalid.error
        return self._request

    def problem(self) -> str:
        """Why Call is disabled, in the interface language, or ""."""
        return self._problem.text() if self._invalid is not None else ""

    def preview(self) -> str:
        """The query string as sent (credentials as placeholders), or "" while invalid."""
        return self._query.toPlainText()

    def accept(self) -> None:
        self._refresh()
        if self._request is not None:
            super().accept()

    # ------------------------------------------------------------ internals
    def _refresh(self, *_: object) -> None:
        try:
            request = self._collect()
            query = request.preview()
        except Invalid as invalid:
            self._show_invalid(invalid)
            return
        self._request, self._invalid = request, None
        self._query.setPlainText(query)
        # The readable list leaves out the credentials' placeholders: they carry nothing.
        sent = parse_qsl(query.removeprefix(CREDENTIALS_PLACEHOLDER + "&"), keep_blank_values=True)
        self._readable.setPlainText("\n".join(f"{name} = {value}" for name, value in sent))
        self._problem.clear()
        self._problem.hide()
        self._ok.setEnabled(True)

    def _show_invalid(self, invalid: Invalid) -> None:
        self._request, self._invalid = None, invalid
        self._query.clear()
        self._readable.clear()
        self._problem.setText(invalid.reason)
        # A field not filled in yet is a step still to take, not a mistake: no warning colour.
        if invalid.empty:
            self._problem.setStyleSheet("")
        else:
            colour = theme.state_colour("offline", theme.is_dark(self))
            self._problem.setStyleSheet(f"QLabel#requestProblem {{ color: {colour}; }}")
        self._problem.show()
        self._ok.setEnabled(False)
        self._fit()

    def _fit(self) -> None:
        # A word-wrapped label shown later gets no height of its own: grow to what it needs.
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.layout() is not None:
            self._refresh()
        super().changeEvent(event)
