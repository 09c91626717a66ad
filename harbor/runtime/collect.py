"""The library side of one collect task: route, collect, guard, fan-out plan."""

from __future__ import annotations

import logging
import random
import time
from datetime import UTC, datetime

from harbor.collect.service import CollectResult, run_collection
from harbor.cutover import Via, feed_guard, route
from harbor.errors import RedditBusy
from harbor.runtime.pending import clear_pending, mark_deferred, mark_started
from harbor.runtime.scoring import plan_scores
from harbor.settings import Settings, validate_subreddit

__all__ = ["DEFER_AFTER_S", "collect_and_plan", "retry_countdown"]

log = logging.getLogger(__name__)

# a collect that would wait longer than this for its first Reddit request gives its
# worker slot back and comes back later (RedditBusy, a retry with a countdown)
DEFER_AFTER_S = 10.0


def _stale(subreddit: str, via: Via, why: str) -> CollectResult:
    now = datetime.now(UTC)
    return CollectResult("", subreddit, via, "skipped", now, now, error=why)


def collect_and_plan(
    settings: Settings, subreddit: str, planned_via: Via, *, token: str | None = None
) -> tuple[CollectResult, list[str]]:
    """Collect one subreddit by the route in force now; return the result and the ids to score.

    The route is read again here, not taken from the message, so a rollback reaches tasks
    that were queued before it. With a dispatch `token`, the task runs only while the
    pending marker is still its own: a message the broker redelivers after a newer
    dispatch replaced it is skipped (no collection_runs row). The returned ids are marked
    as queued for scoring; the caller enqueues one score task for each.

    Raises RedditBusy when the shared Reddit budget has no request for this run soon: the
    marker then says deferred until the retry is due, and the caller retries the task
    with the countdown in the exception's `retry_after`.
    """
    validate_subreddit(subreddit)
    # the run's started_at is taken before the route is read, so that a run recorded as
    # started after a rollback was written is a run that read the rollback
    started = datetime.now(UTC)
    current = route(settings, subreddit)
    if token is not None and not mark_started(settings, subreddit, token, current.via, time.time()):
        log.info(
            "collect r/%s: a newer dispatch owns this subreddit; stale task skipped", subreddit
        )
        return _stale(subreddit, current.via, "stale task: superseded by a newer dispatch"), []
    if current.via != planned_via:
        log.info(
            "collect r/%s: route changed since dispatch (%s -> %s: %s)",
            subreddit,
            planned_via,
            current.via,
            current.reason,
        )
    deferred = False
    try:
        result = run_collection(
            settings, subreddit, current.via, started=started, defer_after=DEFER_AFTER_S
        )
        feed_guard(settings, subreddit, result.via, result.status)
    except RedditBusy as exc:
        # the countdown is chosen here, once: the marker and the task's retry agree on it
        exc.retry_after = retry_countdown(exc)
        deferred = token is not None and mark_deferred(
            settings, subreddit, token, current.via, time.time() + exc.retry_after
        )
        raise
    finally:
        if token is not None and not deferred:
            clear_pending(settings, subreddit, token)
    return result, plan_scores(settings, list(result.to_score))


def retry_countdown(exc: RedditBusy) -> float:
    """Seconds before a deferred collect runs again: the budget's wait, with jitter."""
    wait = exc.retry_after if exc.retry_after is not None else DEFER_AFTER_S
    return float(max(1.0, wait) + random.uniform(0, min(5.0, 1.0 + wait / 4)))
