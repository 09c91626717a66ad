"""Every LLM fault ends in a score, a clear 'failed' row, or LLMUnavailable with no row:
never a lost post, never a duplicate row."""

from __future__ import annotations

import time

import pytest
from scoring_support import insert_posts, llm_calls, openai_settings, post_rows, score_rows

from harbor.deadline import Deadline
from harbor.errors import LLMUnavailable
from harbor.runtime.scoring import run_score
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox
from harbor.scoring.service import posts_needing_score, record_failure, score_pending, score_post
from harbor.settings import SANDBOX_OPENAI_KEY, Settings


@pytest.fixture
def one_post(settings: Settings, sandbox_process: RunningSandbox) -> tuple[Settings, str]:
    s = openai_settings(settings, sandbox_process)
    [post_id] = insert_posts(s, post_rows(1))
    return s, post_id


@pytest.mark.parametrize(
    ("kind", "count"),
    [("500", 2), ("502", 1), ("503", 1), ("drop", 1), ("429", 2)],
)
def test_transient_faults_are_retried_to_a_score(
    one_post: tuple[Settings, str], sandbox: SandboxClient, kind: str, count: int
) -> None:
    s, post_id = one_post
    sandbox.set_fault(target="openai", kind=kind, count=count, retry_after=0.2)

    outcome = score_post(s, post_id)

    assert outcome.status == "scored"
    assert llm_calls(sandbox) == count + 1
    assert score_rows(s)[post_id]["status"] == "scored"


def test_a_429_waits_as_retry_after_says(
    one_post: tuple[Settings, str], sandbox: SandboxClient
) -> None:
    s, post_id = one_post
    sandbox.set_fault(target="openai", kind="429", count=1, retry_after=2)

    started = time.monotonic()
    outcome = score_post(s, post_id)
    elapsed = time.monotonic() - started

    assert outcome.status == "scored"
    assert llm_calls(sandbox) == 2
    assert elapsed >= 1.9  # loosely: it waited at least what the server asked


def test_a_long_retry_after_is_handed_back_to_the_caller_without_a_row(
    one_post: tuple[Settings, str], sandbox: SandboxClient
) -> None:
    s, post_id = one_post
    sandbox.set_fault(target="openai", kind="429", count=5, retry_after=120)

    with pytest.raises(LLMUnavailable) as caught:
        score_post(s, post_id)

    assert caught.value.retry_after is not None
    assert caught.value.retry_after >= 100
    assert llm_calls(sandbox) == 1
    assert score_rows(s) == {}
    assert posts_needing_score(s, [post_id]) == [post_id]  # still pending, not lost


def test_a_server_that_stays_down_raises_llm_unavailable_after_bounded_attempts(
    one_post: tuple[Settings, str], sandbox: SandboxClient
) -> None:
    s, post_id = one_post
    sandbox.set_fault(target="openai", kind="500")

    with pytest.raises(LLMUnavailable):
        score_post(s, post_id)

    assert llm_calls(sandbox) == 4
    assert score_rows(s) == {}
    sandbox.clear_faults()
    assert score_post(s, post_id).status == "scored"


def test_a_slow_server_times_out_and_the_retry_scores(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process, openai_timeout=1.0)
    [post_id] = insert_posts(s, post_rows(1))
    sandbox.set_fault(target="openai", kind="slow", count=1, delay=4)

    outcome = score_post(s, post_id)

    assert outcome.status == "scored"
    assert llm_calls(sandbox) == 2


@pytest.mark.parametrize("kind", ["malformed", "truncated", "invalid_output", "refusal"])
def test_unusable_output_once_is_asked_for_again_and_scored(
    one_post: tuple[Settings, str], sandbox: SandboxClient, kind: str
) -> None:
    s, post_id = one_post
    sandbox.set_fault(target="openai", kind=kind, count=1)

    outcome = score_post(s, post_id)

    assert outcome.status == "scored"
    assert llm_calls(sandbox) == 2
    assert score_rows(s)[post_id]["status"] == "scored"


@pytest.mark.parametrize("kind", ["malformed", "truncated", "invalid_output", "refusal"])
def test_unusable_output_twice_is_a_failed_row_with_the_reason(
    one_post: tuple[Settings, str], sandbox: SandboxClient, kind: str
) -> None:
    s, post_id = one_post
    sandbox.set_fault(target="openai", kind=kind)

    outcome = score_post(s, post_id)

    assert outcome.status == "failed"
    assert llm_calls(sandbox) == 2
    row = score_rows(s)[post_id]
    assert row["status"] == "failed"
    assert "not usable twice" in row["error"]
    assert row["total"] is None
    # failed posts are left alone until asked for
    assert posts_needing_score(s, [post_id]) == []
    assert posts_needing_score(s, [post_id], include_failed=True) == [post_id]


