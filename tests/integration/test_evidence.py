"""Comment evidence through praw against the sandbox's /comments: read once, counted, kept."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from runtime_support import pg

from harbor.collect.service import run_collection
from harbor.evidence.service import KEPT, due_posts, fetch_evidence
from harbor.runtime.followups import sweep_followups
from harbor.sandbox.client import SandboxClient
from harbor.scoring.report import RankFilter, top_opportunities
from harbor.scoring.service import score_pending
from harbor.settings import Settings


@pytest.fixture
def scored(settings: Settings, sandbox: SandboxClient) -> Settings:
    """r/SaaS collected and scored, every opportunity above the comments threshold."""
    sandbox.reset(initial_posts=40)
    assert run_collection(settings, "SaaS", "legacy").status == "ok"
    s = dataclasses.replace(settings, comments_min_total=0.0)
    score_pending(s)
    return s


def _flat(comments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for top in comments for c in (top, *_flat(top["replies"]))]


def _evidence(settings: Settings, post_id: str) -> list[tuple[str, str, str]]:
    with pg(settings) as conn:
        rows = conn.execute(
            f'SELECT comment_id, kind, body FROM "{settings.dataset}".comment_evidence '
            "WHERE post_id = %s",
            (post_id,),
        ).fetchall()
    return [tuple(r) for r in rows]


def test_comments_are_read_once_counted_kept_and_raise_market_demand(
    scored: Settings, sandbox: SandboxClient
) -> None:
    due = due_posts(scored, 100)
    assert due
    assert set(sweep_followups(scored, force=True).comments) <= set(due)
    with_talk = max(due[:10], key=lambda p: len(_flat(sandbox.comments(p))))
    truth = {c["id"]: c for c in _flat(sandbox.comments(with_talk))}
    sandbox.reset_stats()

    outcome = fetch_evidence(scored, with_talk)

    assert outcome.status == "done"
    assert sandbox.stats()["reddit"]["by_endpoint"].get("comments") == 1
    kept = _evidence(scored, with_talk)
    assert 0 < len(kept) <= KEPT
    for comment_id, kind, body in kept:
        assert truth[comment_id]["kind"] in ("agreement", "same_problem"), (kind, body)
        assert body not in ("[deleted]", "[removed]")
    agreed = sum(1 for c in truth.values() if c["kind"] == "agreement")
    gone = sum(1 for c in truth.values() if c["kind"] in ("deleted", "removed"))
    assert agreed <= outcome.agreeing <= len(truth) - gone
    assert outcome.read == len(truth) - gone

    # once: a second task for the same post reads nothing
    assert fetch_evidence(scored, with_talk).status == "not_due"
    assert sandbox.stats()["reddit"]["by_endpoint"].get("comments") == 1
    assert _evidence(scored, with_talk) == kept
    with pg(scored) as conn:
        scorer_demand = conn.execute(
            f'SELECT market_demand FROM "{scored.dataset}".opportunity_scores WHERE post_id = %s',
            (with_talk,),
        ).fetchone()
    assert scorer_demand is not None
    [row] = [r for r in top_opportunities(scored, 100, RankFilter()) if r["post_id"] == with_talk]
    assert row["agreeing"] == outcome.agreeing and row["demand_bonus"] == outcome.demand_bonus
    assert row["market_demand"] == min(10, scorer_demand[0] + outcome.demand_bonus)


def test_a_reddit_error_leaves_the_opportunity_as_it_was_and_it_is_read_later(
    scored: Settings, sandbox: SandboxClient
) -> None:
    post_id = due_posts(scored, 1)[0]
    before = top_opportunities(scored, 100, RankFilter())
    sandbox.set_fault("reddit", "503", count=3)  # prawcore's own two retries fail too

    failed = fetch_evidence(scored, post_id)

    assert failed.status == "retry"
    assert _evidence(scored, post_id) == []
    assert top_opportunities(scored, 100, RankFilter()) == before
    assert fetch_evidence(scored, post_id).status == "not_due"  # backing off
    assert post_id not in due_posts(scored, 100)
    with pg(scored) as conn:
        conn.execute(  # the backoff has passed
            f'UPDATE "{scored.dataset}".comment_fetches SET next_attempt_at = now() '
            "WHERE post_id = %s",
            (post_id,),
        )
    done = fetch_evidence(scored, post_id)
    assert done.status == "done"
    with pg(scored) as conn:
        attempts = conn.execute(
            f'SELECT attempts, error FROM "{scored.dataset}".comment_fetches WHERE post_id = %s',
            (post_id,),
        ).fetchone()
    assert attempts == (2, None)
