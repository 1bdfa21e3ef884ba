"""The app's data tables look and behave alike: whole rows, read-only, quick to scroll."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

__all__ = ["data_table", "pick_on_keyboard_focus"]

_BY_KEYBOARD = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


def pick_on_keyboard_focus(view: QAbstractItemView, event: QFocusEvent) -> None:
    """Tabbing into `view` with nothing picked picks the row the keyboard is on (else the
    first): Qt would only make it current, which shows nowhere in a list of whole rows or
    tiles, and the row's buttons would stay asleep until an arrow key moved off it."""
    selection = view.selectionModel()
    if event.reason() not in _BY_KEYBOARD or selection is None or selection.hasSelection():
        return
    current = view.currentIndex()
    if not current.isValid():  # Qt picks a first row only once in a view's life
        current = view.model().index(0, 0)
    if current.isValid():
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.setCurrentIndex(current, flags)


_ROW_ENDS = (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd)


class _RowTable(QTableView):
    """A table of whole rows: shows where the keyboard is when Tab brings it there, and
    Home and End go to the first and last row (Qt's go to the row's first and last
    cell, which shows nowhere when whole rows are picked)."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        pick_on_keyboard_focus(self, event)

    def moveCursor(
        self,
        cursorAction: QAbstractItemView.CursorAction,
        modifiers: Qt.KeyboardModifier,
    ) -> QModelIndex:
        if cursorAction in _ROW_ENDS:
            modifiers = modifiers | Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(cursorAction, modifiers)


def data_table(
    parent: QWidget,
    model: QAbstractItemModel,
    name: str,
    *,
    several: bool = False,
    fixed_rows: bool = True,
) -> QTableView:
    """A table of rows over `model` (`several`: more than one row can be selected)."""
    view = _RowTable(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if several
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    # Tab leaves the table for the next control (arrows move between rows): with whole
    # rows selected, Tab moving between cells would look like nothing happened.
    view.setTabKeyNavigation(False)
    # "0532 … 4567" keeps both ends of a number readable; a cut-off end would not.
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    if fixed_rows:  # rows of one height: the view never measures each of 100,000 rows
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    return view
