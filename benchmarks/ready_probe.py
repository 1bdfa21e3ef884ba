"""Start the demo through `desktop.app.main` and note when its first live calls were painted.

`python -m benchmarks.ready_probe MARKER` runs the app as `iexpbx-desktop --demo` does; the
moment the window has painted its first live calls, the time is written to MARKER and the
app quits. The app itself knows nothing of this: the probe wraps `App._on_calls`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any


def install(marker: Path) -> None:
    """From now on, an App that shows its first live calls writes the time and quits."""
    from desktop.app import App

    shown = App._on_calls

    def on_calls(app: App, calls: list[Any]) -> None:
        first = bool(calls) and not app.first_calls_shown
        shown(app, calls)
        if first:
            app.window.repaint()  # painted now, not on a later loop turn
            marker.write_text(f"{time.time():.6f}\n", encoding="utf-8")
            app.request_quit()

    App._on_calls = on_calls  # type: ignore[method-assign, assignment]


def main(argv: list[str]) -> int:
    install(Path(argv[0]))
    from desktop.app import main as app_main

    return app_main(["--demo", *argv[1:]])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
