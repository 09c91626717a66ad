"""The shared Reddit budget: one token bucket in Redis per OAuth client id.

Reddit allows one client id about 100 requests a minute, however many processes and hosts
use it; prawcore paces each process by the headers it sees itself, so N workers overrun
the quota together. Every Reddit API request of every process therefore takes a token from
one bucket (`harbor:reddit:budget:<client id>`, a small hash), refilled smoothly at
HARBOR_REDDIT_QPM. One Lua script refills, checks and charges atomically on Redis's own
clock, so hosts with skewed clocks agree.

Reddit's own view corrects ours: each answer's `x-ratelimit-remaining` and `-reset` are
stored with the bucket, and no token is granted while that window has fewer than a few
requests left (another app may share the client id, or Reddit may grant less). A 429
empties the bucket until its Retry-After.

Two priorities: `collect` (listings) may empty the bucket; `background` (comments and
anything else that can wait) takes a token only while the bucket is full, that is when
collection left it unused, so it never starves collection.

If Redis cannot be reached, callers pause (with backoff, for a bounded time) rather than
go ahead without a budget: a stampede of unpaced workers is what this module prevents.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import redis

from harbor.errors import RedditBusy, RedditUnavailable
from harbor.redis_conn import reddit_budget_key, redis_client
from harbor.settings import Settings

__all__ = [
    "BURST_SECONDS",
    "WINDOW_SAFETY",
    "Priority",
    "RedditBudget",
    "budget_policy",
    "reddit_budget",
]

log = logging.getLogger(__name__)

Priority = Literal["collect", "background"]

BURST_SECONDS = 2.0  # the bucket holds this many seconds of refill (at least 2 tokens)
WINDOW_SAFETY = 2  # requests left unused in Reddit's window, for answers still in flight
REDIS_PAUSE_S = 60.0  # the longest a caller waits for Redis to come back
DEFAULT_MAX_WAIT_S = 60.0

# KEYS: bucket. ARGV: rate (tokens/s), capacity, floor (tokens this priority must leave),
# safety (requests left in Reddit's window). Returns 0 when granted, else the wait in ms.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rate, cap = tonumber(ARGV[1]), tonumber(ARGV[2])
local floor, safety = tonumber(ARGV[3]), tonumber(ARGV[4])
local h = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'blocked', 'win_left', 'win_reset')
local tokens = tonumber(h[1]) or cap
local ts = tonumber(h[2]) or now
local blocked = tonumber(h[3]) or 0
local win_left = tonumber(h[4])
local win_reset = tonumber(h[5]) or 0
if now < blocked then
  return math.max(1, math.ceil((blocked - now) * 1000))
end
tokens = math.min(cap, tokens + math.max(0, now - ts) * rate)
if win_left ~= nil and now < win_reset and win_left < 1 + safety then
  return math.max(1, math.ceil((win_reset - now) * 1000))
end
if tokens < 1 + floor then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
  redis.call('EXPIRE', KEYS[1], 3600)
  return math.max(1, math.ceil((1 + floor - tokens) / rate * 1000))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'ts', tostring(now))
if win_left ~= nil and now < win_reset then
  redis.call('HSET', KEYS[1], 'win_left', tostring(win_left - 1))
end
redis.call('HINCRBY', KEYS[1], 'granted', 1)
redis.call('EXPIRE', KEYS[1], 3600)
return 0
"""

# KEYS: bucket. ARGV: remaining, seconds to reset (Reddit's headers of one answer).
_OBSERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local remaining, reset_at = tonumber(ARGV[1]), now + tonumber(ARGV[2])
local h = redis.call('HMGET', KEYS[1], 'win_left', 'win_reset')
local left, old_reset = tonumber(h[1]), tonumber(h[2]) or 0
-- the same window (its reset moves by rounding only): keep the lower count, which
-- includes our requests still in flight; a new window starts from what Reddit says
if left ~= nil and now < old_reset and math.abs(reset_at - old_reset) < 2 then
  remaining = math.min(left, remaining)
end
redis.call('HSET', KEYS[1], 'win_left', tostring(remaining), 'win_reset', tostring(reset_at))
redis.call('EXPIRE', KEYS[1], 3600)
return 0
"""

# KEYS: bucket. ARGV: seconds (Retry-After of a 429).
_BLOCK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local until_ = now + tonumber(ARGV[1])
local old = tonumber(redis.call('HGET', KEYS[1], 'blocked')) or 0
redis.call('HSET', KEYS[1], 'blocked', tostring(math.max(old, until_)), 'tokens', '0',
  'ts', tostring(now))
redis.call('HINCRBY', KEYS[1], 'throttled', 1)
redis.call('EXPIRE', KEYS[1], 3600)
return 0
"""


@dataclass(frozen=True)
class BudgetPolicy:
    """How a request waits for its token: its priority and the longest wait it accepts."""

    priority: Priority = "collect"
    max_wait: float = DEFAULT_MAX_WAIT_S


_DEFAULT_POLICY = BudgetPolicy()
_policy: contextvars.ContextVar[BudgetPolicy | None] = contextvars.ContextVar(
    "harbor_reddit_budget_policy", default=None
)


