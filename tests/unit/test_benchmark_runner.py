"""`python -m benchmarks`: every target of a suite is judged, and the JSON holds every figure."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from benchmarks import __main__ as runner


@pytest.fixture
def fake_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("fake_suite")
    module.run = lambda: {"speed_ratio": 1.5, "slow_ms": 120.0, "hits": 7.0}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_suite", module)
    targets = {"speed_ratio": (2.0, True), "slow_ms": (100.0, True), "hits": (10.0, False)}
    monkeypatch.setattr(runner, "SUITES", {"fake": ("fake_suite", targets)})


def test_each_target_is_printed_with_yes_or_no_and_all_figures_are_written(
    fake_suite: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.json"
    assert runner.main(["--json", str(out), "--only", "fake"]) == 0
    printed, errors = capsys.readouterr()
    lines = {line.split()[0]: line.split()[1:] for line in printed.splitlines()[1:]}
    assert lines["speed_ratio"] == ["1.500", "<=", "2", "yes"]
    assert lines["slow_ms"] == ["120.000", "<=", "100", "NO"]
    assert lines["hits"] == ["7.000", ">=", "10", "NO"]
    assert "slow_ms" in errors and "hits" in errors and "speed_ratio" not in errors
    assert json.loads(out.read_text()) == {"speed_ratio": 1.5, "slow_ms": 120.0, "hits": 7.0}


def test_a_suite_that_leaves_out_a_judged_key_fails_loudly(
    fake_suite: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "SUITES", {"fake": ("fake_suite", {"missing_ms": (1.0, True)})})
    with pytest.raises(RuntimeError, match="missing_ms"):
        runner.main([])


def test_every_registered_key_with_a_target_is_one_the_issues_name() -> None:
    judged = {key for _, targets in runner.SUITES.values() for key in targets}
    assert judged == {
        "cdr_parse_ratio", "cdr_load_ratio", "cdr_rss_mb_per_100k", "recording_start_ms",
        "phonebook_search_p95_ms", "phonebook_search_ratio", "popup_latency_ms",
        "idle_requests_per_min", "startup_ratio", "max_stall_ms",
    }  # fmt: skip


@pytest.mark.parametrize("argv", [["--json"], ["--json", "-"], ["--only", "fake", "--json"]])
def test_json_alone_prints_only_the_object_on_standard_output(
    fake_suite: None, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert runner.main(argv) == 0
    printed, errors = capsys.readouterr()
    assert json.loads(printed) == {"speed_ratio": 1.5, "slow_ms": 120.0, "hits": 7.0}
    assert "speed_ratio" in errors.splitlines()[1]  # the table went to standard error
