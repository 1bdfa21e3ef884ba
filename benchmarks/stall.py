"""max_stall_ms: the longest gap of a 10 ms heartbeat QTimer during a 30 s demo session.

In-process and offscreen: the app as `--demo` builds it, polling the simulated PBX on
its usual interval, while call recordings download every few seconds. A gap far above
10 ms is a moment the window could not repaint or react to a click.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

TARGET = 50.0
SESSION_S = 30.0
HEARTBEAT_MS = 10
DOWNLOAD_EVERY_S = 5.0


async def _wait_for(condition: Any, timeout: float) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def _download_recordings(app: Any, folder: Path, done: list[int]) -> None:
    """Fetch today's calls with recordings and download one every few seconds."""
    session = app.session
    now = datetime.now().replace(microsecond=0)
    records = await session.call_records(now - timedelta(days=1), now)
    recorded = [r for r in reversed(records) if r.has_recording]
    if not recorded:
        raise RuntimeError("the demo PBX has no recordings to download")
    for record in recorded:
        await session.download_recording(record.id, folder)
        done.append(1)
        await asyncio.sleep(DOWNLOAD_EVERY_S)


async def _session() -> dict[str, float]:
    from PySide6.QtCore import Qt, QTimer

    from desktop import cli
    from desktop.app import App

    app = App(cli.parse_args(["--demo"]))
    await app.start()
    try:
        await _wait_for(lambda: app.first_calls_shown, 60)
        beats: list[float] = []
        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.setInterval(HEARTBEAT_MS)
        heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
        downloads: list[int] = []
        with tempfile.TemporaryDirectory(prefix="iexpbx-stall-") as folder:
            heartbeat.start()
            fetching = asyncio.ensure_future(_download_recordings(app, Path(folder), downloads))
            await asyncio.sleep(SESSION_S)
            heartbeat.stop()
            fetching.cancel()
            await asyncio.wait([fetching])
            failure = None if fetching.cancelled() else fetching.exception()
            if failure is not None:
                raise failure
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(beats)]
    finally:
        await app.shutdown()
    if not downloads:
        raise RuntimeError("no recording was downloaded during the session")
    gaps.sort()
    return {
        "max_stall_ms": gaps[-1],
        "stall_p99_ms": gaps[int(len(gaps) * 0.99)],
        "stall_median_ms": statistics.median(gaps),
        "stall_downloads": float(len(downloads)),
    }


def run() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync

    from desktop.ui.shell.application import create_qapplication

    qapp = create_qapplication()
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        return runner.run(_session())


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<24}{value:10.3f}")
