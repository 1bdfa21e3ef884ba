"""startup_ratio: `--demo` from process spawn to its first live calls painted, against the
time a bare PySide6 script needs to show an empty QMainWindow and quit (both offscreen)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 3.0
REPEAT = 7

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _env(scratch: Path) -> dict[str, str]:
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    # A private runtime folder: no demo running on this desk can take the hand-over.
    env["XDG_RUNTIME_DIR"] = str(scratch)
    env.pop("DISPLAY", None)
    # An installed app runs from compiled bytecode; the warm-up run writes it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bare_window_seconds(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE_WINDOW], env=env, check=True, timeout=60)
    return time.perf_counter() - start


def demo_ready_seconds(env: dict[str, str], scratch: Path) -> float:
    """Spawn to the moment the demo window painted its first live calls."""
    marker = scratch / "ready"
    marker.unlink(missing_ok=True)
    spawned = time.time()
    subprocess.run(
        [sys.executable, "-m", "desktop", "--demo"],
        env={**env, "IEXPBX_BENCH_READY": str(marker)},
        check=True,
        timeout=120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return float(marker.read_text(encoding="utf-8")) - spawned


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="iexpbx-bench-") as folder:
        scratch = Path(folder)
        env = _env(scratch)
        bare_window_seconds(env)  # warm the file cache for both
        demo_ready_seconds(env, scratch)
        bare, demo = [], []
        for _ in range(REPEAT):  # interleaved, so load on the machine hits both alike
            bare.append(bare_window_seconds(env))
            demo.append(demo_ready_seconds(env, scratch))
    bare_s, demo_s = statistics.median(bare), statistics.median(demo)
    return {
        "startup_ratio": demo_s / bare_s,
        "startup_demo_ready_s": demo_s,
        "startup_bare_window_s": bare_s,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<24}{value:10.3f}")
