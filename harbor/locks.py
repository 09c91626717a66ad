"""A Redis lock that stays held while its owner is alive, and frees itself when it dies.

The lock key expires after `ttl` seconds; one daemon thread per process renews every
held lock when a third of its ttl has passed. A holder killed with SIGKILL stops
renewing, so the lock is free again within `ttl`, not after the hour a long fixed expiry
would cost. Renewal and release compare a random token first (Lua), so a holder never
extends or frees someone else's lock. If renewal finds the lock gone (Redis flushed, or
a pause longer than ttl), `lost` is set and the holder must not commit work that the
lock was guarding. With `max_hold`, renewal stops that long after the lock was taken, so
a holder stuck past every deadline of its own frees the lock within `ttl` even so.

One renewer thread for all locks, rather than one per lock: a score worker takes a
claim per post, dozens a second, and a thread started and joined for each was a
measurable share of its CPU.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from types import TracebackType

import redis

__all__ = ["HeartbeatLock"]

log = logging.getLogger(__name__)

_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""
TICK_SECONDS = 0.5


class HeartbeatLock:
    """Non-blocking lock on `key`, renewed in the background until released."""

    def __init__(
        self,
        client: redis.Redis,
        key: str,
        ttl: float = 30.0,
        owner: str = "",
        *,
        max_hold: float | None = None,
    ) -> None:
        self.client = client
        self.key = key
        self.ttl_ms = int(ttl * 1000)
        self.max_hold = max_hold
        self.acquired_at = 0.0
        self.token = f"{owner}:{secrets.token_hex(8)}" if owner else secrets.token_hex(8)
        self.lost = False
        self.renewed_at = 0.0
        self._renew = client.register_script(_RENEW)
        self._release = client.register_script(_RELEASE)

    def acquire(self) -> bool:
        """Take the lock if it is free; True when taken. It is renewed until released."""
        if not self.client.set(self.key, self.token, nx=True, px=self.ttl_ms):
            return False
        self.renewed_at = self.acquired_at = time.monotonic()
        _renewer.add(self)
        return True

    def holder(self) -> str | None:
        """The token of whoever holds the lock now, if anyone."""
        value = self.client.get(self.key)
        return str(value) if value is not None else None

    def renew_if_due(self, now: float) -> bool:
        """Renew when a third of the ttl has passed; False once the lock is lost."""
        if now - self.renewed_at < self.ttl_ms / 3000:
            return True
        if self.max_hold is not None and now - self.acquired_at >= self.max_hold:
            # the key expires by itself within ttl; the holder overran every deadline
            self.lost = True
            log.warning("lock %s held for %.0fs: no longer renewed", self.key, self.max_hold)
            return False
        try:
            if not self._renew(keys=[self.key], args=[self.token, self.ttl_ms]):
                self.lost = True
                log.warning("lock %s was lost (expired or removed)", self.key)
                return False
        except redis.RedisError as exc:
            # keep trying: the key may outlive a short outage; if not, `lost` is set
            # at the next successful check
            log.warning("lock %s not renewed: %s", self.key, exc)
            return True
        self.renewed_at = now
        return True

    def release(self) -> None:
        """Stop renewing and free the lock if it is still ours."""
        _renewer.discard(self)
        try:
            self._release(keys=[self.key], args=[self.token])
        except redis.RedisError as exc:
            # it expires by itself within ttl
            log.warning("lock %s not released: %s", self.key, exc)

    def __enter__(self) -> HeartbeatLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


class _Renewer:
    """The process's one thread that renews every held HeartbeatLock."""

    def __init__(self) -> None:
        self.held: set[HeartbeatLock] = set()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def add(self, lock: HeartbeatLock) -> None:
        with self.lock:
            self.held.add(lock)
            # also after a fork: the child has the set but not the thread
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="lock-renewer", daemon=True)
                self.thread.start()

    def discard(self, lock: HeartbeatLock) -> None:
        with self.lock:
            self.held.discard(lock)

    def _run(self) -> None:
        while True:
            time.sleep(TICK_SECONDS)
            with self.lock:
                held = list(self.held)
            now = time.monotonic()
            for lock in held:
                if not lock.renew_if_due(now):
                    self.discard(lock)


_renewer = _Renewer()
