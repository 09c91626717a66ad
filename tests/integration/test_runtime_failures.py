"""Workers killed with SIGKILL in the middle of their work: nothing lost, nothing twice."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from runtime_support import (
    SUBS,
    assert_runs_never_overlap,
    assert_stored_once_and_scored_once,
    ok_runs_per_sub,
    quiet,
    redis_cli,
    sandbox20,
    system,
    unscored,
    wait_until,
)

from harbor.collect.service import run_collection
from harbor.redis_conn import collect_lock, pending_collect, redis_client
from harbor.runtime.pending import Pending

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
__all__ = ["sandbox20", "system"]  # fixtures


def test_a_collect_worker_killed_mid_collect_loses_and_duplicates_nothing(system) -> None:  # type: ignore[no-untyped-def]
    settings, procs, sandbox = system
    client = redis_client(settings)
    redis_cli("HSET", "harbor:cutover", "dlt", "100")
    # every listing request takes a second: a collect is caught in the middle
    sandbox.client.set_fault("reddit", "latency", delay=1.0)
    procs.worker("c1", "collect")
    procs.worker("s1", "score")
    procs.beat()

    def collecting() -> str | None:
        for sub in SUBS:
            marker = Pending.loads(client.get(pending_collect(sub)))
            if marker and marker.state == "started" and client.exists(collect_lock(sub)):
                return sub
        return None

    victim = wait_until(collecting, 180, 0.2)
    procs.kill9("c1")
    killed = datetime.now(UTC)
    procs.worker("c2", "collect")

    def recovered() -> bool:
        after = ok_runs_per_sub(settings, killed)
        return victim in after and len(ok_runs_per_sub(settings)) == len(SUBS)

    wait_until(recovered, 400)
    assert "re-dispatching collects whose worker was lost" in procs.log("c2")
    sandbox.client.clear_faults()
    procs.stop("beat")
    wait_until(lambda: quiet(settings), 300)
    procs.stop_all()

    assert_runs_never_overlap(settings)
    assert_stored_once_and_scored_once(settings, sandbox)
    # nothing lost: a full re-read of every subreddit finds nothing that is not stored
    for sub in SUBS:
        check = run_collection(settings, sub, "legacy")
        assert check.status == "ok", check.error
        assert check.new == 0, f"r/{sub}: {check.new} posts were missing"


def test_a_score_worker_killed_mid_batch_loses_and_duplicates_nothing(system) -> None:  # type: ignore[no-untyped-def]
    settings, procs, sandbox = system
    client = redis_client(settings)
    sandbox.client.configure(openai_latency=1.0)
    # a post whose scorer died mid-call is claimed until the claim expires (8 timeouts + 3 min)
    procs.env["HARBOR_OPENAI_TIMEOUT"] = "3"
    procs.worker("c1", "collect")
    procs.worker("s1", "score")
    procs.beat()

    def scoring() -> bool:
        running = [
            k for k in client.scan_iter("harbor:queued:score:*", count=1000)
            if (client.get(k) or "").startswith("running")
        ]  # fmt: skip
        return len(running) >= 8

    wait_until(scoring, 180, 0.2)
    procs.kill9("s1")
    time.sleep(1)
    procs.worker("s2", "score")
    sandbox.client.configure(openai_latency=0.05)
    wait_until(lambda: len(ok_runs_per_sub(settings)) == len(SUBS), 300)
    # the tasks lost with s1 come back through the sweep of a dispatch tick, long before
    # the broker's visibility timeout would return them
    wait_until(lambda: unscored(settings) == 0, 500)
    assert "need a score and had no task" in procs.log("c1")
    procs.stop("beat")
    wait_until(lambda: quiet(settings), 300)
    assert_stored_once_and_scored_once(settings, sandbox)
