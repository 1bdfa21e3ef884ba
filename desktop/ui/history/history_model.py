"""Loaded call history as a table model over `HistoryRows`: no item per cell.

The model shows a list of row indices (the rows passing the filters, in the chosen
order); a cell is read from the record on demand. Rows arriving piece by piece are
inserted as one block where they fit, so the view keeps its scroll position.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.pbx.models import CallRecord
from desktop.services.history import (
    Column,
    Direction,
    HistoryRows,
    NameFor,
    Outcome,
    format_duration,
    looks_like_extension,
)

__all__ = ["TIME_FORMAT", "HistoryModel", "QueueLookup"]

_ModelIndex = QModelIndex | QPersistentModelIndex
# As the PBX reports it, never converted: unambiguous in every language.
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
COLUMN_COUNT = len(Column)
QueueLookup = Callable[[str], str | None]  # queue number -> its name, or None


def _no_names(number: str) -> str | None:
    return None


class HistoryModel(QAbstractTableModel):
    """Past calls, filtered and sorted; newest first until the user sorts otherwise."""

    def __init__(
        self,
        parent: Any = None,
        *,
        name_for: NameFor | None = None,
        is_extension: Any = looks_like_extension,
    ) -> None:
        super().__init__(parent)
        self.rows = HistoryRows(is_extension=is_extension, name_for=name_for or _no_names)
        self._shown: list[int] = []
        self._directions: frozenset[Direction] | None = None
        self._outcomes: frozenset[Outcome] | None = None
        self._text = ""
        self._sort_column = Column.TIME
        self._descending = True
        self._queue_lookup: QueueLookup | None = None
        self._retranslate()

    def _retranslate(self) -> None:
        self._headers = {
            Column.TIME: QCoreApplication.translate("HistoryModel", "Time"),
            Column.DIRECTION: QCoreApplication.translate("HistoryModel", "Direction"),
            Column.FROM: QCoreApplication.translate("HistoryModel", "From"),
            Column.TO: QCoreApplication.translate("HistoryModel", "To"),
            Column.DURATION: QCoreApplication.translate("HistoryModel", "Duration"),
            Column.OUTCOME: QCoreApplication.translate("HistoryModel", "Outcome"),
            Column.QUEUE: QCoreApplication.translate("HistoryModel", "Queue"),
            Column.RECORDING: QCoreApplication.translate("HistoryModel", "Recording"),
            Column.CUSTOM_DATA: QCoreApplication.translate("HistoryModel", "Custom data"),
        }
        self.direction_words = {
            Direction.INCOMING: QCoreApplication.translate("HistoryModel", "Incoming"),
            Direction.OUTGOING: QCoreApplication.translate("HistoryModel", "Outgoing"),
            Direction.INTERNAL: QCoreApplication.translate("HistoryModel", "Internal"),
        }
        self.outcome_words = {
            Outcome.ANSWERED: QCoreApplication.translate("HistoryModel", "Answered"),
            Outcome.MISSED: QCoreApplication.translate("HistoryModel", "Missed"),
            Outcome.BUSY: QCoreApplication.translate("HistoryModel", "Busy"),
            Outcome.FAILED: QCoreApplication.translate("HistoryModel", "Failed"),
        }
        self.yes = QCoreApplication.translate("HistoryModel", "Yes")
        self.no = QCoreApplication.translate("HistoryModel", "No")

    def retranslate(self) -> None:
        """Re-read translated texts after the language changed."""
        self._retranslate()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._shown:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._shown) - 1, COLUMN_COUNT - 1)
            )

    # -- feeding ------------------------------------------------------------------------------
    def clear(self) -> None:
        """Forget every row (a new period is being loaded)."""
        self.beginResetModel()
        self.rows.clear()
        self._shown = []
        self.endResetModel()

    def add_records(self, records: Iterable[CallRecord]) -> int:
        """Add a piece of rows; returns how many more rows are shown."""
        block = self.rows.add(records)
        before = len(self._shown)
        if block is None or self._sort_column is not Column.TIME:
            self._refresh()
            return len(self._shown) - before
        at, count = block
        if count == 0:
            return 0
        shown = self.rows.matching(self._directions, self._outcomes, self._text)
        added = len(shown) - before
        if added == 0:
            self._shown = shown[::-1] if self._descending else shown
            return 0
        # The new rows hold the indices [at, at + count): in time order they are one block.
        first = bisect.bisect_left(shown, at)
        if self._descending:
            shown.reverse()
            first = len(shown) - first - added
        self.beginInsertRows(QModelIndex(), first, first + added - 1)
        self._shown = shown
        self.endInsertRows()
        return added

    def set_name_for(self, name_for: NameFor | None) -> None:
        """Names beside numbers (phonebook, extensions): name_for(number) -> name or None."""
        self.rows.set_name_for(name_for or _no_names)
        self._refresh()

    def set_queue_lookup(self, lookup: QueueLookup | None) -> None:
        """Queue names instead of their numbers (as the Calls tab shows them)."""
        self._queue_lookup = lookup
        if self._shown:
            column = Column.QUEUE
            self.dataChanged.emit(self.index(0, column), self.index(len(self._shown) - 1, column))

    def queue_text(self, number: str) -> str:
        """A queue as shown: its name when known, else its number."""
        name = self._queue_lookup(number) if self._queue_lookup is not None and number else None
        return name or number

    def set_filters(
        self,
        directions: Collection[Direction] | None = None,
        outcomes: Collection[Outcome] | None = None,
        text: str = "",
    ) -> None:
        """Show only rows of these directions and outcomes (None: any) containing `text`."""
        self._directions = None if directions is None else frozenset(directions)
        self._outcomes = None if outcomes is None else frozenset(outcomes)
        self._text = text
        self._refresh()

    def _refresh(self) -> None:
        self.beginResetModel()
        shown = self.rows.matching(self._directions, self._outcomes, self._text)
        if self._sort_column is Column.TIME:
            self._shown = shown[::-1] if self._descending else shown
        else:
            self._shown = self.rows.sorted_indices(shown, self._sort_column, self._descending)
        self.endResetModel()

    # -- reading ------------------------------------------------------------------------------
    def shown_indices(self) -> list[int]:
        """Row indices into `rows` of what the table shows, in its order."""
        return list(self._shown)

    def record_at(self, row: int) -> CallRecord | None:
        return self.rows.row(self._shown[row]) if 0 <= row < len(self._shown) else None

    def party_text(self, number: str) -> str:
        """A number as shown: "Name (number)" when the name is known."""
        name = self.rows.name_for(number)
        return f"{name} ({number})" if name else number

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.QUEUE:
            return self.rows.row(self._shown[index.row()]).queue  # the number behind the name
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(self._shown[index.row()], index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(index.column())
        return None

    def _display(self, i: int, col: int) -> str:
        rec = self.rows.row(i)
        if col == Column.TIME:
            return rec.date.strftime(TIME_FORMAT)
        if col == Column.DIRECTION:
            return self.direction_words[self.rows.direction(i)]
        if col == Column.FROM:
            return self.party_text(rec.src)
        if col == Column.TO:
            return self.party_text(rec.dst)
        if col == Column.DURATION:
            return format_duration(rec.duration)
        if col == Column.OUTCOME:
            return self.outcome_words[self.rows.outcome(i)]
        if col == Column.QUEUE:
            return self.queue_text(rec.queue)
        if col == Column.RECORDING:
            return self.yes if rec.has_recording else self.no
        if col == Column.CUSTOM_DATA:
            return rec.userfield
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; equal values stay in time order. -1 (no indicator): by time."""
        self._sort_column = Column(column) if 0 <= column < COLUMN_COUNT else Column.TIME
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(p, self._shown[p.row()], p.column()) for p in persistent]
        shown = self.rows.matching(self._directions, self._outcomes, self._text)
        if self._sort_column is Column.TIME:
            self._shown = shown[::-1] if self._descending else shown
        else:
            self._shown = self.rows.sorted_indices(shown, self._sort_column, self._descending)
        # Selections follow their rows to wherever the sort puts them.
        where = {i: row for row, i in enumerate(self._shown)} if held else {}
        for old, i, col in held:
            self.changePersistentIndex(old, self.index(where[i], col))
        self.layoutChanged.emit()


def _alignment(column: int) -> int:
    flag = Qt.AlignmentFlag
    horizontal = {
        Column.DURATION: flag.AlignRight,
        Column.QUEUE: flag.AlignHCenter,
        Column.RECORDING: flag.AlignHCenter,
    }
    return int(horizontal.get(Column(column), flag.AlignLeft) | flag.AlignVCenter)
