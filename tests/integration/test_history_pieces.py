"""A long period loaded in day pieces from the simulator equals one request for it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from desktop.pbx import PbxClient
from desktop.pbx.models import CallRecord
from desktop.services.history import HistoryRows
from desktop.services.history_loader import HistoryLoader
from desktop.services.history_ranges import QuickRange, quick_range
from desktop.simulator import Simulator, SimulatorConfig


async def test_last_seven_days_in_pieces_are_exactly_the_simulators_rows() -> None:
    config = SimulatorConfig(seed=7, username="u", password="p", cdr_per_day=200)
    async with Simulator(config) as sim, PbxClient(sim.base_url, "u", "p", timeout=10) as pbx:
        start, end = quick_range(QuickRange.LAST_7_DAYS, datetime.now())
        whole = await pbx.call_records(start, end)
        asked: list[tuple[datetime, datetime]] = []

        async def fetch(a: datetime, b: datetime) -> Sequence[CallRecord]:
            asked.append((a, b))
            return await pbx.call_records(a, b)

        rows = HistoryRows()
        progress: list[int] = []
        result = await HistoryLoader(fetch).run(
            start, end, lambda piece, got: rows.add(got), lambda d, t: progress.append(d)
        )
    assert result.complete and len(asked) == 7 and progress == list(range(8))
    assert len(whole) > 500
    assert [rows.row(i) for i in range(len(rows))] == sorted(
        whole, key=lambda r: (r.date, int(r.id))
    )
