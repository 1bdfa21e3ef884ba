"""Interpreter settings that differ between start-up and the running app.

Start-up runs with the cyclic garbage collector paused: it would make ~100 collections
over objects that all live on (16-20 ms of the first paint here). `startup_done()`,
called once the first data is shown (or by a timer, whatever happens), collects start-up's
garbage once, moves what survives (the app's modules, types and widgets, which live as long
as the process) out of every later full collection, and shortens the
GIL hand-over: from then on responsiveness beats throughput. Each return from Qt into
Python waits for the GIL; with a busy background thread (the demo PBX encoding audio, a
keyring call) the default 5 ms hand-over, paid on every such return, adds up to visible
stalls. (Not during start-up, where the extra switching between threads only slows the
first paint.)
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

UI_SWITCH_INTERVAL_S = 0.001
# The latest moment start-up is over, even if no data ever came (a wizard, no network).
STARTUP_DONE_AFTER_MS = 3000


class _State:
    def __init__(self) -> None:
        self.gc_paused = False
        self.done = False
        self.when_done: list[Callable[[], None]] = []


_state = _State()


def at_startup_done(action: Callable[[], None]) -> None:
    """Run `action` when start-up is done (now, if it is)."""
    if _state.done:
        action()
    else:
        _state.when_done.append(action)


def pause_gc_for_startup() -> None:
    """Pause the collector until `startup_done()` (if nobody else paused it)."""
    if gc.isenabled() and not _state.done:
        gc.disable()
        _state.gc_paused = True


def startup_done() -> None:
    """The app is up: collect again, and hand the GIL over quickly. Idempotent."""
    if _state.done:
        return
    _state.done = True
    if _state.gc_paused:
        _state.gc_paused = False
        gc.collect()  # start-up's cyclic garbage, before freezing would keep it for good
        gc.freeze()  # what survived lives on: keep it out of later full collections
        gc.enable()
    if sys.getswitchinterval() > UI_SWITCH_INTERVAL_S:
        sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    actions, _state.when_done = _state.when_done, []
    for action in actions:
        action()
