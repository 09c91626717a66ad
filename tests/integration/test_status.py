"""`harbor status` against a running system: routes, pins, workers, queues, counts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from runtime_support import SUBS, ok_runs_per_sub, redis_cli, wait_until

from harbor.detector import load_detector

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def test_status_shows_routes_workers_queues_and_counts(system) -> None:  # type: ignore[no-untyped-def]
    settings, procs, _ = system
    redis_cli("HSET", "harbor:cutover", "dlt", "100")
    redis_cli("HSET", "harbor:cutover:override", "SaaS", "legacy")
    procs.worker("c1", "collect")
    procs.worker("s1", "score")
    procs.beat()
    wait_until(lambda: len(ok_runs_per_sub(settings)) == len(SUBS), 300)
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-m", "harbor", "status", "--json"],
                         capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert out.returncode == 0, out.stderr
    status = json.loads(out.stdout)
    assert status["share"] == 100 and status["rollback"] is False
    assert status["pins"] == {"saas": "legacy"}
    names = {n.split("@")[0] for n in status["workers"]}
    assert {"c1", "s1", "celerybeat"} <= names
    assert set(status["queues"]) == {"collect", "score", "alerts"}
    assert status["beat_leader"]
    subs = {s["name"]: s for s in status["subreddits"]}
    assert subs["SaaS"]["via"] == "legacy" and subs["SaaS"]["pinned"] == "legacy"
    assert subs["startups"]["via"] == "dlt"
    assert subs["startups"]["last_run"]["status"] == "ok"
    assert status["scores"]["scored"] + status["scores"]["pending"] > 0
    shipped = load_detector(settings)
    assert status["detector"].startswith(f"{shipped.model_version} (shipped), threshold ")
    assert "posts read in 24 h" in status["detector"]
    shown = subprocess.run([sys.executable, "-m", "harbor", "status"],
                           capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    for text in ("RedditHarbor status", "SaaS", "(pin)", "c1@", "beat leader", "detector"):
        assert text in shown.stdout
