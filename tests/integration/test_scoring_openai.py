"""Scoring against the sandbox's OpenAI-compatible server over HTTP, real Redis and Postgres."""

from __future__ import annotations

import threading

from scoring_support import (
    edit_post,
    insert_posts,
    llm_calls,
    openai_settings,
    post_rows,
    score_rows,
)

from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox
from harbor.scoring.model import DIMENSIONS, Assessment, content_hash, weighted_total
from harbor.scoring.prompt import PROMPT_VERSION
from harbor.scoring.service import posts_needing_score, score_pending, score_post
from harbor.settings import Settings


def test_structured_output_is_parsed_and_stored(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process)
    [post_id] = insert_posts(s, post_rows(1))

    outcome = score_post(s, post_id)

    assert outcome.status == "scored"
    assert outcome.input_tokens > 0
    assert outcome.output_tokens > 0
    assert llm_calls(sandbox) == 1
    row = score_rows(s)[post_id]
    assessment = Assessment.model_validate(row)
    for name in DIMENSIONS:
        assert 0 <= row[name] <= 10
    assert row["total"] == weighted_total(assessment, s.score_weights)
    assert row["category"] in ("pain", "solution_request", "advice", "money_talk", "other")
    assert row["summary"]
    assert row["rationale"]
    assert row["status"] == "scored"
    assert row["scorer"] == "openai"
    assert row["model"] == s.openai_model
    assert row["prompt_version"] == PROMPT_VERSION
    title, body = post_rows(1)[0]["title"], post_rows(1)[0]["selftext"]
    assert row["content_hash"] == content_hash(title, body, s.openai_model, PROMPT_VERSION)
    assert (row["input_tokens"], row["output_tokens"]) == (
        outcome.input_tokens,
        outcome.output_tokens,
    )
    usage = sandbox.stats()["openai"]
    assert usage["prompt_tokens"] == row["input_tokens"]
    assert usage["completion_tokens"] == row["output_tokens"]


def test_json_mode_fallback_when_the_server_refuses_json_schema(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.configure(json_schema=False)
    s = openai_settings(settings, sandbox_process)
    ids = insert_posts(s, post_rows(3))

    outcomes = [score_post(s, post_id) for post_id in ids]

    assert [o.status for o in outcomes] == ["scored"] * 3
    # one refused json_schema request, then JSON mode remembered for every later call
    assert llm_calls(sandbox) == 4
    rows = score_rows(s)
    assert all(rows[i]["status"] == "scored" for i in ids)


def test_a_rerun_over_scored_posts_makes_zero_llm_calls(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process)
    insert_posts(s, post_rows(12))

    first = score_pending(s, None, False, 4, None)
    calls_after_first = llm_calls(sandbox)
    second = score_pending(s, None, False, 4, None)

    assert first.scored == 12
    assert calls_after_first == 12
    assert second.selected == 0
    assert llm_calls(sandbox) == calls_after_first
    assert len(score_rows(s)) == 12
    # asking post by post is free too
    assert {score_post(s, pid).status for pid in score_rows(s)} == {"unchanged"}
    assert llm_calls(sandbox) == calls_after_first


def test_an_edited_post_is_rescored_exactly_once(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process)
    ids = insert_posts(s, post_rows(5))
    score_pending(s, None, False, 2, None)
    before = score_rows(s)[ids[2]]
    calls = llm_calls(sandbox)

    edit_post(s, ids[2], "EDIT: it got worse, I lost a client over a missed invoice today!")
    assert posts_needing_score(s, ids) == [ids[2]]
    summary = score_pending(s, None, False, 2, None)
    again = score_pending(s, None, False, 2, None)

    assert (summary.scored, again.selected) == (1, 0)
    assert llm_calls(sandbox) == calls + 1
    after = score_rows(s)[ids[2]]
    assert after["content_hash"] != before["content_hash"]
    assert after["attempts"] == 2
    assert len(score_rows(s)) == 5


def test_a_new_prompt_version_or_model_makes_every_post_pending_again(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process)
    ids = insert_posts(s, post_rows(4))
    score_pending(s, None, False, 2, None)
    assert posts_needing_score(s, ids) == []

    other_model = openai_settings(settings, sandbox_process, openai_model="gpt-4.1-mini")
    assert sorted(posts_needing_score(other_model, ids)) == sorted(ids)


def test_two_threads_scoring_one_post_pay_once(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.configure(openai_latency=0.5)
    s = openai_settings(settings, sandbox_process)
    [post_id] = insert_posts(s, post_rows(1))
    statuses: list[str] = []
    barrier = threading.Barrier(2)

    def run() -> None:
        barrier.wait()
        statuses.append(score_post(s, post_id).status)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) in (["busy", "scored"], ["scored", "unchanged"])
    assert llm_calls(sandbox) == 1
    assert len(score_rows(s)) == 1


def test_posts_needing_score_answers_for_a_thousand_ids_in_one_query(
    settings: Settings, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process)
    ids = insert_posts(s, post_rows(1000, prefix="k"))
    pending = posts_needing_score(s, [*ids, "not-a-post"], limit=1000)
    assert sorted(pending) == sorted(ids)
    assert posts_needing_score(s, ids[:10], limit=3) == ids[:3]
