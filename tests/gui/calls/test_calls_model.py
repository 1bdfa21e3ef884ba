"""CallsModel: row-by-row updates (never a reset), ticking durations, names, filtering."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt

from desktop.pbx.models import ActiveCall
from desktop.ui.calls.calls_model import (
    COL_DURATION,
    COL_FROM,
    COL_QUEUE,
    COL_STATUS,
    COL_TO,
    COL_TYPE,
    COLUMN_COUNT,
    CallsFilterProxy,
    CallsModel,
    format_duration,
    search_key,
)


def call(channel: str, src: str = "05324417788", dst: str = "101", seconds: int = 10, **kw):
    return ActiveCall(
        channel=channel,
        duration=timedelta(seconds=seconds),
        call_type=kw.get("call_type", "Dial(SIP/101,60)"),
        call_info=kw.get("call_info", "Talking"),
        src=src,
        dst=dst,
    )


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Recorder:
    """Counts the structural signals a view reacts to."""

    def __init__(self, model: CallsModel) -> None:
        self.events: list[tuple] = []
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.layoutChanged.connect(lambda *_: self.events.append(("layout",)))
        model.rowsInserted.connect(lambda _p, a, b: self.events.append(("inserted", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.events.append(("removed", a, b)))
        model.dataChanged.connect(
            lambda tl, br, *_: self.events.append(
                ("changed", tl.row(), br.row(), tl.column(), br.column())
            )
        )

    def kinds(self) -> set[str]:
        return {event[0] for event in self.events}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def model(qapp, clock) -> CallsModel:
    return CallsModel(clock=clock)


def shown(model: CallsModel, row: int, col: int) -> str:
    return model.data(model.index(row, col))


def channels(model: CallsModel) -> list[str]:
    return [c.channel for c in model.calls()]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00:00"),
        (74, "0:01:14"),
        (3599, "0:59:59"),
        (27 * 3600 + 3 * 60 + 5, "27:03:05"),
        (100 * 3600, "100:00:00"),
        (-5, "0:00:00"),
    ],
)
def test_durations_are_h_mm_ss_with_hours_past_a_day(seconds, text):
    assert format_duration(seconds) == text


def test_first_poll_inserts_rows_without_reset(model):
    rec = Recorder(model)
    model.set_calls([call("A"), call("B"), call("C")])
    assert channels(model) == ["A", "B", "C"]
    assert rec.events == [("inserted", 0, 2)]
    assert model.columnCount() == COLUMN_COUNT


def test_persisting_rows_keep_identity_while_others_come_and_go(model):
    model.set_calls([call("A"), call("B"), call("C"), call("D")])
    selection = QItemSelectionModel(model)
    keep_b = QPersistentModelIndex(model.index(1, COL_FROM))
    keep_d = QPersistentModelIndex(model.index(3, COL_FROM))
    selection.select(
        model.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    rec = Recorder(model)

    model.set_calls([call("B"), call("D"), call("E")])  # A and C ended, E started

    assert channels(model) == ["B", "D", "E"]
    assert "reset" not in rec.kinds() and "layout" not in rec.kinds()
    assert ("removed", 2, 2) in rec.events and ("removed", 0, 0) in rec.events
    assert ("inserted", 2, 2) in rec.events
    assert keep_b.isValid() and model.call_at(keep_b.row()).channel == "B"
    assert keep_d.isValid() and model.call_at(keep_d.row()).channel == "D"
    selected = [model.call_at(i.row()).channel for i in selection.selectedRows()]
    assert selected == ["B"]


def test_removed_neighbours_go_in_one_step_per_run(model):
    model.set_calls([call(c) for c in "ABCDEF"])
    rec = Recorder(model)
    model.set_calls([call("A"), call("F")])
    assert [e for e in rec.events if e[0] == "removed"] == [("removed", 1, 4)]
    assert channels(model) == ["A", "F"]


def test_unchanged_poll_emits_no_structure_and_no_full_row_updates(model, clock):
    model.set_calls([call("A", seconds=10), call("B", seconds=20)])
    rec = Recorder(model)
    clock.now += 2
    model.set_calls([call("A", seconds=12), call("B", seconds=22)])
    assert rec.events == []  # the displayed values did not change


def test_changed_call_updates_its_row_in_place(model):
    model.set_calls([call("A", call_info="Ringing"), call("B")])
    rec = Recorder(model)
    model.set_calls([call("A", call_info="Talking"), call("B")])
    assert rec.events == [("changed", 0, 0, 0, COLUMN_COUNT - 1)]
    assert shown(model, 0, COL_STATUS) == "Talking"


def test_emptying_the_list_removes_every_row(model):
    model.set_calls([call("A"), call("B")])
    rec = Recorder(model)
    model.set_calls([])
    assert rec.events == [("removed", 0, 1)]
    assert model.rowCount() == 0


def test_repeated_channel_in_one_poll_is_shown_once(model):
    model.set_calls([call("A", src="111"), call("A", src="222"), call("B")])
    assert channels(model) == ["A", "B"]
    assert shown(model, 0, COL_FROM) == "111"


def test_duration_ticks_locally_between_polls(model, clock):
    model.set_calls([call("A", seconds=27 * 3600 + 3 * 60 + 5)])
    assert shown(model, 0, COL_DURATION) == "27:03:05"
    rec = Recorder(model)
    clock.now += 5
    model.tick()
    assert shown(model, 0, COL_DURATION) == "27:03:10"
    assert rec.events == [("changed", 0, 0, COL_DURATION, COL_DURATION)]


def test_a_lagging_poll_does_not_make_the_duration_jump_back(model, clock):
    model.set_calls([call("A", seconds=60)])
    clock.now += 10  # locally 1:10; the PBX answered a second late
    model.set_calls([call("A", seconds=69)])
    assert shown(model, 0, COL_DURATION) == "0:01:10"


def test_a_large_correction_from_the_pbx_wins(model, clock):
    model.set_calls([call("A", seconds=60)])
    clock.now += 10
    model.set_calls([call("A", seconds=30)])  # the PBX knows better (e.g. a transfer)
    assert shown(model, 0, COL_DURATION) == "0:00:30"
    model.set_calls([call("A", seconds=300)])
    assert shown(model, 0, COL_DURATION) == "0:05:00"


def test_columns_show_readable_values(model):
    model.set_calls(
        [
            call("Q", src="05324417788", dst="630", call_type="Queue(630)", call_info="Up"),
            call("D", src="102", dst="205", call_type="Dial(SIP/205,60)", call_info="Ringing"),
            call("X", src="", dst="7", call_type="Strange", call_info="Whatever"),
        ]
    )
    assert shown(model, 0, COL_QUEUE) == "630"
    assert shown(model, 0, COL_TYPE) == "Queue"
    assert shown(model, 0, COL_STATUS) == "Connected"
    assert model.data(model.index(0, COL_TYPE), Qt.ItemDataRole.ToolTipRole) == "Queue(630)"
    assert shown(model, 1, COL_QUEUE) == ""
    assert shown(model, 1, COL_TYPE) == "Direct"
    assert shown(model, 1, COL_STATUS) == "Ringing"
    assert shown(model, 2, COL_FROM) == "Unknown"
    assert shown(model, 2, COL_TYPE) == "Strange"
    assert shown(model, 2, COL_STATUS) == "Whatever"
    assert model.headerData(COL_FROM, Qt.Orientation.Horizontal) == "From"


def test_names_appear_beside_numbers_once_known(model):
    model.set_calls([call("A", src="05324417788", dst="101")])
    assert shown(model, 0, COL_FROM) == "05324417788"
    rec = Recorder(model)
    model.set_name_lookup({"05324417788": "Ayşe Yılmaz", "101": "Resepsiyon"}.get)
    assert shown(model, 0, COL_FROM) == "Ayşe Yılmaz (05324417788)"
    assert shown(model, 0, COL_TO) == "Resepsiyon (101)"
    assert rec.kinds() == {"changed"}


def test_bad_index_gives_nothing(model):
    model.set_calls([call("A")])
    assert model.data(model.index(5, 0)) is None
    assert model.call_at(-1) is None and model.call_at(3) is None
    assert model.row_of("nope") == -1


# -- filter ------------------------------------------------------------------------------------


@pytest.fixture
def proxy(model) -> CallsFilterProxy:
    model.set_name_lookup({"05324417788": "Ayşe Yılmaz", "02164440123": "İpek Öztürk"}.get)
    model.set_calls(
        [
            call("A", src="05324417788", dst="101"),
            call("B", src="02164440123", dst="630", call_type="Queue(630)"),
            call("C", src="102", dst="05423318890"),
        ]
    )
    p = CallsFilterProxy()
    p.setSourceModel(model)
    return p


def visible(proxy: CallsFilterProxy) -> list[str]:
    source = proxy.sourceModel()
    return [
        source.call_at(proxy.mapToSource(proxy.index(r, 0)).row()).channel
        for r in range(proxy.rowCount())
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["A", "B", "C"]),
        ("0532 441", ["A"]),
        ("0532-441-77", ["A"]),
        ("331 88", ["C"]),
        ("630", ["B"]),
        ("yilmaz", ["A"]),
        ("ipek", ["B"]),
        ("ÖZTÜRK", ["B"]),
        ("9999", []),
        ("zeynep", []),
    ],
)
def test_filter_finds_calls_by_number_or_name(proxy, query, expected):
    proxy.set_query(query)
    assert visible(proxy) == expected


def test_filter_keeps_up_with_new_polls(proxy, model):
    proxy.set_query("0532")
    assert visible(proxy) == ["A"]
    model.set_calls([call("B", src="02164440123"), call("D", src="05320000000")])
    assert visible(proxy) == ["D"]


def test_search_key_folds_turkish_letters():
    assert search_key("Işıl Çağrı İnce") == search_key("isil cagri ince")
