"""One dispatch tick: which subreddits to collect now, and by which route.

Cheap by construction: one query of the registry (every active subreddit with its
schedule), one pipelined Redis read (cutover table, pending markers, collect locks, queue
lengths), one pipelined write and one UPDATE of the next due times, whatever the number of
subreddits. A registered subreddit is dispatched when it is due (its cadence is planned
from its post rate, see harbor.cadence), Reddit does not refuse it (or its back-off is
over), and nothing is pending for it.

The quota decides how much is sent per tick: no more than the shared Reddit budget grants
in `LOOKAHEAD_TICKS` ticks, counting the collects already in flight. When that cannot
cover every due subreddit, those closest to losing posts (their listing nearest to
overrunning Reddit's cap) go first; the others wait for a later tick, and `harbor status`
says so (`harbor:schedule:quota`). A
collect whose worker died (started, but its collect lock expired; reserved by a worker
and never started; or queued, but gone from the queue without any worker taking it) is
re-dispatched within a minute or two instead of waiting for the broker's visibility
timeout.
"""

from __future__ import annotations

import json
import logging
import math
import uuid
from dataclasses import asdict, dataclass

from harbor import cadence, registry
from harbor.cutover import Via, parse_table, queue_table_reads
from harbor.redis_conn import SCHEDULE_QUOTA, collect_lock, pending_collect, redis_client
from harbor.runtime.pending import Pending, pending_ttl, replace_pending
from harbor.runtime.queues import Queue, broker_lists
from harbor.settings import Settings

__all__ = [
    "LOOKAHEAD_TICKS",
    "QUEUED_GRACE_S",
    "RECONCILE_GRACE_S",
    "RESERVED_GRACE_S",
    "Dispatched",
    "QuotaPlan",
    "dispatch",
]

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
# collects in flight may together need at most this many ticks of the Reddit budget
LOOKAHEAD_TICKS = 2.0


@dataclass(frozen=True)
class Dispatched:
    """A collect to enqueue: the planned route and the token that owns the marker."""

    subreddit: str
    via: Via
    reason: str
    token: str
    redispatched: bool = False


@dataclass(frozen=True)
class QuotaPlan:
    """What one tick saw of the quota (stored for `harbor status`)."""

    at: float
    active: int
    due: int
    dispatched: int
    held_back: int
    demand_qpm: float
    budget_qpm: int
    oldest_wait_s: float


def _cadence(settings: Settings, row: registry.Scheduled) -> float:
    planned = row.cadence_s or settings.collect_every_seconds
    return min(settings.collect_every_seconds, max(settings.collect_min_seconds, planned))


def _next_due(settings: Settings, row: registry.Scheduled, now: float) -> float:
    """The next run is planned from when this one was due, so ticks do not add up to a
    slower cadence; from now when it is late (the quota held it back, or it is new)."""
    due = row.next_due
    on_time = due is not None and now - due <= settings.dispatch_seconds
    return (due if on_time and due is not None else now) + _cadence(settings, row)


def _requests(settings: Settings, row: registry.Scheduled) -> int:
    return cadence.expected_requests(
        row.posts_per_hour, _cadence(settings, row), settings.lookback_seconds
    )


def _lost(marker: Pending, locked: bool, now: float, queue_empty: bool) -> bool:
    """True when the collect behind `marker` can no longer finish (its worker died)."""
    age = now - marker.at
    if locked:
        return False
    if marker.state == "started":
        return age > RECONCILE_GRACE_S
    if marker.state == "reserved":
        return age > RESERVED_GRACE_S
    if marker.state == "deferred":
        # `at` is when its retry is due; a worker then starts it within moments
        return age > RESERVED_GRACE_S
    return queue_empty and age > QUEUED_GRACE_S


