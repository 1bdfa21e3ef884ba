"""The operator panel: a filter, every extension as a tile, and the queues board beside them."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.pbx.models import ActiveCall, Extension, Queue
from desktop.services.panel import extension_states, queue_states
from desktop.ui.common.tables import pick_on_keyboard_focus
from desktop.ui.panel.queue_board import QueueBoard
from desktop.ui.panel.tile_look import TileDelegate
from desktop.ui.panel.tiles_model import (
    KIND_ROLE,
    NUMBER_ROLE,
    ExtensionTilesModel,
    NameLookup,
    TilesFilterProxy,
)
from desktop.ui.shell import icons

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TILE_SPACING = 6


class TilesView(QListView):
    """The tiles as a wrapping grid: arrows move, Enter (or a click) chooses a tile."""

    tile_chosen = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)  # one size asked once, not once a tile per layout
        self.setSpacing(_TILE_SPACING)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)
        self.setMouseTracking(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The tiles draw their own frame for the current tile: no dotted focus rectangle.
        self.setStyleSheet("QListView { outline: 0; }")
        self.clicked.connect(self.tile_chosen)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Tiles widen so that each row fills the view: no ragged gap at the right edge.
        delegate = self.itemDelegate()
        if isinstance(delegate, TileDelegate):
            narrowest = delegate.tile_size(self.font()).width()
            # As QListView lays out a wrapping grid: always leaving room for the vertical
            # scroll bar (else the tiles' width and the bar would switch each other on and
            # off), with `spacing` before each tile and one pixel to spare.
            scroll_bar = self.style().pixelMetric(
                QStyle.PixelMetric.PM_ScrollBarExtent, None, self.verticalScrollBar()
            )
            room = self.maximumViewportSize().width() - scroll_bar - _TILE_SPACING - 1
            columns = max(1, room // (narrowest + _TILE_SPACING))
            width = max(narrowest, room // columns - _TILE_SPACING)
            if width != delegate.width:
                delegate.width = width
                self.scheduleDelayedItemsLayout()
        super().resizeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        pick_on_keyboard_focus(self, event)  # Tab in: the first tile shows it is current

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter is handled here, not through `activated`: on macOS Enter does not activate,
        # and a double click would then call twice (click, then activated).
        if (
            event.key() in _ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            if self.currentIndex().isValid():
                self.tile_chosen.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class OperatorPanel(QWidget):
    """Every extension with its registration and line state; queues with who waits."""

    call_requested = Signal(str)  # an extension number the user chose to call

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self.model = ExtensionTilesModel(self, clock=clock)
        self.proxy = TilesFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(
            icons.icon(icons.SEARCH), QLineEdit.ActionPosition.LeadingPosition
        )
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.filter_edit.installEventFilter(self)
        self.clear_filter_action = QAction(self.filter_edit)
        self.clear_filter_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_filter_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_filter_action.triggered.connect(self.filter_edit.clear)
        self.filter_edit.addAction(self.clear_filter_action)

        self.delegate = TileDelegate(self)
        self.view = TilesView(self)
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(self.delegate)
        self.view.tile_chosen.connect(self._on_tile_chosen)
        self.no_match_label = QLabel(self)
        self.no_match_label.setWordWrap(True)
        self.no_match_label.hide()

        self.queue_board = QueueBoard(self, clock=clock)
        self.queue_scroll = QScrollArea(self)
        self.queue_scroll.setWidget(self.queue_board)
        self.queue_scroll.setWidgetResizable(True)
        self.queue_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.queue_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queues_title = QLabel(self)
        title_font = self.queues_title.font()
        title_font.setBold(True)
        self.queues_title.setFont(title_font)

        tiles_side = QWidget(self)
        tiles_layout = QVBoxLayout(tiles_side)
        tiles_layout.setContentsMargins(0, 0, 0, 0)
        tiles_layout.addWidget(self.filter_edit)
        tiles_layout.addWidget(self.no_match_label)
        tiles_layout.addWidget(self.view, 1)
        queues_side = QWidget(self)
        queues_layout = QVBoxLayout(queues_side)
        queues_layout.setContentsMargins(0, 0, 0, 0)
        queues_layout.addWidget(self.queues_title)
        queues_layout.addWidget(self.queue_scroll, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(tiles_side)
        self.splitter.addWidget(queues_side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        # Room for "Name (number) · talking" on one line; the tiles take the rest.
        queues_side.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)
        self.splitter.setSizes([3 * queues_side.minimumWidth(), queues_side.minimumWidth()])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.filter_edit, self.view)

        # Durations and waits tick between polls; only while the panel is on screen.
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._update_no_match)
        self._retranslate()

    def _retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Find an extension by name or number"))
        self.filter_edit.setToolTip(
            self.tr("Show only extensions whose name or number contains this text")
        )
        self.filter_edit.setAccessibleName(self.tr("Find an extension"))
        self.clear_filter_action.setText(self.tr("Clear the search"))
        self.view.setAccessibleName(self.tr("Extensions"))
        self.view.setAccessibleDescription(
            self.tr("Arrow keys move between extensions; Enter calls the chosen one.")
        )
        self.queues_title.setText(self.tr("Queues"))
        self._update_no_match()

    # -- feeding ------------------------------------------------------------------------------
    def update_state(
        self,
        extensions: Sequence[Extension],
        queues: Sequence[Queue],
        calls: Sequence[ActiveCall],
    ) -> None:
        """Show the extensions and queues with this poll's calls; tiles update in place."""
        self.model.set_states(extension_states(extensions, calls))
        self.queue_board.set_queues(queue_states(queues, extensions, calls), self.model.party_text)
        if (
            not self.view.currentIndex().isValid()
            and self.proxy.rowCount()
            and self.filter_edit.text()
        ):
            self._make_current(self.proxy.index(0, 0))

    def set_name_lookup(self, lookup: NameLookup | None) -> None:
        """Names for outside numbers (e.g. the phonebook's caller lookup) in "talking with"."""
        self.model.set_name_lookup(lookup)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def focus_search(self) -> None:
        """Ctrl+F on this tab: the cursor goes to the extension filter, its text selected."""
        self.focus_filter()

    def current_number(self) -> str | None:
        """The extension number of the current tile, if any."""
        index = self.view.currentIndex()
        return str(index.data(NUMBER_ROLE)) if index.isValid() else None

    # -- reacting -----------------------------------------------------------------------------
    def _tick(self) -> None:
        self.model.tick()
        self.queue_board.tick()

    def _on_tile_chosen(self, index: QModelIndex) -> None:
        number = index.data(NUMBER_ROLE)
        if not number:
            return
        # A phone that is not registered will not ring: call it only when the user says so.
        if index.data(KIND_ROLE) == "offline" and not self._call_anyway(str(number)):
            return
        self.call_requested.emit(str(number))

    def _call_anyway(self, number: str) -> bool:
        """Ask whether to call an unregistered extension; No is the default."""
        from PySide6.QtWidgets import QMessageBox  # made on first use: not for the first paint

        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Extension not registered"),
            self.tr("Extension {number} is not registered: call anyway?").format(number=number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(self.tr("Its phone is offline, so it will most likely not ring."))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the number comes from the PBX
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        answer = QMessageBox.StandardButton(box.exec())
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        # The first match becomes current, so Enter in the box calls what the grid shows.
        if text and self.proxy.rowCount():
            self._make_current(self.proxy.index(0, 0))
        self._update_no_match()

    def _make_current(self, index: QModelIndex) -> None:
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)

    def _update_no_match(self, *_args: object) -> None:
        query = self.filter_edit.text().strip()
        empty = bool(query) and self.proxy.rowCount() == 0
        if empty:
            self.no_match_label.setText(
                self.tr("No extension matches “{query}”").format(query=query)
            )
        self.no_match_label.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The filter box hands Down and Enter to the grid: type, then Down to walk the
        # matches or Enter to call the highlighted one.
        if watched is self.filter_edit and isinstance(event, QKeyEvent):
            key = event.key() if event.type() == QEvent.Type.KeyPress else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) or key in _ENTER_KEYS:
                if self.proxy.rowCount() == 0:
                    return key in _ENTER_KEYS
                if not self.view.currentIndex().isValid():
                    self._make_current(self.proxy.index(0, 0))
                if key in _ENTER_KEYS:
                    self._on_tile_chosen(self.view.currentIndex())
                else:
                    self.view.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.model.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._ticker.start()
        self.model.tick()  # the durations counted on while hidden
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._ticker.stop()
        super().hideEvent(event)
