"""The History tab loading 100,000 calls from the simulated PBX over HTTP, against bare httpx.

`cdr_load_ratio`: a `HistoryTab` (offscreen, shown) fed with a `PbxClient`'s
`call_records`, as the app feeds it, loads a period holding 100,000 calls: from `load()`
(what the Load button does) until its task is done and every row is in the tab's model.
The tab asks a day per request, three at once; the baseline sends the same URLs, three at
once, with a bare `httpx.AsyncClient` and `json.loads` each reply. Both take turns round by
round in the same run against the same running simulator (a `SimulatorThread` in this
process, whose day cache holds the whole period, so each reply is only serialised); the
ratio is of the medians.

`cdr_rss_mb_per_100k`: the memory (tracemalloc) still held after one more such load, per
100,000 rows: the rows in the model, the search index one search builds, and whatever else
the load left behind. Qt's own C++ allocations are not traced; the model keeps no Qt
object per row.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import statistics
import time
import tracemalloc
from collections import deque
from datetime import date, datetime, timedelta
from datetime import time as day_time
from typing import Any

ROWS = 100_000
DAYS = 7  # the week before today: the simulator keeps 8 days generated
CDR_PER_DAY = 20_000  # about 112,000 calls a week (quiet weekends)
CONCURRENCY = 3  # the tab's default
ROUNDS = 5


def _period(records: list[Any]) -> tuple[datetime, datetime]:
    """The last minute of yesterday back to the minute that makes the period hold ROWS calls."""
    if len(records) < ROWS:
        raise RuntimeError(f"the simulated week holds {len(records)} calls, fewer than {ROWS}")
    newest_first = sorted((r.date for r in records), reverse=True)
    start = newest_first[ROWS - 1].replace(second=0, microsecond=0)
    end = datetime.combine(date.today() - timedelta(days=1), day_time(23, 59))
    return start, end


def _set_period(tab: Any, start: datetime, end: datetime) -> None:
    from PySide6.QtCore import QDate, QDateTime, QTime

    for edit, value in ((tab.from_edit, start), (tab.to_edit, end)):  # as a user picks them
        edit.setDateTime(
            QDateTime(
                QDate(value.year, value.month, value.day),
                QTime(value.hour, value.minute),
                edit.dateTime().timeZone(),
            )
        )
    if tab.period() != (start, end):
        raise RuntimeError("the History tab did not take the period")


async def _bare(http: Any, urls: list[str]) -> int:
    """GET every URL, CONCURRENCY at a time, and json.loads each reply; returns the rows."""
    todo = deque(urls)
    rows = 0

    async def worker() -> None:
        nonlocal rows
        while todo:
            reply = json.loads((await http.get(todo.popleft())).content)
            rows += len(reply[0]["data"])

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return rows


async def _measure(sim: Any, username: str, password: str) -> dict[str, float]:
    import httpx

    from desktop.pbx import PbxClient, wire
    from desktop.services.history_ranges import day_pieces
    from desktop.ui.history.history_tab import HistoryTab

    client = PbxClient(sim.base_url, username, password)
    http = httpx.AsyncClient(base_url=sim.base_url, trust_env=False, timeout=60.0)
    tab = HistoryTab()
    tab.set_fetch(
        lambda start, end, number, ivr: client.call_records(start, end, number=number, ivr_data=ivr)
    )
    tab.resize(1200, 700)
    tab.show()
    try:
        today = datetime.combine(date.today(), day_time())
        week = await client.call_records(today - timedelta(days=DAYS), today - timedelta(minutes=1))
        start, end = _period(week)
        expected = sum(1 for r in week if start <= r.date)
        del week
        _set_period(tab, start, end)
        urls = [
            str(
                httpx.URL(
                    sim.base_url + "/api/old/get",
                    params={
                        "action": "cdr",
                        "date1": wire.format_query_date(piece.start),
                        "date2": wire.format_query_date(piece.end),
                        "number": "",
                        "username": username,
                        "password": password,
                    },
                )
            )
            for piece in day_pieces(start, end)
        ]

        async def ours() -> float:
            began = time.perf_counter()
            task = tab.load()
            if task is None or await task is None:
                raise RuntimeError("the History tab did not load")
            taken = time.perf_counter() - began
            if tab.model.rowCount() != expected:
                raise RuntimeError(f"the tab shows {tab.model.rowCount()} of {expected} calls")
            return taken

        async def theirs() -> float:
            began = time.perf_counter()
            rows = await _bare(http, urls)
            taken = time.perf_counter() - began
            if rows < expected:
                raise RuntimeError(f"the bare requests got {rows} of {expected} calls")
            return taken

        await ours()  # warm-up: connections open, code paths run once
        await theirs()
        mine: list[float] = []
        bare: list[float] = []
        for round_ in range(ROUNDS):
            # Alternating who goes first: neither always follows the other's garbage.
            pair = (ours, theirs) if round_ % 2 == 0 else (theirs, ours)
            for fn in pair:
                (mine if fn is ours else bare).append(await fn())

        # Memory: one more load, traced, from an empty model.
        tab.model.clear()
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        task = tab.load()
        if task is None or await task is None:
            raise RuntimeError("the History tab did not load")
        tab.search_edit.setText("ayse")  # builds the search index, as the first search does
        tab.search_edit.clear()
        gc.collect()
        added = tracemalloc.get_traced_memory()[0] - base
        tracemalloc.stop()
    finally:
        tab.tasks.cancel_all()
        tab.close()
        tab.deleteLater()
        await client.aclose()
        await http.aclose()
    return {
        "cdr_load_ratio": statistics.median(mine) / statistics.median(bare),
        "cdr_load_s": statistics.median(mine),
        "cdr_load_bare_s": statistics.median(bare),
        "cdr_load_rows": float(expected),
        "cdr_load_requests": float(len(urls)),
        "cdr_rss_mb_per_100k": added / 1e6 * 100_000 / expected,
    }


def run() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import logging

    import qasync

    from desktop.simulator import SimulatorConfig, SimulatorThread
    from desktop.ui.shell.application import create_qapplication

    qapp = create_qapplication()
    logging.getLogger("qt").setLevel(logging.ERROR)
    username, password = "bench", "bench-cdr-load-secret"
    config = SimulatorConfig(
        username=username,
        password=password,
        cdr_per_day=CDR_PER_DAY,
        history_days=DAYS + 1,
        calls_per_minute=0,
    )
    with (
        SimulatorThread(config) as sim,
        asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner,
    ):
        return runner.run(_measure(sim, username, password))


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<24}{value:>12.3f}")
