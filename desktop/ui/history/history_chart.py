"""The summary figures and the calls-by-outcome chart under the History table.

Imported with the History tab (made when first opened): QtCharts is a large library the
app does not load at start-up.
"""

from __future__ import annotations

import math
import time
from datetime import datetime

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from desktop.services.history import Outcome, format_duration
from desktop.services.history_summary import Buckets, HistorySummary

__all__ = ["HistoryChart", "calls_text", "summary_line"]

# Okabe-Ito colours: told apart with the common colour-vision deficiencies, and mid-light
# enough to stand out on a white and on a near-black background alike.
OUTCOME_COLOURS = {
    Outcome.ANSWERED: "#009e73",  # bluish green
    Outcome.MISSED: "#d55e00",  # vermillion
    Outcome.BUSY: "#e69f00",  # orange
    Outcome.FAILED: "#8c8c8c",  # grey
}
# Labels closer than their width plus this gap would touch: every n-th one is shown instead.
_LABEL_GAP = 14
_Y_AXIS_ROOM = 80  # the value axis, its title and the margins, left of the first bar
_MIN_REDRAW_S = 0.25
_AXIS_TITLES_FROM_PX = 220


def outcome_names() -> dict[Outcome, str]:
    """The legend's names, in the user's language."""
    translate = QCoreApplication.translate
    return {
        Outcome.ANSWERED: translate("HistoryChart", "Answered"),
        Outcome.MISSED: translate("HistoryChart", "Missed"),
        Outcome.BUSY: translate("HistoryChart", "Busy"),
        Outcome.FAILED: translate("HistoryChart", "Failed"),
    }


def _percent(summary: HistorySummary, outcome: Outcome) -> int:
    return round(100 * summary.rate(outcome))


def calls_text(count: int) -> str:
    """A number of calls in words, singular for one."""
    # Two strings, not one %n message: English runs untranslated, so Qt could not
    # pick the singular form for it.
    if count == 1:
        return QCoreApplication.translate("HistoryTab", "1 call")
    return QCoreApplication.translate("HistoryTab", "{count} calls").format(count=count)


def summary_line(summary: HistorySummary) -> str:
    """The summary in one line (shown when the chart is hidden)."""
    s = summary
    return QCoreApplication.translate(
        "HistoryTab",
        "{calls} · {answered} answered ({answered_pct}%) · {missed} missed "
        "({missed_pct}%) · {busy} busy ({busy_pct}%) · average talk {talk}",
    ).format(
        calls=calls_text(s.total),
        answered=s.answered,
        answered_pct=_percent(s, Outcome.ANSWERED),
        missed=s.missed,
        missed_pct=_percent(s, Outcome.MISSED),
        busy=s.busy,
        busy_pct=_percent(s, Outcome.BUSY),
        talk=format_duration(s.average_talk),
    )


def figure_texts(summary: HistorySummary) -> dict[str, str]:
    """The figures row's values: total, answered, missed, busy (count and share), talk."""

    def share(count: int, outcome: Outcome) -> str:
        return QCoreApplication.translate("HistoryChart", "{count} ({percent}%)").format(
            count=count, percent=_percent(summary, outcome)
        )

    return {
        "total": str(summary.total),
        "answered": share(summary.answered, Outcome.ANSWERED),
        "missed": share(summary.missed, Outcome.MISSED),
        "busy": share(summary.busy, Outcome.BUSY),
        "talk": format_duration(summary.average_talk),
    }


def bucket_labels(buckets: Buckets) -> list[str]:
    """A label per bar: the hour ("14") or the day ("12 May"; with the year across years)."""
    if buckets.hourly:
        return [f"{start.hour:02d}" for start in buckets.starts]
    locale = QLocale()
    years = {start.year for start in buckets.starts}
    pattern = "d MMM" if len(years) == 1 else "d.MM.yy"
    return [locale.toString(_qdate(start), pattern) for start in buckets.starts]


def _qdate(when: datetime) -> QDate:
    return QDate(when.year, when.month, when.day)


