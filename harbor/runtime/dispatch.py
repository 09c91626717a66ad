"""One dispatch tick: which subreddits to collect now, and by which route.

Cheap by construction: one pipelined read of everything (cutover table, next-due times,
pending markers, collect locks) and one pipelined write, whatever the number of
subreddits. A subreddit is dispatched when it is due and nothing is pending for it; a
collect whose worker died (started, but its collect lock expired; reserved by a worker
and never started; or queued, but gone from the queue without any worker taking it) is
re-dispatched within a minute or two instead of waiting for the broker's visibility
timeout.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from harbor.cutover import Via, parse_table, queue_table_reads
from harbor.redis_conn import NEXT_DUE, collect_lock, pending_collect, redis_client
from harbor.runtime.pending import Pending, pending_ttl, replace_pending
from harbor.runtime.queues import Queue, broker_lists
from harbor.settings import Settings

__all__ = ["QUEUED_GRACE_S", "RECONCILE_GRACE_S", "RESERVED_GRACE_S", "Dispatched", "dispatch"]

log = logging.getLogger(__name__)

# a started collect takes its lock within moments; a marker older than this without a
# lock is a collect whose worker is gone
RECONCILE_GRACE_S = 20.0
# a reserved collect waits at most for a process to finish a dispatch tick (hard limit
# 60 s, in practice milliseconds: the worker prefetches one message per process)
RESERVED_GRACE_S = 90.0
# a queued collect whose message is no longer in the queue was taken by a worker, which
# marks it reserved at once; still queued after this, the message died with its worker
# on the way (popped from Redis, never read)
QUEUED_GRACE_S = 60.0


@dataclass(frozen=True)
class Dispatched:
    """A collect to enqueue: the planned route and the token that owns the marker."""

    subreddit: str
    via: Via
    reason: str
    token: str
    redispatched: bool = False


def _due(raw: object, now: float) -> bool:
    if raw is None:
        return True
    try:
        return float(str(raw)) <= now
    except ValueError:
        return True  # an unreadable time is repaired by dispatching now


def _lost(marker: Pending, locked: bool, now: float, queue_empty: bool) -> bool:
    """True when the collect behind `marker` can no longer finish (its worker died)."""
    age = now - marker.at
    if locked:
        return False
    if marker.state == "started":
        return age > RECONCILE_GRACE_S
    if marker.state == "reserved":
        return age > RESERVED_GRACE_S
    return queue_empty and age > QUEUED_GRACE_S


def dispatch(settings: Settings, now: float) -> list[Dispatched]:
    """Claim the pending marker of every subreddit that should be collected now.

    The caller enqueues one collect task per returned item. If it cannot, the markers
    expire on their own and the subreddits are dispatched again later.
    """
    subs = list(settings.subreddits)
    if not subs:
        return []
    client = redis_client(settings)
    read = client.pipeline(transaction=False)
    queue_table_reads(read)
    read.hgetall(NEXT_DUE)
    read.mget([pending_collect(s) for s in subs])
    read.mget([collect_lock(s) for s in subs])
    for name in broker_lists(Queue.COLLECT):
        read.llen(name)
    share_raw, overrides_raw, rollback_raw, next_due, pendings, locks, *waiting = read.execute(
        raise_on_error=False
    )
    queue_empty = all(n == 0 for n in waiting)
    table = parse_table(share_raw, overrides_raw, rollback_raw)
    if not isinstance(next_due, dict):
        next_due = {}
    # ticks drift by milliseconds: what falls due before the middle of the next interval
    # is due now, or a subreddit due every tick would be collected every other tick
    horizon = now + settings.dispatch_seconds / 2

    planned: list[tuple[Dispatched, Pending | None, bool]] = []
    for sub, raw_pending, lock in zip(subs, pendings, locks, strict=True):
        current = Pending.loads(raw_pending)
        if raw_pending and current is None:
            log.warning("dispatch: unreadable pending marker for r/%s, replacing it", sub)
        if current is not None:
            if not _lost(current, lock is not None, now, queue_empty):
                continue
        elif raw_pending is None and not _due(next_due.get(sub.lower()), horizon):
            continue
        route = table.route(sub)
        item = Dispatched(sub, route.via, route.reason, uuid.uuid4().hex, current is not None)
        planned.append((item, current, raw_pending is not None and current is None))
    if not planned:
        return []

    write = client.pipeline(transaction=False)
    ttl = pending_ttl(settings)
    for item, current, unreadable in planned:
        marker = Pending(item.token, item.via, "queued", now, item.reason)
        if current is not None:
            replace_pending(write, item.subreddit, current.token, marker, ttl)
        else:
            # a marker that appeared since the read (another dispatcher) wins
            key = pending_collect(item.subreddit)
            write.set(key, marker.dumps(), ex=ttl, nx=not unreadable)
    write.hset(
        NEXT_DUE,
        mapping={d.subreddit.lower(): now + settings.collect_every_seconds for d, _, _ in planned},
    )
    results = write.execute(raise_on_error=False)

    dispatched: list[Dispatched] = []
    for (item, _, _), ok in zip(planned, results[:-1], strict=True):
        if ok is True or ok == 1:
            dispatched.append(item)
    orphans = [d.subreddit for d in dispatched if d.redispatched]
    if orphans:
        log.warning(
            "dispatch: re-dispatching collects whose worker was lost: %s", ", ".join(orphans)
        )
    return dispatched
