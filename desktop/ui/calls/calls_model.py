"""Live calls as a table model that changes row by row, never by reset.

Each poll brings the whole list of active calls. `CallsModel.set_calls` compares it
with what is shown, keyed by channel: ended calls are removed, new ones appended,
changed ones updated in place. Selection, scroll position and an open context menu
survive every poll. Durations tick up locally between polls.

Direction and "the other party" are seen from the user's desk: `set_my_extension` says
which number is mine, `set_extension_check` which numbers are colleagues' extensions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.pbx.models import ActiveCall
from desktop.services.text_fold import fold
from desktop.ui.calls.call_parties import (
    INCOMING,
    INTERNAL,
    OUTGOING,
    CallParties,
    ExtensionCheck,
    withheld,
)
from desktop.ui.shell import icons

# Direction comes last in the model, so a column layout saved before it existed still
# restores; the tab shows it first.
(
    COL_FROM,
    COL_TO,
    COL_DURATION,
    COL_QUEUE,
    COL_STATUS,
    COL_TYPE,
    COL_CHANNEL,
    COL_DIRECTION,
) = range(8)
COLUMN_COUNT = 8
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

# A poll's duration may lag our local count by its round trip: small steps back are
# smoothed out instead of shown; anything larger is the PBX's truth.
_MAX_SMOOTHING_S = 3.0

_ModelIndex = QModelIndex | QPersistentModelIndex
NameLookup = Callable[[str], str | None]
QueueLookup = Callable[[str], str | None]  # queue number -> its name, or None
NumberFormat = Callable[[str], str]  # a number as the PBX wrote it -> as shown
_DIRECTION_ICONS = {
    INCOMING: icons.CALL_INCOMING,
    OUTGOING: icons.CALL_OUTGOING,
    INTERNAL: icons.CALL_INTERNAL,
}


def format_duration(seconds: float) -> str:
    """h:mm:ss; hours run past 24 (a parked call can last days)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def search_key(text: str) -> str:
    """The app's one search folding (`text_fold.fold`): "Gündüz" ~ "gunduz", "Işık" ~ "isik"."""
    return fold(text)


def digits_only(text: str) -> str:
    """The digits of a number: "+90 (532) 123-45" -> "9053212345"."""
    return "".join(ch for ch in text if ch.isdigit())


class _Row:
    __slots__ = ("base_s", "call", "polled_at")

    def __init__(self, call: ActiveCall, base_s: float, polled_at: float) -> None:
        self.call = call
        self.base_s = base_s  # the call's age when `polled_at` was taken
        self.polled_at = polled_at

    def age(self, now: float) -> float:
        return self.base_s + max(0.0, now - self.polled_at)


