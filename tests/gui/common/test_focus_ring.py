"""After Tab, the focused control wears a ring a receptionist can see; a click shows none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.pbx.models import ActiveCall
from desktop.ui.common.focus_ring import RING_WIDTH, FocusRing, install_focus_ring
from desktop.ui.shell import theme
from desktop.ui.shell.main_window import MainWindow

CALLS = [
    ActiveCall(f"SIP/{i}", timedelta(seconds=i), "Dial", "Talking", f"0532{i:07d}", "101")
    for i in range(3)
]


@pytest.fixture
def ring(qapp: QApplication) -> Iterator[FocusRing]:
    theme.apply_theme(qapp, "light")
    ring = install_focus_ring(qapp)
    yield ring
    ring.close()
    theme.apply_theme(qapp, "system")


@pytest.fixture
def form(qtbot: Any) -> QWidget:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    form.field = QLineEdit(form)  # type: ignore[attr-defined]
    form.first = QPushButton("First", form)  # type: ignore[attr-defined]
    form.second = QPushButton("Second", form)  # type: ignore[attr-defined]
    for widget in (form.field, form.first, form.second):  # type: ignore[attr-defined]
        layout.addWidget(widget)
    form.resize(300, 160)
    return active(qtbot, form)


@pytest.fixture
def window(qtbot: Any) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(800, 400)
    window.show_calls(CALLS)
    return active(qtbot, window)


def active(qtbot: Any, window: Any) -> Any:
    """`window`, shown and active: keys go to it."""
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def highlight() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Highlight)


def colour_at(window: QWidget, widget: QWidget, point: QPoint) -> QColor:
    """The colour a user sees at `point` of `widget` (the whole window, ring included)."""
    image = window.grab().toImage()
    at = widget.mapTo(window, point)
    return image.pixelColor(at.x(), at.y())


def tab(qtbot: Any, backwards: bool = False) -> None:
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    QTest.keyClick(QApplication.focusWidget(), key)
    qtbot.wait(10)


def test_tab_rings_the_focused_button_in_the_highlight_colour(ring, form, qtbot) -> None:
    form.field.setFocus()
    qtbot.waitUntil(form.field.hasFocus)
    assert ring.target() is None  # a text field lights its own frame

    tab(qtbot)
    assert form.first.hasFocus() and ring.target() is form.first
    rect = ring.ring_rect()
    assert rect is not None
    # All around the button, just outside its edge, in the highlight colour.
    for point in (QPoint(-1, form.first.height() // 2), QPoint(form.first.width() // 2, -1)):
        assert colour_at(form, form.first, point) == highlight()
    assert rect.adjusted(RING_WIDTH, RING_WIDTH, -RING_WIDTH, -RING_WIDTH).size() == (
        form.first.size()
    )

    tab(qtbot)
    assert ring.target() is form.second
    assert colour_at(form, form.first, QPoint(-1, form.first.height() // 2)) != highlight()
    assert colour_at(form, form.second, QPoint(-1, form.second.height() // 2)) == highlight()

    tab(qtbot, backwards=True)
    assert ring.target() is form.first


def test_a_read_only_preview_of_several_lines_is_ringed_too(ring, qtbot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    button = QPushButton("Before", form)
    preview = QPlainTextEdit("GET /api?number=0532…", form)
    preview.setReadOnly(True)
    layout.addWidget(button)
    layout.addWidget(preview)
    active(qtbot, form)
    button.setFocus()
    tab(qtbot)
    assert preview.hasFocus() and ring.target() is preview
    assert colour_at(form, preview, QPoint(-1, preview.height() // 2)) == highlight()


def test_after_a_choice_in_a_drop_down_list_the_ring_comes_back(ring, qtbot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    button = QPushButton("Before", form)
    choice = QComboBox(form)
    choice.addItems(["Same as the system", "Light", "Dark"])
    layout.addWidget(button)
    layout.addWidget(choice)
    active(qtbot, form)
    button.setFocus()
    tab(qtbot)
    assert ring.target() is choice
    QTest.keyClick(choice, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: choice.view().isVisible())
    QTest.keyClick(choice.view(), Qt.Key.Key_Down)
    QTest.keyClick(choice.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not choice.view().isVisible())
    assert choice.currentText() == "Light"
    qtbot.waitUntil(choice.hasFocus)
    assert ring.target() is choice
    assert colour_at(form, choice, QPoint(-1, choice.height() // 2)) == highlight()


def test_a_click_shows_no_ring(ring, form, qtbot) -> None:
    form.field.setFocus()
    tab(qtbot)
    assert ring.target() is form.first
    QTest.mouseClick(form.second, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.second.hasFocus)
    assert ring.target() is None
    assert colour_at(form, form.second, QPoint(-1, form.second.height() // 2)) != highlight()
    # The mouse never lands on the ring: a click at the edge reaches the button.
    tab(qtbot, backwards=True)
    assert ring.target() is form.first
    clicked: list[bool] = []
    form.first.clicked.connect(lambda: clicked.append(True))
    QTest.mouseClick(form.first, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))
    assert clicked == [True]


def test_the_ring_follows_its_button_and_survives_its_deletion(ring, form, qtbot) -> None:
    form.field.setFocus()
    tab(qtbot)
    first = form.first
    right_of = lambda: QPoint(first.width(), first.height() // 2)  # noqa: E731
    before = first.width()
    form.resize(500, 200)  # the layout widens the button: the ring goes along
    qtbot.waitUntil(lambda: first.width() > before)
    assert colour_at(form, first, right_of()) == highlight()

    spot = first.mapTo(form, QPoint(-1, first.height() // 2))
    first.hide()  # focus moves on by itself: the ring goes along, none is left behind
    qtbot.wait(10)
    assert form.second.hasFocus() and ring.target() is form.second
    assert form.grab().toImage().pixelColor(spot.x(), spot.y()) != highlight()

    form.second.deleteLater()  # the ringed button goes: no ring on the text field
    qtbot.waitUntil(lambda: ring.target() is None)
    form.field.setFocus()
    first.show()
    tab(qtbot)
    assert first.hasFocus() and ring.target() is first
    assert colour_at(form, first, QPoint(-1, first.height() // 2)) == highlight()


def test_a_table_filling_its_page_is_ringed_inside_the_edge(ring, window, qtbot) -> None:
    calls = window.calls_tab
    assert not calls.call_back_button.isEnabled()  # no call picked yet
    calls.filter_edit.setFocus()
    tab(qtbot)
    assert calls.view.hasFocus()
    # Tabbing in shows where the keyboard is: the first row, picked, its buttons awake.
    assert [i.row() for i in calls.view.selectionModel().selectedRows()] == [0]
    assert calls.call_back_button.isEnabled()
    # The table fills its page edge to edge: the ring's left side lies over the table's.
    assert colour_at(window, calls.view, QPoint(0, calls.view.height() // 2)) == highlight()
    assert colour_at(window, calls.view, QPoint(calls.view.width() // 2, -1)) == highlight()
    # Tab leaves the table for its buttons, not for the next cell of the same row.
    tab(qtbot)
    assert calls.call_back_button.hasFocus()
    assert ring.target() is calls.call_back_button


def test_after_the_picked_call_ends_tabbing_in_picks_the_first_row_again(
    ring, window, qtbot
) -> None:
    calls = window.calls_tab
    calls.filter_edit.setFocus()
    tab(qtbot)
    picked = calls.view.selectionModel()
    assert [i.row() for i in picked.selectedRows()] == [0]
    window.show_calls(CALLS[1:])  # that call ends: nothing is picked (no wrong hang-up)
    qtbot.waitUntil(lambda: not picked.selectedRows())
    calls.filter_edit.setFocus()
    tab(qtbot)
    assert calls.view.hasFocus()
    assert [i.row() for i in picked.selectedRows()] == [0]
    assert calls.model.calls()[0].channel == CALLS[1].channel
    assert calls.call_back_button.isEnabled() and calls.hangup_button.isEnabled()


def test_on_the_tab_bar_the_ring_sits_on_the_current_tab(ring, window, qtbot) -> None:
    window.calls_tab.filter_edit.setFocus()
    tab(qtbot, backwards=True)
    bar = window.tabs.tabBar()
    assert bar.hasFocus() and ring.target() is bar

    def ringed_tab() -> int:
        rect = ring.ring_rect()
        assert rect is not None
        # The ring is drawn where it says, in the highlight colour, around one tab only.
        assert colour_at(window, bar, QPoint(rect.left(), rect.center().y())) == highlight()
        assert colour_at(window, bar, QPoint(rect.right(), rect.center().y())) == highlight()
        inside = [i for i in range(bar.count()) if rect.contains(bar.tabRect(i))]
        assert len(inside) == 1
        return inside[0]

    assert ringed_tab() == bar.currentIndex() == 0
    QTest.keyClick(bar, Qt.Key.Key_Right)  # the next tab: the ring goes along
    qtbot.waitUntil(lambda: bar.currentIndex() == 1)
    assert ringed_tab() == 1


def test_the_ring_takes_the_dark_highlight_after_a_live_switch(ring, form, qtbot, qapp) -> None:
    form.field.setFocus()
    tab(qtbot)
    light = highlight()
    theme.apply_theme(qapp, "dark")
    qtbot.wait(10)
    assert highlight() != light
    assert colour_at(form, form.first, QPoint(-1, form.first.height() // 2)) == highlight()


def test_a_table_in_a_splitter_keeps_its_size_and_wears_the_ring(ring, qtbot) -> None:
    from PySide6.QtWidgets import QSplitter, QTableWidget

    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    field = QLineEdit(form)
    splitter = QSplitter(Qt.Orientation.Vertical, form)
    table = QTableWidget(5, 2)
    below = QLabel("chart")
    splitter.addWidget(table)
    splitter.addWidget(below)
    layout.addWidget(field)
    layout.addWidget(splitter)
    form.resize(300, 400)
    active(qtbot, form)
    height = table.height()
    field.setFocus()
    tab(qtbot)
    assert table.hasFocus() and ring.target() is table
    qtbot.wait(20)
    # The ring is no pane of the splitter: the table keeps its room.
    assert splitter.count() == 2 and table.height() == height
    assert colour_at(form, table, QPoint(table.width() // 2, -1)) == highlight()


def test_text_fields_wear_the_same_ring(ring, form, qtbot) -> None:
    form.first.setFocus()
    tab(qtbot, backwards=True)
    assert form.field.hasFocus() and ring.target() is form.field
    assert colour_at(form, form.field, QPoint(-1, form.field.height() // 2)) == highlight()


def test_home_and_end_go_to_the_first_and_last_call(ring, window, qtbot) -> None:
    calls = window.calls_tab
    calls.filter_edit.setFocus()
    tab(qtbot)
    picked = calls.view.selectionModel()
    QTest.keyClick(calls.view, Qt.Key.Key_End)
    assert [i.row() for i in picked.selectedRows()] == [len(CALLS) - 1]
    QTest.keyClick(calls.view, Qt.Key.Key_Home)
    assert [i.row() for i in picked.selectedRows()] == [0]
