"""What the dispatch tick plans after scoring: themes that were missed, comments that are due.

Once per sweep interval across all dispatchers (a Redis key with a TTL decides):
- scored opportunities that no theme assignment looked at (their score task died between
  the score and the theme, or they were scored before themes existed) get a theme task,
  oldest first, THEMES_PER_SWEEP at a time;
- opportunities due for comment evidence (harbor.evidence) get a comments task,
  COMMENTS_PER_SWEEP at a time: a few requests a minute at most, so collection keeps
  nearly all of the Reddit quota even before the shared budget ranks the requests.
A post gets a task only when its `harbor:queued:<kind>:<id>` marker was free; the marker
lives QUEUED_TTL_S, so a task lost with its worker is planned again after that. Both
tasks are idempotent (a theme is assigned once per post, comments are claimed), so a
task that runs twice does nothing the second time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from harbor.db import connection
from harbor.evidence.service import due_posts
from harbor.redis_conn import FOLLOWUP_SWEEP, followup_queued, redis_client
from harbor.runtime.scoring import sweep_interval
from harbor.settings import Settings
from harbor.theming.store import unthemed

__all__ = ["COMMENTS_PER_SWEEP", "THEMES_PER_SWEEP", "Followups", "done", "sweep_followups"]

log = logging.getLogger(__name__)

THEMES_PER_SWEEP = 200
COMMENTS_PER_SWEEP = 5
QUEUED_TTL_S = 600


@dataclass(frozen=True)
class Followups:
    """Posts to enqueue: a theme task each, a comments task each."""

    themes: list[str]
    comments: list[str]


def _mark(settings: Settings, kind: str, post_ids: list[str]) -> list[str]:
    if not post_ids:
        return []
    pipe = redis_client(settings).pipeline(transaction=False)
    for post_id in post_ids:
        pipe.set(followup_queued(kind, post_id), "1", nx=True, ex=QUEUED_TTL_S)
    return [p for p, ok in zip(post_ids, pipe.execute(), strict=True) if ok]


def done(settings: Settings, kind: str, post_id: str) -> None:
    """The task for the post ran: a later sweep may plan it again if it is still due."""
    redis_client(settings).delete(followup_queued(kind, post_id))


def sweep_followups(settings: Settings, *, force: bool = False) -> Followups:
    """The theme and comments tasks to enqueue now (see the module docstring)."""
    client = redis_client(settings)
    interval = int(sweep_interval(settings))
    if not force and not client.set(FOLLOWUP_SWEEP, "1", nx=True, ex=interval):
        return Followups([], [])
    with connection(settings) as conn:
        missed = unthemed(conn, settings, THEMES_PER_SWEEP)
    comments = due_posts(settings, COMMENTS_PER_SWEEP)
    planned = Followups(_mark(settings, "theme", missed), _mark(settings, "comments", comments))
    if planned.themes:
        log.info("sweep: %d scored opportunities have no theme yet", len(planned.themes))
    return planned
