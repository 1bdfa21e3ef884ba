"""The period pickers of the History tab: naive PBX wall-clock times, no zone applied."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QEvent, QPointF, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

__all__ = ["PeriodPicker", "day_runs", "period_picker", "picker_time", "wall_clock"]

_PICKER_FORMAT = "yyyy-MM-dd HH:mm"
_DATE_FORMAT = "%Y-%m-%d"


class PeriodPicker(QDateTimeEdit):
    """A date and time to the minute, as easy from the keyboard as with the mouse.

    Enter asks for the period to be loaded (`entered`); F4 or Alt+Down opens the calendar
    (Qt opens it only for a click on the arrow); Tab leaves for the next control instead
    of visiting the year, month, day, hour and minute in turn (arrows and digits edit them).
    """

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)  # takes what was typed first
            self.entered.emit()
            return
        alt_down = key == Qt.Key.Key_Down and modifiers & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or alt_down:
            self.open_calendar()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def open_calendar(self) -> None:
        """Show the calendar below the field, as a click on its arrow does."""
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, self
        )
        if not arrow.isValid():
            return
        at = QPointF(arrow.center())
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            event = QMouseEvent(
                kind,
                at,
                QPointF(self.mapToGlobal(at)),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton
                if kind == QEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.sendEvent(self, event)


def period_picker(parent: QWidget, name: str) -> PeriodPicker:
    """A date-and-time picker to the minute, with a calendar popup."""
    edit = PeriodPicker(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(_PICKER_FORMAT)
    edit.setAccessibleName(name)
    # Wall-clock time with no zone rules: a PBX time never shifts, never falls in a
    # daylight-saving gap of this computer's zone.
    edit.setTimeZone(QTimeZone.utc())
    return edit


def wall_clock(value: datetime) -> QDateTime:
    """A naive PBX time as the pickers hold it (UTC-tagged: no zone rules applied)."""
    return QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute),
        QTimeZone.utc(),
    )


def picker_time(value: QDateTime) -> datetime:
    """A picker's time back as naive PBX time, to the minute."""
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def day_runs(days: Sequence[date]) -> str:
    """Sorted dates as short runs: "2026-12-01 – 2026-12-03, 2026-12-05"."""
    runs: list[list[date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return ", ".join(
        first.strftime(_DATE_FORMAT)
        if first == last
        else f"{first.strftime(_DATE_FORMAT)} – {last.strftime(_DATE_FORMAT)}"
        for first, last in runs
    )
