"""The latest missed calls in a menu (the tray's): one Call back entry each.

The menu is filled each time it is about to open, so it is never out of date and costs
nothing while closed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.services.missed_calls import MissedCall, MissedCalls
from desktop.services.numbers import NumberRules

from .call_popup import is_withheld
from .missed_calls_panel import when_text

MENU_LIMIT = 8


class MissedCallsMenu(QObject):
    """Fills `menu` with the newest missed calls, Show all and Mark all seen."""

    call_back_requested = Signal(str)
    show_all_requested = Signal()
    marked_seen = Signal()

    def __init__(
        self,
        missed: MissedCalls,
        menu: QMenu,
        *,
        limit: int = MENU_LIMIT,
        number_rules: NumberRules | None = None,
    ) -> None:
        super().__init__(menu)
        self._missed = missed
        self._limit = limit
        self._rules = number_rules
        self.menu = menu
        if not menu.title():
            menu.setTitle(self.tr("&Missed calls"))
        menu.aboutToShow.connect(self.fill)
        self.fill()

    def set_number_rules(self, rules: NumberRules | None) -> None:
        self._rules = rules

    def fill(self) -> None:
        """Rebuild the entries from the list as it is now."""
        self.menu.clear()
        calls = self._missed.calls
        if not calls:
            empty = self.menu.addAction(self.tr("No missed calls"))
            empty.setEnabled(False)
            return
        for call in calls[: self._limit]:
            action = QAction(self._entry_text(call), self.menu)
            if is_withheld(call.number):
                action.setEnabled(False)
            else:
                action.setToolTip(self.tr("Call back"))
                number = call.number
                action.triggered.connect(lambda _=False, n=number: self.call_back_requested.emit(n))
            font = action.font()
            font.setBold(not call.seen)
            action.setFont(font)
            self.menu.addAction(action)
        self.menu.addSeparator()
        show_all = self.menu.addAction(self.tr("Show all missed calls"))
        show_all.triggered.connect(self.show_all_requested)
        mark = self.menu.addAction(self.tr("Mark all seen"))
        mark.setEnabled(self._missed.unseen_count > 0)
        mark.triggered.connect(self._mark_seen)

    def _entry_text(self, call: MissedCall) -> str:
        if is_withheld(call.number):
            who = self.tr("Withheld number")
        else:
            number = self._rules.display(call.number) if self._rules else call.number
            who = f"{call.name} · {number}" if call.name else number
        # "&" would become a keyboard shortcut in a menu entry; caller names may contain one.
        return f"{when_text(call)}  {who}".replace("&", "&&")

    def _mark_seen(self) -> None:
        self._missed.mark_seen()
        self.marked_seen.emit()
