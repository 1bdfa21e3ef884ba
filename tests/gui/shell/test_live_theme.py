"""A theme change while the app runs restyles every widget, the calls table included."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.pbx.models import ActiveCall
from desktop.ui.shell import theme
from desktop.ui.shell.main_window import MainWindow

CALLS = [
    ActiveCall(f"SIP/{i}", timedelta(seconds=i), "Dial", "Talking", f"0532{i:07d}", "101")
    for i in range(3)
]


@pytest.fixture
def window(qtbot, qapp) -> Iterator[MainWindow]:
    theme.apply_theme(qapp, "light")
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(800, 400)
    with qtbot.waitExposed(w):
        w.show()
    w.show_calls(CALLS)
    yield w
    theme.apply_theme(qapp, "system")


def empty_table_colour(window: MainWindow) -> QColor:
    viewport = window.calls_tab.view.viewport()
    image = viewport.grab().toImage()
    return image.pixelColor(image.width() - 4, image.height() - 4)  # below the last row


def test_switching_to_dark_while_running_darkens_the_call_table(window, qapp, qtbot) -> None:
    assert empty_table_colour(window).lightness() > 200
    theme.apply_theme(qapp, "dark")
    qtbot.wait(10)
    assert empty_table_colour(window).lightness() < 100
    assert empty_table_colour(window) == window.calls_tab.filter_edit.palette().base().color()
    theme.apply_theme(qapp, "light")
    qtbot.wait(10)
    assert empty_table_colour(window).lightness() > 200


def test_a_live_system_scheme_change_restyles_the_table(window, qapp, qtbot, monkeypatch) -> None:
    theme.apply_theme(qapp, "system")
    monkeypatch.setattr(theme, "_system_is_dark", lambda _app: True)
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.wait(10)
    assert theme.is_dark(qapp.palette())
    assert empty_table_colour(window).lightness() < 100
