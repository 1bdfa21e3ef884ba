"""The ordered list of an IVR call's announcements: a table model and its editor widget."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.pbx.requests import Announcement, AnnouncementKind

_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


def kind_name(kind: AnnouncementKind) -> str:
    """The kind as the user reads it."""
    if kind is AnnouncementKind.TEXT_TO_SPEECH:
        return QCoreApplication.translate("Announcements", "Text-to-speech")
    return QCoreApplication.translate("Announcements", "Sound file")


class AnnouncementsModel(QAbstractTableModel):
    """Announcements in the order they are played: kind and text, both editable."""

    COL_KIND = 0
    COL_TEXT = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Announcement] = []

    def announcements(self) -> list[Announcement]:
        return list(self._rows)

    def set_announcements(self, rows: list[Announcement]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)  # the position the PBX plays it at, as errors name it
        if section == self.COL_KIND:
            return self.tr("Kind")
        return self.tr("Sound file name or text to read out")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if index.column() == self.COL_KIND:
            if role == Qt.ItemDataRole.DisplayRole:
                return kind_name(item.kind)
            if role == Qt.ItemDataRole.EditRole:
                return item.kind.value
        elif role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return item.text
        elif role == Qt.ItemDataRole.ToolTipRole and item.text:
            return item.text  # a long text is elided in its cell
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = index.row()
        item = self._rows[row]
        if index.column() == self.COL_KIND:
            try:
                item = Announcement(AnnouncementKind(value), item.text)
            except ValueError:
                return False
        else:
            item = Announcement(item.kind, str(value))
        self._rows[row] = item
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def add(self, item: Announcement) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(item)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def move(self, row: int, step: int) -> int:
        """Move one row up (-1) or down (+1); returns where it is now."""
        target = row + step
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return row
        # Qt counts the destination before the move: one further when moving down.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + (step > 0))
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        return target


class KindDelegate(QStyledItemDelegate):
    """Edits the kind with a combo box (first letters choose, Enter confirms)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        box = QComboBox(parent)
        for kind in AnnouncementKind:
            box.addItem(kind_name(kind), kind.value)
        box.setAccessibleName(self.tr("Kind of announcement"))
        return box

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class AnnouncementsEditor(QWidget):
    """The announcements table with Add, Remove, Move up and Move down (all by keyboard too)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnouncementsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(AnnouncementsModel.COL_KIND, KindDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        # Tab leaves the table (arrows move inside it), as in every other field of the form.
        self.view.setTabKeyNavigation(False)
        self.view.setAccessibleName(self.tr("Announcements, played in this order"))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(
            AnnouncementsModel.COL_KIND, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setStretchLastSection(True)
        # Room for five announcements before the list scrolls; the preview gets the rest.
        rows = self.view.verticalHeader().defaultSectionSize()
        self.view.setMinimumHeight(header.sizeHint().height() + 5 * rows + 4)
        self.view.setMaximumHeight(header.sizeHint().height() + 8 * rows + 4)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.installEventFilter(self)

        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setToolTip(self.tr("Add an announcement at the end (Insert)"))
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected announcement (Delete)"))
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.up_button.setToolTip(self.tr("Play the selected announcement earlier (Ctrl+Up)"))
        self.down_button = QPushButton(self.tr("Move do&wn"), self)
        self.down_button.setToolTip(self.tr("Play the selected announcement later (Ctrl+Down)"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))

        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)  # Enter in the form sends the request, not these
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
            self.model.modelReset,
        ):
            signal.connect(self._changed)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def announcements(self) -> list[Announcement]:
        return self.model.announcements()

    def set_announcements(self, items: list[Announcement]) -> None:
        self.model.set_announcements(items)

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add(self) -> None:
        """Add a row (of the kind of the last one) and start typing its text."""
        rows = self.model.announcements()
        kind = rows[-1].kind if rows else AnnouncementKind.SOUND_FILE
        row = self.model.add(Announcement(kind, ""))
        index = self.model.index(row, AnnouncementsModel.COL_TEXT)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_current(self) -> None:
        row, column = self.current_row(), max(self.view.currentIndex().column(), 0)
        if row < 0:
            return
        self.model.remove(row)
        left = self.model.rowCount()
        if left:
            self.view.setCurrentIndex(self.model.index(min(row, left - 1), column))
        self._update_buttons()

    def move_current(self, step: int) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = self.model.move(index.row(), step)
        self.view.setCurrentIndex(self.model.index(row, index.column()))
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Insert:
                self.add()
                return True
            if key == Qt.Key.Key_Delete and self.current_row() >= 0:
                self.remove_current()
                return True
            control = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if key == Qt.Key.Key_Up else +1)
                return True
        return super().eventFilter(watched, event)

    def _changed(self, *_: object) -> None:
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        row, count = self.current_row(), self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