@pytest.mark.parametrize(("kind", "words"), [("quota", "quota"), ("auth", "rejected")])
def test_quota_and_authentication_are_terminal_with_one_call(
    one_post: tuple[Settings, str], sandbox: SandboxClient, kind: str, words: str
) -> None:
    s, post_id = one_post
    sandbox.set_fault(target="openai", kind=kind)

    outcome = score_post(s, post_id)

    assert outcome.status == "failed"
    assert outcome.halt
    assert llm_calls(sandbox) == 1
    row = score_rows(s)[post_id]
    assert row["status"] == "failed"
    assert words in row["error"]
    assert SANDBOX_OPENAI_KEY not in row["error"]


def test_a_batch_stops_at_a_rejected_key_and_leaves_the_rest_pending(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process)
    ids = insert_posts(s, post_rows(6))
    sandbox.set_fault(target="openai", kind="auth")

    summary = score_pending(s, None, False, 1, None)

    assert summary.failed == 1
    assert summary.skipped == 5
    assert summary.stopped_reason is not None
    assert llm_calls(sandbox) == 1
    assert len(posts_needing_score(s, ids)) == 5

    sandbox.clear_faults()
    retried = score_pending(s, None, True, 2, None)
    assert retried.scored == 6
    assert {r["status"] for r in score_rows(s).values()} == {"scored"}


def test_a_mix_of_faults_loses_and_duplicates_nothing(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    s = openai_settings(settings, sandbox_process)
    ids = insert_posts(s, post_rows(30))
    for kind in ("500", "drop", "invalid_output", "malformed", "truncated"):
        sandbox.set_fault(target="openai", kind=kind, ratio=0.1)

    first = score_pending(s, None, False, 4, None)
    sandbox.clear_faults()
    second = score_pending(s, None, True, 4, None)

    rows = score_rows(s)
    assert sorted(rows) == sorted(ids)
    assert first.scored + first.failed + first.unavailable + first.skipped == 30
    assert {r["status"] for r in rows.values()} == {"scored"}
    assert second.selected == 30 - first.scored


def test_record_failure_writes_a_failed_row_but_never_over_a_good_score(
    one_post: tuple[Settings, str], sandbox: SandboxClient
) -> None:
    s, post_id = one_post
    record_failure(s, post_id, "gave up after 5 task retries: LLM unavailable")
    assert score_rows(s)[post_id]["status"] == "failed"

    assert score_post(s, post_id).status == "scored"
    record_failure(s, post_id, "a late retry that lost the race")
    row = score_rows(s)[post_id]
    assert row["status"] == "scored"
    assert row["error"] is None
    record_failure(s, "no-such-post", "gone")
    assert list(score_rows(s)) == [post_id]


def test_a_score_task_ends_at_its_deadline_however_slow_the_server(
    one_post: tuple[Settings, str], sandbox: SandboxClient
) -> None:
    s, post_id = one_post
    sandbox.set_fault(target="openai", kind="latency", delay=8)  # every request, 8 s late

    started = time.monotonic()
    step = run_score(s, post_id, attempt=0, deadline_s=2.0)
    elapsed = time.monotonic() - started

    assert step.status == "retry"  # transient: the task comes back later, bounded
    assert llm_calls(sandbox) == 1  # cut off, and no second attempt without time for it
    assert elapsed < 6  # loosely: it did not wait for the server's 8 s
    assert score_rows(s) == {}
    assert posts_needing_score(s, [post_id]) == [post_id]


def test_retry_waits_count_against_the_deadline(
    one_post: tuple[Settings, str], sandbox: SandboxClient
) -> None:
    s, post_id = one_post
    # every request is a 429 asking for 1.5 s: 4 attempts without a deadline
    sandbox.set_fault(target="openai", kind="429", retry_after=1.5)

    with pytest.raises(LLMUnavailable) as caught:
        score_post(s, post_id, Deadline(3.0))

    assert llm_calls(sandbox) == 2  # the wait before a third would not leave it a second
    assert "deadline" in str(caught.value)
    assert score_rows(s) == {}
