"""The app's data tables look and behave alike: whole rows, read-only, quick to scroll."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

__all__ = ["data_table"]


def data_table(
    parent: QWidget,
    model: QAbstractItemModel,
    name: str,
    *,
    several: bool = False,
    fixed_rows: bool = True,
) -> QTableView:
    """A table of rows over `model` (`several`: more than one row can be selected)."""
    view = QTableView(parent)
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
    # "0532 … 4567" keeps both ends of a number readable; a cut-off end would not.
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    if fixed_rows:  # rows of one height: the view never measures each of 100,000 rows
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    return view
