"""Read one opportunity's comments once, and say which opportunities are due for it.

`fetch_evidence` is idempotent: a conditional upsert on `comment_fetches` claims the
post for LEASE_S seconds, so a second task for the same post (a duplicate message, a
sweep that ran twice) finds it claimed or done and does nothing; a worker killed
mid-fetch lets its lease run out and the next sweep takes the post again. Evidence
rows and the 'done' status are written in one transaction.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from harbor.db import connection
from harbor.errors import RedditUnavailable
from harbor.evidence import store
from harbor.evidence.agreement import classify, is_gone
from harbor.evidence.fetch import PostGone, top_comments
from harbor.evidence.weighting import demand_bonus, total_bonus
from harbor.settings import Settings
from harbor.theming.text import post_words

__all__ = ["KEPT", "MAX_ATTEMPTS", "MIN_AGE", "EvidenceOutcome", "due_posts", "fetch_evidence"]

log = logging.getLogger(__name__)

MIN_AGE = timedelta(hours=1)  # the first hour's comments say little yet
MAX_ATTEMPTS = 5
LEASE_S = 300.0
KEPT = 5  # comments stored as evidence per post
_ORDER = {"same_problem": 0, "agreement": 1}

Status = Literal["done", "retry", "failed", "skipped", "not_due"]


@dataclass(frozen=True)
class EvidenceOutcome:
    """What `fetch_evidence` did for a post."""

    post_id: str
    status: Status
    read: int = 0
    agreeing: int = 0
    demand_bonus: int = 0
    error: str | None = None


def retry_in(attempt: int, retry_after: float | None) -> float:
    """Seconds before the next try: jittered exponential from 1 minute, Retry-After first."""
    backoff = min(3600.0, 60.0 * 2 ** max(0, attempt - 1))
    wait = random.uniform(backoff / 2, backoff)
    return max(wait, retry_after + random.uniform(0, 5.0)) if retry_after else wait


def due_posts(settings: Settings, limit: int) -> list[str]:
    """Opportunities whose comments should be read now, best first."""
    with connection(settings) as conn:
        return store.due(conn, settings, settings.comments_min_total, MIN_AGE, limit)


def fetch_evidence(settings: Settings, post_id: str) -> EvidenceOutcome:
    """Read the post's top comments and store the evidence, if that is due now."""
    with connection(settings) as conn:
        found = store.candidate(conn, settings, post_id, settings.comments_min_total, MIN_AGE)
        if found is None:
            return EvidenceOutcome(post_id, "not_due")
        attempt = store.claim(conn, settings, post_id, LEASE_S)
    if attempt is None:
        return EvidenceOutcome(post_id, "skipped")
    try:
        comments = top_comments(settings, post_id)
    except RedditUnavailable as exc:
        return _failed(settings, post_id, attempt, str(exc), exc.retry_after)
    except PostGone as exc:
        return _failed(settings, post_id, MAX_ATTEMPTS, str(exc), None)

    terms = post_words(found.title, found.selftext).terms
    kept: list[store.Evidence] = []
    agreeing = read = 0
    for comment in comments:
        if is_gone(comment.body):
            continue
        read += 1
        kind = classify(comment.body, comment.score, terms)
        agreeing += kind != "other"
        if kind != "other":
            kept.append(
                store.Evidence(
                    comment_id=comment.id,
                    author=comment.author,
                    body=comment.body[:2000],
                    score=comment.score,
                    kind=kind,
                    created_utc=comment.created_utc,
                    permalink=comment.permalink,
                )
            )
    best = sorted(kept, key=lambda e: (_ORDER[e.kind], -e.score, e.comment_id))[:KEPT]
    bonus = demand_bonus(agreeing, found.market_demand)
    extra = total_bonus(bonus, settings.score_weights)
    with connection(settings) as conn:
        store.finish(conn, settings, post_id, read, agreeing, best, bonus, extra)
    log.info("post %s: %d comments read, %d agree (+%d demand)", post_id, read, agreeing, bonus)
    return EvidenceOutcome(post_id, "done", read, agreeing, bonus)


def _failed(
    settings: Settings, post_id: str, attempt: int, error: str, retry_after: float | None
) -> EvidenceOutcome:
    final = attempt >= MAX_ATTEMPTS
    wait = None if final else retry_in(attempt, retry_after)
    with connection(settings) as conn:
        store.fail(conn, settings, post_id, error, wait)
    then = "; giving up" if wait is None else f"; again in {wait:.0f}s"
    log.warning("post %s: comments not read (%s)%s", post_id, error, then)
    return EvidenceOutcome(post_id, "failed" if final else "retry", error=error)
