"""The library side of one collect task: route, collect, guard, fan-out plan."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

from harbor.collect.service import CollectResult, run_collection
from harbor.cutover import Via, feed_guard, route
from harbor.runtime.pending import clear_pending, mark_started
from harbor.runtime.scoring import plan_scores
from harbor.settings import Settings, validate_subreddit

__all__ = ["collect_and_plan"]

log = logging.getLogger(__name__)


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
    try:
        result = run_collection(settings, subreddit, current.via, started=started)
        feed_guard(settings, subreddit, result.via, result.status)
    finally:
        if token is not None:
            clear_pending(settings, subreddit, token)
    return result, plan_scores(settings, list(result.to_score))
