"""Extension tiles as a list model that changes tile by tile, never by reset.

Each poll brings every extension's state (`services.panel.extension_states`). The model
keeps one row per extension number and updates rows in place, so the current tile, the
filter and the scroll position survive every poll. Call durations tick up locally
between polls (`tick`), repainting only the busy tiles.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.services.panel import ExtensionState
from desktop.services.text_fold import fold

_ModelIndex = QModelIndex | QPersistentModelIndex
NameLookup = Callable[[str], str | None]  # a number -> a name (phonebook), or None

# What the delegate paints, one role a line, so a paint asks for plain strings only.
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "free" | "ringing" | "talking" | "offline"
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3  # number and registration
STATE_ROLE = Qt.ItemDataRole.UserRole + 4  # free / ringing / talking with whom
DURATION_ROLE = Qt.ItemDataRole.UserRole + 5  # "1:23", "" when free

# A poll's call age may lag our local count by its round trip: small steps back are
# smoothed out instead of shown (the same rule as the calls table).
_MAX_SMOOTHING_S = 3.0


def clock_text(seconds: float) -> str:
    """m:ss under an hour, h:mm:ss beyond (a tile has little room)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def tile_kind(state: ExtensionState) -> str:
    """The tile's colour and symbol: a live call wins; an idle unreachable phone is offline."""
    if state.state != "free":
        return state.state
    return "offline" if state.registration == "unreachable" else "free"


class _Tile:
    __slots__ = ("base_s", "polled_at", "state")

    def __init__(self, state: ExtensionState, base_s: float, polled_at: float) -> None:
        self.state = state
        self.base_s = base_s  # the call's age when `polled_at` was taken
        self.polled_at = polled_at

    def age(self, now: float) -> float:
        return self.base_s + max(0.0, now - self.polled_at)


class ExtensionTilesModel(QAbstractListModel):
    """One row per extension, in the order the directory gives them."""

    def __init__(self, parent: Any = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._tiles: list[_Tile] = []
        self._row_of: dict[str, int] = {}
        self._names: dict[str, str] = {}  # extension number -> name, for "talking with"
        self._lookup: NameLookup | None = None
        self._retranslate()

    def _retranslate(self) -> None:
        self._registration = {
            "registered": QCoreApplication.translate("OperatorPanel", "Registered"),
            "unreachable": QCoreApplication.translate("OperatorPanel", "Unreachable"),
            "unknown": QCoreApplication.translate("OperatorPanel", "Not monitored"),
        }
        self._lagged = QCoreApplication.translate("OperatorPanel", "Lagged, {ms} ms")
        self._latency = QCoreApplication.translate("OperatorPanel", "{ms} ms")
        self._free = QCoreApplication.translate("OperatorPanel", "Free")
        self._ringing = QCoreApplication.translate("OperatorPanel", "Ringing: {party}")
        self._talking = QCoreApplication.translate("OperatorPanel", "Talking with {party}")
        self._unknown_party = QCoreApplication.translate("OperatorPanel", "unknown number")

    def retranslate(self) -> None:
        """Re-read translated texts after the language changed."""
        self._retranslate()
        self._changed(0, len(self._tiles) - 1)

    # -- feeding ------------------------------------------------------------------------------
    def set_states(self, states: Sequence[ExtensionState]) -> None:
        """Show this poll's states: changed tiles repaint; rows move only if the directory did."""
        now = self._clock()
        incoming: dict[str, ExtensionState] = {}
        for state in states:
            incoming.setdefault(state.number, state)  # a repeated number: the first wins
        self._names = {s.number: s.name for s in incoming.values() if s.name}
        if list(incoming) != [tile.state.number for tile in self._tiles]:
            self._restructure(list(incoming.values()), now)
            return
        first = last = -1
        for row, tile in enumerate(self._tiles):
            new = incoming[tile.state.number]
            old = tile.state
            polled = new.since.total_seconds()
            same_call = new.state == old.state and new.other_party == old.other_party
            counted = tile.age(now)
            if same_call and 0.0 <= counted - polled <= _MAX_SMOOTHING_S:
                polled = counted
            tile.state, tile.base_s, tile.polled_at = new, polled, now
            if new != old:
                first = row if first < 0 else first
                last = row
        self._changed(first, last)

    def _restructure(self, states: list[ExtensionState], now: float) -> None:
        # The directory changed (rare): removed numbers leave, new ones come in where they
        # belong, so the view keeps its current tile. A reordering falls back to a reset.
        wanted = {s.number for s in states}
        gone = [row for row, tile in enumerate(self._tiles) if tile.state.number not in wanted]
        for row in reversed(gone):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._tiles[row]
            self.endRemoveRows()
        kept = [tile.state.number for tile in self._tiles]
        kept_set = set(kept)
        new_order = [s.number for s in states if s.number in kept_set]
        if new_order != kept:
            self.beginResetModel()
            self._tiles = [_Tile(s, s.since.total_seconds(), now) for s in states]
            self._reindex()
            self.endResetModel()
            return
        self._reindex()
        for row, state in enumerate(states):
            existing = self._row_of.get(state.number)
            if existing is None:
                self.beginInsertRows(QModelIndex(), row, row)
                self._tiles.insert(row, _Tile(state, state.since.total_seconds(), now))
                self._reindex()
                self.endInsertRows()
            else:
                tile = self._tiles[existing]
                tile.state, tile.base_s, tile.polled_at = state, state.since.total_seconds(), now
        self._changed(0, len(self._tiles) - 1)

    def _reindex(self) -> None:
        self._row_of = {tile.state.number: row for row, tile in enumerate(self._tiles)}

    def tick(self) -> None:
        """Repaint the busy tiles' durations (call once a second between polls)."""
        first = last = -1
        for row, tile in enumerate(self._tiles):
            if tile.state.state != "free":
                if last >= 0 and row != last + 1:
                    self._changed(first, last, [DURATION_ROLE])
                    first = -1
                first = row if first < 0 else first
                last = row
        self._changed(first, last, [DURATION_ROLE])

    def set_name_lookup(self, lookup: NameLookup | None) -> None:
        """Names for outside numbers (the phonebook): lookup(number) -> name or None."""
        self._lookup = lookup
        self._changed(0, len(self._tiles) - 1)

    def _changed(self, first: int, last: int, roles: Sequence[int] = ()) -> None:
        if 0 <= first <= last < len(self._tiles):
            self.dataChanged.emit(self.index(first), self.index(last), list(roles))

    # -- reading ------------------------------------------------------------------------------
    def state_at(self, row: int) -> ExtensionState | None:
        return self._tiles[row].state if 0 <= row < len(self._tiles) else None

    def row_of(self, number: str) -> int:
        """The row showing extension `number`, or -1."""
        return self._row_of.get(number, -1)

    def party_text(self, number: str) -> str:
        """The other party as shown: "Name (number)" when the name is known."""
        if not number.strip():
            return self._unknown_party
        name = self._names.get(number) or (self._lookup(number) if self._lookup else None)
        return f"{name} ({number})" if name else number

    def registration_text(self, state: ExtensionState) -> str:
        if state.registration == "lagged":
            return self._lagged.format(ms=state.latency_ms if state.latency_ms is not None else "?")
        return self._registration[state.registration]

    def state_text(self, state: ExtensionState) -> str:
        if state.state == "talking":
            return self._talking.format(party=self.party_text(state.other_party))
        if state.state == "ringing":
            return self._ringing.format(party=self.party_text(state.other_party))
        return self._free

    def duration_s(self, row: int) -> float:
        """How long the tile's call has been going, counted up since the last poll."""
        if not 0 <= row < len(self._tiles) or self._tiles[row].state.state == "free":
            return 0.0
        return self._tiles[row].age(self._clock())

    def description(self, row: int) -> str:
        """Everything a tile says, as one sentence (screen readers, tooltips)."""
        state = self._tiles[row].state
        parts = [state.name or state.number]
        if state.name:
            parts.append(state.number)
        parts.append(self.registration_text(state))
        if state.registration == "registered" and state.latency_ms is not None:
            parts[-1] += f" ({self._latency.format(ms=state.latency_ms)})"
        parts.append(self.state_text(state))
        if state.state != "free":
            parts.append(clock_text(self.duration_s(row)))
        return ", ".join(parts)

    # -- QAbstractListModel -------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tiles)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._tiles):
            return None
        state = self._tiles[row].state
        if role == Qt.ItemDataRole.DisplayRole:
            return state.name or state.number
        if role == NUMBER_ROLE:
            return state.number
        if role == KIND_ROLE:
            return tile_kind(state)
        if role == DETAIL_ROLE:
            return f"{state.number} · {self.registration_text(state)}"
        if role == STATE_ROLE:
            return self.state_text(state)
        if role == DURATION_ROLE:
            return clock_text(self.duration_s(row)) if state.state != "free" else ""
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.description(row)
        return None


class TilesFilterProxy(QSortFilterProxyModel):
    """Finds extensions by name (Turkish-folded: "gunduz" finds "Gündüz") or by number."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words = ""
        self._digits = ""

    def set_query(self, text: str) -> None:
        words = fold(text.strip())
        digits = "".join(ch for ch in text if ch.isdigit())
        if (words, digits) == (self._words, self._digits):
            return
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._words, self._digits = words, digits
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words, self._digits = words, digits
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _ModelIndex) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        state = source.state_at(source_row) if isinstance(source, ExtensionTilesModel) else None
        if state is None:
            return True
        if self._digits and self._digits in state.number:
            return True
        return self._words in fold(state.name) or self._words in fold(state.number)
