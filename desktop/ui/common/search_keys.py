"""Up and Down in a search box lead into the list it filters, as in a file dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

__all__ = ["arrows_into_list"]

_INTO_LIST = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)


class _ArrowsIntoList(QObject):
    """Hands the arrow keys of a search box to its list: the first row, and the focus."""

    def __init__(self, edit: QLineEdit, view: QAbstractItemView) -> None:
        super().__init__(edit)  # lives as long as the box
        self._view = view
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or event.key() not in _INTO_LIST
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return False
        view = self._view
        model = view.model()
        if model is None or model.rowCount() == 0 or not view.isVisible():
            return False  # nothing to move into: the box keeps the key
        # A row the user picked and that still matches stays picked; else the first one.
        selected = view.selectionModel().selectedRows()
        row = selected[0].row() if selected else 0
        if not selected:
            view.setCurrentIndex(model.index(0, 0))
            if hasattr(view, "selectRow"):
                view.selectRow(0)
        view.scrollTo(model.index(row, 0))
        # As Tab would: the keyboard moved the focus, so the focus ring shows where it went.
        view.setFocus(Qt.FocusReason.TabFocusReason)
        return True


def arrows_into_list(edit: QLineEdit, view: QAbstractItemView) -> None:
    """Up, Down, Page Up or Page Down in `edit` select the first row of `view` (unless one
    is selected already) and give `view` the focus; with no rows shown `edit` keeps them."""
    _ArrowsIntoList(edit, view)
