"""Scoring as callers use it: one post (`score_post`), the pending set, or a whole run.

`score_post` is idempotent and never pays twice for the same content:
1. (OpenAI only) a Redis claim on `scoring_claim(post_id)` guards the paid part: when
   another process holds it, the answer is 'busy' (nothing written: the holder writes
   the row; a caller may check again later). The claim lives CLAIM_TTL_S and is renewed
   while its holder works, so a holder killed with SIGKILL frees it within CLAIM_TTL_S
   instead of blocking the post for the worst case of a call; and never longer than
   CLAIM_MAX_HOLD_S, above every scoring deadline, so a holder stuck past its own
   deadline cannot block the post for good;
2. the post is loaded with its score row in one query (gone: status 'missing', nothing
   written). Only a claim holder writes a 'scored' row for this model, so what is read
   under the claim cannot go stale before we decide;
3. its content_hash (title, selftext, model, prompt_version) is compared with the row:
   a 'scored' row with the same hash means 'unchanged', with no LLM call;
4. the day's token budget is reserved; when it is spent the row becomes 'deferred';
5. the scorer runs and its result is merged on post_id ('scored'), or a terminal
   failure (authentication, quota, output invalid twice, refusal) is merged as 'failed'.
Before 4, a post whose content needs a score is checked for duplicates (crossposts and
near-duplicates, harbor.duplicates): a duplicate is never paid for; it takes its
canonical post's row ('duplicate'), after the canonical is scored if it was not yet.
After 5, a scored opportunity joins a theme (harbor.theming); trouble there never undoes
the score (the follow-up sweep assigns it later).
Transient trouble that outlasts the scorer's bounded retries raises LLMUnavailable
(retry_after set when the server said so) and writes nothing: the post stays pending.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Literal

from harbor.db import connection
from harbor.deadline import Deadline
from harbor.duplicates import store as duplicates_store
from harbor.duplicates.service import resolve as resolve_duplicate
from harbor.errors import LLMUnavailable, TransientError
from harbor.locks import HeartbeatLock
from harbor.redis_conn import redis_client, scoring_claim
from harbor.scoring import store
from harbor.scoring.budget import DailyBudget
from harbor.scoring.factory import Scorer, describe_scorer, get_scorer
from harbor.scoring.model import Post, ScoreResult, content_hash
from harbor.scoring.openai_scorer import OpenAIScorer, ScoreFailed, ScorerUnavailable
from harbor.settings import Settings
from harbor.telemetry import record_llm_call
from harbor.theming.assign import assign_theme

__all__ = [
    "ScoreOutcome",
    "ScoringSummary",
    "describe_scorer",
    "posts_needing_score",
    "record_failure",
    "score_pending",
    "score_post",
]

log = logging.getLogger(__name__)

OutcomeStatus = Literal["scored", "unchanged", "duplicate", "failed", "deferred", "missing", "busy"]
# a claim outlives its holder by at most this; renewed every CLAIM_TTL_S / 3 while it works
CLAIM_TTL_S = 30.0
# and is renewed for at most this long: above every deadline of a score (the scorer's own
# and a score task's), so a holder that keeps to its deadline never loses its claim
CLAIM_MAX_HOLD_S = 120.0


@dataclass(frozen=True)
class ScoreOutcome:
    """What `score_post` did. `halt` is True when no other post can succeed either
    (the key was rejected or the quota is gone), so a batch should stop."""

    post_id: str
    status: OutcomeStatus
    input_tokens: int = 0
    output_tokens: int = 0
    error: str | None = None
    halt: bool = False


@dataclass
class ScoringSummary:
    """The counts of one `score_pending` run."""

    selected: int = 0
    scored: int = 0
    unchanged: int = 0
    duplicate: int = 0  # took the score of the canonical post of its set: no LLM call
    failed: int = 0
    deferred: int = 0
    busy: int = 0
    missing: int = 0
    unavailable: int = 0  # LLM unavailable past retries: left pending for a later run
    skipped: int = 0  # not attempted because the run stopped early
    input_tokens: int = 0
    output_tokens: int = 0
    duration_s: float = 0.0
    scorer: str = ""
    stopped_reason: str | None = None
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: ScoreOutcome) -> None:
        """Count one outcome."""
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.input_tokens += outcome.input_tokens
        self.output_tokens += outcome.output_tokens
        if outcome.error and len(self.errors) < 20:
            self.errors.append(f"{outcome.post_id}: {outcome.error}")


def _budget(settings: Settings) -> DailyBudget:
    return DailyBudget(redis_client(settings), settings.daily_token_budget)


def _write_status(
    settings: Settings,
    scorer: Scorer,
    post_id: str,
    digest: str,
    status: str,
    error: str | None,
    input_tokens: int = 0,
    output_tokens: int = 0,
) -> None:
    with connection(settings) as conn:
        store.write_status(
            conn,
            settings,
            post_id,
            digest,
            status=status,
            error=error,
            scorer=scorer.name,
            model=scorer.model,
            prompt_version=scorer.prompt_version,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
        )


def score_post(settings: Settings, post_id: str, deadline: Deadline | None = None) -> ScoreOutcome:
    """Score one post if its content is not scored yet; see the module docstring.

    With a `deadline`, the LLM call (its retries and waits included) ends by then, or
    LLMUnavailable is raised and nothing is written.
    """
    return _score(settings, post_id, deadline, check_duplicates=True)


def _score(
    settings: Settings, post_id: str, deadline: Deadline | None, *, check_duplicates: bool
) -> ScoreOutcome:
    scorer = get_scorer(settings)
    if not isinstance(scorer, OpenAIScorer):  # free and instant: nothing to guard or budget
        found = _load(settings, post_id, scorer)
        if isinstance(found, ScoreOutcome):
            return found
        post, digest = found
        if check_duplicates and (copied := _as_duplicate(settings, post_id, digest, deadline)):
            return copied
        _store_result(settings, post_id, digest, scorer.score(post))
        return ScoreOutcome(post_id, "scored")

    # claimed before the post is read: only a claim holder writes a 'scored' row for this
    # model, so the row read under the claim is the one to compare with (one query)
    claim = HeartbeatLock(
        redis_client(settings), scoring_claim(post_id), ttl=CLAIM_TTL_S, max_hold=CLAIM_MAX_HOLD_S
    )
    if not claim.acquire():
        return ScoreOutcome(post_id, "busy")
    try:
        found = _load(settings, post_id, scorer)
        if isinstance(found, ScoreOutcome):
            return found
        post, digest = found
        if check_duplicates and (copied := _as_duplicate(settings, post_id, digest, deadline)):
            return copied
        return _score_paid(settings, scorer, post_id, digest, post, deadline)
    finally:
        claim.release()


def _as_duplicate(
    settings: Settings, post_id: str, digest: str, deadline: Deadline | None
) -> ScoreOutcome | None:
    """If the post is a duplicate, its canonical post's row (scored first if need be)."""
    link = resolve_duplicate(settings, post_id)
    if link is None or not link.duplicate:
        return None
    canonical = _score(settings, link.canonical_id, deadline, check_duplicates=False)
    if canonical.status == "busy":  # being scored elsewhere: the copy is made on a later try
        return ScoreOutcome(post_id, "busy")
    with connection(settings) as conn:
        copied = duplicates_store.copy_score(conn, settings, link.canonical_id, post_id, digest)
    if copied is None:  # the canonical post is gone: this one is scored on its own
        return None
    error = f"{link.reason} of {link.canonical_id}" + (f": {copied}" if copied != "scored" else "")
    return ScoreOutcome(post_id, "duplicate", error=None if copied == "scored" else error)


