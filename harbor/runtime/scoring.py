"""The library side of the score fan-out: queued markers, one task's step, the sweep.

A post gets a marker `harbor:queued:score:<id>` when a score task is enqueued for it, and
keeps it while the task waits, runs or waits for a retry; the task deletes it at the end.
Once a worker has taken the message, the marker lives only a short while unless renewed:
RESERVED_TTL_S until the task starts (or its retry countdown ends), then RUNNING_TTL_S
renewed by a heartbeat thread of the worker process while it runs. A worker killed with
SIGKILL stops renewing, so the markers of everything it held are gone within minutes; a
task stuck past its hard limit (which -P threads does not enforce) stops being renewed too.
Each run of a score task has SCORE_DEADLINE_S to finish its LLM call, retries included.
The sweep enqueues every post that needs a score and has neither our marker nor the
scoring library's claim: that recovers the tasks lost with a killed worker (long before
the broker's visibility timeout would), posts whose collect died before its fan-out, and
deferred posts once the budget allows.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
from dataclasses import dataclass

import redis

from harbor.deadline import Deadline
from harbor.errors import TransientError
from harbor.redis_conn import SCORE_SWEEP, redis_client, score_queued, scoring_claim
from harbor.runtime.queues import (
    MAX_SCORE_RETRIES,
    SCORE_DEADLINE_S,
    SCORE_HARD_LIMIT_S,
    Queue,
    broker_lists,
)
from harbor.scoring.service import posts_needing_score, record_failure, score_post
from harbor.settings import Settings

__all__ = [
    "ScoreStep",
    "mark_score_reserved",
    "plan_scores",
    "retry_delay",
    "run_score",
    "sweep_interval",
    "sweep_scores",
]

log = logging.getLogger(__name__)

# a queued task that nobody runs comes back from the broker after its visibility timeout
QUEUED_TTL_S = 3600
# a running task that vanished (SIGKILL) is enqueued again by the sweep after this
RUNNING_TTL_S = 30
# a task a worker took, waiting for a thread (at once with threads; prefetch is 1 each)
RESERVED_TTL_S = 120
# a worker marks a message it takes at once; a post still marked queued this long after
# the queue ran empty lost its message on the way to a worker that died
QUEUED_GRACE_S = 60
SWEEP_LIMIT = 1000
# Redis away past the client's own reconnects is as passing as the LLM or Postgres away:
# the task is retried, never the post failed for good
_TRANSIENT = (TransientError, redis.ConnectionError, redis.TimeoutError)


class _Running:
    """The posts this process is scoring now, whose markers a daemon thread keeps alive."""

    def __init__(self) -> None:
        self.posts: dict[str, tuple[Settings, float]] = {}
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def add(self, settings: Settings, post_id: str) -> None:
        value = f"running {socket.gethostname()}:{os.getpid()}"
        redis_client(settings).set(score_queued(post_id), value, ex=RUNNING_TTL_S)
        with self.lock:
            self.posts[post_id] = (settings, time.monotonic())
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._beat, name="score-markers", daemon=True)
                self.thread.start()

    def discard(self, post_id: str) -> None:
        with self.lock:
            self.posts.pop(post_id, None)

    def _beat(self) -> None:
        while True:
            time.sleep(RUNNING_TTL_S / 3)
            # a task past its hard limit is stuck: let its marker lapse, the sweep retries it
            oldest = time.monotonic() - SCORE_HARD_LIMIT_S
            with self.lock:
                running = [(p, s) for p, (s, since) in self.posts.items() if since > oldest]
            if not running:
                continue
            try:
                pipe = redis_client(running[0][1]).pipeline(transaction=False)
                for post_id, _ in running:
                    pipe.expire(score_queued(post_id), RUNNING_TTL_S)
                pipe.execute()
            except Exception as exc:  # noqa: BLE001 - the thread must outlive a Redis outage
                log.warning("could not renew %d score markers: %s", len(running), exc)


_running = _Running()


@dataclass(frozen=True)
class ScoreStep:
    """What one run of a score task ended in; `retry_in` is set when it should run again."""

    status: str
    retry_in: float | None = None


def retry_delay(attempt: int, retry_after: float | None) -> float:
    """Seconds before retry number `attempt + 1`: jittered exponential, Retry-After first."""
    backoff = min(300.0, 5.0 * 2**attempt)
    jittered = random.uniform(backoff / 2, backoff)
    if retry_after is not None and retry_after > 0:
        return min(600.0, max(retry_after, 1.0) + random.uniform(0, 1.0))
    return jittered


def plan_scores(settings: Settings, post_ids: list[str]) -> list[str]:
    """Mark the posts as queued; return those that had no task yet (to enqueue now)."""
    if not post_ids:
        return []
    pipe = redis_client(settings).pipeline(transaction=False)
    value = f"queued {time.time():.0f}"
    for post_id in post_ids:
        pipe.set(score_queued(post_id), value, nx=True, ex=QUEUED_TTL_S)
    return [p for p, ok in zip(post_ids, pipe.execute(), strict=True) if ok]


def mark_score_reserved(settings: Settings, post_id: str, eta: float | None, now: float) -> None:
    """A worker took the post's message: the marker now lasts only until it should start."""
    wait = max(0.0, eta - now) if eta is not None else 0.0
    host = f"{socket.gethostname()}:{os.getpid()}"
    _mark(settings, post_id, f"reserved {host}", RESERVED_TTL_S + wait)


