"""A leader lock in Redis: one holder at a time, lost on its own when the holder dies.

The holder renews the lock before each act (compare-and-expire, so it never extends a
lock that someone else now holds). A standby tries to take it on every poll. A lock
that disappeared (Redis restarted empty, or flushed) is taken again by whoever asks
first. The lock only ever decides who acts; it never blocks.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid

import redis

__all__ = ["DEFAULT_LOCK_TTL_S", "LeaderLock"]

log = logging.getLogger(__name__)

DEFAULT_LOCK_TTL_S = 20.0

# 1: we held it and renewed it; 2: nobody held it and now we do; 0: someone else holds it
_HOLD = """
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 2
end
return 0
"""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class LeaderLock:
    """Leadership of one role (e.g. the beat scheduler) among processes on any host."""

    def __init__(
        self,
        client: redis.Redis,
        key: str,
        ttl_s: float = DEFAULT_LOCK_TTL_S,
        token: str | None = None,
    ) -> None:
        self.client = client
        self.key = key
        self.ttl_ms = int(ttl_s * 1000)
        self.token = token or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.is_leader = False

    def hold(self) -> bool:
        """Renew or take the lock; True when this process is the leader now.

        A Redis error counts as not leading: acting without the lock could mean two
        leaders, waiting a poll costs one tick.
        """
        try:
            state = int(self.client.eval(_HOLD, 1, self.key, self.token, str(self.ttl_ms)))
        except redis.RedisError as exc:
            if self.is_leader:
                log.warning("leader %s: cannot renew (%s); standing by", self.key, exc)
            self.is_leader = False
            return False
        leader = state != 0
        if leader and not self.is_leader:
            log.warning("leader %s: acquired by %s", self.key, self.token)
        elif not leader and self.is_leader:
            log.warning("leader %s: lost to another process; standing by", self.key)
        self.is_leader = leader
        return leader

    def release(self) -> None:
        """Give the lock up (on a clean shutdown), so a standby takes over at once."""
        try:
            self.client.eval(_RELEASE, 1, self.key, self.token)
        except redis.RedisError as exc:
            log.warning("leader %s: release failed (%s); it expires by itself", self.key, exc)
        self.is_leader = False

    def holder(self) -> str | None:
        """The token of the current leader, if any."""
        value = self.client.get(self.key)
        return None if value is None else str(value)
