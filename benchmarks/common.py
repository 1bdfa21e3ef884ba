"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(
    *fns: Callable[[], object], repeat: int = 7, warmup: int = 1
) -> tuple[float, ...]:
    """Median wall time of each of `fns` over `repeat` rounds, after `warmup` unmeasured ones.

    The functions take turns within each round, so a machine that speeds up or slows down
    while the benchmark runs (a shared host) affects all of them alike.
    """
    for _ in range(warmup):
        for fn in fns:
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, taken in zip(fns, times, strict=True):
            start = time.perf_counter()
            fn()
            taken.append(time.perf_counter() - start)
    return tuple(statistics.median(taken) for taken in times)
