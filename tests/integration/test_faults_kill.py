"""Workers killed with SIGKILL, several rounds, the kill landing at varied points of the
work: the listing, dlt's extract and normalize, the load, an LLM call. Nothing is lost,
nothing is stored or paid for twice, runs of one subreddit never overlap, and the dlt
cursor stays sound.

Every round kills the collect worker that is busy at that moment and a score worker in
the middle of a burst of LLM calls, each after a different delay, while the others go on
and new ones start. The collects come back through dispatch's reconcile and the scores
through the sweep, long before the broker's visibility timeout would return them.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from fault_support import (
    SHARE,
    Harbor,
    StartHarbor,
    assert_idle_runs_find_nothing,
    assert_nothing_lost_or_duplicated,
    busy_collect,
    ok_runs_since,
    quiesce,
    worker_of,
)
from runtime_support import assert_runs_never_overlap, wait_until

from harbor.redis_conn import redis_client

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

# seconds between the moment a worker is seen busy and its SIGKILL, one pair per round:
# (collect worker, score worker)
KILL_DELAYS = ((0.0, 0.2), (1.2, 1.5), (2.5, 0.7))


def _score_markers(h: Harbor) -> dict[str, list[str]]:
    """Score markers by the worker that holds them ('running' or 'reserved')."""
    client = redis_client(h.settings)
    held: dict[str, list[str]] = {}
    for key in client.scan_iter("harbor:queued:score:*", count=1000):
        marker = str(client.get(key) or "")
        state, _, owner = marker.partition(" ")
        if state in ("running", "reserved") and ":" in owner:
            name = worker_of(h, int(owner.rsplit(":", 1)[1]))
            if name is not None:
                held.setdefault(name, []).append(state)
    return held


def _busy_scorer(h: Harbor) -> str | None:
    """A score worker in the middle of at least three LLM calls, holding no message it has
    not started yet (such a message waits out the reserved marker's TTL, two minutes, on
    its way back: correct, only slow for a test)."""
    for name, states in _score_markers(h).items():
        if states.count("running") >= 3 and "reserved" not in states:
            return name
    return None


def test_workers_killed_at_varied_points_lose_nothing_and_duplicate_nothing(
    harbor: StartHarbor,
) -> None:
    h = harbor()
    h.redis_cli("HSET", "harbor:cutover", "dlt", SHARE)
    # a listing takes a while and LLM calls are slow: a kill can land anywhere in them
    h.sandbox.client.configure(latency=0.4, openai_latency=1.0)
    for name, queue in (("c1", "collect"), ("c2", "collect"), ("s1", "score"), ("s2", "score")):
        h.procs.worker(name, queue)
    h.procs.beat()
    victims: list[tuple[str, datetime]] = []
    killed_in_flight = 0
    spare = 3
    for collect_delay, score_delay in KILL_DELAYS:
        h.sandbox.client.advance(None, 6, kind="problem")  # real loads, then a burst of calls
        sub, collector = wait_until(lambda: busy_collect(h), 120, 0.05)
        time.sleep(collect_delay)
        h.procs.kill9(collector)
        victims.append((sub, datetime.now(UTC)))
        scorer = wait_until(lambda: _busy_scorer(h), 120, 0.05)
        time.sleep(score_delay)
        killed_in_flight += len(_score_markers(h).get(scorer, []))
        h.procs.kill9(scorer)
        h.procs.worker(f"c{spare}", "collect")
        h.procs.worker(f"s{spare}", "score")
        spare += 1
    last = datetime.now(UTC)

    def victims_collected_again() -> bool:
        return all(ok_runs_since(h.settings, killed).get(sub) for sub, killed in victims)

    wait_until(victims_collected_again, 240)
    quiesce(h, last)
    h.procs.stop_all()

    logs = h.logs()
    assert "re-dispatching collects whose worker was lost" in logs
    assert "need a score and had no task" in logs  # the sweep
    assert_runs_never_overlap(h.settings)
    tally = assert_nothing_lost_or_duplicated(h)
    assert tally.failed == 0, tally.errors
    assert tally.scored == tally.stored
    # a post is paid for again only when its worker died during the call
    assert tally.llm_calls <= tally.stored + killed_in_flight, tally
    assert_idle_runs_find_nothing(h)
