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
    "DISPATCH_PRIORITY",
    "MAX_COLLECT_DEFERRALS",
    "MAX_SCORE_RETRIES",
    "PRIORITY_SEP",
    "PRIORITY_STEPS",
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
    # score task spends nearly all its time waiting on the LLM
    SCORE = "score"


class TaskName(enum.StrEnum):
    """Registered task names (stable: they are in messages sitting in Redis)."""

    DISPATCH = "harbor.dispatch"
    COLLECT = "harbor.collect"
    SCORE = "harbor.score"


# kombu's Redis transport keeps one list per priority step and polls the lowest first:
# the dispatch tick goes ahead of the collects already waiting in the same queue
PRIORITY_STEPS = (0, 3, 6, 9)
PRIORITY_SEP = "\x06\x16"
DISPATCH_PRIORITY = 0
COLLECT_PRIORITY = 6


def broker_lists(queue: Queue) -> list[str]:
    """The Redis lists that hold a queue's waiting messages, one per priority step."""
    return [queue.value] + [f"{queue.value}{PRIORITY_SEP}{step}" for step in PRIORITY_STEPS[1:]]


# time limits: soft raises inside the task, hard kills it (and its process)
COLLECT_HARD_LIMIT_S = 660
COLLECT_SOFT_LIMIT_S = 600
SCORE_HARD_LIMIT_S = 150
SCORE_SOFT_LIMIT_S = 120
MAX_SCORE_RETRIES = 5
MAX_COLLECT_DEFERRALS = 20
