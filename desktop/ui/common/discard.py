"""Asking before Escape, Cancel or a window's close button throws away what the user entered.

A `DiscardGuard` watches one dialog. While `unsaved()` says nothing was entered, Escape,
Cancel and the close button close it at once, as before; otherwise they open the question
(`discard_box`) instead, window-modal so the event loop and the polls keep running.
Keeping on editing (the default, also Enter and Escape) leaves the dialog as it was.

The dialog's own `reject()` stays silent on purpose: the app rejects its open dialogs
when it quits, and a question then would hold the quit up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

__all__ = ["DiscardGuard", "discard_box", "is_discard"]


def discard_box(
    parent: QWidget, title: str, text: str, discard_label: str, keep_label: str
) -> QMessageBox:
    """The question (not shown yet): discard, or keep editing (the default, and Escape)."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    discard = box.addButton(discard_label, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(keep_label, QMessageBox.ButtonRole.RejectRole)
    # Enter never throws work away, even with the focus on Discard (Space or its letter do).
    discard.setAutoDefault(False)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    return box


def is_discard(box: QMessageBox) -> bool:
    """Whether the answer given in `box` was to discard."""
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.DestructiveRole


class DiscardGuard(QObject):
    """Asks before Escape, Cancel or the close button closes a dialog holding unsaved input.

    Escape and closing are caught on their way to the dialog (an open cell editor takes
    its own Escape first, so that Escape only closes the editor); connect the dialog's
    Cancel button to `cancel()` instead of `reject()`.
    """

    def __init__(
        self,
        dialog: QDialog,
        unsaved: Callable[[], bool],
        question: Callable[[], QMessageBox],
    ) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._unsaved = unsaved
        self._question = question
        self.box: QMessageBox | None = None  # the question while it is open
        dialog.installEventFilter(self)

    def cancel(self) -> None:
        """What Cancel does: close at once when nothing was entered, else ask first."""
        if self._unsaved():
            self._ask()
        else:
            self._dialog.reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._dialog:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Cancel) and self._unsaved():
                self._ask()
                return True
        elif kind == QEvent.Type.Close and self._dialog.isVisible() and self._unsaved():
            event.ignore()  # a close event is accepted unless told otherwise
            self._ask()
            return True
        return False

    def _ask(self) -> None:
        if self.box is not None:  # asked already: the question stays the one on top
            self.box.raise_()
            self.box.activateWindow()
            return
        box = self.box = self._question()
        box.finished.connect(lambda _result: self._answered(box))
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        discard = is_discard(box)
        self.box = None
        box.deleteLater()
        if discard:
            self._dialog.reject()
