"""The daily token budget (HARBOR_DAILY_TOKEN_BUDGET), counted in Redis per UTC day.

Every LLM call reserves its estimated tokens before it goes out (atomically refused once
the day's count has reached the budget) and settles to the real usage after it, so N
workers together overshoot by at most one call each. Tokens are counted even when the
budget is unlimited, for `harbor status`. Keys expire after two days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import redis

from harbor.redis_conn import tokens_today

__all__ = ["DailyBudget", "Reservation", "utc_day"]

KEY_TTL_SECONDS = 2 * 24 * 3600

# KEYS: the day's counter. ARGV: tokens to reserve, budget (0 = unlimited), ttl.
# Returns the new count, or -1 when the budget is already spent (nothing charged).
_RESERVE = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local limit = tonumber(ARGV[2])
if limit > 0 and used >= limit then
  return -1
end
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return total
"""


def utc_day(now: datetime | None = None) -> str:
    """The UTC day as YYYY-MM-DD: the budget period."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d")


@dataclass
class Reservation:
    """Tokens set aside for one call, on the day they were reserved."""

    day: str
    tokens: int


class DailyBudget:
    """Tokens per UTC day, shared by every process through one Redis counter per day."""

    def __init__(self, client: redis.Redis, limit: int | None) -> None:
        self.client = client
        self.limit = limit
        self._reserve = client.register_script(_RESERVE)

    def used(self, day: str | None = None) -> int:
        """Tokens counted so far on `day` (today by default)."""
        value = self.client.get(tokens_today(day or utc_day()))
        return int(value) if value else 0

    def remaining(self) -> int | None:
        """Tokens left today, or None when the budget is unlimited."""
        if self.limit is None:
            return None
        return max(0, self.limit - self.used())

    def allows(self) -> bool:
        """True while today's count is below the budget (always when unlimited)."""
        remaining = self.remaining()
        return remaining is None or remaining > 0

    def reserve(self, tokens: int) -> Reservation | None:
        """Set `tokens` aside for one call, or None when today's budget is spent."""
        day = utc_day()
        if self.limit is None:
            # nothing to refuse: the real usage is counted when the call settles
            return Reservation(day=day, tokens=0)
        total = self._reserve(
            keys=[tokens_today(day)], args=[max(0, tokens), self.limit or 0, KEY_TTL_SECONDS]
        )
        if int(total) < 0:
            return None
        return Reservation(day=day, tokens=max(0, tokens))

    def settle(self, reservation: Reservation, actual: int) -> None:
        """Replace the reserved estimate with the tokens the call really used."""
        delta = actual - reservation.tokens
        if delta:
            key = tokens_today(reservation.day)
            pipe = self.client.pipeline(transaction=True)
            pipe.incrby(key, delta)
            pipe.expire(key, KEY_TTL_SECONDS)
            pipe.execute()
        reservation.tokens = actual
