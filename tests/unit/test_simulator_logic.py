"""Pure pieces of the simulator: wire formats, dates, webhook URLs, config, people, history."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from desktop.simulator import SimulatorConfig, people, traffic
from desktop.simulator.history import History, format_duration, parse_date_param
from desktop.simulator.switchboard import CallEvent, SimClock, Switchboard, format_hms
from desktop.simulator.webhooks import safe_target, webhook_url

START = CallEvent("start", "SIP/trunk-sip-Trunk110-36a9b", "905321234567", "110", "incoming")
HANGUP = CallEvent("hangup", "SIP/101-0000a1b2", "101", "02121234567", "outcoming", "BUSY", 7)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00:00"), (74, "00:01:14"), (3600, "01:00:00"), (93784, "26:03:04"), (-3, "00:00:00")],
)
def test_activecalls_duration(seconds: float, text: str) -> None:
    assert format_hms(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(85.6972, "85,6972"), (4.39364, "4,39364"), (28.382, "28,382"), (12.0, "12"), (0.0, "0")],
)
def test_cdr_duration_has_a_decimal_comma(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_date_params() -> None:
    assert parse_date_param("030920191230") == datetime(2019, 9, 3, 12, 30)
    for bad in ("", "0309201912", "0309201912300", "320920191230", "031320191230",
                "030920192460", "03092019 230", "０３０９２０１９１２３０"):  # fmt: skip
        assert parse_date_param(bad) is None, bad


def test_webhook_without_placeholders_gets_the_pbx_parameters() -> None:
    assert webhook_url("http://crm/hook", START) == (
        "http://crm/hook?chanid=SIP%2Ftrunk-sip-Trunk110-36a9b&src=905321234567&dst=110"
        "&type=incoming"
    )
    assert webhook_url("http://crm/hook?key=1", HANGUP) == (
        "http://crm/hook?key=1&chanid=SIP%2F101-0000a1b2&status=BUSY&duration=7"
    )


def test_webhook_placeholders_are_filled_and_quoted() -> None:
    template = "http://crm/c?caller={src}&called={dst}&chan={chanid}&s={status}&d={duration}"
    assert webhook_url(template, HANGUP) == (
        "http://crm/c?caller=101&called=02121234567&chan=SIP%2F101-0000a1b2&s=BUSY&d=7"
    )
    assert webhook_url(template, START).endswith("&s=&d=")


def test_log_lines_name_only_the_receivers_host() -> None:
    url = "https://user:pw@crm.example.com:8443/KEY/hook?token=abc"
    assert safe_target(url) == "https://crm.example.com:8443"


def test_config_is_validated_and_hides_secrets() -> None:
    cfg = SimulatorConfig(password="hunter2", webhooks=("http://x/KEY42",))
    assert "hunter2" not in repr(cfg) and "KEY42" not in repr(cfg)
    for bad in (
        {"port": 70000},
        {"phonebook_format": "vcard"},
        {"fault": "meltdown"},
        {"error_rate": 2.0},
        {"speed": 0},
        {"extensions": 3},
        {"webhooks": ("ftp://x",)},
    ):
        with pytest.raises(ValueError):
            SimulatorConfig(**bad)


def test_people_are_deterministic_and_turkish() -> None:
    assert people.extensions(5, 30) == people.extensions(5, 30)
    assert people.extensions(5, 30) != people.extensions(6, 30)
    contacts = people.contacts(5, 600)
    assert len(contacts) == 600
    assert contacts == people.contacts(5, 600)
    names = " ".join(c.name for c in contacts)
    assert set("şğıİçöü") <= set(names)
    assert any(len(c.numbers) >= 2 for c in contacts)
    for c in contacts:
        assert all(d.isdigit() and len(d) in (11, 12) for d in c.dial)


def make_history(per_day: int = 300) -> History:
    exts = people.extensions(9, 24)
    office = traffic.Office(9, exts, people.queues(9, exts), 600)
    return History(office, per_day, 30, time.time())


def test_history_ids_are_sequential_and_findable() -> None:
    history = make_history()
    now = datetime.now()
    rows = history.query(now - timedelta(days=31), now)
    ids = sorted(r.id for r in rows)
    assert ids == list(range(ids[0], ids[0] + len(ids)))
    assert history.next_id == ids[-1] + 1
    for row in rows[::500]:
        assert history.find(row.id) == row
    assert history.find(ids[0] - 1) is None and history.find(history.next_id) is None


def test_history_query_minutes_are_inclusive() -> None:
    history = make_history()
    now = datetime.now()
    rows = history.query(now - timedelta(days=3), now)
    target = datetime.fromtimestamp(rows[len(rows) // 2].start).replace(microsecond=0)
    minute = target.replace(second=0)
    found = history.query(minute, minute)
    assert any(datetime.fromtimestamp(r.start).replace(microsecond=0) == target for r in found)


def test_sim_clock_runs_at_speed() -> None:
    clock = SimClock(speed=1000.0, start=0.0)
    first = clock.now()
    clock.jump(50)
    assert clock.now() >= first + 50


def test_switchboard_state_machine_without_http() -> None:
    board = Switchboard(SimulatorConfig(seed=4, calls_per_minute=0))
    assert len(board.live_calls()) == 1  # the forgotten conference
    call = board.call_number("905551112233", "100")
    assert board.events[-1].kind == "start" and board.events[-1].chanid == call.channel
    board.jump(3600)
    assert call.channel not in {c.channel for c in board.live_calls()}
    assert board.events[-1].kind == "hangup"
    row = board.history.find(call.call_id)
    assert row is not None and (row.src, row.dst) == ("100", "905551112233")


def test_masked_callback_webhooks_show_each_leg_only_its_own_party() -> None:
    board = Switchboard(SimulatorConfig(seed=4, calls_per_minute=0))
    number1, number2 = "905551112233", "02125550000"
    statuses = set()
    for attempt in range(30):
        board.events.clear()
        call = board.callback(number1, number2, "masked", f"cb-{attempt}")
        board.jump(600)
        starts = [e for e in board.events if e.kind == "start"]
        hangups = [e for e in board.events if e.kind == "hangup"]
        assert [e.chanid for e in hangups] == [e.chanid for e in starts]
        assert starts[0].chanid == call.channel
        for event in board.events:
            assert event.src == board.caller_id
            assert event.dst == (number1 if event.chanid == call.channel else number2)
        statuses.add(tuple(e.status for e in hangups))
        row = board.history.find(call.call_id)
        assert row is not None
        assert (row.src, row.dst, row.userfield) == (number1, number2, f"cb-{attempt}")
    assert statuses == {("NOANSWER",), ("ANSWER", "ANSWER")}


def test_hanging_up_a_ringing_second_leg_ends_both_legs() -> None:
    board = Switchboard(SimulatorConfig(seed=4, calls_per_minute=0))
    call = board.callback("905551112233", "02125550000", "masked", "")
    while len(call.steps) == 1:  # number1 never answers this one: try again
        board.jump(600)
        call = board.callback("905551112233", "02125550000", "masked", "")
    board.jump(call.steps[1].at + 0.5)
    assert [leg.step.phase for leg in call.legs()] == ["Up", "Ringing"]
    board.events.clear()
    row = board.hangup(call.second_channel)
    assert call not in board.live_calls()
    assert row.disposition == "NO ANSWER"
    hangups = [(e.chanid, e.status) for e in board.events]
    assert hangups == [(call.channel, "ANSWER"), (call.second_channel, "CANCEL")]
    assert board.history.find(call.call_id) == row