def _mark(settings: Settings, post_id: str, value: str, ttl: float) -> None:
    redis_client(settings).set(score_queued(post_id), value, ex=max(1, int(ttl)))


def _unmark(settings: Settings, post_id: str) -> None:
    redis_client(settings).delete(score_queued(post_id))


def run_score(
    settings: Settings, post_id: str, attempt: int, deadline_s: float = SCORE_DEADLINE_S
) -> ScoreStep:
    """Score one post as task attempt `attempt` (0-based) and say what the task does next.

    The LLM call ends within `deadline_s` (retries and waits included); one that does
    not is a transient failure like any other.

    Transient failures (the LLM, Postgres, Redis away past the library's own retries) ask
    for a retry, at most MAX_SCORE_RETRIES times, and then leave a failed row. Anything
    unexpected also leaves a failed row before it propagates, so one bad post cannot be
    swept and retried forever.
    """
    _running.add(settings, post_id)
    try:
        try:
            outcome = score_post(settings, post_id, Deadline(deadline_s))
        finally:
            _running.discard(post_id)
    except _TRANSIENT as exc:
        if attempt >= MAX_SCORE_RETRIES:
            record_failure(settings, post_id, f"gave up after {attempt + 1} attempts: {exc}")
            _unmark(settings, post_id)
            log.warning("score %s: gave up after %d attempts: %s", post_id, attempt + 1, exc)
            return ScoreStep("failed")
        delay = retry_delay(attempt, exc.retry_after if isinstance(exc, TransientError) else None)
        _mark(settings, post_id, f"retry {time.time() + delay:.0f}", delay + RUNNING_TTL_S + 60)
        log.info("score %s: %s; retry %d in %.1fs", post_id, exc, attempt + 1, delay)
        return ScoreStep("retry", delay)
    except Exception as exc:
        record_failure(settings, post_id, f"{type(exc).__name__}: {exc}")
        _unmark(settings, post_id)
        raise
    _unmark(settings, post_id)
    return ScoreStep(outcome.status)


def _queued_since(marker: str) -> float:
    """When a 'queued <epoch>' marker was set; +inf for any other marker (not lost)."""
    state, _, when = marker.partition(" ")
    if state != "queued":
        return float("inf")
    try:
        return float(when)
    except ValueError:
        return float("inf")


def sweep_interval(settings: Settings) -> float:
    """How often (at most) the cluster looks for posts that need a score and have no task."""
    return max(10.0, 2 * settings.dispatch_seconds)


def sweep_scores(settings: Settings, *, force: bool = False) -> list[str]:
    """Posts that need a score and have no live task or claim, now marked as queued.

    Runs at most once per sweep interval across all dispatchers (a Redis key with a TTL
    decides), unless `force`.
    """
    client = redis_client(settings)
    if not force and not client.set(SCORE_SWEEP, "1", nx=True, ex=int(sweep_interval(settings))):
        return []
    candidates = posts_needing_score(settings, limit=SWEEP_LIMIT)
    if not candidates:
        return []
    pipe = client.pipeline(transaction=False)
    for name in broker_lists(Queue.SCORE):
        pipe.llen(name)
    for post_id in candidates:
        pipe.get(score_queued(post_id))
        pipe.exists(scoring_claim(post_id))
    replies = pipe.execute()
    lists = len(broker_lists(Queue.SCORE))
    queue_empty = all(n == 0 for n in replies[:lists])
    markers, claims = replies[lists::2], replies[lists + 1 :: 2]
    now = time.time()
    free, lost = [], []
    for post_id, marker, claimed in zip(candidates, markers, claims, strict=True):
        if claimed:
            continue
        if marker is None:
            free.append(post_id)
        elif queue_empty and _queued_since(str(marker)) < now - QUEUED_GRACE_S:
            lost.append(post_id)
    if lost:
        # overwrite the stale markers; their messages are gone
        pipe = client.pipeline(transaction=False)
        for post_id in lost:
            pipe.set(score_queued(post_id), f"queued {now:.0f}", ex=QUEUED_TTL_S)
        pipe.execute()
        log.warning("sweep: %d score messages were lost on the way to a worker", len(lost))
    planned = lost + plan_scores(settings, free)
    if planned:
        log.info("sweep: %d posts need a score and had no task; enqueuing them", len(planned))
    return planned
