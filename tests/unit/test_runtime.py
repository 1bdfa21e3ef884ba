"""Start-up runs without the garbage collector; the running app never does."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from desktop import runtime


@pytest.fixture
def fresh_runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(runtime, "_state", runtime._State())
    interval, enabled = sys.getswitchinterval(), gc.isenabled()
    yield
    gc.unfreeze()
    sys.setswitchinterval(interval)
    (gc.enable if enabled else gc.disable)()


def test_the_collector_pauses_for_start_up_and_comes_back(fresh_runtime: None) -> None:
    sys.setswitchinterval(0.005)
    runtime.pause_gc_for_startup()
    assert not gc.isenabled()
    runtime.startup_done()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # start-up's objects skip later full collections
    assert sys.getswitchinterval() == pytest.approx(runtime.UI_SWITCH_INTERVAL_S)
    runtime.startup_done()  # a second call (the fallback timer) changes nothing
    assert gc.isenabled()


def test_after_start_up_nothing_pauses_the_collector_again(fresh_runtime: None) -> None:
    runtime.startup_done()
    runtime.pause_gc_for_startup()
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off(fresh_runtime: None) -> None:
    """Embedding code that runs without the collector keeps it that way."""
    gc.disable()
    runtime.pause_gc_for_startup()
    runtime.startup_done()
    assert not gc.isenabled()


def test_what_waits_for_the_end_of_start_up_runs_once_then(fresh_runtime: None) -> None:
    ran: list[str] = []
    runtime.at_startup_done(lambda: ran.append("cache saved"))
    assert ran == []
    runtime.startup_done()
    runtime.startup_done()
    assert ran == ["cache saved"]
    runtime.at_startup_done(lambda: ran.append("late"))  # already done: at once
    assert ran == ["cache saved", "late"]


def test_start_up_garbage_is_collected_not_kept_for_life(fresh_runtime: None) -> None:
    """Cycles start-up dropped are freed when it ends, not frozen for the process's life."""
    import weakref

    class Node:
        pass

    runtime.pause_gc_for_startup()
    node = Node()
    node.self = node  # type: ignore[attr-defined]  # a cycle only the collector frees
    gone = weakref.ref(node)
    del node
    assert gone() is not None  # the collector is paused: it is still there
    runtime.startup_done()
    assert gone() is None
