"""The History tab: pick a period, load it in pieces, filter, read the summary, export.

The tab does no I/O of its own: `set_fetch` hands it a coroutine function asking the PBX
for one stretch of call history (the session's `call_records`). Big periods load a day
per request, a few at once (`HistoryLoader`), with rows shown as each day arrives.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from desktop.pbx.errors import PbxError, PbxInputError
from desktop.pbx.models import CallRecord
from desktop.services.history import NameFor
from desktop.services.history_loader import FailedPiece, HistoryLoader, LoadResult
from desktop.services.history_ranges import Piece, QuickRange, quick_range
from desktop.services.history_summary import summarise
from desktop.ui.account.connection_widgets import tone
from desktop.ui.common.error_text import error_text
from desktop.ui.common.tasks import TaskOwner
from desktop.ui.history.export_ui import ask_export_path, save_rows
from desktop.ui.history.history_chart import HistoryChart, summary_line
from desktop.ui.history.history_controls import (
    cancel_button,
    chart_button,
    direction_combo,
    export_button,
    ivr_check,
    load_button,
    number_field,
    outcome_combo,
    quick_range_combo,
    search_field,
)
from desktop.ui.history.history_layout import lay_out
from desktop.ui.history.history_model import HistoryModel, QueueLookup
from desktop.ui.history.history_table import history_table, set_resize_modes
from desktop.ui.history.period_pickers import day_runs, period_picker, picker_time, wall_clock

__all__ = ["HistoryFetch", "HistoryTab"]

# fetch(start, end, number or None, include IVR data) -> the PBX's rows for [start, end].
HistoryFetch = Callable[[datetime, datetime, str | None, bool], Awaitable[Sequence[CallRecord]]]

_CONTACT_DAYS = 30


class HistoryTab(QWidget):
    """Call history over a chosen period; times exactly as the PBX reports them."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
        name_for: NameFor | None = None,
        concurrency: int = 3,
        retry_delay: float = 1.0,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._fetch: HistoryFetch | None = None
        self._concurrency = concurrency
        self._retry_delay = retry_delay
        self._loader: HistoryLoader | None = None
        self._period: tuple[datetime, datetime] | None = None
        self._setting_period = False
        self._empty_text = ""  # said when a load brings no call at all
        self._status_transient = False  # a message about the last action, not the rows
        self.tasks = TaskOwner()
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(250)
        self._summary_timer.timeout.connect(self._update_summary)
        self.model = HistoryModel(self, name_for=name_for)

        # -- the period and what to ask the PBX for
        self.from_edit = period_picker(self, self.tr("Start of the period"))
        self.to_edit = period_picker(self, self.tr("End of the period"))
        for picker in (self.from_edit, self.to_edit):
            picker.entered.connect(self.load)  # Enter in a date loads, as in the number
        self.range_combo = quick_range_combo(self)
        self.range_combo.activated.connect(self._on_quick_range)
        self.number_edit = number_field(self)
        self.number_edit.returnPressed.connect(self.load)
        self.ivr_check = ivr_check(self)
        self.load_button = load_button(self)
        self.load_button.clicked.connect(self.load)

        # -- filters over the loaded rows
        self.direction_combo = direction_combo(self)
        self.outcome_combo = outcome_combo(self)
        self.search_edit = search_field(self)
        for combo in (self.direction_combo, self.outcome_combo):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.search_edit.textChanged.connect(self._apply_filters)
        self.export_button = export_button(self)
        self.export_button.clicked.connect(self.export)
        self.chart_button = chart_button(self)
        self.chart_button.toggled.connect(self.set_chart_visible)

        # -- progress, problems and the summary
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Loading progress"))
        self._set_progress_total(1)
        self.cancel_button = cancel_button(self)
        self.cancel_button.clicked.connect(self.cancel_load)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.view = history_table(self, self.model)

        self.chart = HistoryChart(self)
        self.splitter = lay_out(self)

        for signal in (self.from_edit.dateTimeChanged, self.to_edit.dateTimeChanged):
            signal.connect(self._on_picker_edited)
        for signal in (self.model.modelReset, self.model.rowsInserted):
            signal.connect(self._update_export)
        self._update_export()
        self._set_period(*quick_range(QuickRange.TODAY, self._now()))
        self.range_combo.setCurrentIndex(self.range_combo.findData(QuickRange.TODAY))
        self._set_loading(False)
        self._update_summary()

    # -- wiring -------------------------------------------------------------------------------
    def set_fetch(self, fetch: HistoryFetch | None) -> None:
        """How to ask the PBX for call history (None while there is no connection)."""
        self._fetch = fetch

    def set_clock(self, now: Callable[[], datetime]) -> None:
        """Where "now" comes from: the PBX's local time, naive (quick ranges are built on it)."""
        self._now = now

    def set_queue_lookup(self, lookup: QueueLookup | None) -> None:
        """Queue names instead of numbers: lookup(number) -> name or None (number in the tip)."""
        self.model.set_queue_lookup(lookup)

    def set_name_lookup(self, name_for: NameFor | None) -> None:
        """Names beside numbers: name_for(number) -> name or None."""
        self.model.set_name_for(name_for)
        self._update_summary()

    def focus_search(self) -> None:
        """Ctrl+F on this tab: the cursor goes to the search field, its text selected."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def header_state(self) -> bytes:
        """Column widths and order, for the app to keep between runs."""
        return bytes(self.view.horizontalHeader().saveState().data())

    def restore_header_state(self, state: bytes) -> bool:
        """Column widths and order as saved; False (and nothing changed) for unreadable bytes."""
        restored = self.view.horizontalHeader().restoreState(QByteArray(state))
        set_resize_modes(self.view)
        return restored

    def retranslate(self) -> None:
        """Re-read the table's translated texts after the language changed."""
        self.model.retranslate()
        self._update_summary()

    # -- the chart ----------------------------------------------------------------------------
    @property
    def chart_visible(self) -> bool:
        """Whether the summary figures and chart are shown (the app keeps it between runs)."""
        return self.chart_button.isChecked()

    def set_chart_visible(self, visible: bool) -> None:
        """Show or hide the figures and chart; the one-line summary stands in when hidden."""
        self.chart_button.setChecked(visible)
        self.chart.setHidden(not visible)
        self._update_summary()

    # -- the period ---------------------------------------------------------------------------
    def period(self) -> tuple[datetime, datetime]:
        """(start, end) as the pickers show them, to the minute: what is sent to the PBX."""
        return picker_time(self.from_edit.dateTime()), picker_time(self.to_edit.dateTime())

    def _set_period(self, start: datetime, end: datetime) -> None:
        self._setting_period = True
        try:
            self.from_edit.setDateTime(wall_clock(start))
            self.to_edit.setDateTime(wall_clock(end))
        finally:
            self._setting_period = False

    def _on_picker_edited(self, *_: object) -> None:
        if not self._setting_period:
            self.range_combo.setCurrentIndex(0)  # the user's own period

    def _on_quick_range(self, index: int) -> None:
        which = self.range_combo.itemData(index)
        if isinstance(which, QuickRange):
            self.show_range(which)

    def show_range(self, which: QuickRange) -> asyncio.Task[LoadResult | None] | None:
        """Set the pickers to a quick range around the PBX's "now" and load it."""
        self._set_period(*quick_range(which, self._now()))
        self.range_combo.setCurrentIndex(self.range_combo.findData(which))
        return self.load()

    def show_number(self, number: str) -> asyncio.Task[LoadResult | None] | None:
        """Calls from or to `number` over the last 30 days (History from another tab)."""
        start, end = quick_range(QuickRange.TODAY, self._now())
        start -= timedelta(days=_CONTACT_DAYS - 1)
        self._set_period(start, end)
        self.range_combo.setCurrentIndex(0)
        self.number_edit.setText(number.strip())
        self.direction_combo.setCurrentIndex(0)
        self.outcome_combo.setCurrentIndex(0)
        self.search_edit.clear()
        return self._load(
            self.tr("No calls from or to {number} in the last 30 days.").format(
                number=number.strip()
            )
        )

    # -- loading ------------------------------------------------------------------------------
    def load(self) -> asyncio.Task[LoadResult | None] | None:
        """Load the period the pickers show (a load under way is cancelled first)."""
        number = self.number_edit.text().strip()
        if number:
            empty = self.tr("No calls from or to {number} in this period.").format(number=number)
        else:
            empty = self.tr("No calls in this period.")
        return self._load(empty)

    def _load(self, empty_text: str) -> asyncio.Task[LoadResult | None] | None:
        fetch = self._fetch
        if fetch is None:
            self._show_status(self.tr("Connect to the PBX to load the call history."))
            return None
        start, end = self.period()
        if end < start:
            self._show_status(self.tr("The end of the period is before its start."))
            return None
        self.cancel_load()
        number = self.number_edit.text().strip() or None
        ivr_data = self.ivr_check.isChecked()

        def fetch_piece(first: datetime, last: datetime) -> Awaitable[Sequence[CallRecord]]:
            return fetch(first, last, number, ivr_data)

        loader = HistoryLoader(
            fetch_piece, concurrency=self._concurrency, retry_delay=self._retry_delay
        )
        self._loader = loader
        self._empty_text = empty_text
        self._period = (start, end)
        self.model.clear()
        self._show_status("")
        self._set_loading(True)
        self._update_summary()
        return self.tasks.spawn(self._run(loader, start, end))

    async def _run(
        self, loader: HistoryLoader, start: datetime, end: datetime
    ) -> LoadResult | None:
        def on_rows(piece: Piece, records: list[CallRecord]) -> None:
            if self._loader is loader:
                self.model.add_records(records)
                # Counted over every row shown: at most a few times a second, not per day.
                if not self._summary_timer.isActive():
                    self._summary_timer.start()

        def on_progress(done: int, total: int) -> None:
            if self._loader is loader:
                self._set_progress_total(total)
                self.progress.setValue(done)

        try:
            result = await loader.run(start, end, on_rows, on_progress)
        except PbxError as exc:
            if self._loader is loader:
                self._finish(loader)
                self._show_status(error_text(exc), problem=True)
            return None
        if self._loader is loader:
            self._finish(loader)
            self._report(result)
        return result

    def cancel_load(self) -> None:
        """Stop loading: no further request is sent; the rows loaded so far stay."""
        loader = self._loader
        if loader is None:
            return
        loader.cancel()
        self._finish(loader)
        self._show_status(
            self.tr("Loading stopped: the table holds only part of the period."), problem=True
        )

    def _finish(self, loader: HistoryLoader) -> None:
        if self._loader is loader:
            self._loader = None
            self._set_loading(False)
            self._summary_timer.stop()
            self._update_summary()

    @property
    def loading(self) -> bool:
        return self._loader is not None

    def _set_loading(self, loading: bool) -> None:
        self.progress.setVisible(loading)
        self.cancel_button.setVisible(loading)
        self.load_button.setEnabled(not loading)

    def _set_progress_total(self, total: int) -> None:
        total = max(1, total)
        self.progress.setRange(0, total)
        # %v and %m are filled in by the progress bar: "0 of 1 day", "3 of 7 days".
        self.progress.setFormat(self.tr("%v of 1 day") if total == 1 else self.tr("%v of %m days"))

    def _report(self, result: LoadResult) -> None:
        refused = next((f.error for f in result.failed if isinstance(f.error, PbxInputError)), None)
        if refused is not None:
            # What was asked for is wrong (say, the number): no day is to blame.
            self._show_status(error_text(refused), problem=True)
        elif result.failed:
            self._show_status(self._failure_text(result.failed), problem=True)
        elif not result.cancelled:
            self._show_status("" if len(self.model.rows) else self._empty_text)

    def _failure_text(self, failed: Sequence[FailedPiece]) -> str:
        days = sorted({f.piece.start.date() for f in failed})
        reasons = dict.fromkeys(error_text(f.error) for f in failed)
        return self.tr(
            "Calls of {days} could not be loaded: {reason} Press Load to try again."
        ).format(days=day_runs(days), reason=" ".join(reasons))

    def _show_status(self, text: str, *, problem: bool = False, transient: bool = False) -> None:
        """A line above the table; a transient one goes when the filters change."""
        self._status_transient = transient and bool(text)
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        self.status_label.setStyleSheet(tone("error") if problem and text else "")

    # -- filters and summary ------------------------------------------------------------------
    def _apply_filters(self, *_: object) -> None:
        direction = self.direction_combo.currentData()
        outcome = self.outcome_combo.currentData()
        self.model.set_filters(
            None if direction is None else {direction},
            None if outcome is None else {outcome},
            self.search_edit.text(),
        )
        if self._status_transient:
            self._show_status("")  # "Saved…" was about the rows shown before
        self._update_summary()

    def _update_summary(self) -> None:
        # Called on every change of the rows shown; while loading, at most every 250 ms.
        self.summary_label.setVisible(self._period is None or not self.chart_visible)
        if self._period is None:
            self.summary_label.setText(self.tr("Choose a period and press Load."))
            self.chart.set_summary(None)
            return
        s = summarise(self.model.rows, self.model.shown_indices(), *self._period)
        self.summary_label.setText(summary_line(s))
        self.chart.set_summary(s)

    def _update_export(self, *_: object) -> None:
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def rows_shown(self) -> int:
        return self.model.rowCount()

    # -- export -------------------------------------------------------------------------------
    def export(self) -> None:
        """Ask where, then save the calls shown as CSV or XLSX."""
        path = ask_export_path(self, *(self._period or self.period()))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Save the calls shown (filtered, in the table's order): .xlsx as a workbook, else CSV."""
        try:
            count = save_rows(path, self.model)
        except PbxError as exc:
            self._show_status(error_text(exc), problem=True)
            return False
        if count == 1:
            saved = self.tr("Saved 1 call to {file}.").format(file=path)
        else:
            saved = self.tr("Saved {count} calls to {file}.").format(count=count, file=path)
        self._show_status(saved, transient=True)
        return True
