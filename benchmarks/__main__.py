"""`python -m benchmarks [--json PATH] [--only NAME ...]`: print a table, write {name: value}."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

# name -> (module, the key whose target applies, target, lower_is_better)
SUITES = {
    "cdr_parse": ("benchmarks.cdr_parse", "cdr_parse_ratio", 2.0),
    "startup": ("benchmarks.startup", "startup_ratio", 3.5),
    "stall": ("benchmarks.stall", "max_stall_ms", 50.0),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--json", type=Path, help="write the results as a JSON object here")
    parser.add_argument("--only", nargs="*", choices=sorted(SUITES), help="run only these")
    args = parser.parse_args(argv)
    results: dict[str, float] = {}
    failed = []
    print(f"{'benchmark':<24}{'value':>12}{'target':>10}  ok")
    for name in args.only or SUITES:
        module, key, target = SUITES[name]
        values = importlib.import_module(module).run()
        results.update(values)
        for k, v in values.items():
            mark = ""
            if k == key:
                good = v <= target
                mark = "yes" if good else "NO"
                if not good:
                    failed.append(k)
            shown_target = f"<= {target:g}" if k == key else ""
            print(f"{k:<24}{v:>12.3f}{shown_target:>10}  {mark}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if failed:
        print("over target: " + ", ".join(failed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