def dispatch(settings: Settings, now: float) -> list[Dispatched]:
    """Claim the pending marker of every subreddit that should be collected now.

    The caller enqueues one collect task per returned item. If it cannot, the markers
    expire on their own and the subreddits are dispatched again later.
    """
    rows = registry.scheduled(settings)
    if not rows:
        return []
    subs = [row.name for row in rows]
    client = redis_client(settings)
    read = client.pipeline(transaction=False)
    queue_table_reads(read)
    read.mget([pending_collect(s) for s in subs])
    read.mget([collect_lock(s) for s in subs])
    for name in broker_lists(Queue.COLLECT):
        read.llen(name)
    share_raw, overrides_raw, rollback_raw, pendings, locks, *waiting = read.execute(
        raise_on_error=False
    )
    queue_empty = all(n == 0 for n in waiting)
    table = parse_table(share_raw, overrides_raw, rollback_raw)
    # ticks drift by milliseconds: what falls due before the middle of the next interval
    # is due now, or a subreddit due every tick would be collected every other tick
    horizon = now + settings.dispatch_seconds / 2

    in_flight = 0
    candidates: list[tuple[float, registry.Scheduled, Pending | None, bool]] = []
    for row, raw_pending, lock in zip(rows, pendings, locks, strict=True):
        current = Pending.loads(raw_pending)
        if raw_pending and current is None:
            log.warning("dispatch: unreadable pending marker for r/%s, replacing it", row.name)
        if current is not None:
            if not _lost(current, lock is not None, now, queue_empty):
                in_flight += _requests(settings, row)
                continue
        elif raw_pending is None:
            if row.next_due is not None and row.next_due > horizon:
                continue
            if row.unavailable_until is not None and row.unavailable_until > now:
                continue
        # a lost collect goes first; then whatever is closest to losing posts
        since = now - row.last_run if row.last_run is not None else None
        rank = (
            math.inf
            if current is not None
            else cadence.urgency(since, row.posts_per_hour, settings.collect_every_seconds)
        )
        candidates.append((rank, row, current, raw_pending is not None and current is None))
    candidates.sort(key=lambda c: c[0], reverse=True)

    room = settings.reddit_qpm / 60.0 * settings.dispatch_seconds * LOOKAHEAD_TICKS - in_flight
    planned: list[tuple[Dispatched, Pending | None, bool, float]] = []
    for _, row, current, unreadable in candidates:
        cost = _requests(settings, row)
        # one collect always goes when nothing else is in flight, however big it is
        if cost > room and (planned or in_flight):
            break
        room -= cost
        route = table.route(row.name)
        item = Dispatched(row.name, route.via, route.reason, uuid.uuid4().hex, current is not None)
        planned.append((item, current, unreadable, _next_due(settings, row, now)))

    write = client.pipeline(transaction=False)
    ttl = pending_ttl(settings)
    for item, current, unreadable, _ in planned:
        marker = Pending(item.token, item.via, "queued", now, item.reason)
        if current is not None:
            replace_pending(write, item.subreddit, current.token, marker, ttl)
        else:
            # a marker that appeared since the read (another dispatcher) wins
            key = pending_collect(item.subreddit)
            write.set(key, marker.dumps(), ex=ttl, nx=not unreadable)
    waiting_since = [
        now - row.next_due for _, row, _, _ in candidates[len(planned) :] if row.next_due
    ]
    quota = QuotaPlan(
        at=now,
        active=len(rows),
        due=len(candidates),
        dispatched=len(planned),
        held_back=len(candidates) - len(planned),
        demand_qpm=round(sum(_requests(settings, r) / _cadence(settings, r) for r in rows) * 60, 1),
        budget_qpm=settings.reddit_qpm,
        oldest_wait_s=round(max(waiting_since, default=0.0), 1),
    )
    write.set(
        SCHEDULE_QUOTA, json.dumps(asdict(quota)), ex=int(max(60, 10 * settings.dispatch_seconds))
    )
    results = write.execute(raise_on_error=False)
    if not planned:
        return []

    dispatched: list[Dispatched] = []
    due_times: list[tuple[str, float]] = []
    for (item, _, _, due), ok in zip(planned, results[: len(planned)], strict=True):
        if ok is True or ok == 1:
            dispatched.append(item)
            due_times.append((item.subreddit, due))
    registry.set_next_due(settings, due_times)
    orphans = [d.subreddit for d in dispatched if d.redispatched]
    if orphans:
        log.warning(
            "dispatch: re-dispatching collects whose worker was lost: %s", ", ".join(orphans)
        )
    if quota.held_back:
        log.info(
            "dispatch: %d due subreddits wait for the Reddit quota (demand %.0f/min of %d/min)",
            quota.held_back,
            quota.demand_qpm,
            quota.budget_qpm,
        )
    return dispatched
