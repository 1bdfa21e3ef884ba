"""The switchboard lives: calls come and go, and actions change what the API shows."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest

from desktop.simulator import Simulator

if TYPE_CHECKING:
    from conftest import Api, ApiFor, SimFactory

DISPOSITIONS = {"ANSWERED", "BUSY", "NO ANSWER", "FAILED"}


def seconds(hms: str) -> int:
    h, m, s = (int(x) for x in hms.split(":"))
    return h * 3600 + m * 60 + s


async def today_cdr(api: Api, **params: Any) -> list[dict[str, Any]]:
    now = datetime.now() + timedelta(days=1)  # simulated time may run ahead of the wall clock
    return await api.rows(
        "cdr",
        date1=(now - timedelta(days=2)).strftime("%d%m%Y0000"),
        date2=now.strftime("%d%m%Y2359"),
        **params,
    )


async def free_extension(api: Api, busy: frozenset[str] | set[str] = frozenset()) -> str:
    live = await api.rows("activecalls")
    taken = {r["src"] for r in live} | {r["dst"] for r in live} | busy
    for user in await api.rows("users"):
        if user["regstatus"].startswith("OK") and user["username"] not in taken:
            return str(user["username"])
    raise AssertionError("no free extension")


async def live_row(api: Api, **match: str) -> dict[str, Any] | None:
    for row in await api.rows("activecalls"):
        if all(row[k] == v for k, v in match.items()):
            return row
    return None


@pytest.mark.asyncio
async def test_durations_advance(sim: Simulator, api: Api) -> None:
    before = {r["channel"]: seconds(r["duration"]) for r in await api.rows("activecalls")}
    sim.advance(7)
    after = {r["channel"]: seconds(r["duration"]) for r in await api.rows("activecalls")}
    common = before.keys() & after.keys()
    assert common
    for channel in common:
        assert after[channel] >= before[channel] + 7


@pytest.mark.asyncio
async def test_calls_come_and_go_and_end_in_history(sim: Simulator, api: Api) -> None:
    first = {r["channel"] for r in await api.rows("activecalls")}
    history_before = await today_cdr(api)
    seen = set(first)
    phases = set()
    for _ in range(40):
        sim.advance(30)
        rows = await api.rows("activecalls")
        seen |= {r["channel"] for r in rows}
        phases |= {r["callinfo"] for r in rows}
        assert len(rows) >= 1
    last = {r["channel"] for r in await api.rows("activecalls")}
    assert first - last, "no call ended in 20 simulated minutes"
    assert last - first, "no call started in 20 simulated minutes"
    assert {"Talking"} <= phases and phases & {"Ringing", "Dialing"}
    history_after = await today_cdr(api)
    new_rows = {r["id"] for r in history_after} - {r["id"] for r in history_before}
    assert len(new_rows) >= 20
    assert {r["disposition"] for r in history_after if r["id"] in new_rows} <= DISPOSITIONS
    assert any(r["queue"] for r in history_after if r["id"] in new_rows)


@pytest.mark.asyncio
async def test_callnumber_then_hangup_leaves_a_cdr(quiet_api: Api) -> None:
    api = quiet_api
    ext = await free_extension(api)
    number = "905321112233"
    obj = await api.call("callnumber", number=number, internal=ext)
    assert obj["success"] is True
    row = await live_row(api, src=ext, dst=number)
    assert row is not None, "the call is not in activecalls"
    assert row["callinfo"] == "Ringing"
    channel = row["channel"]

    assert (await api.call("hangupcall", channel=channel))["success"] is True
    assert await live_row(api, channel=channel) is None
    assert (await api.call("hangupcall", channel=channel))["success"] is False

    rows = await today_cdr(api, number=number)
    assert len(rows) == 1
    cdr = rows[0]
    assert (cdr["calltype"], cdr["src"], cdr["dst"]) == ("outcoming", ext, number)
    assert cdr["disposition"] == "NO ANSWER"
    assert cdr["record"] is False


@pytest.mark.asyncio
async def test_callnumber_rings_extension_then_number_then_ends(
    quiet_sim: Simulator, quiet_api: Api
) -> None:
    api = quiet_api
    ext = await free_extension(api)
    number = "02125550101"
    assert (await api.call("callnumber", number=number, internal=ext))["success"] is True
    phases: list[str] = []
    for _ in range(200):
        row = await live_row(api, src=ext, dst=number)
        if row is None:
            break
        if not phases or phases[-1] != row["callinfo"]:
            phases.append(row["callinfo"])
        quiet_sim.advance(2)
    else:
        raise AssertionError("the call never ended")
    assert phases[0] == "Ringing"
    assert phases in (["Ringing"], ["Ringing", "Dialing"], ["Ringing", "Dialing", "Talking"])
    (cdr,) = await today_cdr(api, number=number)
    assert cdr["disposition"] == ("ANSWERED" if "Talking" in phases else cdr["disposition"])
    assert cdr["disposition"] in DISPOSITIONS


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "params",
    [
        {"number": "", "internal": "100"},
        {"number": "abc", "internal": "100"},
        {"number": "905321112233", "internal": "999"},
        {"number": "905321112233"},
    ],
)
async def test_callnumber_refuses_bad_input(quiet_api: Api, params: dict[str, str]) -> None:
    before = await quiet_api.rows("activecalls")
    obj = await quiet_api.call("callnumber", **params)
    assert obj["success"] is False and obj["message"]
    assert await quiet_api.rows("activecalls") == before


@pytest.mark.asyncio
async def test_hangup_unknown_channel_fails(api: Api) -> None:
    obj = await api.call("hangupcall", channel="SIP/999-deadbeef")
    assert obj["success"] is False and obj["message"]
    assert (await api.call("hangupcall"))["success"] is False


@pytest.mark.asyncio
async def test_hangup_a_talking_call_is_answered_in_history(sim: Simulator, api: Api) -> None:
    row = next(r for r in await api.rows("activecalls") if r["callinfo"] == "Talking")
    assert (await api.call("hangupcall", channel=row["channel"]))["success"] is True
    assert await live_row(api, channel=row["channel"]) is None
    rows = await today_cdr(api, number=row["src"])
    assert any(r["disposition"] == "ANSWERED" and r["dst"] == row["dst"] for r in rows)


async def new_legs(api: Api, before: set[str]) -> list[dict[str, Any]]:
    return [r for r in await api.rows("activecalls") if r["channel"] not in before]


@pytest.mark.asyncio
async def test_callback_makes_a_two_leg_masked_call(quiet_sim: Simulator, quiet_api: Api) -> None:
    api = quiet_api
    before = {r["channel"] for r in await api.rows("activecalls")}
    bridged = 0
    for attempt in range(6):
        number1, number2 = f"90532000000{attempt}", f"90555000000{attempt}"
        obj = await api.call(
            "callback", number1=number1, number2=number2, dp="outbound", uf=f"cb-{attempt}"
        )
        assert obj["success"] is True
        (first,) = await new_legs(api, before)
        assert first["channel"].startswith("Local/") and first["channel"].endswith(";1")
        assert (first["callinfo"], first["dst"]) == ("Dialing", number1)
        masked_id = first["src"]
        assert masked_id not in (number1, number2)
        seen: dict[str, list[dict[str, Any]]] = {}
        both_talking = False
        for _ in range(150):
            legs = await new_legs(api, before)
            if not legs:
                break
            for row in legs:
                seen.setdefault(row["channel"], []).append(row)
            both_talking |= len(legs) == 2 and {r["callinfo"] for r in legs} == {"Talking"}
            quiet_sim.advance(2)
        assert not await new_legs(api, before)
        first_rows = seen.pop(first["channel"])
        assert all(number2 not in row.values() for row in first_rows)
        assert {(r["src"], r["dst"]) for r in first_rows} == {(masked_id, number1)}
        if seen:
            (second_rows,) = seen.values()
            assert all(number1 not in row.values() for row in second_rows)
            assert {(r["src"], r["dst"]) for r in second_rows} == {(masked_id, number2)}
            assert [r["callinfo"] for r in second_rows][:1] == ["Ringing"]
        if both_talking:
            bridged += 1
            (cdr,) = await today_cdr(api, number=number2, uf="yes")
            assert (cdr["src"], cdr["dst"], cdr["userfield"]) == (number1, number2, f"cb-{attempt}")
            assert cdr["disposition"] == "ANSWERED"
    assert bridged >= 1
    bad = await api.call("callback", number1="905320000000", number2="", dp="x")
    assert bad["success"] is False


@pytest.mark.asyncio
@pytest.mark.parametrize("leg", [0, 1], ids=["first-leg", "second-leg"])
async def test_hanging_up_either_leg_ends_the_masked_call(
    quiet_sim: Simulator, quiet_api: Api, leg: int
) -> None:
    api = quiet_api
    number1, number2 = "905320000042", "02125550042"
    before = {r["channel"] for r in await api.rows("activecalls")}
    obj = await api.call("callback", number1=number1, number2=number2, dp="out", uf="cb-42")
    assert obj["success"] is True
    for _ in range(30):
        legs = await new_legs(api, before)
        if [r["callinfo"] for r in legs] == ["Talking", "Talking"]:
            break
        quiet_sim.advance(1)
    assert [r["callinfo"] for r in legs] == ["Talking", "Talking"]
    assert len({r["channel"] for r in legs}) == 2
    assert (await api.call("hangupcall", channel=legs[leg]["channel"]))["success"] is True
    assert await new_legs(api, before) == []
    other = legs[1 - leg]["channel"]
    assert (await api.call("hangupcall", channel=other))["success"] is False
    (cdr,) = await today_cdr(api, number=number1, uf="yes")
    assert (cdr["src"], cdr["dst"], cdr["userfield"]) == (number1, number2, "cb-42")
    assert cdr["disposition"] == "ANSWERED"


@pytest.mark.asyncio
async def test_callivr_carries_custom_data_into_userfield(
    quiet_sim: Simulator, quiet_api: Api
) -> None:
    api = quiet_api
    number, custom = "905419998877", "Sipariş 4711 & ödeme"
    obj = await api.call(
        "callivr", number=number, dp="kampanya", dest="701", uf=custom, file="{tts1}|anons1"
    )
    assert obj["success"] is True
    row = await live_row(api, dst=number)
    assert row is not None and row["callinfo"] == "Dialing"
    quiet_sim.advance(200)
    assert await live_row(api, dst=number) is None
    (cdr,) = await today_cdr(api, number=number, uf="yes")
    assert cdr["userfield"] == custom
    assert cdr["calltype"] == "outcoming"
    (plain,) = await today_cdr(api, number=number)
    assert plain["userfield"] == ""
    missing = await api.call("callivr", number=number, dp="kampanya", uf="x")
    assert missing["success"] is False


@pytest.mark.asyncio
async def test_a_live_call_recording_is_downloadable(quiet_sim: Simulator, quiet_api: Api) -> None:
    api = quiet_api
    numbers = [f"90530123456{i}" for i in range(10)]
    busy: set[str] = set()
    for number in numbers:
        ext = await free_extension(api, busy)
        busy.add(ext)
        assert (await api.call("callnumber", number=number, internal=ext))["success"] is True
    quiet_sim.advance(600)
    assert len(await api.rows("activecalls")) == 1  # only the forgotten conference line
    rows = [r for r in await today_cdr(api) if r["dst"] in numbers]
    assert len(rows) == len(numbers)
    recorded = [r for r in rows if r["record"]]
    assert recorded, "no call made here was recorded"
    reply = await api.raw("record", id=recorded[0]["id"])
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "audio/x-gsm"
    assert len(reply.body) % 33 == 0 and reply.body[0] >> 4 == 0xD
    unrecorded = [r for r in rows if not r["record"]]
    if unrecorded:
        assert (await api.call("record", id=unrecorded[0]["id"]))["success"] is False


@pytest.mark.asyncio
async def test_same_seed_same_pbx(make_sim: SimFactory, api_for: ApiFor) -> None:
    a, b, c = [api_for(await make_sim(seed=s)) for s in (11, 11, 12)]
    for action in ("users", "queues"):
        assert await a.rows(action) == await b.rows(action)
    day = datetime.now() - timedelta(days=5)
    params = {"date1": day.strftime("%d%m%Y0000"), "date2": day.strftime("%d%m%Y2359")}
    assert await a.rows("cdr", **params) == await b.rows("cdr", **params)
    assert (await a.raw("phonedirectory")).body == (await b.raw("phonedirectory")).body
    assert await a.rows("users") != await c.rows("users")
    assert (await a.raw("phonedirectory")).body != (await c.raw("phonedirectory")).body


@pytest.mark.asyncio
@pytest.mark.parametrize("seed", range(8))
async def test_every_seed_starts_busy(make_sim: SimFactory, api_for: ApiFor, seed: int) -> None:
    api = api_for(await make_sim(seed=seed))
    rows = await api.rows("activecalls")
    assert len([r for r in rows if r["calltype"] != "ConfBridge(800)"]) >= 2


@pytest.mark.asyncio
async def test_speed_runs_simulated_time_faster(make_sim: SimFactory, api_for: ApiFor) -> None:
    sim = await make_sim(speed=3600, calls_per_minute=0)
    api = api_for(sim)
    (conference,) = await api.rows("activecalls")
    started = seconds(conference["duration"])
    for _ in range(500):  # one simulated hour passes in a wall-clock second
        (conference,) = await api.rows("activecalls")
        if seconds(conference["duration"]) >= started + 300:
            break
        await asyncio.sleep(0.02)
    else:
        raise AssertionError("simulated time did not run faster")
