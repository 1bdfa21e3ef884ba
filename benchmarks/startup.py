"""startup_ratio: `--demo` from process spawn to its first live calls painted, against the
time a bare PySide6 script needs to show and paint an empty QMainWindow (both offscreen).

Both processes write the moment they painted to a file; the time is taken from that, not
from the process's end: waiting for a child with a timeout polls (up to every 50 ms), and
exit times are not start-up.

For scale it also times the stack's floor: a script that does only what any app on this
stack must before such a paint (asyncio, qasync, httpx, a QTableView over a
QAbstractTableModel, one `activecalls` request to an already running simulated PBX).
`startup_stack_floor_ratio` is that against the bare window; what the app adds above it
is the simulator it starts and everything of its own. Python's __pycache__ is written by a
warm-up run first, as an installed app has it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

TARGET = 3.5
REPEAT = 11

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
def painted():
    window.repaint()
    with open(sys.argv[1], "w", encoding="utf-8") as marker:
        marker.write(f"{time.time():.6f}\\n")
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""

STACK_FLOOR = """
import sys, time, os
import asyncio, httpx, qasync
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Calls(QAbstractTableModel):
    rows = []
    def rowCount(self, parent=QModelIndex()):
        return len(self.rows)
    def columnCount(self, parent=QModelIndex()):
        return 4
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("From", "To", "Duration", "Type")[section]

app = QApplication(sys.argv[:1])
window, view, model = QMainWindow(), QTableView(), Calls()
view.setModel(model)
window.setCentralWidget(view)
window.show()

async def first_calls():
    async with httpx.AsyncClient() as client:
        reply = (await client.get(os.environ["FLOOR_URL"])).json()
    rows = (reply[0] if isinstance(reply, list) else reply)["data"]
    model.beginResetModel()
    model.rows = [(r["src"], r["dst"], r["duration"], r["calltype"]) for r in rows]
    model.endResetModel()
    window.repaint()
    with open(sys.argv[1], "w", encoding="utf-8") as marker:
        marker.write(f"{time.time():.6f}\\n")

with qasync.QEventLoop(app) as loop:
    loop.run_until_complete(first_calls())
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


def _seconds_to_paint(args: list[str], env: dict[str, str], marker: Path) -> float:
    """Spawn `python *args` to the moment it wrote the time it painted into `marker`."""
    marker.unlink(missing_ok=True)
    spawned = time.time()
    subprocess.run(
        [sys.executable, *args],
        env=env,
        check=True,
        timeout=120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return float(marker.read_text(encoding="utf-8")) - spawned


def bare_window_seconds(env: dict[str, str], scratch: Path) -> float:
    """Spawn to the moment the bare window was painted."""
    marker = scratch / "bare-painted"
    return _seconds_to_paint(["-c", BARE_WINDOW, str(marker)], env, marker)


def demo_ready_seconds(env: dict[str, str], scratch: Path) -> float:
    """Spawn to the moment the demo window painted its first live calls."""
    marker = scratch / "ready"
    return _seconds_to_paint(["-m", "benchmarks.ready_probe", str(marker)], env, marker)


def stack_floor_seconds(env: dict[str, str], scratch: Path, url: str) -> float:
    """Spawn to the moment the floor script painted the calls it fetched."""
    marker = scratch / "floor-painted"
    return _seconds_to_paint(["-c", STACK_FLOOR, str(marker)], {**env, "FLOOR_URL": url}, marker)


def run() -> dict[str, float]:
    from desktop.demo import start_demo_pbx

    floor_pbx = start_demo_pbx()  # for the floor script; the app starts its own
    query = urlencode(
        {"action": "activecalls", "username": floor_pbx.username, "password": floor_pbx.password}
    )
    url = f"{floor_pbx.base_url}{floor_pbx.thread.simulator.config.api_path}?{query}"
    try:
        with tempfile.TemporaryDirectory(prefix="iexpbx-bench-") as folder:
            scratch = Path(folder)
            env = _env(scratch)
            bare_window_seconds(env, scratch)  # warm the file cache for all three
            demo_ready_seconds(env, scratch)
            stack_floor_seconds(env, scratch, url)
            bare, demo, floor = [], [], []
            for _ in range(REPEAT):  # interleaved: load on the machine hits all alike
                bare.append(bare_window_seconds(env, scratch))
                demo.append(demo_ready_seconds(env, scratch))
                floor.append(stack_floor_seconds(env, scratch, url))
    finally:
        floor_pbx.stop()
    bare_s, demo_s = statistics.median(bare), statistics.median(demo)
    floor_s = statistics.median(floor)
    return {
        "startup_ratio": demo_s / bare_s,
        "startup_demo_ready_s": demo_s,
        "startup_bare_window_s": bare_s,
        "startup_stack_floor_s": floor_s,
        "startup_stack_floor_ratio": floor_s / bare_s,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<24}{value:10.3f}")