def _store_result(settings: Settings, post_id: str, digest: str, result: ScoreResult) -> None:
    """Merge a finished score, let the post's duplicates follow it, then theme it."""
    with connection(settings) as conn:
        store.write_result(conn, settings, post_id, digest, result)
        duplicates_store.copy_score_to_duplicates(conn, settings, post_id)
    if result.assessment.category == "other":
        return
    try:
        assign_theme(settings, post_id)
    except TransientError as exc:  # the score stands; the follow-up sweep themes it later
        log.warning("post %s: scored, but not themed yet: %s", post_id, exc)


def _load(settings: Settings, post_id: str, scorer: Scorer) -> tuple[Post, str] | ScoreOutcome:
    """The post and its content hash, or the outcome when there is nothing to pay for."""
    with connection(settings) as conn:
        found = store.load_post_and_score(conn, settings, post_id)
    if found is None:
        return ScoreOutcome(post_id, "missing", error="no such post in submissions")
    post, current = found
    digest = content_hash(post.title, post.selftext, scorer.model, scorer.prompt_version)
    if current == ("scored", digest):
        return ScoreOutcome(post_id, "unchanged")
    return post, digest


def _score_paid(
    settings: Settings,
    scorer: OpenAIScorer,
    post_id: str,
    digest: str,
    post: Post,
    deadline: Deadline | None,
) -> ScoreOutcome:
    budget = _budget(settings)
    reservation = budget.reserve(scorer.estimate(post))
    if reservation is None:
        error = f"daily token budget of {settings.daily_token_budget} spent; waits for tomorrow"
        _write_status(settings, scorer, post_id, digest, "deferred", error)
        return ScoreOutcome(post_id, "deferred", error=error)
    started = time.monotonic()
    try:
        result = scorer.score(post, deadline)
    except ScoreFailed as exc:
        record_llm_call(settings, time.monotonic() - started, ok=False)
        tokens_in, tokens_out = exc.input_tokens, exc.output_tokens
        budget.settle(reservation, tokens_in + tokens_out)
        log.warning("post %s: scoring failed for good: %s", post_id, exc)
        _write_status(settings, scorer, post_id, digest, "failed", str(exc), tokens_in, tokens_out)
        return ScoreOutcome(post_id, "failed", tokens_in, tokens_out, str(exc), halt=exc.account)
    except ScorerUnavailable as exc:
        record_llm_call(settings, time.monotonic() - started, ok=False)
        budget.settle(reservation, exc.input_tokens + exc.output_tokens)
        raise
    except BaseException:
        budget.settle(reservation, 0)
        raise
    record_llm_call(settings, time.monotonic() - started, ok=True)
    budget.settle(reservation, result.input_tokens + result.output_tokens)
    _store_result(settings, post_id, digest, result)
    return ScoreOutcome(post_id, "scored", result.input_tokens, result.output_tokens)


