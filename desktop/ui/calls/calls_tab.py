"""The Calls tab: live calls, a filter box, call back / copy / history, and Hang up."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QByteArray,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.pbx.models import ActiveCall
from desktop.ui.calls.call_parties import ExtensionCheck
from desktop.ui.calls.calls_model import (
    COL_CHANNEL,
    COL_DIRECTION,
    COL_DURATION,
    COL_FROM,
    COL_QUEUE,
    COL_STATUS,
    COL_TO,
    COL_TYPE,
    CallsFilterProxy,
    CallsModel,
    NameLookup,
    NumberFormat,
    QueueLookup,
)
from desktop.ui.common.empty_state import EmptyState
from desktop.ui.common.search_keys import arrows_into_list
from desktop.ui.common.tables import data_table
from desktop.ui.shell import icons

__all__ = [
    "OFFLINE_NOT_SET_UP",
    "OFFLINE_REFUSED",
    "OFFLINE_UNREACHABLE",
    "CallsTab",
    "EmptyState",  # where it used to live: the main window imports it from here
]

# From and To share whatever width is left (names are long, the rest is short): the
# other columns are as wide as their contents, so a narrow window narrows the numbers last.
_STRETCHED = (COL_FROM, COL_TO)
_FITTED = (COL_DIRECTION, COL_DURATION, COL_QUEUE, COL_STATUS, COL_TYPE)

# Why the list is empty while offline (`CallsTab.set_offline`).
OFFLINE_UNREACHABLE = "unreachable"
OFFLINE_NOT_SET_UP = "not_set_up"
OFFLINE_REFUSED = "refused"


class CallsTab(QWidget):
    """Live calls; selection and scroll position survive every poll."""

    hangup_requested = Signal(str)  # channel, after the user confirmed
    call_requested = Signal(str)  # the other party's number: call it back
    history_requested = Signal(str)  # the other party's number: show its call history
    message = Signal(str)  # a short note for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offline = False
        self._offline_reason = OFFLINE_UNREACHABLE
        self.model = CallsModel(self)
        # The call the user picked, by channel: rows move as calls come and go, and Qt
        # hands a removed row's selection to its neighbour (someone else's call). Connected
        # before the proxy's own handler, which already moves the view's selection.
        self._selected_channel: str | None = None
        self._removing = False
        self.model.rowsAboutToBeRemoved.connect(self._before_rows_removed)
        self.proxy = CallsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Find a call by number or name"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(
            icons.icon(icons.SEARCH), QLineEdit.ActionPosition.LeadingPosition
        )
        self.filter_edit.setToolTip(self.tr("Show only calls from or to this number (Ctrl+F)"))
        self.filter_edit.setAccessibleName(self.tr("Find a call"))
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.clear_filter_action = QAction(self.tr("Clear the search"), self.filter_edit)
        self.clear_filter_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_filter_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_filter_action.triggered.connect(self.filter_edit.clear)
        self.filter_edit.addAction(self.clear_filter_action)

        self.hangup_button = QPushButton(icons.icon(icons.CALL_END), self.tr("Hang &up"), self)
        self.hangup_button.setToolTip(self.tr("End the selected call (Delete)"))
        self.hangup_button.clicked.connect(self.hang_up_selected)
        # What one does with the person on the line: the side of the call that is not me.
        self.call_back_button = QPushButton(icons.icon(icons.DIAL), self.tr("Call &back"), self)
        self.call_back_button.setToolTip(
            self.tr("Call the other party of the selected call (Enter)")
        )
        self.call_back_button.clicked.connect(self.call_back_selected)
        self.copy_button = QPushButton(self.tr("Copy &number"), self)
        self.copy_button.setToolTip(self.tr("Copy the other party's number (Ctrl+C)"))
        self.copy_button.clicked.connect(self.copy_selected_number)
        self.history_button = QPushButton(self.tr("Open hist&ory"), self)
        self.history_button.setToolTip(self.tr("Show the calls with the other party (Ctrl+H)"))
        self.history_button.clicked.connect(self.open_history_selected)

        self.view = data_table(self, self.proxy, self.tr("Active calls"), fixed_rows=False)
        # A selected call is one band: no focus frame around a single cell. (A style sheet,
        # not a Python delegate: a delegate would be called for every cell of every paint.)
        self.view.setStyleSheet("QTableView { outline: 0; }")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._set_resize_modes()
        self.view.setColumnHidden(COL_CHANNEL, True)
        arrows_into_list(self.filter_edit, self.view)  # type, then Down to pick a call
        header.moveSection(header.visualIndex(COL_DIRECTION), 0)
        # Unsorted first: calls stay in the order they started until the user sorts.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.rowsRemoved.connect(self._after_rows_removed)

        self.hangup_action = QAction(icons.icon(icons.CALL_END), self.tr("Hang up…"), self)
        self.hangup_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.hangup_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.hangup_action.triggered.connect(self.hang_up_selected)
        self.view.addAction(self.hangup_action)
        self.call_back_action = self._view_action(
            self.tr("Call back"), (Qt.Key.Key_Return, Qt.Key.Key_Enter), self.call_back_selected
        )
        self.call_back_action.setIcon(icons.icon(icons.DIAL))
        self.copy_number_action = self._view_action(
            self.tr("Copy number"), (QKeySequence.StandardKey.Copy,), self.copy_selected_number
        )
        self.history_action = self._view_action(
            self.tr("Open history"), (QKeySequence("Ctrl+H"),), self.open_history_selected
        )
        self.copy_from_action = QAction(self.tr("Copy caller's number"), self)
        self.copy_from_action.triggered.connect(lambda: self._copy_number(caller=True))
        self.copy_to_action = QAction(self.tr("Copy called number"), self)
        self.copy_to_action.triggered.connect(lambda: self._copy_number(caller=False))

        self.empty_state = EmptyState(parent=self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.empty_state)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        for button in (self.call_back_button, self.copy_button, self.history_button):
            top.addWidget(button)
        top.addSpacing(8)  # Hang up stands apart: the one that ends someone's call
        top.addWidget(self.hangup_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.setTabOrder(self.filter_edit, self.view)
        self.setTabOrder(self.view, self.call_back_button)
        self.setTabOrder(self.call_back_button, self.copy_button)
        self.setTabOrder(self.copy_button, self.history_button)
        self.setTabOrder(self.history_button, self.hangup_button)

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.model.tick)
        # The proxy drops its rows before the model has removed them (the model still counts
        # them then): the model's own signal, which comes after, settles the state.
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.model.rowsRemoved,
            self.model.modelReset,
        ):
            signal.connect(self._update_state)
        self.model.dataChanged.connect(self._update_actions)  # a poll may change who is who
        self._update_state()

    def _view_action(
        self,
        text: str,
        keys: Sequence[QKeySequence | QKeySequence.StandardKey | Qt.Key],
        slot: Callable[[], None],
    ) -> QAction:
        """An action on the selected call, with keys that work while the list has focus."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    # -- feeding ------------------------------------------------------------------------------
    def show_calls(self, calls: Sequence[ActiveCall]) -> None:
        self.model.set_calls(calls)

    def set_name_lookup(self, lookup: NameLookup | None) -> None:
        self.model.set_name_lookup(lookup)

    def set_queue_lookup(self, lookup: QueueLookup | None) -> None:
        """Queue names (e.g. from `PbxClient.queues()`) instead of queue numbers."""
        self.model.set_queue_lookup(lookup)

    def set_my_extension(self, number: str) -> None:
        """The user's own extension: directions and the other party are seen from it."""
        self.model.set_my_extension(number)
        self._update_actions()

    def set_extension_check(self, is_extension: ExtensionCheck | None) -> None:
        """Which numbers are the PBX's extensions: is_extension(number) -> bool."""
        self.model.set_extension_check(is_extension)
        self._update_actions()

    def set_number_format(self, number_format: NumberFormat | None) -> None:
        """How numbers are shown beside names, e.g. `NumberRules.display`."""
        self.model.set_number_format(number_format)

    def set_offline(self, offline: bool, reason: str = OFFLINE_UNREACHABLE) -> None:
        """Without a connection an empty list says why, instead of "no calls right now".

        `reason`: OFFLINE_UNREACHABLE, OFFLINE_NOT_SET_UP or OFFLINE_REFUSED.
        """
        if (offline, reason) != (self._offline, self._offline_reason):
            self._offline, self._offline_reason = offline, reason
            self._update_state()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def header_state(self) -> bytes:
        """Column widths and order, for the app to keep between runs."""
        return bytes(self.view.horizontalHeader().saveState().data())

    def restore_header_state(self, state: bytes) -> bool:
        """Column widths and order as saved; False (and nothing changed) for unreadable bytes."""
        restored = self.view.horizontalHeader().restoreState(QByteArray(state))
        self._set_resize_modes()  # whatever an older saved state says
        self.view.setColumnHidden(COL_CHANNEL, True)
        return restored

    def _set_resize_modes(self) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in _FITTED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in _STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # -- selection and hang-up ----------------------------------------------------------------
    def selected_call(self) -> ActiveCall | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.call_at(self.proxy.mapToSource(rows[0]).row())

    def select_channel(self, channel: str) -> bool:
        row = self.model.row_of(channel)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_FROM))
        if not index.isValid():
            return False
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    def hang_up_selected(self) -> None:
        call = self.selected_call()
        if call is None:
            self.message.emit(self.tr("Select a call to hang up."))
            return
        question = self.tr("Hang up the call between {caller} and {called}?").format(
            caller=self.model.party_text(call.src), called=self.model.party_text(call.dst)
        )
        from PySide6.QtWidgets import QMessageBox  # made on first use: not for the first paint

        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Hang up"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        # Caller IDs come from outside callers: markup in one must not become a link.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        answer = QMessageBox.StandardButton(box.exec())
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        # Polls go on while the question is open: the call may have ended meanwhile.
        if self.model.row_of(call.channel) < 0:
            self.message.emit(self.tr("That call has already ended."))
            return
        self.hangup_requested.emit(call.channel)

    def selected_other_party(self) -> str:
        """The number of the selected call's other party; "" without one (or when withheld)."""
        call = self.selected_call()
        return self.model.other_party(call) if call is not None else ""

    def call_back_selected(self) -> None:
        number = self.selected_other_party()
        if number:
            self.call_requested.emit(number)

    def copy_selected_number(self) -> None:
        number = self.selected_other_party()
        if number:
            QGuiApplication.clipboard().setText(number)
            self.message.emit(self.tr("Copied {number}").format(number=number))

    def open_history_selected(self) -> None:
        number = self.selected_other_party()
        if number:
            self.history_requested.emit(number)

    def _copy_number(self, *, caller: bool) -> None:
        call = self.selected_call()
        if call is not None:
            QGuiApplication.clipboard().setText(call.src if caller else call.dst)

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        from PySide6.QtWidgets import QMenu  # made on first use: not for the first paint

        menu = QMenu(self)
        menu.addAction(self.call_back_action)
        menu.addAction(self.copy_number_action)
        menu.addAction(self.history_action)
        menu.addSeparator()
        menu.addAction(self.hangup_action)
        menu.addSeparator()
        menu.addAction(self.copy_from_action)
        menu.addAction(self.copy_to_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- state --------------------------------------------------------------------------------
    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_state()

    def _update_state(self, *_: object) -> None:
        has_calls = self.model.rowCount() > 0
        if has_calls and not self._ticker.isActive():
            self._ticker.start()
        elif not has_calls:
            self._ticker.stop()
        if self.proxy.rowCount() > 0:
            self.pages.setCurrentWidget(self.view)
        elif has_calls:
            self.empty_state.set_text(
                self.tr("No call matches “{query}”").format(query=self.proxy.query.strip()),
                self.tr("Clear the search box to see all calls."),
            )
            self.pages.setCurrentWidget(self.empty_state)
        elif self._offline:
            self.empty_state.set_text(*self._offline_texts())
            self.pages.setCurrentWidget(self.empty_state)
        else:
            self.empty_state.set_text(
                self.tr("No calls right now"),
                self.tr("Calls on the PBX show up here as they start."),
            )
            self.pages.setCurrentWidget(self.empty_state)
        self._update_actions()

    def _offline_texts(self) -> tuple[str, str]:
        if self._offline_reason == OFFLINE_NOT_SET_UP:
            return (
                self.tr("Not set up yet"),
                self.tr("Finish the set-up in Settings to see live calls."),
            )
        if self._offline_reason == OFFLINE_REFUSED:
            return (
                self.tr("The PBX did not accept the password"),
                self.tr("Check the user name and password in Settings to see live calls."),
            )
        return (
            self.tr("Not connected to the PBX"),
            self.tr("Live calls show up here again once the PBX can be reached."),
        )

    def _on_selection_changed(self, *_: object) -> None:
        if not self._removing:
            call = self.selected_call()
            self._selected_channel = call.channel if call is not None else None
        self._update_actions()

    def _before_rows_removed(self, *_: object) -> None:
        self._removing = True

    def _after_rows_removed(self, *_: object) -> None:
        self._removing = False
        channel = self._selected_channel
        if channel is None:
            return
        selected = self.selected_call()
        if self.model.row_of(channel) < 0:
            # The picked call ended: nothing is selected, so Delete cannot hit another call.
            self._selected_channel = None
            self.view.selectionModel().clear()
        elif selected is None or selected.channel != channel:
            self._reselect(channel)
        self._update_actions()

    def _reselect(self, channel: str) -> None:
        row = self.model.row_of(channel)
        index = self.proxy.mapFromSource(self.model.index(row, COL_FROM))
        if index.isValid():
            self.view.selectRow(index.row())
        else:  # filtered out: nothing visible is selected
            self.view.selectionModel().clear()
            self._selected_channel = channel

    def _update_actions(self, *_: object) -> None:
        has_selection = self.view.selectionModel().hasSelection()
        self.hangup_button.setEnabled(has_selection)
        self.hangup_action.setEnabled(has_selection)
        self.copy_from_action.setEnabled(has_selection)
        self.copy_to_action.setEnabled(has_selection)
        has_party = has_selection and bool(self.selected_other_party())
        for widget in (
            self.call_back_button,
            self.call_back_action,
            self.copy_button,
            self.copy_number_action,
            self.history_button,
            self.history_action,
        ):
            widget.setEnabled(has_party)

    def rows_shown(self) -> int:
        return self.proxy.rowCount()
