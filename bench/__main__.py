"""`python -m bench [area ...]`: run the benchmarks and print one table of figures.

Every area runs on this machine in this one invocation, against the sandbox started by
the area itself, with its own database and Redis DB, cleaned up afterwards.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.figures import Figure

# `fleet` is the long one (about 20 minutes): name the others to leave it out
AREAS = ("signal", "collection", "scoring", "runtime", "themes", "web", "fleet")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("areas", nargs="*", help=f"any of {', '.join(AREAS)}; default: all")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    unknown = set(args.areas) - set(AREAS)
    if unknown:
        parser.error(f"unknown area(s): {', '.join(sorted(unknown))}")
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    figures: list[Figure] = []
    failed: list[str] = []
    for area in args.areas or AREAS:
        started = time.monotonic()
        print(f"running {area} benchmarks ...", file=sys.stderr, flush=True)
        module = importlib.import_module(f"bench.{area}")
        try:
            figures.extend(module.run())
        except Exception as exc:  # noqa: BLE001 - one broken area must not hide the others
            failed.append(f"{area}: {type(exc).__name__}: {exc}")
            print(f"{area} failed: {exc}", file=sys.stderr)
        print(f"{area} took {time.monotonic() - started:.0f}s", file=sys.stderr)
    table = Table(title="RedditHarbor benchmarks (one run, this machine)")
    for column in ("area", "figure", "value", "unit", "target", "met"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for fig in figures:
        met = "" if fig.ok is None else ("yes" if fig.ok else "NO")
        table.add_row(fig.area, fig.name, fig.formatted(), fig.unit, fig.target, met)
    Console(width=160).print(table)
    for line in failed:
        print(f"FAILED {line}")
    if args.json:
        args.json.write_text(json.dumps([fig.__dict__ for fig in figures], indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
