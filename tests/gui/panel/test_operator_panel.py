"""The operator panel: tiles, their states, filter, keyboard and mouse, and the queues board."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from desktop.pbx.models import ActiveCall, Extension, Queue
from desktop.ui.panel.operator_panel import OperatorPanel
from desktop.ui.panel.tiles_model import DETAIL_ROLE, DURATION_ROLE, KIND_ROLE, STATE_ROLE


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


EXTENSIONS = [
    Extension("101", "Ayşe Yılmaz", "OK (12 ms)", True, 12),
    Extension("102", "Mehmet Demir", "OK (8 ms)", True, 8),
    Extension("103", "Gündüz Kaya", "OK (9 ms)", True, 9),
    Extension("104", "Işıl Şahin", "UNREACHABLE", False, None),
    Extension("105", "Can Öztürk", "LAGGED (412 ms)", True, 412),
    Extension("106", "Zeynep Arslan", "OK (7 ms)", True, 7),
]
CALLS = [
    ActiveCall("SIP/101-1", timedelta(seconds=83), "Dial", "Talking", "101", "102"),
    ActiveCall("SIP/x-2", timedelta(seconds=9), "Queue(630)", "Ringing", "05321234567", "105"),
    ActiveCall("SIP/x-3", timedelta(seconds=125), "Queue(630)", "Ringing", "02125550101", ""),
]
QUEUES = [
    Queue("630", "Sales", ("105", "106", "101")),
    Queue("631", "Support", ("103",)),
]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def panel(qtbot: Any, clock: FakeClock) -> OperatorPanel:
    widget = OperatorPanel(clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.update_state(EXTENSIONS, QUEUES, CALLS)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tile(panel: OperatorPanel, number: str, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    row = panel.model.row_of(number)
    assert row >= 0, f"no tile for {number}"
    return panel.model.index(row).data(role)


def shown_numbers(panel: OperatorPanel) -> list[str]:
    return [
        panel.proxy.index(r, 0).data(Qt.ItemDataRole.DisplayRole)
        for r in range(panel.proxy.rowCount())
    ]


def test_every_extension_has_a_tile_with_its_name_number_registration_and_state(
    panel: OperatorPanel,
) -> None:
    assert shown_numbers(panel) == [e.name for e in EXTENSIONS]
    assert tile(panel, "106", DETAIL_ROLE) == "106 · Registered"
    assert tile(panel, "106", STATE_ROLE) == "Free"
    assert tile(panel, "104", DETAIL_ROLE) == "104 · Unreachable"
    assert tile(panel, "105", DETAIL_ROLE) == "105 · Lagged, 412 ms"
    assert tile(panel, "105", STATE_ROLE) == "Ringing: 05321234567"
    assert tile(panel, "105", DURATION_ROLE) == "0:09"
    # Colour is never the only cue: each kind also has its own words (and symbol).
    assert [tile(panel, n, KIND_ROLE) for n in ("101", "104", "105", "106")] == [
        "talking",
        "offline",
        "ringing",
        "free",
    ]
    assert "Talking with Mehmet Demir (102)" in tile(
        panel, "101", Qt.ItemDataRole.AccessibleTextRole
    )


def test_a_talking_extension_shows_the_other_party_and_a_duration_that_ticks(
    panel: OperatorPanel, clock: FakeClock
) -> None:
    assert tile(panel, "101", STATE_ROLE) == "Talking with Mehmet Demir (102)"
    assert tile(panel, "102", STATE_ROLE) == "Talking with Ayşe Yılmaz (101)"
    assert tile(panel, "101", DURATION_ROLE) == "1:23"
    assert panel._ticker.isActive()

    repainted: list[tuple[int, int]] = []
    panel.model.dataChanged.connect(
        lambda first, last, _roles: repainted.append((first.row(), last.row()))
    )
    clock.now += 5
    panel._ticker.timeout.emit()
    assert tile(panel, "101", DURATION_ROLE) == "1:28"
    assert tile(panel, "106", DURATION_ROLE) == ""
    busy = {panel.model.row_of(n) for n in ("101", "102", "105")}
    assert {row for first, last in repainted for row in range(first, last + 1)} == busy

    # The next poll's count, a little behind ours, does not make the clock jump back.
    clock.now += 0.5
    behind = [ActiveCall("SIP/101-1", timedelta(seconds=87), "Dial", "Talking", "101", "102")]
    panel.update_state(EXTENSIONS, QUEUES, behind)
    assert tile(panel, "101", DURATION_ROLE) == "1:28"
    assert tile(panel, "105", STATE_ROLE) == "Free"


def test_the_filter_finds_names_without_turkish_letters_and_numbers(
    panel: OperatorPanel, qtbot: Any
) -> None:
    qtbot.keyClicks(panel.filter_edit, "gunduz")
    assert shown_numbers(panel) == ["Gündüz Kaya"]
    panel.filter_edit.setText("ISIL")
    assert shown_numbers(panel) == ["Işıl Şahin"]
    panel.filter_edit.setText("10")
    assert len(shown_numbers(panel)) == len(EXTENSIONS)
    panel.filter_edit.setText("105")
    assert shown_numbers(panel) == ["Can Öztürk"]
    panel.filter_edit.setText("nobody")
    assert shown_numbers(panel) == []
    assert panel.no_match_label.isVisible()
    assert "nobody" in panel.no_match_label.text()
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Escape)
    assert panel.filter_edit.text() == ""
    assert len(shown_numbers(panel)) == len(EXTENSIONS)
    assert not panel.no_match_label.isVisible()


def test_enter_in_the_filter_box_calls_the_first_match(panel: OperatorPanel, qtbot: Any) -> None:
    qtbot.keyClicks(panel.filter_edit, "gunduz")
    with qtbot.waitSignal(panel.call_requested, timeout=1000) as called:
        qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Return)
    assert called.args == ["103"]


def test_enter_on_a_tile_and_a_click_call_that_extension(panel: OperatorPanel, qtbot: Any) -> None:
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.proxy.index(panel.model.row_of("102"), 0))
    with qtbot.waitSignal(panel.call_requested, timeout=1000) as called:
        qtbot.keyClick(panel.view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert called.args == ["102"]

    calls: list[str] = []
    panel.call_requested.connect(calls.append)
    rect = panel.view.visualRect(panel.proxy.index(panel.model.row_of("106"), 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert calls == ["106"]


def test_arrow_keys_move_between_tiles_and_down_leaves_the_filter_box(
    panel: OperatorPanel, qtbot: Any
) -> None:
    view = panel.view
    tops = [view.visualRect(panel.proxy.index(r, 0)).top() for r in range(panel.proxy.rowCount())]
    columns = tops.count(tops[0])
    assert 1 < columns < len(EXTENSIONS), "the tiles wrap into a grid"

    panel.filter_edit.setFocus()
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Down)
    assert view.hasFocus()
    assert view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1 + columns
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.currentIndex().row() == columns
    assert panel.current_number() == EXTENSIONS[columns].number


def test_tiles_fill_the_width_and_settle(panel: OperatorPanel, qtbot: Any) -> None:
    extensions = many_extensions(12)
    panel.update_state(extensions, QUEUES, [])
    qtbot.wait(50)
    view = panel.view
    widths = {panel.delegate.width}
    for _ in range(3):  # a tile width that toggles the scroll bar would change each pass
        qtbot.wait(20)
        widths.add(panel.delegate.width)
    assert len(widths) == 1
    assert not view.verticalScrollBar().isVisible()  # 12 tiles fit in 1000 x 600
    rights = [view.visualRect(panel.proxy.index(r, 0)).right() for r in range(12)]
    gap = view.viewport().width() - max(rights)
    assert 0 < gap < panel.delegate.tile_size(view.font()).width() // 4


def many_extensions(count: int) -> list[Extension]:
    return [Extension(str(2000 + i), f"Person {i}", "OK (5 ms)", True, 5) for i in range(count)]


def test_a_poll_with_the_same_extensions_updates_tiles_in_place(
    panel: OperatorPanel, qtbot: Any
) -> None:
    extensions = many_extensions(200)
    panel.update_state(extensions, QUEUES, [])
    assert panel.model.rowCount() == 200
    kept = QPersistentModelIndex(panel.model.index(150))
    panel.view.setCurrentIndex(panel.proxy.index(150, 0))

    structural: list[str] = []
    for name in ("modelReset", "rowsInserted", "rowsRemoved", "rowsMoved", "layoutChanged"):
        getattr(panel.model, name).connect(lambda *_a, name=name: structural.append(name))
    changed: list[tuple[int, int]] = []
    panel.model.dataChanged.connect(lambda a, b, _r: changed.append((a.row(), b.row())))

    panel.update_state(extensions, QUEUES, [])
    assert structural == []
    assert changed == []  # nothing changed: nothing repaints

    talking = [ActiveCall("SIP/2150-1", timedelta(seconds=3), "Dial", "Talking", "2150", "2007")]
    panel.update_state(extensions, QUEUES, talking)
    assert structural == []
    assert changed == [(7, 150)]  # the one range from the first to the last changed tile
    assert kept.isValid() and kept.row() == 150
    assert panel.current_number() == "2150"
    assert tile(panel, "2150", STATE_ROLE) == "Talking with Person 7 (2007)"


def test_a_new_extension_is_inserted_and_the_current_tile_stays(panel: OperatorPanel) -> None:
    panel.view.setCurrentIndex(panel.proxy.index(panel.model.row_of("105"), 0))
    resets: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    grown = [*EXTENSIONS[:2], Extension("199", "Yeni Kişi", "OK (3 ms)", True, 3), *EXTENSIONS[2:]]
    panel.update_state(grown, QUEUES, CALLS)
    assert resets == []
    assert shown_numbers(panel)[2] == "Yeni Kişi"
    assert panel.current_number() == "105"
    panel.update_state([e for e in grown if e.number != "102"], QUEUES, CALLS)
    assert "Mehmet Demir" not in shown_numbers(panel)
    assert panel.current_number() == "105"


def test_the_queues_board_shows_members_waiting_callers_and_the_longest_wait(
    panel: OperatorPanel, clock: FakeClock
) -> None:
    sales, support = panel.queue_board.cards
    assert sales.title.text() == "Sales (630)"
    # The caller ringing member 105 and the one not yet offered to anyone both wait.
    assert sales.waiting.text() == "Waiting: 2 · longest 02:05"
    assert sales.callers.text().splitlines() == [
        "02125550101: waiting 02:05",
        "05321234567: waiting 00:09",
    ]
    members = sales.members.text()
    assert "Can Öztürk (105) · ringing" in members
    assert "Zeynep Arslan (106) · free" in members
    assert "Ayşe Yılmaz (101) · talking" in members
    assert support.waiting.text() == "No callers waiting"
    assert not support.callers.isVisible()

    clock.now += 10
    panel._ticker.timeout.emit()
    assert sales.waiting.text() == "Waiting: 2 · longest 02:15"

    panel.update_state(EXTENSIONS, QUEUES[:1], [])
    assert len(panel.queue_board.cards) == 1
    assert panel.queue_board.cards[0].waiting.text() == "No callers waiting"


def test_tab_into_the_tiles_picks_the_first_and_right_goes_to_the_second(
    panel: OperatorPanel, qtbot: Any
) -> None:
    view = panel.view
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.filter_edit.setFocus()
    before = view.viewport().grab().toImage()
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Tab)
    assert view.hasFocus()
    assert [i.row() for i in view.selectionModel().selectedIndexes()] == [0]
    assert view.viewport().grab().toImage() != before  # the first tile shows it is picked
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().row() == 1
    assert panel.current_number() == EXTENSIONS[1].number