@contextlib.contextmanager
def budget_policy(
    priority: Priority = "collect", max_wait: float = DEFAULT_MAX_WAIT_S
) -> Iterator[None]:
    """Requests made inside this block (in this thread) wait at most `max_wait` for a token.

    A request that would wait longer raises RedditBusy with the wait as `retry_after`.
    """
    token = _policy.set(BudgetPolicy(priority, max(0.0, max_wait)))
    try:
        yield
    finally:
        _policy.reset(token)


def current_policy() -> BudgetPolicy:
    """The policy in force for requests made now, in this thread."""
    return _policy.get() or _DEFAULT_POLICY


class RedditBudget:
    """The shared request budget of one Reddit client id."""

    def __init__(
        self,
        client: redis.Redis,
        client_id: str,
        qpm: int,
        *,
        sleep: Callable[[float], None] = time.sleep,
        redis_pause_s: float = REDIS_PAUSE_S,
    ) -> None:
        if qpm < 1:
            raise ValueError("qpm must be at least 1")
        self.client = client
        self.key = reddit_budget_key(client_id)
        self.rate = qpm / 60.0
        self.capacity = max(2.0, self.rate * BURST_SECONDS)
        self._sleep = sleep
        self.redis_pause_s = redis_pause_s
        self._take = client.register_script(_TAKE)
        self._observe = client.register_script(_OBSERVE)
        self._block = client.register_script(_BLOCK)

    def _floor(self, priority: Priority) -> float:
        # background requests leave the bucket all but full: only spare tokens go to them
        return self.capacity - 1.0 if priority == "background" else 0.0

    def try_take(self, priority: Priority = "collect") -> float:
        """Take one token now if there is one (0.0); else the seconds to wait for it."""
        millis = self._take(
            keys=[self.key],
            args=[repr(self.rate), repr(self.capacity), repr(self._floor(priority)), WINDOW_SAFETY],
        )
        return int(millis) / 1000.0

    def take(self, priority: Priority | None = None, max_wait: float | None = None) -> float:
        """Wait for one token (at most `max_wait` s) and return the time waited.

        The defaults come from `budget_policy` in force. Raises RedditBusy, with the wait
        still needed as `retry_after`, when the budget would keep us longer; and
        RedditUnavailable when Redis stays unreachable for longer than a bounded pause.
        """
        policy = current_policy()
        priority = priority or policy.priority
        limit = policy.max_wait if max_wait is None else max_wait
        started = time.monotonic()
        outage: float | None = None
        while True:
            try:
                wait = self.try_take(priority)
                outage = None
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                outage = outage or time.monotonic()
                if time.monotonic() - outage > self.redis_pause_s:
                    raise RedditUnavailable(
                        f"the Reddit budget is in Redis, which stayed unreachable for "
                        f"{self.redis_pause_s:.0f}s: {exc}"
                    ) from None
                pause = min(5.0, self.redis_pause_s / 4, 0.5 * 2 ** random.uniform(0, 3))
                log.warning("reddit budget: Redis unreachable (%s); pausing %.1fs", exc, pause)
                self._sleep(pause)
                continue
            if wait <= 0:
                return time.monotonic() - started
            waited = time.monotonic() - started
            if waited + wait > limit:
                raise RedditBusy(
                    f"the shared Reddit budget has no request free for {wait:.1f}s "
                    f"(more than the {limit:.0f}s this request may wait)",
                    retry_after=wait,
                )
            # jitter so that processes woken together do not collide again
            self._sleep(wait + random.uniform(0, min(0.25, 0.25 / self.rate)))

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Correct the budget from one answer: Reddit's window, and a 429's Retry-After."""
        try:
            if status == 429:
                self.block(_seconds(headers.get("retry-after")) or 1.0)
            remaining = _seconds(headers.get("x-ratelimit-remaining"))
            reset = _seconds(headers.get("x-ratelimit-reset"))
            if remaining is not None and reset is not None:
                self._observe(keys=[self.key], args=[repr(remaining), repr(reset)])
        except redis.RedisError as exc:
            # the next take notices Redis is gone and pauses; this answer is already in
            log.warning("reddit budget: could not record Reddit's rate-limit headers: %s", exc)

    def block(self, seconds: float) -> None:
        """Empty the bucket and grant nothing for `seconds` (Reddit said 429)."""
        self._block(keys=[self.key], args=[repr(max(0.0, seconds))])

    def snapshot(self) -> dict[str, float]:
        """The bucket's fields as stored (for `harbor status` and the benchmark)."""
        raw = self.client.hgetall(self.key)
        out: dict[str, float] = {}
        for name, value in raw.items():
            with contextlib.suppress(ValueError):
                out[str(name)] = float(value)
        return out


def _seconds(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if value >= 0 and value == value else None


_budgets: dict[tuple[str, str, int], RedditBudget] = {}
_lock = threading.Lock()


def reddit_budget(settings: Settings) -> RedditBudget:
    """The process's budget object for the settings' client id and HARBOR_REDDIT_QPM."""
    key = (settings.redis_url.get(), settings.reddit_client_id, settings.reddit_qpm)
    with _lock:
        budget = _budgets.get(key)
        if budget is None:
            budget = RedditBudget(
                redis_client(settings), settings.reddit_client_id, settings.reddit_qpm
            )
            _budgets[key] = budget
        return budget
