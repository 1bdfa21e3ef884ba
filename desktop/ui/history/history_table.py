"""The History tab's table: a movable header, short columns fitted once, newest call first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from desktop.services.history import Column
from desktop.ui.common.tables import data_table
from desktop.ui.history.history_model import HistoryModel

__all__ = ["history_table", "set_resize_modes"]

_STRETCHED = (Column.FROM, Column.TO)  # names and numbers get the room


def history_table(parent: QWidget, model: HistoryModel) -> QTableView:
    """The table of calls over `model`, sorted by time, newest first."""
    title = QCoreApplication.translate("HistoryTab", "Call history")  # the tab's own text
    view = data_table(parent, model, title, several=True)
    view.setStyleSheet("QTableView { outline: 0; }")
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsMovable(True)
    header.setMinimumSectionSize(48)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    set_resize_modes(view)
    _fit_columns(view, model)
    header.setSortIndicator(Column.TIME, Qt.SortOrder.DescendingOrder)
    view.setSortingEnabled(True)
    return view


def set_resize_modes(view: QTableView) -> None:
    """Every column the user's to size, but the names and numbers share what is left."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column in _STRETCHED:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def _fit_columns(view: QTableView, model: HistoryModel) -> None:
    """Short columns as wide as their longest possible text, measured once: fitting
    them to the rows would read every one of up to 100,000 rows."""
    m = model
    samples = {
        Column.TIME: ["2026-12-31 23:59:59"],
        Column.DIRECTION: list(m.direction_words.values()),
        Column.DURATION: ["10:00:00"],
        Column.OUTCOME: list(m.outcome_words.values()),
        Column.QUEUE: ["0000", "Satış Destek"],  # a number or a short name
        Column.RECORDING: [m.yes, m.no],
        # Mostly empty (only IVR calls carry it): as wide as its title, not wider than
        # the names and numbers beside it. It can be widened by hand.
        Column.CUSTOM_DATA: [],
    }
    cells = view.fontMetrics()
    headers = view.horizontalHeader().fontMetrics()
    for column, texts in samples.items():
        title = str(m.headerData(column, Qt.Orientation.Horizontal))
        width = max(
            max((cells.horizontalAdvance(t) for t in texts), default=0) + 16,
            headers.horizontalAdvance(title) + 32,  # room for the sort arrow
        )
        view.setColumnWidth(column, width)