def _nice_step(top: int, ticks: int = 5) -> int:
    """A 1, 2 or 5 times a power of ten step giving about `ticks` whole-number intervals."""
    raw = max(1.0, top / ticks)
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


class HistoryChart(QWidget):
    """Figures (total, answered, missed, busy, average talk) over a stacked bar chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: HistorySummary | None = None
        self._drawn: HistorySummary | None = None
        self._labels: list[str] = []
        self._last_draw = -math.inf
        # Redrawn at most a few times a second however fast the rows change.
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.timeout.connect(self._draw)

        self._figures: dict[str, QLabel] = {}
        figures = QGridLayout()
        figures.setContentsMargins(8, 0, 8, 0)
        figures.setHorizontalSpacing(24)
        figures.setVerticalSpacing(0)
        for column, (key, caption) in enumerate(
            (
                ("total", self.tr("calls")),
                ("answered", self.tr("answered")),
                ("missed", self.tr("missed")),
                ("busy", self.tr("busy")),
                ("talk", self.tr("average talk")),
            )
        ):
            value = QLabel(self)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = QFont(value.font())
            font.setPointSizeF(font.pointSizeF() * 1.35)
            font.setBold(True)
            value.setFont(font)
            label = QLabel(caption, self)
            label.setBuddy(value)
            value.setAccessibleName(caption)
            figures.addWidget(value, 0, column)
            figures.addWidget(label, 1, column)
            self._figures[key] = value
        figures.setColumnStretch(len(self._figures), 1)

        self.bar_sets: dict[Outcome, QBarSet] = {}
        self.series = QStackedBarSeries()
        for outcome, name in outcome_names().items():
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(OUTCOME_COLOURS[outcome]))
            bar_set.hovered.connect(
                lambda status, index, o=outcome: self._on_hovered(o, status, index)
            )
            self.series.append(bar_set)
            self.bar_sets[outcome] = bar_set
        self.series.setBarWidth(0.8)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.addSeries(self.series)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart.setBackgroundRoundness(0)
        self.x_axis = QBarCategoryAxis()
        self.x_axis.setTruncateLabels(False)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.y_axis.setTruncateLabels(False)  # "40", never "…": the axis takes the room
        self.y_axis.setTitleText(self.tr("Calls"))
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        legend = self.chart.legend()
        # Beside the bars, not above them: the chart is short and wide.
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(self.tr("Calls by outcome"))
        # Small enough that the table keeps most of a small window's height.
        self.view.setMinimumHeight(100)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(figures)
        layout.addWidget(self.view, 1)
        self._apply_palette()
        self._draw()

    # -- public -------------------------------------------------------------------------------
    def set_summary(self, summary: HistorySummary | None) -> None:
        """Show this summary (None: nothing loaded); redrawn at most every 250 ms."""
        self._summary = summary
        if self._redraw_timer.isActive():
            return
        wait = self._last_draw + _MIN_REDRAW_S - time.monotonic()
        if wait <= 0 and self.isVisible():
            self._draw()
        else:
            # Hidden: drawn when shown again, not for every change meanwhile.
            self._redraw_timer.start(max(0, int(wait * 1000)))

    def flush(self) -> None:
        """Draw the latest summary now (a redraw may be waiting for its turn)."""
        self._redraw_timer.stop()
        self._draw(force=True)

    def summary(self) -> HistorySummary | None:
        """The summary the chart shows now."""
        return self._drawn

    def figures(self) -> dict[str, str]:
        """The figures as shown: total, answered, missed, busy, talk."""
        return {key: label.text() for key, label in self._figures.items()}

    def categories(self) -> list[str]:
        """One label per bar (hour or day), before thinning to fit the axis."""
        return list(self._labels)

    def values(self, outcome: Outcome) -> list[int]:
        """The heights of one outcome's bars."""
        bar_set = self.bar_sets[outcome]
        return [int(bar_set.at(k)) for k in range(bar_set.count())]

    # -- drawing ------------------------------------------------------------------------------
    def _draw(self, *, force: bool = False) -> None:
        if not (force or self.isVisible()) and self._drawn is not None:
            return  # drawn in showEvent
        self._last_draw = time.monotonic()
        summary = self._drawn = self._summary
        if summary is None:
            for label in self._figures.values():
                label.setText("–")
            self._set_bars([], {o: () for o in Outcome})
            self.x_axis.setTitleText("")
            return
        for key, text in figure_texts(summary).items():
            self._figures[key].setText(text)
        buckets = summary.buckets
        self.x_axis.setTitleText(self.tr("Hour") if buckets.hourly else self.tr("Day"))
        self._set_bars(bucket_labels(buckets), buckets.counts)

    def _set_bars(self, labels: list[str], counts: dict[Outcome, tuple[int, ...]]) -> None:
        for outcome, bar_set in self.bar_sets.items():
            values = counts[outcome]
            if bar_set.count() == len(values):
                for k, value in enumerate(values):
                    if bar_set.at(k) != value:
                        bar_set.replace(k, value)
            else:
                bar_set.remove(0, bar_set.count())
                bar_set.append([float(v) for v in values])
        if labels != self._labels:
            self._labels = labels
            self._label_axis()
        heights = [sum(column) for column in zip(*counts.values(), strict=True)]
        top = max(heights, default=0)
        step = _nice_step(top)
        top = max(step, math.ceil(top / step) * step)
        self.y_axis.setRange(0, top)
        self.y_axis.setTickCount(top // step + 1)

    def _label_axis(self) -> None:
        """Every label when they fit; else every n-th, the others blank."""
        labels = self._labels
        metrics = QFontMetrics(self.x_axis.labelsFont())
        spacing = max(map(metrics.horizontalAdvance, labels), default=0) + _LABEL_GAP
        room = max(1, self.view.width() - _Y_AXIS_ROOM)
        every = max(1, math.ceil(len(labels) * spacing / room))
        # The axis needs distinct categories: a blank is made of a distinct number of
        # zero-width spaces, which draw nothing.
        shown = [text if k % every == 0 else "\u200b" * (k + 1) for k, text in enumerate(labels)]
        self.x_axis.clear()
        if shown:
            self.x_axis.append(shown)

    def _on_hovered(self, outcome: Outcome, status: bool, index: int) -> None:
        summary = self._drawn
        if not status or summary is None or not 0 <= index < len(self._labels):
            QToolTip.hideText()
            return
        start: datetime = summary.buckets.starts[index]
        when = (
            f"{start:%H}:00–{start:%H}:59"
            if summary.buckets.hourly
            else QLocale().toString(_qdate(start), QLocale.FormatType.LongFormat)
        )
        count = summary.buckets.counts[outcome][index]
        QToolTip.showText(
            QCursor.pos(),
            self.tr("{when} · {outcome}: {count}").format(
                when=when, outcome=outcome_names()[outcome], count=count
            ),
            self.view,
        )

    # -- theme --------------------------------------------------------------------------------
    def _apply_palette(self) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        faint = QColor(text)
        faint.setAlphaF(0.18)
        line = QColor(text)
        line.setAlphaF(0.45)
        self.chart.setBackgroundBrush(base)
        self.chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
        self.view.setBackgroundBrush(base)
        self.chart.legend().setLabelColor(text)
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsColor(text)
            axis.setTitleBrush(text)
            axis.setLinePenColor(line)
            axis.setGridLineColor(faint)
            axis.setLabelsFont(self.font())
        self.x_axis.setGridLineVisible(False)
        # Outlined in their own colour: an hour with one call still shows a visible bar.
        for outcome, bar_set in self.bar_sets.items():
            bar_set.setPen(QPen(QColor(OUTCOME_COLOURS[outcome]), 1))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._drawn is not self._summary:
            self.flush()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        # A short chart keeps its height for the bars: "Calls" and "Hour" were cut to "C…"
        # and "…" there, and the hours and the legend say as much.
        roomy = self.view.height() >= _AXIS_TITLES_FROM_PX
        for axis in (self.x_axis, self.y_axis):
            axis.setTitleVisible(roomy)
        if self._labels:
            self._label_axis()
