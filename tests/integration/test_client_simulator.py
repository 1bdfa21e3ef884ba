"""The API client against the simulated PBX: every action, every phonebook format, faults."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.pbx import (
    ActiveCall,
    PbxApiError,
    PbxAuthError,
    PbxClient,
    PbxConnectionError,
    PbxHttpError,
    PbxProtocolError,
    PbxTimeoutError,
)
from desktop.pbx.audio import GSM_FRAME
from desktop.simulator import PHONEBOOK_CHARSETS, PHONEBOOK_FORMATS, Simulator, SimulatorConfig

USER, PASSWORD = "apiuser", "Sim-Pw&42"


@pytest.fixture
async def sim() -> AsyncIterator[Simulator]:
    simulator = Simulator(SimulatorConfig(seed=7, username=USER, password=PASSWORD, port=0))
    await simulator.start()
    yield simulator
    await simulator.stop()


@pytest.fixture
async def pbx(sim: Simulator) -> AsyncIterator[PbxClient]:
    async with PbxClient(sim.base_url, USER, PASSWORD, timeout=5) as client:
        yield client


async def _wait_for(predicate, *, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not await predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


async def test_live_calls_from_the_first_second(pbx: PbxClient) -> None:
    calls = await pbx.active_calls()
    assert calls, "the switchboard starts busy"
    for call in calls:
        assert call.channel and call.src and call.dst
        assert call.duration >= timedelta(0)
        assert call.call_info


async def test_extensions_and_queues(pbx: PbxClient) -> None:
    extensions = await pbx.extensions()
    assert len(extensions) >= 20
    assert any(e.registered and e.latency_ms for e in extensions)
    assert any(not e.registered for e in extensions)
    assert {e.status.split(" ")[0] for e in extensions} >= {"OK", "UNREACHABLE"}
    queues = await pbx.queues()
    assert len(queues) >= 3
    numbers = {e.number for e in extensions}
    for queue in queues:
        assert set(queue.members) <= numbers
    assert any(queue.members for queue in queues)


async def test_call_history_for_a_day_and_a_number(pbx: PbxClient) -> None:
    end = datetime.now().replace(second=0, microsecond=0)
    start = end - timedelta(days=1)
    records = await pbx.call_records(start, end)
    assert len(records) > 50
    assert all(start <= r.date <= end + timedelta(minutes=1) for r in records)
    assert {r.disposition for r in records} <= {"ANSWERED", "BUSY", "NO ANSWER", "FAILED"}
    with_recording = sum(r.has_recording for r in records)
    assert 0.15 < with_recording / len(records) < 0.5
    number = records[0].src
    mine = await pbx.call_records(start, end, number=number)
    # The PBX matches the number anywhere in src or dst (as its own search box does).
    assert mine and all(number in r.src or number in r.dst for r in mine)
    assert any(number in (r.src, r.dst) for r in mine)


async def test_dial_hang_up_and_history(sim: Simulator, pbx: PbxClient) -> None:
    ext = next(e for e in await pbx.extensions() if e.registered)
    before = {c.channel for c in await pbx.active_calls()}
    await pbx.call_number("05321234567", ext.number)

    async def dialled() -> bool:
        return any(
            "05321234567" in (c.src, c.dst) and c.channel not in before
            for c in await pbx.active_calls()
        )

    await _wait_for(dialled)
    call = next(c for c in await pbx.active_calls() if "05321234567" in (c.src, c.dst))
    await pbx.hangup(call.channel)
    assert call.channel not in {c.channel for c in await pbx.active_calls()}
    now = datetime.now()
    history = await pbx.call_records(now - timedelta(minutes=5), now + timedelta(minutes=2))
    assert any("05321234567" in (r.src, r.dst) for r in history)


async def test_hanging_up_an_unknown_channel_is_refused(pbx: PbxClient) -> None:
    with pytest.raises(PbxApiError):
        await pbx.hangup("SIP/does-not-exist-0000")


async def test_ivr_call_carries_custom_data_into_history(pbx: PbxClient) -> None:
    number = "905551112233"
    await pbx.call_ivr(
        number,
        dial_plan="outbound",
        ivr="7001",
        custom_data="siparis-1042",
        announcements=["hosgeldiniz", "{Siparişiniz hazır}"],
    )

    async def live() -> bool:
        return bool(await _live_with(pbx, number))

    await _wait_for(live)
    for call in await _live_with(pbx, number):
        await pbx.hangup(call.channel)
    now = datetime.now()
    records = await pbx.call_records(
        now - timedelta(minutes=5), now + timedelta(minutes=5), ivr_data=True
    )
    assert any(r.userfield == "siparis-1042" and number in (r.src, r.dst) for r in records)


async def _live_with(pbx: PbxClient, number: str) -> list[ActiveCall]:
    return [c for c in await pbx.active_calls() if number in (c.src, c.dst)]


async def test_masked_callback_makes_two_legs(sim: Simulator, pbx: PbxClient) -> None:
    number1, number2 = "905551110000", "905552220000"
    await pbx.callback(number1, number2, dial_plan="masked", custom_data="cb-1")
    sim.advance(12)  # past the first leg's ringing

    async def legs() -> bool:
        live = await pbx.active_calls()
        first = [c for c in live if number1 in (c.src, c.dst)]
        second = [c for c in live if number2 in (c.src, c.dst)]
        return (
            len(first) == len(second) == 1
            and first[0].channel != second[0].channel
            and number2 not in (first[0].src, first[0].dst)
            and number1 not in (second[0].src, second[0].dst)
        )

    await _wait_for(legs)


async def test_recording_download_is_gsm(pbx: PbxClient, tmp_path: Path) -> None:
    end = datetime.now()
    records = await pbx.call_records(end - timedelta(days=2), end)
    record = next(r for r in records if r.has_recording)
    without = next(r for r in records if not r.has_recording)
    progress: list[int] = []
    path = await pbx.download_recording(
        record.id, tmp_path, progress=lambda d, t: progress.append(d)
    )
    data = path.read_bytes()
    assert path.suffix == ".gsm"
    assert len(data) % GSM_FRAME == 0 and len(data) >= GSM_FRAME * 50 * 2  # ≥ 2 s
    assert progress[-1] == len(data)
    with pytest.raises(PbxApiError):
        await pbx.download_recording(without.id, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("fmt", PHONEBOOK_FORMATS)
@pytest.mark.parametrize("charset", PHONEBOOK_CHARSETS)
async def test_every_phonebook_format_and_charset(fmt: str, charset: str) -> None:
    config = SimulatorConfig(
        seed=3, username=USER, password=PASSWORD, phonebook_format=fmt, phonebook_charset=charset
    )
    async with Simulator(config) as sim, PbxClient(sim.base_url, USER, PASSWORD) as pbx:
        contacts = await pbx.phone_directory()
    assert len(contacts) >= 500
    names = " ".join(c.name for c in contacts)
    assert any(ch in names for ch in "şğıİçöü")
    assert "&" in names
    assert any(len(c.numbers) > 1 for c in contacts)
    assert all(c.numbers and all(n.lstrip("+").isdigit() for n in c.numbers) for c in contacts)
    assert all(unicodedata.is_normalized("NFC", c.name) for c in contacts)


async def test_same_phonebook_whatever_the_format() -> None:
    seen = []
    for fmt in ("cisco", "grandstream", "snom-tbook", "snom-tbook2", "polycom", "address-book"):
        config = SimulatorConfig(seed=3, username=USER, password=PASSWORD, phonebook_format=fmt)
        async with Simulator(config) as sim, PbxClient(sim.base_url, USER, PASSWORD) as pbx:
            seen.append([(c.name, c.numbers) for c in await pbx.phone_directory()])
    assert seen[0] == seen[1] == seen[2]


async def test_bare_envelope_reads_the_same() -> None:
    results = []
    for bare in (False, True):
        config = SimulatorConfig(seed=5, username=USER, password=PASSWORD, bare_envelope=bare)
        async with Simulator(config) as sim, PbxClient(sim.base_url, USER, PASSWORD) as pbx:
            results.append((await pbx.extensions(), await pbx.queues()))
    assert results[0] == results[1]


async def test_wrong_password_is_an_auth_error(sim: Simulator) -> None:
    async with PbxClient(sim.base_url, USER, "wrong") as pbx:
        with pytest.raises(PbxAuthError):
            await pbx.active_calls()


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("html502", PbxHttpError),
        ("truncated", PbxProtocolError),
        ("empty", PbxProtocolError),
        ("http401", PbxAuthError),
    ],
)
async def test_named_faults_become_readable_errors(
    sim: Simulator, pbx: PbxClient, fault: str, error: type[Exception]
) -> None:
    sim.set_fault(fault)
    with pytest.raises(error) as info:
        await pbx.active_calls()
    assert PASSWORD not in str(info.value)
    sim.set_fault(None)
    assert isinstance(await pbx.active_calls(), list)


async def test_hang_fault_times_out(sim: Simulator) -> None:
    sim.set_fault("hang")
    try:
        async with PbxClient(sim.base_url, USER, PASSWORD, timeout=0.5) as pbx:
            with pytest.raises(PbxTimeoutError):
                await pbx.extensions()
    finally:
        sim.set_fault(None)


async def test_torn_recording_leaves_no_file(
    sim: Simulator, pbx: PbxClient, tmp_path: Path
) -> None:
    end = datetime.now()
    record = next(
        r for r in await pbx.call_records(end - timedelta(days=2), end) if r.has_recording
    )
    sim.set_fault("torn-recording")
    with pytest.raises(PbxConnectionError):
        await pbx.download_recording(record.id, tmp_path)
    assert list(tmp_path.iterdir()) == []


async def test_paused_pbx_is_unreachable_then_back(sim: Simulator, pbx: PbxClient) -> None:
    await sim.pause()
    with pytest.raises(PbxConnectionError):
        await pbx.active_calls()
    await sim.resume()
    assert isinstance(await pbx.active_calls(), list)
