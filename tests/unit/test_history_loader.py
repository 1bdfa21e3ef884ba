"""Loading a long period in pieces: progress, rows as they arrive, retries, failures, cancel."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest

from desktop.pbx.errors import PbxAuthError, PbxConnectionError
from desktop.pbx.models import CallRecord
from desktop.services.history_loader import HistoryLoader
from desktop.services.history_ranges import Piece

START = datetime(2026, 3, 1)
END = datetime(2026, 3, 10, 23, 59)  # ten pieces


def record(rid: int, when: datetime) -> CallRecord:
    return CallRecord(
        str(rid), when, "incoming", "05321234567", "101", timedelta(seconds=30),
        "ANSWERED", "", False, "",
    )  # fmt: skip


class FakePbx:
    """Answers like the simulator: date2 is a whole minute, inclusive; one call a 30 minutes
    plus calls at 23:59:30 and 00:00:00, the edges a piece boundary could lose or double."""

    def __init__(self) -> None:
        self.calls: list[tuple[datetime, datetime]] = []
        self.fail: dict[datetime, int] = {}  # piece start -> failures still to give
        self.gate: asyncio.Event | None = None
        self.rows = []
        t, n = START - timedelta(days=1), 1
        while t < END + timedelta(days=1):
            self.rows.append(record(n, t))
            n += 1
            t += timedelta(minutes=30)
        for day in range(12):
            self.rows.append(record(n, START + timedelta(days=day, seconds=-30)))
            n += 1

    def expected(self) -> set[str]:
        hi = END + timedelta(seconds=59.999)
        return {r.id for r in self.rows if START <= r.date <= hi}

    async def fetch(self, start: datetime, end: datetime) -> Sequence[CallRecord]:
        self.calls.append((start, end))
        if self.gate is not None:
            await self.gate.wait()
        await asyncio.sleep(0)
        left = self.fail.get(start, 0)
        if left:
            self.fail[start] = left - 1
            raise PbxConnectionError("The PBX did not answer.")
        hi = end + timedelta(seconds=59.999)
        return sorted((r for r in self.rows if start <= r.date <= hi), key=lambda r: -int(r.id))


async def no_sleep(seconds: float) -> None:
    await asyncio.sleep(0)


async def test_every_row_once_with_progress_and_at_most_three_requests_at_once() -> None:
    pbx = FakePbx()
    in_flight = peak = 0

    async def fetch(start: datetime, end: datetime) -> Sequence[CallRecord]:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            await asyncio.sleep(0.001)
            return await pbx.fetch(start, end)
        finally:
            in_flight -= 1

    got: list[str] = []
    pieces: list[Piece] = []
    progress: list[tuple[int, int]] = []

    def on_rows(piece: Piece, rows: list[CallRecord]) -> None:
        pieces.append(piece)
        got.extend(r.id for r in rows)

    result = await HistoryLoader(fetch, concurrency=3).run(
        START, END, on_rows, lambda d, t: progress.append((d, t))
    )
    assert result.complete and result.total == 10 and result.rows == len(got)
    assert sorted(got) == sorted(pbx.expected()) and len(got) == len(set(got))
    assert progress == [(k, 10) for k in range(11)]
    assert len(pieces) == 10 and peak == 3


async def test_a_failing_piece_is_retried_then_reported_by_its_dates() -> None:
    pbx = FakePbx()
    pbx.fail[datetime(2026, 3, 4)] = 2  # two failures, then it answers
    pbx.fail[datetime(2026, 3, 6)] = 99  # never answers
    got: list[str] = []
    delays: list[float] = []

    async def sleep(seconds: float) -> None:
        delays.append(seconds)

    loader = HistoryLoader(pbx.fetch, retries=2, retry_delay=0.5, sleep=sleep)
    result = await loader.run(START, END, lambda p, rows: got.extend(r.id for r in rows))
    assert not result.complete and result.done == 10
    [failed] = result.failed
    assert (failed.piece.start, failed.piece.end) == (datetime(2026, 3, 6), datetime(2026, 3, 7))
    assert isinstance(failed.error, PbxConnectionError)
    assert sum(1 for s, _ in pbx.calls if s == datetime(2026, 3, 6)) == 3
    assert sum(1 for s, _ in pbx.calls if s == datetime(2026, 3, 4)) == 3
    assert sorted(delays) == [0.5, 0.5, 1.0, 1.0]
    lost = {r.id for r in pbx.rows if failed.piece.owns(r.date)} & pbx.expected()
    assert set(got) == pbx.expected() - lost


async def test_a_wrong_password_stops_the_load_and_reports_every_piece() -> None:
    calls = 0

    async def fetch(start: datetime, end: datetime) -> Sequence[CallRecord]:
        nonlocal calls
        calls += 1
        raise PbxAuthError("The PBX rejected the user name or password.")

    result = await HistoryLoader(fetch, concurrency=3, sleep=no_sleep).run(
        START, END, lambda p, r: None
    )
    assert 1 <= calls <= 3  # at most one try per worker: no retries, nothing more asked
    assert len(result.failed) == 10 and result.done == 10
    assert {f.piece.start.day for f in result.failed} == set(range(1, 11))


async def test_cancel_stops_requests_and_delivers_nothing_more() -> None:
    pbx = FakePbx()
    pbx.gate = asyncio.Event()
    delivered: list[Piece] = []
    loader = HistoryLoader(pbx.fetch, concurrency=3)
    task = asyncio.create_task(loader.run(START, END, lambda p, r: delivered.append(p)))
    while len(pbx.calls) < 3:
        await asyncio.sleep(0)
    loader.cancel()
    pbx.gate.set()
    result = await asyncio.wait_for(task, 5)
    for _ in range(10):
        await asyncio.sleep(0)
    assert result.cancelled and not result.complete
    assert len(pbx.calls) == 3 and delivered == []


async def test_cancelling_the_caller_cancels_the_requests() -> None:
    pbx = FakePbx()
    pbx.gate = asyncio.Event()
    loader = HistoryLoader(pbx.fetch, concurrency=2)
    task = asyncio.create_task(loader.run(START, END, lambda p, r: None))
    while len(pbx.calls) < 2:
        await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    pbx.gate.set()
    for _ in range(10):
        await asyncio.sleep(0)
    assert len(pbx.calls) == 2
