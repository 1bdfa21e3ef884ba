"""The phonebook as a table model fed by the search index, best match first.

Each keystroke asks the index's `Searcher` for the best `limit` entries (it narrows its
previous matches as a query grows) and the model is reset only when those entries differ
from what is shown: typing a space, or a letter that changes nothing, keeps the rows, the
selection and the scroll position. Cells are computed on demand for the visible rows only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.services.phonebook import Entry, PhonebookIndex, Searcher

COL_NAME, COL_NUMBERS, COL_COMPANY, COL_KIND = range(4)
COLUMN_COUNT = 4
# Rows shown at most: nobody scrolls past a few hundred names; typing more narrows faster.
DEFAULT_LIMIT = 200

_ModelIndex = QModelIndex | QPersistentModelIndex


class PhonebookModel(QAbstractTableModel):
    """The entries matching the current query: name, numbers, company, internal/external."""

    def __init__(self, parent: Any = None, *, limit: int = DEFAULT_LIMIT) -> None:
        super().__init__(parent)
        self.limit = limit
        self._index: PhonebookIndex | None = None
        self._searcher: Searcher | None = None
        self._rows: list[Entry] = []
        self._query = ""
        self._match_count = 0
        self._complete = True
        self._retranslate()

    def _retranslate(self) -> None:
        self._headers = {
            COL_NAME: QCoreApplication.translate("PhonebookModel", "Name"),
            COL_NUMBERS: QCoreApplication.translate("PhonebookModel", "Numbers"),
            COL_COMPANY: QCoreApplication.translate("PhonebookModel", "Company"),
            COL_KIND: QCoreApplication.translate("PhonebookModel", "Type"),
        }
        self._internal = QCoreApplication.translate("PhonebookModel", "Internal")
        self._external = QCoreApplication.translate("PhonebookModel", "External")

    def retranslate(self) -> None:
        """Re-read translated texts after the language changed."""
        self._retranslate()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- feeding ------------------------------------------------------------------------------
    def set_index(self, index: PhonebookIndex | None) -> bool:
        """Search this phonebook from now on; True when the rows shown changed (a reset).

        A refreshed phonebook that shows the same people for the current query keeps the
        rows (and so the selection and scroll position) as they are.
        """
        self._index = index
        self._searcher = index.searcher() if index is not None else None
        changed = self._search(self._query, force=False)
        if not changed and self._rows:  # same people; numbers may be shown by new rules
            last = self.index(len(self._rows) - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        return changed

    @property
    def phonebook(self) -> PhonebookIndex | None:
        return self._index

    def set_query(self, query: str) -> bool:
        """Show the entries matching `query`; True when the rows changed (and were reset)."""
        self._query = query
        return self._search(query, force=False)

    def _search(self, query: str, *, force: bool) -> bool:
        index, searcher = self._index, self._searcher
        if index is None or searcher is None:
            rows: list[Entry] = []
            self._match_count, self._complete = 0, True
        elif not query.strip():
            searcher.search("", self.limit)  # forget the narrowing state
            entries = index.entries
            rows = list(entries[: self.limit])
            self._match_count, self._complete = len(entries), True
        else:
            rows = searcher.search(query, self.limit)
            self._match_count, self._complete = searcher.count, searcher.complete
        # Entries are the index's own objects: an unchanged result compares by identity
        # (cheaply), and a refreshed index's equal entries by value.
        if not force and rows == self._rows:
            return False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    # -- reading ------------------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self._query

    @property
    def match_count(self) -> int:
        """How many entries match the query (at least that many when not `complete`)."""
        return self._match_count

    @property
    def complete(self) -> bool:
        return self._complete

    def entries(self) -> list[Entry]:
        return list(self._rows)

    def entry_at(self, row: int) -> Entry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def display_number(self, number: str) -> str:
        """`905321234567` → `0532 123 45 67` by the phonebook's country rules."""
        return self._index.rules.display(number) if self._index is not None else number

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(section)
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._rows[index.row()]
        col = index.column()
        if col == COL_NAME:
            return entry.name
        if col == COL_NUMBERS:
            shown = [self.display_number(n) for n in entry.numbers]
            # The tooltip lists each number on its own line: a narrow column cuts the rest.
            return ("\n" if role == Qt.ItemDataRole.ToolTipRole else ", ").join(shown)
        if col == COL_COMPANY:
            return entry.company
        if col == COL_KIND:
            return self._internal if entry.internal else self._external
        return None
