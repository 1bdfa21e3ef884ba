"""The Phonebook tab: a search box, the best matches as you type, Call and Copy number."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.numbers import DialTargetError, dialable_number
from desktop.services.phonebook import Entry, PhonebookIndex
from desktop.ui.common.tables import data_table
from desktop.ui.phonebook.phonebook_model import (
    COL_COMPANY,
    COL_KIND,
    COL_NAME,
    COL_NUMBERS,
    PhonebookModel,
)
from desktop.ui.shell import icons

_MOVES = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -10,
    Qt.Key.Key_PageDown: 10,
}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PhonebookTab(QWidget):
    """Type to find anyone; Enter or a double-click calls them from your own phone."""

    call_requested = Signal(str)  # the number as the PBX wrote it
    refresh_requested = Signal()  # F5: fetch the phonebook again
    history_requested = Signal(str)  # the number whose call history to open

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PhonebookModel(self)
        self.number_chooser: QMenu | None = None  # open while a contact's numbers are offered

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Find a name, a company or a number"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(
            icons.icon(icons.SEARCH), QLineEdit.ActionPosition.LeadingPosition
        )
        self.search_edit.setToolTip(
            self.tr("Type part of a name or number; Enter calls the highlighted entry")
        )
        self.search_edit.setAccessibleName(self.tr("Find in the phonebook"))
        self.search_edit.textChanged.connect(self.search)
        self.search_edit.installEventFilter(self)
        clear_action = QAction(self.tr("Clear the search"), self.search_edit)
        clear_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_action.triggered.connect(self.search_edit.clear)
        self.search_edit.addAction(clear_action)

        self.call_action = QAction(icons.icon(icons.DIAL), self.tr("Ca&ll"), self)
        self.call_action.setToolTip(self.tr("Call the selected entry from your phone (Enter)"))
        self.call_action.triggered.connect(self.call_selected)
        self.copy_action = QAction(self.tr("Cop&y number"), self)
        self.copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_selected)
        self.history_action = QAction(self.tr("Call hi&story"), self)
        self.history_action.setToolTip(self.tr("This number's calls of the last 30 days"))
        self.history_action.triggered.connect(self.history_selected)
        self.refresh_action = QAction(self.tr("Refresh the phonebook"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh_requested)
        self.addAction(self.refresh_action)

        self.call_button = QPushButton(self.call_action.icon(), self.call_action.text(), self)
        self.call_button.setToolTip(self.call_action.toolTip())
        self.call_button.clicked.connect(self.call_selected)
        self.copy_button = QPushButton(self.copy_action.text(), self)
        self.copy_button.setToolTip(self.tr("Copy the selected entry's number"))
        self.copy_button.clicked.connect(self.copy_selected)
        self.history_button = QPushButton(self.history_action.text(), self)
        self.history_button.setToolTip(self.history_action.toolTip())
        self.history_button.clicked.connect(self.history_selected)

        self.view = data_table(self, self.model, self.tr("Phonebook entries"))
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # One band for the picked entry, no focus frame (a style sheet, not a Python delegate).
        self.view.setStyleSheet("QTableView { outline: 0; }")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.view.doubleClicked.connect(lambda index: self.call_row(index.row()))
        self.view.installEventFilter(self)
        self.view.addAction(self.copy_action)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Fixed modes, not "resize to contents": that would measure every row each keystroke.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_COMPANY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_NUMBERS, 260)
        header.resizeSection(COL_KIND, 90)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)

        self.matches_label = QLabel(self)
        self.matches_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.call_button)
        top.addWidget(self.copy_button)
        top.addWidget(self.history_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.matches_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.search_edit, self.view)
        self.setTabOrder(self.view, self.call_button)
        self.setTabOrder(self.call_button, self.copy_button)
        self.setTabOrder(self.copy_button, self.history_button)
        self._after_search()

    # -- feeding ------------------------------------------------------------------------------
    def set_index(self, index: PhonebookIndex) -> None:
        """Show this phonebook; the current search is kept and run again on it.

        A refresh keeps the entry the user picked selected while it is still listed.
        """
        picked = self.selected_entry()
        if not self.model.set_index(index):
            self._update_matches()
            self._update_actions()
            return
        rows = self.model.entries()
        if picked is not None and picked in rows:
            row = rows.index(picked)
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, COL_NAME))
            self._update_matches()
            self._update_actions()
        else:
            self._after_search()

    def focus_search(self) -> None:
        """Ctrl+F on this tab: the cursor goes to the search box, its text selected."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def set_status(self, text: str) -> None:
        """The line under the list: "N contacts", or where an offline copy came from."""
        self.status_label.setText(text)

    def search(self, query: str) -> None:
        """Show the entries matching `query` (one keystroke's work), the best one selected."""
        if self.model.set_query(query):
            self._after_search()
        else:  # same rows, selection kept; the count of matches may still differ
            self._update_matches()
            if not self.model.rowCount():
                self._update_actions()  # the typed text may have become a number to call

    def _after_search(self) -> None:
        # The best match is highlighted: Enter calls what the user sees.
        if self.model.rowCount() > 0:
            self.view.selectRow(0)
            self.view.scrollToTop()
        self._update_matches()
        self._update_actions()

    def _update_matches(self) -> None:
        model = self.model
        shown, count = model.rowCount(), model.match_count
        if model.phonebook is None:
            text = ""
        elif shown == 0 and model.query.strip():
            number = self._typed_number()
            if number is not None:
                text = self.tr("Nobody in the phonebook: Enter calls {number}").format(
                    number=model.display_number(number)
                )
            else:
                text = self.tr("Nobody matches “{query}”").format(query=model.query.strip())
        elif count > shown:
            more = "" if model.complete else "+"
            text = self.tr("The first {shown} of {count} matches: type more to narrow").format(
                shown=shown, count=f"{count}{more}"
            )
        else:
            text = ""
        self.matches_label.setText(text)

    # -- calling and copying ------------------------------------------------------------------
    def selected_entry(self) -> Entry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def call_selected(self) -> None:
        """Call the selected entry, the first one, or else the number typed in the box."""
        if self.model.rowCount() == 0:
            number = self._typed_number()
            if number is not None:
                self.call_requested.emit(number)
            return
        rows = self.view.selectionModel().selectedRows()
        self.call_row(rows[0].row() if rows else 0)

    def _typed_number(self) -> str | None:
        """The search text as a number to dial, when it is one (3 digits or more)."""
        text = self.search_edit.text().strip()
        if sum(ch.isdigit() for ch in text) < 3 or any(ch.isalpha() for ch in text):
            return None
        try:
            return dialable_number(text)
        except DialTargetError:
            return None

    def call_row(self, row: int) -> None:
        entry = self.model.entry_at(row)
        if entry is not None:
            self._with_number(entry, row, self.call_requested.emit)

    def copy_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        entry = self.model.entry_at(rows[0].row()) if rows else None
        if entry is not None:
            self._with_number(entry, rows[0].row(), QGuiApplication.clipboard().setText)

    def history_selected(self) -> None:
        """Open the call history of the selected entry's number (asks which, with several)."""
        rows = self.view.selectionModel().selectedRows()
        entry = self.model.entry_at(rows[0].row()) if rows else None
        if entry is not None:
            self._with_number(entry, rows[0].row(), self.history_requested.emit)

    def _with_number(self, entry: Entry, row: int, use: Callable[[str], None]) -> None:
        """Use the entry's number; with several, ask which (a keyboard-driven menu)."""
        numbers = [n for n in entry.numbers if n.strip()]
        if len(numbers) == 1:
            use(numbers[0])
            return
        if not numbers:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setToolTipsVisible(True)
        menu.setAccessibleName(self.tr("Which number of {name}?").format(name=entry.name))
        # Whose numbers these are (arrows skip it); "&" in "Atlas & Co." is no shortcut.
        title = menu.addAction(entry.name.replace("&", "&&"))
        title.setEnabled(False)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        for i, number in enumerate(numbers, start=1):
            shown = self.model.display_number(number)
            # Digits 1-9 pick a number at once; arrows and Enter work too.
            label = f"&{i}  {shown}" if i <= 9 else shown
            action = menu.addAction(label)
            action.setToolTip(number)
            action.triggered.connect(lambda _=False, n=number: use(n))
        menu.aboutToHide.connect(self._chooser_closed)
        self.number_chooser = menu
        rect = self.view.visualRect(self.model.index(row, COL_NUMBERS))
        anchor = rect.bottomLeft() if rect.isValid() else QPoint(0, 0)
        menu.popup(self.view.viewport().mapToGlobal(anchor))
        menu.setActiveAction(menu.actions()[1])

    def _chooser_closed(self) -> None:
        self.number_chooser = None

    def context_menu(self, pos: QPoint) -> QMenu | None:
        """The menu for the row at `pos` (in the table's viewport), that row selected."""
        index = self.view.indexAt(pos)
        if not index.isValid():
            return None
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.call_action)
        menu.addAction(self.copy_action)
        menu.addAction(self.history_action)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(pos))
            menu.deleteLater()

    # -- keyboard -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in _ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.call_selected()
                return True
            if watched is self.search_edit and key in _MOVES:
                self._move_selection(_MOVES[Qt.Key(key)])
                return True
        return super().eventFilter(watched, event)

    def _move_selection(self, step: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        rows = self.view.selectionModel().selectedRows()
        current = rows[0].row() if rows else -1
        row = min(max(current + step, 0), count - 1)
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, COL_NAME))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Opening the tab means "find someone": the cursor waits in the search box. (Not
        # when the window comes back from minimised: focus stays where the user left it.)
        if not event.spontaneous():
            self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search_edit.selectAll()

    def _update_actions(self, *_: object) -> None:
        has_rows = self.model.rowCount() > 0
        has_selection = self.view.selectionModel().hasSelection()
        can_call = has_rows or self._typed_number() is not None
        self.call_action.setEnabled(can_call)
        self.call_button.setEnabled(can_call)
        self.copy_action.setEnabled(has_selection)
        self.copy_button.setEnabled(has_selection)
        self.history_action.setEnabled(has_selection)
        self.history_button.setEnabled(has_selection)
