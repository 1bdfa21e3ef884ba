"""The missed-calls list in the window: when, who, which queue, and Call back.

Calls not yet seen are shown in bold; "Mark all seen" clears the tray's count (the owner
listens to `marked_seen`). Double-click or Enter on a row calls back, as does the button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.missed_calls import MissedCall, MissedCalls
from desktop.services.numbers import NumberRules

from .call_popup import is_withheld

COL_TIME, COL_NAME, COL_NUMBER, COL_QUEUE = range(4)
COLUMN_COUNT = 4
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1

_ModelIndex = QModelIndex | QPersistentModelIndex
QueueLookup = Callable[[str], str | None]  # queue number -> its name, or None


def when_text(call: MissedCall) -> str:
    """The call's time in the user's locale: "14:05" today, with the date otherwise."""
    moment = QDateTime.fromSecsSinceEpoch(int(call.when.timestamp()))
    locale = QLocale()
    if moment.date() == QDateTime.currentDateTime().date():
        return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


class MissedCallsModel(QAbstractTableModel):
    """Missed calls, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._calls: list[MissedCall] = []
        self._queue_lookup: QueueLookup | None = None
        self._rules: NumberRules | None = None

    def set_calls(self, calls: Sequence[MissedCall]) -> None:
        # A short list that changes a few times an hour: a reset is simple and cheap.
        self.beginResetModel()
        self._calls = list(calls)
        self.endResetModel()

    def set_queue_lookup(self, lookup: QueueLookup | None) -> None:
        self._queue_lookup = lookup
        self._refresh_all()

    def set_number_rules(self, rules: NumberRules | None) -> None:
        self._rules = rules
        self._refresh_all()

    def call_at(self, row: int) -> MissedCall | None:
        return self._calls[row] if 0 <= row < len(self._calls) else None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._calls)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Time"), self.tr("Name"), self.tr("Number"), self.tr("Queue"))[section]

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        call = self.call_at(index.row()) if index.isValid() else None
        if call is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                return when_text(call)
            if column == COL_NAME:
                return call.name
            if column == COL_NUMBER:
                if is_withheld(call.number):
                    return self.tr("Withheld number")
                return self._rules.display(call.number) if self._rules else call.number
            if column == COL_QUEUE:
                return self._queue_text(call.queue)
        elif role == Qt.ItemDataRole.FontRole and not call.seen:
            font = QFont()
            font.setBold(True)
            return font
        elif role == NUMBER_ROLE:
            return call.number
        elif role == Qt.ItemDataRole.ToolTipRole and column == COL_TIME:
            return call.when.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        return None

    def _queue_text(self, queue: str | None) -> str:
        if not queue:
            return ""
        name = self._queue_lookup(queue) if self._queue_lookup is not None else None
        return f"{name} ({queue})" if name and name != queue else queue

    def _refresh_all(self) -> None:
        if self._calls:
            last = self.index(len(self._calls) - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class _MissedCallsView(QTableView):
    """Enter on a row calls back, like a double-click."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class MissedCallsPanel(QWidget):
    """The list of missed calls with Call back and Mark all seen."""

    call_back_requested = Signal(str)
    marked_seen = Signal()

    def __init__(self, missed: MissedCalls, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._missed = missed
        self.model = MissedCallsModel(self)

        self.call_back_button = QPushButton(self.tr("Call back"))
        self.call_back_button.clicked.connect(self._call_back_selected)
        self.mark_seen_button = QPushButton(self.tr("Mark all seen"))
        self.mark_seen_button.clicked.connect(self.mark_all_seen)
        self.count_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.call_back_button)
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.mark_seen_button)

        self.view = _MissedCallsView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_QUEUE, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda index: self._call_back_row(index.row()))
        self.view.activated_row.connect(self._call_back_row)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel(self.tr("No missed calls."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        self.refresh()

    def set_queue_lookup(self, lookup: QueueLookup | None) -> None:
        """Queue names instead of their numbers: lookup(queue number) -> name or None."""
        self.model.set_queue_lookup(lookup)

    def set_number_rules(self, rules: NumberRules | None) -> None:
        self.model.set_number_rules(rules)

    def refresh(self) -> None:
        """Show the list as it is now (after a missed call was added)."""
        selected = self._selected_channel()
        self.model.set_calls(self._missed.calls)
        if selected:
            for row, call in enumerate(self._missed.calls):
                if call.channel == selected:
                    self.view.selectRow(row)
                    break
        empty = not self._missed.calls
        self.view.setVisible(not empty)
        self.empty_label.setVisible(empty)
        unseen = self._missed.unseen_count
        if unseen == 1:
            self.count_label.setText(self.tr("1 new"))
        elif unseen > 1:
            self.count_label.setText(self.tr("{count} new").format(count=unseen))
        else:
            self.count_label.setText("")
        self._update_buttons()

    def mark_all_seen(self) -> None:
        """The user has looked: unseen calls become seen, the tray's count can go."""
        if self._missed.unseen_count:
            self._missed.mark_seen()
            self.refresh()
            self.marked_seen.emit()

    # -- inside -------------------------------------------------------------------------
    def _selected_channel(self) -> str:
        rows = self.view.selectionModel().selectedRows()
        call = self.model.call_at(rows[0].row()) if rows else None
        return call.channel if call is not None else ""

    def _update_buttons(self) -> None:
        self.call_back_button.setEnabled(bool(self.view.selectionModel().selectedRows()))
        self.mark_seen_button.setEnabled(self._missed.unseen_count > 0)

    def _call_back_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self._call_back_row(rows[0].row())

    def _call_back_row(self, row: int) -> None:
        call = self.model.call_at(row)
        if call is not None and not is_withheld(call.number):
            self.call_back_requested.emit(call.number)
