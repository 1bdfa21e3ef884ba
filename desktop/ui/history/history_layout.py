"""How the History tab is arranged: period row, filter row, progress, the table over its chart."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop.ui.history.history_tab import HistoryTab

__all__ = ["lay_out"]

_CHART_MIN_HEIGHT = 150


def lay_out(tab: HistoryTab) -> QSplitter:
    """Place the tab's controls and set their Tab order; returns the table/chart splitter."""
    period = QHBoxLayout()
    period.addWidget(tab.range_combo)
    for text, edit in (
        # The tab's own texts: translated in its context.
        (QCoreApplication.translate("HistoryTab", "From", "start of the period"), tab.from_edit),
        (QCoreApplication.translate("HistoryTab", "To", "end of the period"), tab.to_edit),
    ):
        label = QLabel(text, tab)
        label.setBuddy(edit)
        period.addWidget(label)
        period.addWidget(edit)
    period.addWidget(tab.number_edit, 1)
    period.addWidget(tab.ivr_check)
    period.addWidget(tab.load_button)
    filters = QHBoxLayout()
    filters.addWidget(tab.direction_combo)
    filters.addWidget(tab.outcome_combo)
    filters.addWidget(tab.search_edit, 1)
    filters.addWidget(tab.chart_button)
    filters.addWidget(tab.export_button)
    loading = QHBoxLayout()
    loading.addWidget(tab.progress, 1)
    loading.addWidget(tab.cancel_button)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 8, 0, 0)
    layout.addLayout(period)
    layout.addLayout(filters)
    layout.addLayout(loading)
    layout.addWidget(tab.status_label)
    layout.addWidget(tab.summary_label)
    # The chart below the table, its height the user's to drag; hidden with its button.
    splitter = QSplitter(Qt.Orientation.Vertical, tab)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(tab.view)
    splitter.addWidget(tab.chart)
    # The table gets most of the room; the chart a strip it can be dragged out of.
    tab.chart.setMinimumHeight(_CHART_MIN_HEIGHT)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([3 * _CHART_MIN_HEIGHT, _CHART_MIN_HEIGHT])
    layout.addWidget(splitter, 1)
    _set_tab_order(tab)
    return splitter


def _set_tab_order(tab: HistoryTab) -> None:
    """Tab goes as the eye reads: the period row, the filter row, then the table."""
    order: tuple[QWidget, ...] = (
        tab.range_combo,
        tab.from_edit,
        tab.to_edit,
        tab.number_edit,
        tab.ivr_check,
        tab.load_button,
        tab.direction_combo,
        tab.outcome_combo,
        tab.search_edit,
        tab.chart_button,
        tab.export_button,
        tab.cancel_button,
        tab.view,
    )
    for first, second in itertools.pairwise(order):
        QWidget.setTabOrder(first, second)
