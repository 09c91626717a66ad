"""The dlt collector against the sandbox over HTTP and the real Postgres and Redis."""

from __future__ import annotations

import dataclasses
import math
import shutil
from datetime import UTC, datetime
from typing import Any

from collect_support import listing_requests, runs, served, stored

from harbor.collect.service import detector_for, run_collection
from harbor.columns import FIELD_TYPES
from harbor.locks import HeartbeatLock
from harbor.redis_conn import collect_lock, redis_client
from harbor.sandbox.client import SandboxClient
from harbor.settings import Settings

SUB = "SaaS"


def test_initial_load_stores_each_kept_post_once_in_pages_of_100(
    settings: Settings, sandbox: SandboxClient
) -> None:
    result = run_collection(settings, SUB, "dlt")
    assert result.status == "ok", result.error
    total = len(sandbox.posts(SUB))
    assert result.fetched == total
    assert result.api_calls == math.ceil(total / 100)
    assert listing_requests(sandbox.stats(), SUB) == result.api_calls
    rows = stored(
        settings, "id, matched_keywords, collected_via, first_seen_at, filter_score, filter_model"
    )
    assert len(rows) == result.kept == result.new > 0
    assert len({r["id"] for r in rows}) == len(rows)
    detector = detector_for(settings)
    assert all(r["filter_score"] >= detector.threshold for r in rows)
    assert {r["filter_model"] for r in rows} == {detector.model_version}
    assert all(isinstance(r["matched_keywords"], list) for r in rows)
    assert {r["collected_via"] for r in rows} == {"dlt"}
    assert sorted(result.to_score) == sorted(r["id"] for r in rows)
    [run] = runs(settings)
    assert (run["status"], run["via"], run["api_calls"], run["kept"]) == (
        "ok", "dlt", result.api_calls, result.kept
    )  # fmt: skip


def test_an_idle_run_makes_one_listing_request_and_changes_nothing(
    settings: Settings, sandbox: SandboxClient
) -> None:
    run_collection(settings, SUB, "dlt")
    before = stored(settings, "id, first_seen_at")
    sandbox.reset_stats()
    result = run_collection(settings, SUB, "dlt")
    assert result.status == "ok", result.error
    assert result.api_calls == 1
    assert listing_requests(sandbox.stats(), SUB) == 1
    assert result.new == 0
    assert result.to_score == []
    assert stored(settings, "id, first_seen_at") == before


def test_k_new_posts_cost_about_k_over_100_plus_one_requests(
    settings: Settings, sandbox: SandboxClient
) -> None:
    run_collection(settings, SUB, "dlt")
    new_ids = sandbox.advance(SUB, 150)
    sandbox.reset_stats()
    result = run_collection(settings, SUB, "dlt")
    assert result.status == "ok", result.error
    assert 2 <= result.api_calls <= 3
    kept_new = {r["id"] for r in stored(settings, "id")} & set(new_ids)
    assert set(result.to_score) >= kept_new
    assert result.new == len(kept_new)


def test_the_cursor_lives_in_postgres_so_a_fresh_host_continues(
    settings: Settings, sandbox: SandboxClient, tmp_path: Any
) -> None:
    run_collection(settings, SUB, "dlt")
    shutil.rmtree(settings.dlt_dir, ignore_errors=True)
    other_host = dataclasses.replace(settings, dlt_dir=tmp_path / "another-host")
    sandbox.reset_stats()
    result = run_collection(other_host, SUB, "dlt")
    assert result.status == "ok", result.error
    assert result.api_calls == 1
    assert result.new == 0


def test_without_the_filter_every_served_post_is_stored_field_for_field(
    settings: Settings, sandbox: SandboxClient, sandbox_process: Any
) -> None:
    result = run_collection(settings, SUB, "dlt", apply_filter=False)
    assert result.status == "ok", result.error
    posts = served(sandbox_process.reddit_url, SUB)
    rows = {r["id"]: r for r in stored(settings)}
    assert len(rows) == len(posts) == result.kept
    compared = 0
    for post in posts:
        row = rows[post["id"]]
        for field, value in post.items():
            compared += 1
            assert _same(field, value, row[field]), (post["id"], field, value, row[field])
    assert compared > 50 * len(posts)


def _same(field: str, sent: Any, kept: Any) -> bool:
    if field == "created_utc":
        return bool(kept == datetime.fromtimestamp(sent, UTC))
    if field == "edited" and sent is False:
        return kept is None
    if FIELD_TYPES.get(field) == "double" and sent is not None:
        return bool(kept == float(sent))
    return bool(kept == sent)


def test_an_edited_post_is_returned_for_rescoring(
    settings: Settings, sandbox: SandboxClient
) -> None:
    run_collection(settings, SUB, "dlt")
    fresh = sandbox.advance(SUB, 10, kind="problem")
    run_collection(settings, SUB, "dlt")
    newest = next(r["id"] for r in stored(settings, "id") if r["id"] in fresh)
    sandbox.edit(
        newest, selftext="Update: it got worse. Is there any tool that handles this? I'd pay."
    )
    result = run_collection(settings, SUB, "dlt")
    assert result.status == "ok", result.error
    assert newest in result.to_score
    assert result.changed >= 1
    [row] = [r for r in stored(settings, "id, selftext, edited") if r["id"] == newest]
    assert row["selftext"].startswith("Update: it got worse")
    assert isinstance(row["edited"], float)


def test_a_second_run_of_the_same_subreddit_is_skipped_while_one_holds_the_lock(
    settings: Settings, sandbox: SandboxClient
) -> None:
    held = HeartbeatLock(redis_client(settings), collect_lock(SUB), owner="another-worker")
    assert held.acquire()
    try:
        result = run_collection(settings, SUB, "dlt")
    finally:
        held.release()
    assert result.status == "skipped"
    assert listing_requests(sandbox.stats(), SUB) == 0
    assert [r["status"] for r in runs(settings)] == ["skipped"]
    assert run_collection(settings, SUB, "dlt").status == "ok"
