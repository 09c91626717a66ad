"""Thin tasks: ids in, harbor calls, retry decisions. The logic lives in harbor.runtime."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from celery import Task
from celery.signals import task_received

from harbor.alerts import run_alerts
from harbor.cutover import Via
from harbor.errors import RedditBusy
from harbor.evidence.service import fetch_evidence
from harbor.runtime.collect import collect_and_plan
from harbor.runtime.dispatch import dispatch as plan_dispatch
from harbor.runtime.followups import done as followup_done
from harbor.runtime.followups import sweep_followups
from harbor.runtime.pending import mark_collect_reserved
from harbor.runtime.queues import TaskName
from harbor.runtime.scoring import mark_score_reserved, run_score, sweep_scores
from harbor.settings import get_settings
from harbor.theming.assign import assign_theme
from workers.app import app

__all__ = ["alerts", "collect", "comments", "dispatch", "score", "theme"]


def _enqueue_scores(post_ids: list[str]) -> None:
    if not post_ids:
        return
    with app.producer_or_acquire() as producer:
        for post_id in post_ids:
            score.apply_async((post_id,), producer=producer)


@app.task(name=TaskName.DISPATCH.value)
def dispatch() -> dict[str, Any]:
    """One tick: enqueue the collects that are due, and the scores nobody is running."""
    settings = get_settings()
    planned = plan_dispatch(settings, time.time())
    with app.producer_or_acquire() as producer:
        for item in planned:
            collect.apply_async((item.subreddit, item.via, item.token), producer=producer)
    swept = sweep_scores(settings)
    _enqueue_scores(swept)
    followups = sweep_followups(settings)
    with app.producer_or_acquire() as producer:
        for post_id in followups.themes:
            theme.apply_async((post_id,), producer=producer)
        for post_id in followups.comments:
            comments.apply_async((post_id,), producer=producer)
    return {
        "dispatched": {d.subreddit: d.via for d in planned},
        "swept": len(swept),
        "themes": len(followups.themes),
        "comments": len(followups.comments),
    }


@app.task(name=TaskName.COLLECT.value, bind=True)
def collect(self: Task, subreddit: str, via: Via, token: str | None = None) -> dict[str, object]:
    """Collect one subreddit (by the route in force when it starts) and fan out scoring.

    When the shared Reddit budget has nothing for it soon, the task gives its worker
    slot back and comes back after the countdown (bounded: MAX_COLLECT_DEFERRALS).
    """
    try:
        result, to_score = collect_and_plan(get_settings(), subreddit, via, token=token)
    except RedditBusy as exc:
        raise self.retry(exc=exc, countdown=exc.retry_after) from None
    _enqueue_scores(to_score)
    return result.as_json()


@app.task(name=TaskName.SCORE.value, bind=True)
def score(self: Task, post_id: str) -> str:
    """Score one post; transient failures come back later, bounded, then fail the post."""
    step = run_score(get_settings(), post_id, self.request.retries)
    if step.retry_in is not None:
        raise self.retry(countdown=step.retry_in)
    return step.status


@app.task(name=TaskName.THEME.value)
def theme(post_id: str) -> str:
    """Put a scored opportunity in a theme (once: a second run finds it assigned)."""
    settings = get_settings()
    try:
        return assign_theme(settings, post_id).status
    finally:
        followup_done(settings, "theme", post_id)


@app.task(name=TaskName.COMMENTS.value)
def comments(post_id: str) -> str:
    """Read an opportunity's top comments once, as evidence (claimed: never read twice)."""
    settings = get_settings()
    try:
        return fetch_evidence(settings, post_id).status
    finally:
        followup_done(settings, "comments", post_id)


@app.task(name=TaskName.ALERTS.value)
def alerts() -> dict[str, Any]:
    """Plan the alerts that qualify and send those due (the alerts table makes it
    idempotent: what was sent is recorded, and a row is held by one sender at a time)."""
    return run_alerts(get_settings()).as_json()


@task_received.connect
def _reserved(request: Any = None, **_: Any) -> None:
    # runs in the worker's main process when it takes a message from the broker: from
    # now on a worker that dies takes its markers with it (see harbor.runtime)
    if request is None:
        return
    args = list(request.args or ())
    # a deferred collect (a retry with a countdown) waits in the worker until its time:
    # its marker already says so (deferred), and must not look like a lost reservation
    deferred = request.eta is not None
    if request.name == TaskName.COLLECT.value and len(args) == 3 and args[2] and not deferred:
        via: Via = "dlt" if args[1] == "dlt" else "legacy"
        mark_collect_reserved(get_settings(), str(args[0]), str(args[2]), via, time.time())
    elif request.name == TaskName.SCORE.value and len(args) == 1:
        eta = request.eta
        when = eta.timestamp() if isinstance(eta, datetime) else None
        mark_score_reserved(get_settings(), str(args[0]), when, time.time())
