"""A Redis lock that stays held while its owner is alive, and frees itself when it dies.

The lock key expires after `ttl` seconds; a daemon thread renews it every ttl/3 while
the holder works. A holder killed with SIGKILL stops renewing, so the lock is free again
within `ttl`, not after the hour a long fixed expiry would cost. Renewal and release
compare a random token first (Lua), so a holder never extends or frees someone else's
lock. If renewal finds the lock gone (Redis flushed, or a pause longer than ttl), `lost`
is set and the holder must not commit work that the lock was guarding.
"""

from __future__ import annotations

import logging
import secrets
import threading
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


class HeartbeatLock:
    """Non-blocking lock on `key`, renewed in the background until released."""

    def __init__(self, client: redis.Redis, key: str, ttl: float = 30.0, owner: str = "") -> None:
        self.client = client
        self.key = key
        self.ttl_ms = int(ttl * 1000)
        self.token = f"{owner}:{secrets.token_hex(8)}" if owner else secrets.token_hex(8)
        self.lost = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._renew = client.register_script(_RENEW)
        self._release = client.register_script(_RELEASE)

    def acquire(self) -> bool:
        """Take the lock if it is free; True when taken. Starts the heartbeat."""
        if not self.client.set(self.key, self.token, nx=True, px=self.ttl_ms):
            return False
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._beat, name=f"lock-heartbeat:{self.key}", daemon=True
        )
        self._thread.start()
        return True

    def holder(self) -> str | None:
        """The token of whoever holds the lock now, if anyone."""
        value = self.client.get(self.key)
        return str(value) if value is not None else None

    def _beat(self) -> None:
        interval = self.ttl_ms / 3000
        while not self._stop.wait(interval):
            try:
                if not self._renew(keys=[self.key], args=[self.token, self.ttl_ms]):
                    self.lost = True
                    log.warning("lock %s was lost (expired or removed)", self.key)
                    return
            except redis.RedisError as exc:
                # keep trying: the key may outlive a short outage; if not, `lost` is set
                # at the next successful check
                log.warning("lock %s not renewed: %s", self.key, exc)

    def release(self) -> None:
        """Stop the heartbeat and free the lock if it is still ours."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
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