class CallsModel(QAbstractTableModel):
    """Active calls, one row per channel, in the order they first appeared."""

    def __init__(self, parent: Any = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[_Row] = []
        self._lookup: NameLookup | None = None
        self._queue_lookup: QueueLookup | None = None
        self._parties = CallParties(is_queue=lambda number: self.queue_name(number) is not None)
        self._number_format: NumberFormat | None = None
        self._retranslate()

    def _retranslate(self) -> None:
        self._headers = {
            COL_FROM: QCoreApplication.translate("CallsModel", "From"),
            COL_TO: QCoreApplication.translate("CallsModel", "To"),
            COL_DURATION: QCoreApplication.translate("CallsModel", "Duration"),
            COL_QUEUE: QCoreApplication.translate("CallsModel", "Queue"),
            COL_STATUS: QCoreApplication.translate("CallsModel", "Status"),
            COL_TYPE: QCoreApplication.translate("CallsModel", "Type"),
            COL_CHANNEL: QCoreApplication.translate("CallsModel", "Channel"),
            COL_DIRECTION: QCoreApplication.translate("CallsModel", "Direction"),
        }
        self._directions = {
            INCOMING: QCoreApplication.translate("CallsModel", "Incoming"),
            OUTGOING: QCoreApplication.translate("CallsModel", "Outgoing"),
            INTERNAL: QCoreApplication.translate("CallsModel", "Internal"),
        }
        self._direction_tips = {
            INCOMING: QCoreApplication.translate("CallsModel", "An outside number called in"),
            OUTGOING: QCoreApplication.translate(
                "CallsModel", "An extension called an outside number"
            ),
            INTERNAL: QCoreApplication.translate("CallsModel", "A call between extensions"),
        }
        self._statuses = {
            "ringing": QCoreApplication.translate("CallsModel", "Ringing"),
            "ring": QCoreApplication.translate("CallsModel", "Ringing"),
            "talking": QCoreApplication.translate("CallsModel", "Talking"),
            "up": QCoreApplication.translate("CallsModel", "Connected"),
            "dialing": QCoreApplication.translate("CallsModel", "Dialing"),
            "busy": QCoreApplication.translate("CallsModel", "Busy"),
            "hold": QCoreApplication.translate("CallsModel", "On hold"),
            "down": QCoreApplication.translate("CallsModel", "Ending"),
        }
        self._apps = {
            "queue": QCoreApplication.translate("CallsModel", "Queue"),
            "dial": QCoreApplication.translate("CallsModel", "Direct"),
            "appdial": QCoreApplication.translate("CallsModel", "Direct"),
            "playback": QCoreApplication.translate("CallsModel", "Announcement"),
            "background": QCoreApplication.translate("CallsModel", "Announcement"),
            "voicemail": QCoreApplication.translate("CallsModel", "Voicemail"),
            "confbridge": QCoreApplication.translate("CallsModel", "Conference"),
            "meetme": QCoreApplication.translate("CallsModel", "Conference"),
            "ivr": QCoreApplication.translate("CallsModel", "Menu (IVR)"),
            "park": QCoreApplication.translate("CallsModel", "Parked"),
            "parkedcall": QCoreApplication.translate("CallsModel", "Parked"),
        }
        self._unknown = QCoreApplication.translate("CallsModel", "Unknown")

    def retranslate(self) -> None:
        """Re-read translated texts after the language changed."""
        self._retranslate()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        self._emit_all_changed()

    # -- feeding ------------------------------------------------------------------------------
    def set_calls(self, calls: Iterable[ActiveCall]) -> None:
        """Show this poll's calls: rows are removed, updated and appended, never reset."""
        now = self._clock()
        incoming: dict[str, ActiveCall] = {}
        for call in calls:
            incoming.setdefault(call.channel, call)  # a repeated channel is bad input: first wins

        gone = [i for i, row in enumerate(self._rows) if row.call.channel not in incoming]
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()

        for i, row in enumerate(self._rows):
            new = incoming.pop(row.call.channel)
            old = row.call
            polled = new.duration.total_seconds()
            counted = row.age(now)
            if 0.0 <= counted - polled <= _MAX_SMOOTHING_S:
                polled = counted
            row.call, row.base_s, row.polled_at = new, polled, now
            if _shown_fields(old) != _shown_fields(new):
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))
            elif int(polled) != int(counted):
                cell = self.index(i, COL_DURATION)
                self.dataChanged.emit(cell, cell)

        if incoming:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(incoming) - 1)
            self._rows.extend(
                _Row(call, call.duration.total_seconds(), now) for call in incoming.values()
            )
            self.endInsertRows()

    def tick(self) -> None:
        """Repaint durations (call once a second between polls)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_DURATION),
                self.index(len(self._rows) - 1, COL_DURATION),
                [Qt.ItemDataRole.DisplayRole],
            )

    def set_name_lookup(self, lookup: NameLookup | None) -> None:
        """Show names beside numbers (phonebook, extensions): lookup(number) -> name or None."""
        self._lookup = lookup
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_FROM), self.index(len(self._rows) - 1, COL_TO))

    def set_queue_lookup(self, lookup: QueueLookup | None) -> None:
        """Show queue names instead of their numbers: lookup(number) -> name or None."""
        self._queue_lookup = lookup
        self._emit_all_changed()  # queues are inside the PBX: directions may change too

    def set_my_extension(self, number: str) -> None:
        """The user's own extension: calls are incoming or outgoing as seen from it."""
        number = number.strip()
        if number != self._parties.my_extension:
            self._parties.my_extension = number
            self._emit_all_changed()

    def set_extension_check(self, is_extension: ExtensionCheck | None) -> None:
        """Which numbers are extensions: is_extension(number) -> bool.

        Without it only calls involving my extension get a direction.
        """
        self._parties.is_extension = is_extension
        self._emit_all_changed()

    def set_number_format(self, number_format: NumberFormat | None) -> None:
        """How numbers are shown ("0532 123 45 67"); None shows them as the PBX wrote them."""
        self._number_format = number_format
        self._emit_all_changed()

    def queue_name(self, number: str) -> str | None:
        return self._queue_lookup(number) if self._queue_lookup is not None and number else None

    def direction(self, call: ActiveCall) -> str:
        """INCOMING, OUTGOING, INTERNAL, or NO_DIRECTION when it cannot be told."""
        return self._parties.direction(call.src, call.dst)

    def other_party(self, call: ActiveCall) -> str:
        """The number of the side that is not me ("" when withheld): for call back and copy."""
        return self._parties.other_party(call.src, call.dst)

    # -- reading ------------------------------------------------------------------------------
    def calls(self) -> list[ActiveCall]:
        return [row.call for row in self._rows]

    def call_at(self, row: int) -> ActiveCall | None:
        return self._rows[row].call if 0 <= row < len(self._rows) else None

    def row_of(self, channel: str) -> int:
        """The row showing `channel`, or -1."""
        for i, row in enumerate(self._rows):
            if row.call.channel == channel:
                return i
        return -1

    def duration_s(self, row: int) -> float:
        return self._rows[row].age(self._clock()) if 0 <= row < len(self._rows) else 0.0

    def party_text(self, number: str) -> str:
        """A number as shown: "Name (number)" when the name is known."""
        if withheld(number):
            return self._unknown
        name = self._lookup(number) if self._lookup is not None else None
        name = name or self.queue_name(number)
        shown = self._number_format(number) if self._number_format is not None else number
        if not name:
            return shown
        # "Şube (0216 444 00 00)", not "Şube ((0216) 444 00 00)": one pair of brackets.
        return f"{name} ({shown.replace('(', '').replace(')', '')})"

    def matches(self, row: int, numbers: str, words: str) -> bool:
        """Does the row's From, To or Queue contain the number (or the name) searched for?"""
        call = self._rows[row].call
        fields = (call.src, call.dst, call.queue or "")
        if numbers and any(numbers in digits_only(field) for field in fields):
            return True
        if words:
            texts = [self.party_text(call.src), self.party_text(call.dst)]
            texts.append(self.queue_name(call.queue or "") or "")
            return any(words in search_key(text) for text in texts)
        return False

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_DIRECTION:
            name = _DIRECTION_ICONS.get(self.direction(row.call))
            return icons.icon(name) if name else None
        if role == SORT_ROLE:
            if col == COL_DURATION:
                return row.age(self._clock())
            return search_key(self._display(row, col))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(col)
        return None

    def _display(self, row: _Row, col: int) -> str:
        call = row.call
        if col == COL_FROM:
            return self.party_text(call.src)
        if col == COL_TO:
            return self.party_text(call.dst)
        if col == COL_DURATION:
            return format_duration(row.age(self._clock()))
        if col == COL_QUEUE:
            return self.queue_name(call.queue or "") or call.queue or ""
        if col == COL_STATUS:
            return self._statuses.get(call.call_info.strip().casefold(), call.call_info)
        if col == COL_TYPE:
            app = call.call_type.split("(", 1)[0].strip()
            return self._apps.get(app.casefold(), app)
        if col == COL_CHANNEL:
            return call.channel
        if col == COL_DIRECTION:
            return self._directions.get(self.direction(call), "")
        return ""

    def _tooltip(self, row: _Row, col: int) -> str:
        call = row.call
        if col == COL_TYPE:
            return call.call_type
        if col == COL_STATUS:
            return call.call_info
        if col == COL_DURATION:
            return QCoreApplication.translate("CallsModel", "Since the call started (h:mm:ss)")
        if col == COL_DIRECTION:
            return self._direction_tips.get(self.direction(call), "")
        if col == COL_QUEUE and call.queue:
            name = self.queue_name(call.queue)
            return f"{name} ({call.queue})" if name else call.queue
        return self._display(row, col)

    def _emit_all_changed(self) -> None:
        if self._rows:
            last = self.index(len(self._rows) - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class CallsFilterProxy(QSortFilterProxyModel):
    """Finds calls by a number (spaces and dashes ignored) or by a name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._numbers = ""
        self._words = ""
        self.setSortRole(SORT_ROLE)

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        self._query = text
        numbers = digits_only(text)
        # A query without letters is a number: its punctuation must not match names.
        words = search_key(text.strip()) if any(ch.isalpha() for ch in text) else ""
        if (numbers, words) == (self._numbers, self._words):
            return
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._numbers, self._words = numbers, words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._numbers, self._words = numbers, words
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _ModelIndex) -> bool:
        if not self._numbers and not self._words:
            return True
        source = self.sourceModel()
        if not isinstance(source, CallsModel):
            return True
        return source.matches(source_row, self._numbers, self._words)


def _alignment(column: int) -> int:
    # Durations line up on their last digit, like numbers in any table; the short queue
    # number is centred so it does not run into the duration beside it.
    flag = Qt.AlignmentFlag
    horizontal = {COL_DURATION: flag.AlignRight, COL_QUEUE: flag.AlignHCenter}
    return int(horizontal.get(column, flag.AlignLeft) | flag.AlignVCenter)


def _shown_fields(call: ActiveCall) -> tuple[str, ...]:
    return (call.src, call.dst, call.call_type, call.call_info)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted indices as (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs
