"""The queues board: per queue its members' states, the callers waiting and the longest wait."""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.services.panel import ExtensionState, QueueState
from desktop.ui.panel.tile_look import SYMBOLS, state_colours
from desktop.ui.panel.tiles_model import tile_kind
from desktop.ui.shell.theme import is_dark

PartyText = Callable[[str], str]  # a number -> "Name (number)" or the number
_CALLERS_SHOWN = 4  # more waiting callers are counted, not listed
_ELIDE_SLACK = 2  # pixels kept free: rich text may measure a hair wider than the metrics


class MemberLine(NamedTuple):
    """One member on a card: the state's symbol in its colour, who, and the state's word."""

    colour: str
    symbol: str
    who: str
    state: str


def wait_text(seconds: float) -> str:
    """mm:ss (minutes run past 60: a queue wait is never hours in practice)."""
    minutes, secs = divmod(max(0, int(seconds)), 60)
    return f"{minutes:02d}:{secs:02d}"


class QueueCard(QFrame):
    """One queue: a title, who waits how long, and the members.

    Lines too long for the card end in "…" (the full text in the label's tooltip): a long
    queue or member name must not push the card wider than the board and be cut off.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.waiting = QLabel(self)
        self.callers = QLabel(self)
        self.members = QLabel(self)
        self.members.setTextFormat(Qt.TextFormat.RichText)
        self._texts: tuple[str, str, str] = ("", "", "")  # title, waiting, callers in full
        self._members: tuple[MemberLine, ...] = ()
        self._no_members = ""
        # Callers above, members below: a rule keeps the two lists of numbers apart.
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        for widget in (self.title, self.waiting, self.callers, rule, self.members):
            if isinstance(widget, QLabel):
                widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
                # The card's width decides, not the text's: the text is elided to fit.
                widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(widget)

    def set_texts(
        self,
        title: str,
        waiting: str,
        callers: str,
        members: Sequence[MemberLine],
        no_members: str = "",
    ) -> None:
        """Show these texts (`no_members` when `members` is empty), elided to the card."""
        self._texts = (title, waiting, callers)
        self._members = tuple(members)
        self._no_members = no_members
        self.callers.setVisible(bool(callers))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        layout = self.layout()
        width = self.contentsRect().width() - _ELIDE_SLACK
        if layout is not None:
            margins = layout.contentsMargins()
            width -= margins.left() + margins.right()
        title, waiting, callers = self._texts
        self._show(self.title, title, width, Qt.TextElideMode.ElideRight)
        self._show(self.waiting, waiting, width, Qt.TextElideMode.ElideRight)
        # A caller's wait is at the end of the line: cut the middle, keep name and wait.
        self._show(self.callers, callers, width, Qt.TextElideMode.ElideMiddle)
        self._show_members(width)

    @staticmethod
    def _show(label: QLabel, text: str, width: int, mode: Qt.TextElideMode) -> None:
        """Change only what changed (a label re-lays itself out on every setText)."""
        metrics = label.fontMetrics()
        shown = "\n".join(metrics.elidedText(line, mode, width) for line in text.split("\n"))
        if label.text() != shown:
            label.setText(shown)
        tip = text if shown != text else ""
        if label.toolTip() != tip:
            label.setToolTip(tip)

    def _show_members(self, width: int) -> None:
        if not self._members:
            shown = html.escape(self._no_members)  # a rich-text label: no markup from words
            if self.members.text() != shown:
                self.members.setText(shown)
            self.members.setToolTip("")
            return
        metrics = self.members.fontMetrics()
        lines, elided = [], False
        for member in self._members:
            # The symbol and the state stay whole; the name gives way.
            room = width - metrics.horizontalAdvance(f"{member.symbol}  · {member.state}")
            who = metrics.elidedText(member.who, Qt.TextElideMode.ElideRight, max(room, 0))
            elided = elided or who != member.who
            lines.append(
                f'<span style="color:{member.colour}">{member.symbol}</span> '
                f"{html.escape(who)} · {html.escape(member.state)}"
            )
        shown = "<br>".join(lines)
        if self.members.text() != shown:
            self.members.setText(shown)
        tip = "\n".join(f"{m.symbol} {m.who} · {m.state}" for m in self._members)
        tip = tip if elided else ""
        if self.members.toolTip() != tip:
            self.members.setToolTip(tip)


class QueueBoard(QWidget):
    """Every queue as a card; waits tick up each second between polls."""

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._queues: list[QueueState] = []
        self._polled_at = 0.0
        self._party_text: PartyText = lambda number: number
        self.cards: list[QueueCard] = []
        self.empty_label = QLabel(self.tr("No queues on this PBX."), self)
        self.empty_label.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.empty_label)
        self._layout.addStretch(1)
        self.setAccessibleName(self.tr("Queues"))

    def set_queues(self, queues: Sequence[QueueState], party_text: PartyText | None = None) -> None:
        """Show this poll's queues; cards are added or removed only when queues are."""
        self._queues = list(queues)
        self._polled_at = self._clock()
        if party_text is not None:
            self._party_text = party_text
        while len(self.cards) < len(self._queues):
            card = QueueCard(self)
            self._layout.insertWidget(len(self.cards), card)
            self.cards.append(card)
        while len(self.cards) > len(self._queues):
            card = self.cards.pop()
            self._layout.removeWidget(card)
            card.deleteLater()
        self.empty_label.setVisible(not self._queues)
        self._refresh()

    def tick(self) -> None:
        """Count waits up (call once a second); only queues with callers change."""
        if any(queue.waiting for queue in self._queues):
            self._refresh()

    def _refresh(self) -> None:
        elapsed = max(0.0, self._clock() - self._polled_at)
        dark = is_dark(self.palette())
        for card, queue in zip(self.cards, self._queues, strict=True):
            title = self.tr("{name} ({number})").format(name=queue.name, number=queue.number)
            if not queue.name:
                title = queue.number
            if queue.longest_wait is None:
                waiting = self.tr("No callers waiting")
            else:
                waiting = self.tr("Waiting: {count} · longest {wait}").format(
                    count=len(queue.waiting),
                    wait=wait_text(queue.longest_wait.total_seconds() + elapsed),
                )
            callers = "\n".join(
                self.tr("{caller}: waiting {wait}").format(
                    caller=self._party_text(call.src) or self.tr("unknown number"),
                    wait=wait_text(call.duration.total_seconds() + elapsed),
                )
                for call in queue.waiting[:_CALLERS_SHOWN]
            )
            hidden = len(queue.waiting) - _CALLERS_SHOWN
            if hidden > 0:
                callers += "\n" + self.tr("and {count} more").format(count=hidden)
            members = self._member_lines(queue.members, dark)
            card.set_texts(title, waiting, callers, members, self.tr("No members"))
            card.setAccessibleName(title)

    def _member_lines(self, members: Sequence[ExtensionState], dark: bool) -> list[MemberLine]:
        lines = []
        for member in members:
            kind = tile_kind(member)
            _, accent = state_colours(kind, dark)
            who = f"{member.name} ({member.number})" if member.name else member.number
            lines.append(MemberLine(accent.name(), SYMBOLS[kind], who, self._state_word(kind)))
        return lines

    def _state_word(self, kind: str) -> str:
        return {
            "free": self.tr("free"),
            "ringing": self.tr("ringing"),
            "talking": self.tr("talking"),
            "offline": self.tr("unreachable"),
        }[kind]

    def changeEvent(self, event: QEvent) -> None:
        # The symbols' colours follow the theme; the texts follow the language.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.LanguageChange):
            self.empty_label.setText(self.tr("No queues on this PBX."))
            self.setAccessibleName(self.tr("Queues"))
            self._refresh()
        super().changeEvent(event)
