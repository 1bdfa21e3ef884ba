"""`python -m benchmarks [--json [PATH]] [--only NAME ...]`: print a table, write {name: value}.

`--json PATH` writes the object to PATH; `--json` alone (or `--json -`) prints it on
standard output, and the table on standard error, so the output parses as it is.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

# name -> (module, {key: (target, lower_is_better)}): every key with a target is judged.
SUITES: dict[str, tuple[str, dict[str, tuple[float, bool]]]] = {
    "cdr_parse": ("benchmarks.cdr_parse", {"cdr_parse_ratio": (2.0, True)}),
    "cdr_load": (
        "benchmarks.cdr_load",
        {"cdr_load_ratio": (2.0, True), "cdr_rss_mb_per_100k": (100.0, True)},
    ),
    "history_rows": ("benchmarks.history_rows", {}),  # figures for scale, no target
    "recording_start": ("benchmarks.recording_start", {"recording_start_ms": (300.0, True)}),
    "phonebook_search": (
        "benchmarks.phonebook_search",
        {"phonebook_search_p95_ms": (16.0, True), "phonebook_search_ratio": (0.25, True)},
    ),
    "incoming": (
        "benchmarks.incoming",
        {"popup_latency_ms": (100.0, True), "idle_requests_per_min": (12.0, True)},
    ),
    "startup": ("benchmarks.startup", {"startup_ratio": (3.5, True)}),
    "stall": ("benchmarks.stall", {"max_stall_ms": (50.0, True)}),
}


def judge(value: float, target: float, lower_is_better: bool) -> bool:
    """Whether `value` meets its target."""
    return value <= target if lower_is_better else value >= target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="PATH",
        help="write the results as a JSON object to PATH (standard output when left out)",
    )
    parser.add_argument("--only", nargs="*", choices=sorted(SUITES), help="run only these")
    args = parser.parse_args(argv)
    results: dict[str, float] = {}
    failed: list[str] = []
    table = sys.stderr if args.json == "-" else sys.stdout
    print(f"{'benchmark':<32}{'value':>12}{'target':>12}  ok", file=table)
    for name in args.only or SUITES:
        module, targets = SUITES[name]
        values = importlib.import_module(module).run()
        missing = sorted(set(targets) - set(values))
        if missing:
            raise RuntimeError(f"suite {name} did not report {', '.join(missing)}")
        results.update(values)
        for key, value in values.items():
            shown_target = mark = ""
            if key in targets:
                target, lower = targets[key]
                good = judge(value, target, lower)
                shown_target = f"{'<=' if lower else '>='} {target:g}"
                mark = "yes" if good else "NO"
                if not good:
                    failed.append(key)
            print(f"{key:<32}{value:>12.3f}{shown_target:>12}  {mark}", file=table, flush=True)
    text = json.dumps(results, indent=2) + "\n"
    if args.json == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    elif args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    if failed:
        print("over target: " + ", ".join(failed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
