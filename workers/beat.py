"""A beat scheduler that sends only while it holds the leader lock in Redis.

Start as many `celery -A workers beat` processes as you like (one per host, say): one
leads and sends the schedule, the others stand by and poll the lock every few seconds.
When the leader dies its lock expires after LOCK_TTL_S and a standby takes over, so
the dispatch tick stops for at most LOCK_TTL_S plus one poll (about 25 s by default).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery.beat import Scheduler

from harbor.redis_conn import BEAT_LEADER, redis_client
from harbor.runtime.leader import DEFAULT_LOCK_TTL_S, LeaderLock
from harbor.settings import get_settings

__all__ = ["LeaderScheduler"]

log = logging.getLogger(__name__)

LOCK_TTL_S = DEFAULT_LOCK_TTL_S


class LeaderScheduler(Scheduler):
    """celery.beat.Scheduler (in memory) guarded by a Redis leader lock."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.leader = LeaderLock(redis_client(get_settings()), BEAT_LEADER, LOCK_TTL_S)
        self._checked_at = 0.0
        super().__init__(*args, **kwargs)
        # wake often enough to renew the lock several times per TTL
        self.max_interval: float = min(float(self.max_interval), LOCK_TTL_S / 4)

    def tick(self, *args: Any, **kwargs: Any) -> float:
        now = time.monotonic()
        # renew before acting, at most once a second (tick() may return 0 repeatedly)
        if not self.leader.is_leader or now - self._checked_at >= 1.0:
            self.leader.hold()
            self._checked_at = now
        if not self.leader.is_leader:
            return float(self.max_interval)
        return float(super().tick(*args, **kwargs))

    def close(self) -> None:
        self.leader.release()
        super().close()

    @property
    def info(self) -> str:
        return f"    . leader lock: {BEAT_LEADER} (ttl {LOCK_TTL_S:.0f}s, {self.leader.token})"
