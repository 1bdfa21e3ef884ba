"""The History tab's figures and chart against a simulated PBX: per hour, per day, filtered."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.pbx.client import PbxClient
from desktop.services.history import Outcome, format_duration, outcome_of
from desktop.services.history_ranges import QuickRange
from desktop.services.history_summary import summarise
from desktop.ui.history.history_chart import HistoryChart
from desktop.ui.history.history_tab import HistoryTab
from desktop.ui.shell.theme import apply_theme
from tests.gui.history.test_history_tab import (
    direct_fetch,
    load_yesterday,
    make_tab,
    run,
    wait_loaded,
)

WAIT_MS = 20_000


@pytest.fixture
def client(qtbot: Any, simulator: Any) -> Iterator[PbxClient]:
    pbx = PbxClient(simulator.base_url, simulator.username, simulator.password)
    yield pbx
    run(qtbot, pbx.aclose())


def shown_tab(qtbot: Any) -> HistoryTab:
    tab = make_tab(qtbot)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def expected_figures(tab: HistoryTab) -> dict[str, str]:
    period = tab._period
    assert period is not None
    s = summarise(tab.model.rows, tab.model.shown_indices(), *period)

    def share(count: int) -> str:
        return f"{count} ({round(100 * count / s.total) if s.total else 0}%)"

    return {
        "total": str(s.total),
        "answered": share(s.answered),
        "missed": share(s.missed),
        "busy": share(s.busy),
        "talk": format_duration(s.average_talk),
    }


def test_yesterday_is_charted_per_hour_with_every_shown_call(qtbot: Any, client: PbxClient) -> None:
    tab = shown_tab(qtbot)
    records = load_yesterday(qtbot, tab, client)
    chart = tab.chart
    qtbot.waitUntil(lambda: chart.figures()["total"] == str(len(records)), timeout=WAIT_MS)

    assert chart.isVisible() and tab.summary_label.isHidden()
    assert chart.categories() == [f"{h:02d}" for h in range(24)]
    per_outcome = Counter(outcome_of(r) for r in records)
    for outcome in Outcome:
        per_hour = Counter(r.date.hour for r in records if outcome_of(r) is outcome)
        assert chart.values(outcome) == [per_hour[h] for h in range(24)]
        assert sum(chart.values(outcome)) == per_outcome[outcome]
    assert chart.figures() == expected_figures(tab)
    answered = per_outcome[Outcome.ANSWERED]
    assert chart.figures()["answered"] == f"{answered} ({round(100 * answered / len(records))}%)"
    # The legend names every outcome: the colours are not the only way to tell them apart.
    legend = [m.label() for m in chart.chart.legend().markers()]
    assert legend == ["Answered", "Missed", "Busy", "Failed"]
    # The tallest hour fits under the top of the value axis.
    tallest = max(sum(chart.values(o)[h] for o in Outcome) for h in range(24))
    assert tallest <= chart.y_axis.max() < 3 * tallest


def test_an_outcome_filter_leaves_only_that_outcome_in_the_chart(
    qtbot: Any, client: PbxClient
) -> None:
    tab = shown_tab(qtbot)
    records = load_yesterday(qtbot, tab, client)
    chart = tab.chart

    tab.outcome_combo.setCurrentIndex(tab.outcome_combo.findData(Outcome.MISSED))
    missed = sum(outcome_of(r) is Outcome.MISSED for r in records)
    qtbot.waitUntil(lambda: chart.figures()["total"] == str(missed), timeout=WAIT_MS)
    assert sum(chart.values(Outcome.MISSED)) == missed > 0
    for other in (Outcome.ANSWERED, Outcome.BUSY, Outcome.FAILED):
        assert not any(chart.values(other))
    assert chart.figures() == expected_figures(tab)
    assert chart.figures()["missed"] == f"{missed} (100%)"

    outside = next(r.src for r in records if len(r.src) > 5)
    tab.outcome_combo.setCurrentIndex(0)
    tab.search_edit.setText(outside)
    found = [r for r in records if outside in r.src or outside in r.dst]
    qtbot.waitUntil(lambda: chart.figures()["total"] == str(tab.rows_shown()), timeout=WAIT_MS)
    assert sum(sum(chart.values(o)) for o in Outcome) == tab.rows_shown() == len(found)
    assert chart.figures() == expected_figures(tab)


def test_seven_days_are_charted_per_day(qtbot: Any, client: PbxClient) -> None:
    tab = shown_tab(qtbot)
    tab.set_fetch(direct_fetch(client))
    wait_loaded(qtbot, tab.show_range(QuickRange.LAST_7_DAYS))
    chart = tab.chart
    qtbot.waitUntil(lambda: chart.figures()["total"] == str(tab.rows_shown()), timeout=WAIT_MS)

    start, end = tab.period()
    days = [start.date() + timedelta(days=k) for k in range(7)]
    assert days[-1] == end.date() == date.today()
    assert len(chart.categories()) == 7
    assert chart.x_axis.titleText() == "Day"
    records = [tab.model.record_at(row) for row in range(tab.rows_shown())]
    for outcome in Outcome:
        per_day = Counter(r.date.date() for r in records if r and outcome_of(r) is outcome)
        assert chart.values(outcome) == [per_day[d] for d in days]
    assert chart.figures() == expected_figures(tab)


def test_a_burst_of_changes_is_drawn_at_most_every_quarter_second(
    qtbot: Any, client: PbxClient
) -> None:
    tab = shown_tab(qtbot)
    load_yesterday(qtbot, tab, client)
    chart = tab.chart
    chart.flush()
    rows, period = tab.model.rows, tab._period
    assert period is not None
    every = range(len(rows.records()))
    summaries = [summarise(rows, every[: n * 10], *period) for n in range(1, 6)]

    chart._last_draw = 0.0  # long ago: the first change is drawn at once
    for s in summaries:
        chart.set_summary(s)
    assert chart.summary() is summaries[0]  # the rest wait for their turn...
    qtbot.waitUntil(lambda: chart.summary() is summaries[-1], timeout=2000)
    assert chart.figures()["total"] == "50"  # ...and only the latest is drawn


def test_hidden_chart_leaves_the_one_line_summary_and_catches_up_when_shown(
    qtbot: Any, client: PbxClient
) -> None:
    tab = shown_tab(qtbot)
    records = load_yesterday(qtbot, tab, client)
    tab.chart_button.click()
    assert not tab.chart_visible and tab.chart.isHidden()
    assert tab.summary_label.isVisible()
    assert tab.summary_label.text().startswith(f"{len(records)} calls")

    tab.outcome_combo.setCurrentIndex(tab.outcome_combo.findData(Outcome.BUSY))
    busy = sum(outcome_of(r) is Outcome.BUSY for r in records)
    tab.set_chart_visible(True)
    assert tab.chart_button.isChecked() and tab.chart.isVisible()
    assert tab.summary_label.isHidden()
    qtbot.waitUntil(lambda: tab.chart.figures()["total"] == str(busy), timeout=WAIT_MS)
    assert sum(tab.chart.values(Outcome.BUSY)) == busy


def test_chart_text_follows_the_theme(qtbot: Any) -> None:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    chart = HistoryChart()
    qtbot.addWidget(chart)
    try:
        for theme in ("dark", "light"):
            apply_theme(qapp, theme)
            qapp.processEvents()
            text = chart.palette().color(QPalette.ColorRole.Text)
            base = chart.palette().color(QPalette.ColorRole.Base)
            assert chart.x_axis.labelsColor() == text
            assert chart.y_axis.labelsColor() == text
            assert chart.chart.legend().labelColor() == text
            assert chart.chart.backgroundBrush().color() == base
            assert abs(text.lightness() - base.lightness()) > 100  # readable
    finally:
        apply_theme(qapp, "light")


def test_qtcharts_is_not_loaded_at_start_up() -> None:
    probe = (
        "import sys\n"
        "import desktop.app, desktop.wiring.features\n"
        "print('charts loaded:', any(m.startswith('PySide6.QtCharts') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "charts loaded: False"


def test_at_the_default_size_the_bars_get_the_chart_s_height(qtbot: Any) -> None:
    from desktop.ui.history.history_tab import HistoryTab

    tab = HistoryTab()
    qtbot.addWidget(tab)
    tab.resize(960, 480)  # what a 960×560 window leaves the tab
    tab.show()
    qtbot.waitExposed(tab)
    chart = tab.chart
    qtbot.waitUntil(lambda: chart.view.height() > 0)
    qtbot.wait(50)
    plot = chart.chart.plotArea()
    # The legend stands beside the bars and no title is squeezed into "C…": the bars get
    # most of the chart's height.
    assert plot.height() >= 0.6 * chart.view.height()
    assert not chart.y_axis.isTitleVisible() and not chart.x_axis.isTitleVisible()
    tab.resize(960, 900)  # a tall window, the chart pulled up: room for the titles again
    splitter = chart.parentWidget()
    splitter.setSizes([300, 500])
    qtbot.waitUntil(lambda: chart.view.height() >= 220)
    assert chart.y_axis.isTitleVisible() and chart.x_axis.isTitleVisible()
