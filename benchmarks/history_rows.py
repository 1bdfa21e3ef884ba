"""History rows in memory: storing, filtering and summarising 100,000 calls like the simulator's.

`history_store_mb_per_100k` is the memory (tracemalloc) that 100,000 rows add to the History
tab's store and its search index, fed straight from a parsed reply. The figure with a
target, `cdr_rss_mb_per_100k`, is cdr_load's: the same rows loaded by the tab over HTTP.
"""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from datetime import datetime, timedelta

from desktop.pbx import cdr
from desktop.pbx.models import CallRecord
from desktop.services.history import Direction, HistoryRows, Outcome
from desktop.services.history_summary import summarise
from desktop.simulator import people, traffic
from desktop.simulator.history import History

ROWS = 100_000
DAYS = 30


def simulator_reply(rows: int = ROWS, seed: int = 7) -> tuple[bytes, datetime, datetime]:
    """A `cdr` reply with about `rows` rows of the simulator's making, and its period."""
    exts = people.extensions(seed, 24)
    office = traffic.Office(seed, exts, people.queues(seed, exts), 600)
    end = datetime(2026, 10, 31, 23, 59)
    # Weekends are quiet: ask for more a day, then keep the newest `rows`.
    history = History(office, round(rows / DAYS / 0.7), DAYS, end.timestamp())
    start = end - timedelta(days=DAYS - 1, hours=23, minutes=59)
    found = history.query(start, end)[:rows]
    payload = [{"success": True, "count": str(len(found)), "data": [r.wire(True) for r in found]}]
    return json.dumps(payload).encode(), start, end


def _pieces(records: list[CallRecord]) -> list[list[CallRecord]]:
    """The reply cut into days, delivered in a shuffled order (as concurrent pieces arrive)."""
    by_day: dict[object, list[CallRecord]] = {}
    for r in records:
        by_day.setdefault(r.date.date(), []).append(r)
    days = list(by_day.values())
    return days[1::2] + days[0::2]


def run() -> dict[str, float]:
    body, start, end = simulator_reply()
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    records = cdr.call_records_from_body(body)
    t0 = time.perf_counter()
    store = HistoryRows(name_for=lambda n: "Ayşe Yılmaz" if n.endswith("7") else None)
    for piece in _pieces(records):
        store.add(piece)
    t1 = time.perf_counter()
    store.matching(text="ayse")  # builds the search index
    del records
    gc.collect()
    added = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    t2 = time.perf_counter()
    everything = store.matching()
    filtered = store.matching({Direction.INCOMING}, {Outcome.MISSED, Outcome.BUSY})
    t3 = time.perf_counter()
    found = store.matching(text="sipariş")
    t4 = time.perf_counter()
    summary = summarise(store, everything, start, end)
    t5 = time.perf_counter()
    assert len(store) == ROWS and summary.total == ROWS, (len(store), summary.total)
    return {
        "history_store_mb_per_100k": added / 1e6 * 100_000 / len(store),
        "history_store_s": t1 - t0,
        "history_filter_ms": (t3 - t2) * 1000,
        "history_search_ms": (t4 - t3) * 1000,
        "history_summary_ms": (t5 - t4) * 1000,
        "history_filtered_rows": float(len(filtered)),
        "history_found_rows": float(len(found)),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<26}{value:>12.3f}")
