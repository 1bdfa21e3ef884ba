"""Shared by the tests of the "discard what you typed?" questions: a dialog shown and
active, the focused widget, the open question and its buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

W = TypeVar("W", bound=QWidget)

DISCARD = QMessageBox.ButtonRole.DestructiveRole
KEEP = QMessageBox.ButtonRole.RejectRole


def shown_active(qtbot: Any, dialog: W) -> W:
    """`dialog`, shown and active: keys go to it."""
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def open_question(qtbot: Any, box: Callable[[], QMessageBox | None]) -> QMessageBox:
    """The question `box()` gives, once it shows."""
    qtbot.waitUntil(lambda: (shown := box()) is not None and shown.isVisible())
    question = box()
    assert question is not None
    return question


def answer(box: QMessageBox, role: QMessageBox.ButtonRole) -> Any:
    """The one button of `box` with this role."""
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == role]
    return button