def record_failure(settings: Settings, post_id: str, error: str) -> None:
    """Write the 'failed' row of a post whose caller gave up retrying (never over a good score)."""
    scorer = get_scorer(settings)
    with connection(settings) as conn:
        post = store.load_post(conn, settings, post_id)
    if post is None:
        log.warning("post %s: not recording a failure for a post that is gone", post_id)
        return
    digest = content_hash(post.title, post.selftext, scorer.model, scorer.prompt_version)
    _write_status(settings, scorer, post_id, digest, "failed", error)


def posts_needing_score(
    settings: Settings,
    post_ids: Sequence[str] | None = None,
    limit: int = 1000,
    *,
    include_failed: bool = False,
) -> list[str]:
    """Among `post_ids` (all submissions when None), those to score, newest first.

    That is: no score row; a row whose content_hash is not the current one (the post
    was edited, or the model or prompt version changed); a 'deferred' row once the
    budget allows again. 'failed' rows only with `include_failed` (or when the content
    changed since). One SQL query, with the hash computed inside Postgres.
    """
    scorer = get_scorer(settings)
    budget_open = not isinstance(scorer, OpenAIScorer) or _budget(settings).allows()
    with connection(settings) as conn:
        return store.needing_score(
            conn,
            settings,
            post_ids,
            limit,
            model=scorer.model,
            prompt_version=scorer.prompt_version,
            include_deferred=budget_open,
            include_failed=include_failed,
        )


def score_pending(
    settings: Settings,
    limit: int | None = None,
    retry_failed: bool = False,
    concurrency: int = 8,
    progress: Callable[[int, int], None] | None = None,
) -> ScoringSummary:
    """Score every pending post (at most `limit`) in this process with `concurrency` threads.

    `progress(done, total)` is called once before the first post and after each one.
    A run stops early (the rest stay pending) when the key or quota is rejected, or
    when the LLM stays unavailable for several posts in a row.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    started = time.monotonic()
    summary = ScoringSummary(scorer=describe_scorer(settings))
    ids = posts_needing_score(
        settings, None, limit if limit is not None else 2**31 - 1, include_failed=retry_failed
    )
    summary.selected = len(ids)
    stop = threading.Event()
    unavailable_in_a_row = 0

    def work(post_id: str) -> ScoreOutcome | LLMUnavailable | None:
        if stop.is_set():
            return None
        try:
            outcome = score_post(settings, post_id)
        except LLMUnavailable as exc:
            return exc
        if outcome.halt:  # stop here, in the worker, before it takes the next post
            stop.set()
        return outcome

    if progress:
        progress(0, len(ids))
    done = 0
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="score") as pool:
        futures = [pool.submit(work, post_id) for post_id in ids]
        for future in as_completed(futures):
            outcome = future.result()
            done += 1
            if outcome is None:
                summary.skipped += 1
            elif isinstance(outcome, LLMUnavailable):
                summary.unavailable += 1
                unavailable_in_a_row += 1
                if len(summary.errors) < 20:
                    summary.errors.append(f"LLM unavailable: {outcome}")
                if unavailable_in_a_row >= max(3, concurrency) and not stop.is_set():
                    summary.stopped_reason = f"the LLM stayed unavailable: {outcome}"
                    stop.set()
            else:
                unavailable_in_a_row = 0
                summary.add(outcome)
                if outcome.halt and summary.stopped_reason is None:
                    summary.stopped_reason = outcome.error
            if progress:
                progress(done, len(ids))
    summary.duration_s = time.monotonic() - started
    return summary
