"""The daily token budget defers posts when spent and lets them through when it allows."""

from __future__ import annotations

from scoring_support import insert_posts, llm_calls, openai_settings, post_rows, score_rows

from harbor.redis_conn import redis_client, tokens_today
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox
from harbor.scoring.budget import DailyBudget, utc_day
from harbor.scoring.service import posts_needing_score, score_pending, score_post
from harbor.settings import Settings


def test_a_spent_budget_defers_posts_and_a_raised_one_resumes_them(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    probe = openai_settings(settings, sandbox_process)
    [probe_id] = insert_posts(probe, post_rows(1, prefix="probe"))
    probe_outcome = score_post(probe, probe_id)
    per_post = probe_outcome.input_tokens + probe_outcome.output_tokens
    redis_client(probe).delete(tokens_today(utc_day()))
    calls_before = llm_calls(sandbox)

    # room for about three posts
    budget = per_post * 3
    tight = openai_settings(settings, sandbox_process, daily_token_budget=budget)
    ids = insert_posts(tight, post_rows(8))
    summary = score_pending(tight, None, False, 1, None)

    assert 2 <= summary.scored <= 5
    assert summary.deferred == 8 - summary.scored
    assert llm_calls(sandbox) - calls_before == summary.scored
    rows = score_rows(tight)
    deferred = [i for i in ids if rows[i]["status"] == "deferred"]
    assert len(deferred) == summary.deferred
    assert all("budget" in rows[i]["error"] for i in deferred)
    assert all(rows[i]["input_tokens"] > 0 for i in ids if rows[i]["status"] == "scored")
    used = DailyBudget(redis_client(tight), tight.daily_token_budget).used()
    scored_tokens = sum(
        r["input_tokens"] + r["output_tokens"]
        for r in rows.values()
        if r["status"] == "scored" and r["post_id"] != probe_id
    )
    assert used == scored_tokens
    assert budget <= used < budget + 2 * per_post  # spent, overshooting by at most one call
    # while the budget is spent, deferred posts are not even selected: no churn, no calls
    assert posts_needing_score(tight, ids) == []
    again = score_pending(tight, None, False, 1, None)
    assert again.selected == 0

    raised = openai_settings(settings, sandbox_process, daily_token_budget=per_post * 100)
    assert sorted(posts_needing_score(raised, ids)) == sorted(deferred)
    resumed = score_pending(raised, None, False, 2, None)
    assert resumed.scored == len(deferred)
    assert {r["status"] for r in score_rows(raised).values()} == {"scored"}


def test_a_new_utc_day_starts_from_zero(settings: Settings, redis_client: object) -> None:
    from harbor.redis_conn import redis_client as client_for

    client = client_for(settings)
    budget = DailyBudget(client, 1000)
    client.set(tokens_today("2000-01-01"), 5000)
    assert budget.used("2000-01-01") == 5000
    assert budget.used() == 0
    assert budget.allows()
    reservation = budget.reserve(400)
    assert reservation is not None
    budget.settle(reservation, 1200)
    assert budget.used() == 1200
    assert not budget.allows()
    assert budget.reserve(10) is None
    assert budget.used() == 1200
    ttl = client.ttl(tokens_today(utc_day()))
    assert 0 < ttl <= 2 * 24 * 3600


def test_an_unlimited_budget_still_counts_tokens(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process, daily_token_budget=None)
    [post_id] = insert_posts(s, post_rows(1))
    outcome = score_post(s, post_id)
    assert DailyBudget(redis_client(s), None).used() == outcome.input_tokens + outcome.output_tokens
