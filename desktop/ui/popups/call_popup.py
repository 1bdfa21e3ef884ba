"""One incoming call's popup: a small top-most window that never takes the keyboard.

A popup belongs to one call (its channel) for its whole life: a new call gets a new popup,
so a popup can never show the previous caller. Colours come from the palette, so it follows
the light or dark theme.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.numbers import NumberRules

POPUP_WIDTH = 360  # at least; wider when the buttons' words need it (Turkish)
POPUP_MAX_WIDTH = 520
_COPIED_MS = 1500
# What PBXs put where a caller withheld the number.
_WITHHELD = frozenset({"", "0", "unknown", "anonymous", "restricted", "private", "<unknown>"})


def is_withheld(number: str) -> bool:
    """Whether the caller withheld the number (nothing to call back or look up)."""
    return number.strip().lower() in _WITHHELD


class CallPopup(QWidget):
    """Who is calling: name, number, queue, earlier calls, and what to do about it."""

    call_back_requested = Signal(str)
    history_requested = Signal(str)
    crm_requested = Signal(str)
    closed_by_user = Signal()

    def __init__(
        self,
        channel: str,
        number: str,
        name: str | None = None,
        queue: str | None = None,
        recent_calls: int | None = None,
        *,
        crm_enabled: bool = False,
        number_rules: NumberRules | None = None,
    ) -> None:
        super().__init__(None)
        self.channel = channel
        self.number = number.strip()
        self._focus_owner: QWidget | None = None  # the window that had the keyboard
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(self.tr("Incoming call"))
        self.setMinimumWidth(POPUP_WIDTH)
        self.setMaximumWidth(POPUP_MAX_WIDTH)

        withheld = is_withheld(self.number)
        shown_number = self.number
        if number_rules is not None and not withheld:
            shown_number = number_rules.display(self.number)

        frame = QFrame(self)
        frame.setObjectName("callPopupFrame")
        # palette(...) keeps the popup in the current theme; the stripe marks it as a call.
        frame.setStyleSheet(
            "#callPopupFrame { background: palette(window); border: 1px solid palette(mid);"
            " border-left: 4px solid palette(highlight); }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        box = QVBoxLayout(frame)
        box.setContentsMargins(14, 8, 8, 12)
        box.setSpacing(4)

        top = QHBoxLayout()
        self.caption_label = QLabel(self.tr("Incoming call"))
        caption_font = self.caption_label.font()
        caption_font.setPointSizeF(caption_font.pointSizeF() * 0.9)
        self.caption_label.setFont(caption_font)
        top.addWidget(self.caption_label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setToolTip(self.tr("Close this popup"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self._close_by_user)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(top)

        known_name = (name or "").strip()
        title = self.tr("Withheld number") if withheld else known_name or shown_number
        self.name_label = QLabel(title)
        name_font = QFont(self.name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.35)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)  # caller IDs come from outside
        self.name_label.setWordWrap(True)
        box.addWidget(self.name_label)

        if withheld:
            detail = self.tr("The caller did not send a number")
        elif known_name:
            detail = shown_number
        else:
            detail = self.tr("Unknown caller")
        self.number_label = QLabel(detail)
        self.number_label.setTextFormat(Qt.TextFormat.PlainText)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        box.addWidget(self.number_label)

        self.queue_label = QLabel()
        self.queue_label.setTextFormat(Qt.TextFormat.PlainText)
        if queue:
            self.queue_label.setText(self.tr("Queue: {queue}").format(queue=queue))
        self.queue_label.setVisible(bool(queue))
        box.addWidget(self.queue_label)

        self.recent_label = QLabel()
        self.recent_label.setVisible(not withheld)
        box.addWidget(self.recent_label)
        self.set_recent_calls(recent_calls)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.call_back_button = self._button(self.tr("Call back"), self._call_back)
        self.history_button = self._button(self.tr("History"), self._history)
        self.crm_button = self._button(self.tr("Open in CRM"), self._crm)
        self.copy_button = self._button(self.tr("Copy"), self._copy)
        self.copy_button.setToolTip(self.tr("Copy the number"))
        for button in (self.call_back_button, self.history_button, self.crm_button):
            buttons.addWidget(button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        box.addSpacing(4)
        box.addLayout(buttons)
        for button in (self.call_back_button, self.history_button, self.crm_button):
            button.setEnabled(not withheld)
        self.copy_button.setEnabled(not withheld)
        self.set_crm_enabled(crm_enabled)
        self.adjustSize()

    # -- what the manager changes -------------------------------------------------------
    def set_recent_calls(self, count: int | None) -> None:
        """How often this number called in the last 7 days; None while it is being counted."""
        if count is None:
            text = self.tr("Looking up calls from the last 7 days…")
        elif count <= 0:
            text = self.tr("No calls from this number in the last 7 days")
        elif count == 1:
            text = self.tr("1 call from this number in the last 7 days")
        else:
            text = self.tr("{count} calls from this number in the last 7 days").format(count=count)
        self.recent_label.setText(text)

    def set_crm_enabled(self, enabled: bool) -> None:
        """Show Open in CRM only when a CRM link is set."""
        self.crm_button.setVisible(enabled)

    @property
    def recent_text(self) -> str:
        return self.recent_label.text()

    # -- never the keyboard's --------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        active = QApplication.activeWindow()
        # Never another popup: they cannot take the keyboard either.
        self._focus_owner = None if isinstance(active, CallPopup) else active
        super().showEvent(event)

    def hideEvent(self, event: QEvent) -> None:  # type: ignore[override,unused-ignore]
        self._focus_owner = None
        super().hideEvent(event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # Some platforms activate a new window whatever it asks for (the offscreen one
            # does; so do a few window managers): hand the keyboard straight back.
            owner = self._focus_owner
            if owner is not None and shiboken6.isValid(owner) and owner.isVisible():
                owner.activateWindow()

    # -- inside -------------------------------------------------------------------------
    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        # Clicking must not move the keyboard away from where the user is typing.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        return button

    def _call_back(self) -> None:
        self.call_back_requested.emit(self.number)

    def _history(self) -> None:
        self.history_requested.emit(self.number)

    def _crm(self) -> None:
        self.crm_requested.emit(self.number)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.number)
        self.copy_button.setText(self.tr("Copied"))
        QTimer.singleShot(_COPIED_MS, self, self._restore_copy_text)

    def _restore_copy_text(self) -> None:
        self.copy_button.setText(self.tr("Copy"))

    def _close_by_user(self) -> None:
        self.closed_by_user.emit()
        self.close()
