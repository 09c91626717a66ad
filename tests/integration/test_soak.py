"""The soak that CI runs: two minutes of the whole system under faults, nothing lost.

`python -m bench.soak --minutes 2` starts its own sandbox, workers and beat (with its own
database and Redis DB), switches faults on and off, lets the system settle, and exits 0
only when every kept post is stored once with its one score row.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
FIGURES = (
    "posts collected", "posts scored", "lost", "duplicated", "max queue depth, score",
    "Reddit listing requests per collected post", "LLM calls per scored post", "RSS c1 MB",
    "rollback: flip to first legacy run",
)  # fmt: skip


def test_a_two_minute_soak_with_faults_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.soak", "--minutes", "2", "--log-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=840,
    )  # fmt: skip
    report = f"{done.stdout[-6000:]}\n{done.stderr[-3000:]}"
    assert done.returncode == 0, report
    assert "SOAK PASSED" in done.stdout, report
    for figure in FIGURES:
        assert figure in done.stdout, f"{figure!r} missing from the summary\n{report}"
