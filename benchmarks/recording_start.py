"""recording_start_ms: "play" on a cached 5-minute recording until the player is playing.

In-process and offscreen. A 5-minute GSM recording from the simulator's generator is put
in a RecordingCache; each run calls the recordings pane's `play_recording` (what the play
button does) and times until the player reports PlayingState. The first run in the
process (the media backend loading) is reported apart; the target applies to the median
of the runs after it. `recording_position_ms` is the time until the position first moves
(sound flowing; with no audio device the backend's clock still runs).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET = 300.0
RUNS = 9
SECONDS = 300.0
CALL_ID = "1700000000.42"


def _wait(qapp: Any, condition: Any, timeout: float = 10.0) -> None:
    from PySide6.QtCore import QEventLoop

    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise RuntimeError("the player did not start within the timeout")
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _cached_recording(root: Path) -> Any:
    from desktop.services.recordings import RecordingCache, cache_key
    from desktop.simulator import recordings

    cache = RecordingCache(root, "pbx.example", 100 * 1024 * 1024)
    cache.folder.mkdir(parents=True)
    (cache.folder / f"{cache_key(CALL_ID)}.gsm").write_bytes(
        recordings.recording(1, CALL_ID, SECONDS)
    )
    return cache


async def _never_download(*_args: Any, **_kwargs: Any) -> Path:
    raise AssertionError("a cached recording must not be downloaded")


def run() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtMultimedia import QMediaPlayer

    from desktop.ui.recordings.pane import RecordingPane
    from desktop.ui.shell.application import create_qapplication

    qapp = create_qapplication()
    playing = QMediaPlayer.PlaybackState.PlayingState
    with tempfile.TemporaryDirectory(prefix="iexpbx-recording-start-") as folder:
        cache = _cached_recording(Path(folder))
        pane = RecordingPane()
        pane.resize(560, 160)
        pane.show()
        pane.set_source(_never_download, cache)
        media = pane.player.media
        started: list[float] = []
        moving: list[float] = []
        try:
            for _ in range(RUNS + 1):
                pane.player.unload()
                qapp.processEvents()
                start = time.perf_counter()
                if pane.play_recording(CALL_ID, "5 minutes") is not None:
                    raise RuntimeError("the cached recording was downloaded again")
                _wait(qapp, lambda: media.playbackState() == playing)
                started.append((time.perf_counter() - start) * 1000)
                _wait(qapp, lambda: media.position() > 0)
                moving.append((time.perf_counter() - start) * 1000)
                if abs(media.duration() - SECONDS * 1000) > 200:
                    raise RuntimeError(f"the player reports {media.duration()} ms, not 5 minutes")
        finally:
            pane.shutdown()
            pane.close()
            pane.deleteLater()
            qapp.processEvents()
    return {
        "recording_start_ms": statistics.median(started[1:]),
        "recording_start_first_ms": started[0],
        "recording_start_max_ms": max(started[1:]),
        "recording_position_ms": statistics.median(moving[1:]),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<28}{value:10.3f}")
