"""The Celery queues, task names, priorities and time limits, where the library sees them.

The Celery app (workers/) routes and limits tasks by these; the runtime sizes its
markers' lifetimes by the same limits; `harbor status` reads queue depths by them.
"""

from __future__ import annotations

import enum

__all__ = [
    "COLLECT_HARD_LIMIT_S",
    "COLLECT_PRIORITY",
    "COLLECT_SOFT_LIMIT_S",
    "COMMENTS_PRIORITY",
    "DISPATCH_PRIORITY",
    "FOLLOWUP_HARD_LIMIT_S",
    "FOLLOWUP_SOFT_LIMIT_S",
    "MAX_COLLECT_DEFERRALS",
    "MAX_SCORE_RETRIES",
    "PRIORITY_SEP",
    "PRIORITY_STEPS",
    "SCORE_DEADLINE_S",
    "SCORE_HARD_LIMIT_S",
    "SCORE_SOFT_LIMIT_S",
    "Queue",
    "TaskName",
    "broker_lists",
]


class Queue(enum.StrEnum):
    """The two queues; any number of workers on any host may consume each."""

    # one task per subreddit collection, plus the dispatch tick; prefork workers with
    # prefetch 1, because a collect runs for seconds to minutes and holds a lock
    COLLECT = "collect"
    # one task per post to score; thread-pool workers with high concurrency, because a
    # score task spends nearly all its time waiting on the LLM. Themes and comment
    # evidence of scored posts go here too (comments last, at the lowest priority)
    SCORE = "score"
    # one alert run per tick (plan, then send what is due); its own workers, so a slow or
    # dead webhook never holds a collect process or a score thread
    ALERTS = "alerts"


class TaskName(enum.StrEnum):
    """Registered task names (stable: they are in messages sitting in Redis)."""

    DISPATCH = "harbor.dispatch"
    COLLECT = "harbor.collect"
    SCORE = "harbor.score"
    ALERTS = "harbor.alerts"
    THEME = "harbor.theme"
    COMMENTS = "harbor.comments"


# kombu's Redis transport keeps one list per priority step and polls the lowest first:
# the dispatch tick goes ahead of the collects already waiting in the same queue
PRIORITY_STEPS = (0, 3, 6, 9)
PRIORITY_SEP = "\x06\x16"
DISPATCH_PRIORITY = 0
COLLECT_PRIORITY = 6
COMMENTS_PRIORITY = 9  # polled after every score and theme task waiting in the score queue


def broker_lists(queue: Queue) -> list[str]:
    """The Redis lists that hold a queue's waiting messages, one per priority step."""
    return [queue.value] + [f"{queue.value}{PRIORITY_SEP}{step}" for step in PRIORITY_STEPS[1:]]


# time limits: soft raises inside the task, hard kills it (and its process). Celery
# enforces neither under -P threads (the score workers' pool), so a score task also has
# a deadline of its own, kept by the library: SCORE_DEADLINE_S, below both limits and
# below the score claim's longest hold (harbor.scoring.service.CLAIM_MAX_HOLD_S)
COLLECT_HARD_LIMIT_S = 660
COLLECT_SOFT_LIMIT_S = 600
SCORE_HARD_LIMIT_S = 150
SCORE_SOFT_LIMIT_S = 120
SCORE_DEADLINE_S = 90.0
MAX_SCORE_RETRIES = 5
FOLLOWUP_HARD_LIMIT_S = 90
FOLLOWUP_SOFT_LIMIT_S = 60
MAX_COLLECT_DEFERRALS = 20
