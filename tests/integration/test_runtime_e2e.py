"""The whole runtime with real processes: beat, collect and score workers, the sandbox.

Every test here starts `celery -A workers ...` subprocesses against the real Redis and
Postgres, with a sandbox of 20 subreddits, and checks what ends up in the tables.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from runtime_support import (
    SUBS,
    all_scored,
    assert_runs_never_overlap,
    assert_stored_once_and_scored_once,
    ok_runs_per_sub,
    redis_cli,
    rows,
    runs,
    wait_until,
)

from harbor.cutover import read_table
from harbor.redis_conn import pending_collect, redis_client
from harbor.runtime.pending import Pending

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def test_two_collect_workers_and_beat_store_and_score_every_post_once(system) -> None:  # type: ignore[no-untyped-def]
    settings, procs, sandbox = system
    redis_cli("HSET", "harbor:cutover", "dlt", "50")
    redis_cli("HSET", "harbor:cutover:override", "smallbusiness", "dlt")
    table = read_table(settings)
    assert {table.route(s).via for s in SUBS} == {"dlt", "legacy"}
    procs.worker("c1", "collect")
    procs.worker("c2", "collect")
    procs.worker("s1", "score")
    procs.beat()
    sandbox.client.configure(rate=20)  # new posts keep arriving while it runs
    wait_until(
        lambda: len(c := ok_runs_per_sub(settings)) == len(SUBS) and min(c.values()) >= 3, 400
    )
    sandbox.client.configure(rate=0)
    procs.stop("beat")
    wait_until(lambda: all_scored(settings), 300)

    total = assert_stored_once_and_scored_once(settings, sandbox)
    all_runs = runs(settings)
    assert {r["status"] for r in all_runs} == {"ok"}  # never a second run waiting on the lock
    # each stored post was new in exactly one run: nothing loaded twice, nothing lost
    assert sum(r["new"] for r in all_runs) == total
    assert_runs_never_overlap(settings)
    for run in all_runs:
        assert run["via"] == table.route(run["subreddit"]).via
    calls = sandbox.client.stats()["openai"]["by_endpoint"].get("chat.completions", 0)
    [(sets,)] = rows(
        settings, "SELECT count(*) FROM {schema}.submissions WHERE duplicate_of IS NULL"
    )
    assert calls == sets  # scored once: one LLM call per post, none for a duplicate
    for name in ("c1", "c2"):
        assert "harbor.collect" in procs.log(name) and "succeeded" in procs.log(name)


def test_rollback_reaches_queued_collects_and_resume_and_garbage(system) -> None:  # type: ignore[no-untyped-def]
    from harbor.runtime.dispatch import dispatch
    from workers.tasks import app, collect

    settings, procs, _ = system
    assert app.conf.broker_url == settings.redis_url.get()
    redis_cli("HSET", "harbor:cutover", "dlt", "100")
    procs.worker("c1", "collect")
    procs.beat()
    wait_until(lambda: len(ok_runs_per_sub(settings)) == len(SUBS), 300)
    procs.stop("beat")
    procs.stop("c1")
    # collects queued while everything routes to dlt, with no worker to take them yet:
    # those beat dispatched before c1 stopped, and one more for every other subreddit
    planned = dispatch(settings, time.time() + 3600)
    with app.producer_or_acquire() as producer:
        for item in planned:
            collect.apply_async((item.subreddit, item.via, item.token), producer=producer)
    client = redis_client(settings)
    markers = [Pending.loads(client.get(pending_collect(sub))) for sub in SUBS]
    assert all(m is not None and m.via == "dlt" and m.state == "queued" for m in markers)
    flipped = datetime.now(UTC)
    redis_cli("SET", "harbor:cutover:rollback", "1")
    procs.worker("c2", "collect")
    wait_until(lambda: len(ok_runs_per_sub(settings, flipped)) == len(SUBS), 300)
    after = [r for r in runs(settings) if r["started_at"] >= flipped]
    assert {r["via"] for r in after} == {"legacy"}

    resumed = datetime.now(UTC)
    redis_cli("DEL", "harbor:cutover:rollback")
    procs.beat()
    wait_until(lambda: ok_runs_per_sub(settings, resumed), 120)
    assert {r["via"] for r in runs(settings) if r["started_at"] >= resumed} == {"dlt"}

    redis_cli("HSET", "harbor:cutover", "dlt", "lots")
    time.sleep(3)  # collects that started before the garbage may still finish via dlt
    settled = datetime.now(UTC)
    wait_until(lambda: sum(ok_runs_per_sub(settings, settled).values()) >= 5, 120)
    assert {r["via"] for r in runs(settings) if r["started_at"] >= settled} == {"legacy"}
    assert "harbor:cutover dlt='lots' is not an integer" in procs.log("c2")


def test_guard_pins_a_subreddit_whose_dlt_runs_keep_failing(system) -> None:  # type: ignore[no-untyped-def]
    settings, procs, sandbox = system
    redis_cli("HSET", "harbor:cutover", "dlt", "100")
    sandbox.client.set_fault("reddit", "500", subreddit="startups")
    procs.worker("c1", "collect")
    procs.beat()

    def pinned() -> bool:
        return redis_cli("HGET", "harbor:cutover:override", "startups") == "legacy"

    wait_until(pinned, 240)
    events = rows(
        settings, "SELECT actor, action, subreddit, new_value FROM {schema}.cutover_events"
    )
    assert events == [("guard", "auto-pin", "startups", "legacy")]
    failed = [r for r in runs(settings) if r["subreddit"] == "startups"]
    assert [r["via"] for r in failed[:3]] == ["dlt"] * 3
    assert {r["status"] for r in failed[:3]} == {"failed"}
    assert "pinned to legacy after 3 consecutive failed dlt runs" in procs.log("c1")
    # a line logged inside a task carries the task's id
    assert re.search(
        r"harbor\.cutover \[[0-9a-f-]{36}\]: cutover guard: r/startups", procs.log("c1")
    )
    pinned_at = datetime.now(UTC)
    wait_until(
        lambda: [r for r in runs(settings) if r["subreddit"] == "startups"
                 and r["started_at"] >= pinned_at], 60,
    )  # fmt: skip
    later = [
        r for r in runs(settings) if r["subreddit"] == "startups" and r["started_at"] >= pinned_at
    ]
    assert {r["via"] for r in later} == {"legacy"}
    others = [r for r in runs(settings) if r["subreddit"] != "startups"]
    assert {r["via"] for r in others} == {"dlt"}
