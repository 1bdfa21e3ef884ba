"""Which calls get a popup, where popups stand on the screen, and when they go away.

A popup appears for a "ringing" call for me (unless popups are paused or the number is on
the ignore list) and closes on "answered" (here or elsewhere) or "ended" for its channel.
Each call pops up at most once: a repeated "ringing", or one for a popup the user closed,
shows nothing. Popups stack from the chosen screen corner: upward from a bottom corner,
downward from a top one; when one closes the others close the gap. Popups that do not fit
on the screen wait, hidden, until there is room.

One notice per call: a call whose popup shows gets no tray notification as well. Only a
popup that has to wait for room is announced by the tray (the user would not see the call
otherwise). Paused popups and ignored numbers stay silent: no popup and no notification.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QPoint, QRect, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication

from desktop.services.calls import CallEvent
from desktop.services.numbers import NumberRules
from desktop.services.popup_rules import CrmTemplateError, IgnoreList, check_crm_template, crm_url

from .call_popup import CallPopup, is_withheld

log = logging.getLogger(__name__)

CORNERS = ("bottom_right", "bottom_left", "top_right", "top_left")
MARGIN = 12  # from the screen's edge (the task bar is already outside the available area)
SPACING = 8  # between stacked popups
_REMEMBERED_CHANNELS = 500

Notify = Callable[[str, str], None]
OpenUrl = Callable[[QUrl], object]
ScreenArea = Callable[[], QRect]


def primary_screen_area() -> QRect:
    """The primary screen without its task bars and docks."""
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


class PopupManager(QObject):
    """Turns call events into popups (a native notification for a popup that has to wait)."""

    call_back_requested = Signal(str)
    history_requested = Signal(str)
    crm_requested = Signal(str)  # the number; the CRM page is opened here already
    popup_shown = Signal(str, str)  # channel, number: a good moment to count earlier calls

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        notify: Notify | None = None,
        number_rules: NumberRules | None = None,
        open_url: OpenUrl = QDesktopServices.openUrl,
        screen_area: ScreenArea = primary_screen_area,
    ) -> None:
        super().__init__(parent)
        self._notify = notify
        self._number_rules = number_rules
        self._open_url = open_url
        self._screen_area = screen_area
        self._corner = "bottom_right"
        self._paused = False
        self._ignore = IgnoreList()
        self._crm_template = ""
        self._popups: dict[str, CallPopup] = {}  # channel -> popup, in arrival order
        # Channels that have had their chance to pop up: never a second popup for a call.
        self._handled: OrderedDict[str, None] = OrderedDict()

    # -- settings -----------------------------------------------------------------------
    def set_corner(self, corner: str) -> None:
        """ "bottom_right" | "bottom_left" | "top_right" | "top_left"."""
        if corner not in CORNERS:
            log.warning("Unknown popup corner %r; using bottom_right", corner[:20])
            corner = "bottom_right"
        self._corner = corner
        self._restack()

    def set_paused(self, paused: bool) -> None:
        """Paused: no popups and no notifications; the ones showing close."""
        self._paused = paused
        if paused:
            self.close_all()

    @property
    def paused(self) -> bool:
        return self._paused

    def set_ignore(self, ignore: IgnoreList) -> None:
        """Numbers that never pop up; a showing popup for one of them closes."""
        self._ignore = ignore
        for channel, popup in list(self._popups.items()):
            if ignore.is_ignored(popup.number):
                self._close(channel)

    def set_crm_template(self, template: str) -> None:
        """The Open in CRM link with {number}; empty or not a web address hides the button."""
        template = template.strip()
        if template:
            try:
                check_crm_template(template)
            except CrmTemplateError:
                log.warning("The CRM link is not an http(s) address; Open in CRM is hidden")
                template = ""
        self._crm_template = template
        for popup in self._popups.values():
            popup.set_crm_enabled(bool(template))

    def set_number_rules(self, rules: NumberRules | None) -> None:
        """How numbers are written in popups that open from now on."""
        self._number_rules = rules

    # -- events -------------------------------------------------------------------------
    def handle(
        self,
        event: CallEvent,
        name: str | None = None,
        queue_name: str | None = None,
        recent_calls: int | None = None,
    ) -> CallPopup | None:
        """React to one call event; returns the popup it opened, if any."""
        if event.kind in ("answered", "ended"):
            self._remember(event.channel)
            self._close(event.channel)
            return None
        if event.kind != "ringing" or not event.for_me or not event.channel:
            return None
        if event.channel in self._handled:
            return None  # a repeat, or a popup already shown (and maybe closed) for it
        self._remember(event.channel)
        if self._paused or self._ignore.is_ignored(event.number):
            return None
        queue = queue_name or event.queue
        popup = CallPopup(
            event.channel,
            event.number,
            name,
            queue,
            recent_calls,
            crm_enabled=bool(self._crm_template),
            number_rules=self._number_rules,
        )
        popup.call_back_requested.connect(self.call_back_requested)
        popup.history_requested.connect(self.history_requested)
        popup.crm_requested.connect(self._open_crm)
        channel = event.channel
        popup.closed_by_user.connect(lambda: self._close(channel))
        self._popups[channel] = popup
        self._restack()
        if not popup.isVisible():  # waits for room: the tray tells of the call meanwhile
            self._notify_native(event.number, name, queue)
        self.popup_shown.emit(channel, event.number)
        return popup

    def set_recent_calls(self, channel: str, count: int | None) -> None:
        """The count of earlier calls for a showing popup, once it is known."""
        popup = self._popups.get(channel)
        if popup is not None:
            popup.set_recent_calls(count)
            self._restack()

    def keep_only(self, live_channels: Iterable[str]) -> None:
        """Close popups whose call is no longer live (e.g. after a reconnect)."""
        live = set(live_channels)
        for channel in [c for c in self._popups if c not in live]:
            self._close(channel)

    def close_all(self) -> None:
        for channel in list(self._popups):
            self._close(channel)

    # -- looking --------------------------------------------------------------------------
    def popup_for(self, channel: str) -> CallPopup | None:
        return self._popups.get(channel)

    def visible_popups(self) -> list[CallPopup]:
        """The popups on screen, from the corner outward."""
        return [p for p in self._popups.values() if p.isVisible()]

    # -- inside -------------------------------------------------------------------------
    def _remember(self, channel: str) -> None:
        self._handled[channel] = None
        self._handled.move_to_end(channel)
        while len(self._handled) > _REMEMBERED_CHANNELS:
            self._handled.popitem(last=False)

    def _close(self, channel: str) -> None:
        popup = self._popups.pop(channel, None)
        if popup is None:
            return
        popup.hide()
        popup.deleteLater()
        self._restack()

    def _restack(self) -> None:
        area = self._screen_area()
        bottom = self._corner.startswith("bottom")
        right = self._corner.endswith("right")
        offset = 0
        for popup in self._popups.values():
            popup.adjustSize()
            width, height = popup.width(), popup.height()
            x = area.right() - MARGIN - width + 1 if right else area.left() + MARGIN
            if bottom:
                y = area.bottom() + 1 - MARGIN - offset - height
                fits = y >= area.top() + MARGIN
            else:
                y = area.top() + MARGIN + offset
                fits = y + height <= area.bottom() + 1 - MARGIN
            if not fits and offset > 0:
                popup.hide()  # waits until a popup nearer the corner closes
                continue
            popup.move(QPoint(x, y))
            if not popup.isVisible():
                popup.show()
            offset += height + SPACING

    def _open_crm(self, number: str) -> None:
        if not self._crm_template:
            return
        try:
            url = crm_url(self._crm_template, number)
        except CrmTemplateError:
            return
        self._open_url(QUrl(url))
        self.crm_requested.emit(number)

    def _notify_native(self, number: str, name: str | None, queue: str | None) -> None:
        if self._notify is None:
            return
        if is_withheld(number):
            shown = self.tr("Withheld number")
        elif self._number_rules is not None:
            shown = self._number_rules.display(number)
        else:
            shown = number
        lines = [f"{name} · {shown}" if name else shown]
        if queue:
            lines.append(self.tr("Queue: {queue}").format(queue=queue))
        self._notify(self.tr("Incoming call"), "\n".join(lines))
