"""Collection under failure: Reddit faults, refused subreddits, Postgres lost, concurrency."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import psycopg
from collect_support import listing_requests, pg, runs, stored
from psycopg import sql

from harbor.collect.service import run_collection
from harbor.sandbox.client import SandboxClient
from harbor.settings import Settings

SUB = "smallbusiness"


def test_a_429_is_waited_out_as_retry_after_says_and_the_run_completes(
    settings: Settings, sandbox: SandboxClient
) -> None:
    sandbox.set_fault("reddit", "429", count=2, retry_after=1, subreddit=SUB)
    started = time.monotonic()
    result = run_collection(settings, SUB, "dlt")
    assert result.status == "ok", result.error
    assert time.monotonic() - started >= 2.0
    pages = -(-result.fetched // 100)
    assert result.api_calls == pages + 2
    assert len(stored(settings, "id")) == result.kept


def test_persistent_5xx_fails_the_run_after_a_bounded_number_of_requests(
    settings: Settings, sandbox: SandboxClient
) -> None:
    sandbox.set_fault("reddit", "503", ratio=1.0, subreddit=SUB)
    result = run_collection(settings, SUB, "legacy")
    assert result.status == "failed"
    assert (
        "RedditUnavailable" in (result.error or "")
        or "503" in (result.error or "")
        or ("ServerError" in (result.error or ""))
    )
    # prawcore tries 3 times, we try that twice more at most: never a storm
    assert listing_requests(sandbox.stats(), SUB) <= 9
    sandbox.clear_faults()
    assert run_collection(settings, SUB, "legacy").status == "ok"


def test_garbled_pages_are_retried_and_loaded_once(
    settings: Settings, sandbox: SandboxClient
) -> None:
    sandbox.set_fault("reddit", "truncated", count=1, subreddit=SUB)
    sandbox.set_fault("reddit", "malformed", count=1, subreddit=SUB)
    result = run_collection(settings, SUB, "dlt")
    assert result.status == "ok", result.error
    assert len({r["id"] for r in stored(settings, "id")}) == result.kept


def test_unknown_and_private_subreddits_fail_clearly_without_retrying(
    settings: Settings, sandbox: SandboxClient
) -> None:
    missing = run_collection(settings, "nosuchsubreddit", "dlt")
    assert missing.status == "failed"
    assert "r/nosuchsubreddit" in (missing.error or "")
    assert "404" in (missing.error or "")
    assert listing_requests(sandbox.stats(), "nosuchsubreddit") == 1
    sandbox.configure(private=["hushhush"])
    private = run_collection(settings, "hushhush", "legacy")
    assert private.status == "failed"
    assert "403" in (private.error or "")
    assert run_collection(settings, SUB, "dlt").status == "ok"
    assert [r["status"] for r in runs(settings)] == ["failed", "failed", "ok"]


def test_postgres_lost_mid_load_fails_cleanly_and_the_next_run_completes(
    settings: Settings, sandbox: SandboxClient
) -> None:
    assert run_collection(settings, SUB, "dlt").status == "ok"
    fresh = set(sandbox.advance(SUB, 120))
    sandbox.reset_stats()
    with pg(settings) as conn:
        loads_before = conn.execute(
            sql.SQL("SELECT count(*) FROM {}._dlt_loads").format(sql.Identifier(settings.dataset))
        ).fetchone()
    done = threading.Event()

    def lose_postgres_at_the_end_of_the_load() -> None:
        # the load's last step records it in _dlt_loads: once the listing is read (dlt has
        # restored its state by then), hold that table, and when the loader blocks on it,
        # drop every connection, as a Postgres restart would
        while listing_requests(sandbox.stats(), SUB) < 2 and not done.is_set():
            time.sleep(0.005)
        with psycopg.connect(settings.dsn) as holder, pg(settings) as watcher:
            holder.execute(
                sql.SQL("LOCK TABLE {}._dlt_loads IN ACCESS EXCLUSIVE MODE").format(
                    sql.Identifier(settings.dataset)
                )
            )
            while not done.is_set():
                blocked = watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                ).fetchone()
                if blocked and blocked[0]:
                    watcher.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        "AND pid <> %s",
                        (holder.info.backend_pid,),
                    )
                    break
                time.sleep(0.005)

    killer = threading.Thread(target=lose_postgres_at_the_end_of_the_load)
    killer.start()
    try:
        broken = run_collection(settings, SUB, "dlt")
    finally:
        done.set()
        killer.join()
    assert broken.status == "failed"
    assert "Postgres" in (broken.error or ""), broken.error
    with pg(settings) as conn:
        loads_after = conn.execute(
            sql.SQL("SELECT count(*) FROM {}._dlt_loads").format(sql.Identifier(settings.dataset))
        ).fetchone()
    assert loads_after == loads_before  # the load never completed: the cursor did not move

    healed = run_collection(settings, SUB, "dlt")
    assert healed.status == "ok", healed.error
    assert healed.api_calls >= 2  # it read the new posts again
    ids = [r["id"] for r in stored(settings, "id")]
    assert len(ids) == len(set(ids))
    # nothing lost: a legacy run over the whole window finds no kept post missing
    legacy = run_collection(settings, SUB, "legacy")
    assert legacy.status == "ok", legacy.error
    assert legacy.new == 0
    assert legacy.kept == len(ids)
    assert fresh & set(ids)


def _collect(subreddit: str, via: str = "dlt") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "harbor", "collect", subreddit, "--via", via, "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )  # fmt: skip


def test_concurrent_loads_of_different_subreddits_into_one_dataset_are_all_correct(
    settings: Settings, sandbox: SandboxClient
) -> None:
    names = ["SaaS", "startups", "smallbusiness", "Entrepreneur"]
    sandbox.configure(latency=0.05)
    for _ in range(2):  # the initial loads, then incremental ones after new posts
        procs = [_collect(name) for name in names]
        reports = []
        for proc in procs:
            out, err = proc.communicate(timeout=180)
            assert proc.returncode == 0, err[-2000:]
            reports.append(json.loads(out))
        assert all(r["status"] == "ok" for r in reports)
        for name in names:
            sandbox.advance(name, 25)
    rows = stored(settings, "id, subreddit")
    assert len(rows) == len({r["id"] for r in rows})
    by_sub = {name.lower(): 0 for name in names}
    for row in rows:
        by_sub[row["subreddit"].lower()] += 1
    ok_runs = [r for r in runs(settings) if r["status"] == "ok"]
    for name in names:
        kept_new = sum(r["new"] for r in ok_runs if r["subreddit"] == name)
        assert by_sub[name.lower()] == kept_new > 0


def test_two_runs_of_one_subreddit_never_overlap(
    settings: Settings, sandbox: SandboxClient
) -> None:
    # each run holds the lock for at least three slow pages, so the two overlap
    sandbox.configure(latency=0.5)
    procs = [_collect(SUB), _collect(SUB, "legacy")]
    statuses = []
    for proc in procs:
        out, _ = proc.communicate(timeout=180)
        statuses.append(json.loads(out)["status"])
    assert sorted(statuses) == ["ok", "skipped"]
    rows = stored(settings, "id")
    assert len(rows) == len({r["id"] for r in rows})
