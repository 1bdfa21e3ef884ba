"""The period pickers of the History tab: naive PBX wall-clock times, no zone applied."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit, QWidget

__all__ = ["day_runs", "period_picker", "picker_time", "wall_clock"]

_PICKER_FORMAT = "yyyy-MM-dd HH:mm"
_DATE_FORMAT = "%Y-%m-%d"


def period_picker(parent: QWidget, name: str) -> QDateTimeEdit:
    """A date-and-time picker to the minute, with a calendar popup."""
    edit = QDateTimeEdit(parent)
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
