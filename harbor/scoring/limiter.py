"""A global rate limiter in Redis: requests per minute and tokens per minute, together.

Every process that calls the LLM asks the same two GCRA buckets (generic cell rate
algorithm: one Redis key each, holding the "theoretical arrival time") through one Lua
script, so the check and the charge are atomic across hosts, and the clock is Redis's
own (no skew between machines). A request passes only if both buckets have room; then
both are charged. Otherwise nothing is charged and the script answers how long to wait.

GCRA spaces calls evenly (one every 60/rpm seconds, with at most one second's worth in
a burst), which is also how providers enforce per-minute limits at a finer grain.
Tokens are charged with an estimate before the call and corrected with the real usage
after it (`settle`).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable

import redis

from harbor.errors import LLMUnavailable

__all__ = ["RateLimiter"]

log = logging.getLogger(__name__)

# the two GCRA buckets, shared by every process that scores
REQUESTS_KEY = "harbor:ratelimit:openai:requests"
TOKENS_KEY = "harbor:ratelimit:openai:tokens"

# KEYS: requests bucket, tokens bucket. ARGV: seconds per request, seconds per token,
# token cost, burst seconds. Returns 0 when admitted, else the wait in microseconds.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local per_request = tonumber(ARGV[1])
local per_token = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])

local function next_tat(key, increment)
  local tat = tonumber(redis.call('GET', key) or '0')
  if tat < now then tat = now end
  local new_tat = tat + increment
  -- a single charge larger than the burst is let through once the bucket is empty
  local tolerance = math.max(burst, increment)
  return new_tat, new_tat - tolerance - now
end

local req_tat, req_wait = next_tat(KEYS[1], per_request)
local tok_tat, tok_wait = next_tat(KEYS[2], per_token * cost)
local wait = math.max(req_wait, tok_wait)
if wait > 0 then
  return math.ceil(wait * 1000000)
end
redis.call('SET', KEYS[1], tostring(req_tat), 'PX', math.ceil((req_tat - now) * 1000) + 1000)
redis.call('SET', KEYS[2], tostring(tok_tat), 'PX', math.ceil((tok_tat - now) * 1000) + 1000)
return 0
"""

# KEYS: tokens bucket. ARGV: seconds per token, token delta (may be negative).
_SETTLE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local new_tat = tat + tonumber(ARGV[1]) * tonumber(ARGV[2])
if new_tat <= now then
  redis.call('DEL', KEYS[1])
  return 0
end
redis.call('SET', KEYS[1], tostring(new_tat), 'PX', math.ceil((new_tat - now) * 1000) + 1000)
return 0
"""


class RateLimiter:
    """Shared requests-per-minute and tokens-per-minute limits for one LLM account."""

    def __init__(
        self,
        client: redis.Redis,
        rpm: int,
        tpm: int,
        *,
        burst_seconds: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rpm < 1 or tpm < 1:
            raise ValueError("rpm and tpm must be at least 1")
        self.client = client
        self.per_request = 60.0 / rpm
        self.per_token = 60.0 / tpm
        self.burst = burst_seconds
        self._sleep = sleep
        self._acquire = client.register_script(_ACQUIRE)
        self._settle = client.register_script(_SETTLE)

    def try_acquire(self, tokens: int) -> float:
        """Charge one request of `tokens` now if both limits allow; else the seconds to wait."""
        micros = self._acquire(
            keys=[REQUESTS_KEY, TOKENS_KEY],
            args=[repr(self.per_request), repr(self.per_token), max(0, tokens), repr(self.burst)],
        )
        return int(micros) / 1_000_000

    def acquire(self, tokens: int, max_wait: float) -> float:
        """Wait (at most `max_wait` seconds) until one request of `tokens` may go; return the wait.

        Raises LLMUnavailable (with the wait still needed as retry_after) when the limit
        would keep us waiting longer, so a task can come back later instead of blocking.
        """
        started = time.monotonic()
        while True:
            wait = self.try_acquire(tokens)
            if wait <= 0:
                return time.monotonic() - started
            waited = time.monotonic() - started
            if waited + wait > max_wait:
                raise LLMUnavailable(
                    f"rate limit: the shared budget of requests/tokens per minute needs "
                    f"{wait:.1f}s more wait than the {max_wait:.0f}s allowed",
                    retry_after=wait,
                )
            # jitter so that processes woken at once do not collide again
            self._sleep(wait + random.uniform(0, min(0.05, self.per_request / 4)))

    def settle(self, estimated: int, actual: int) -> None:
        """Correct the token charge of a call from its estimate to what it really used."""
        delta = actual - estimated
        if delta:
            self._settle(keys=[TOKENS_KEY], args=[repr(self.per_token), delta])
