"""Deadlines: a point in monotonic time by which a piece of work gives up.

Celery's soft and hard time limits are not enforced under `-P threads` (the score
workers' pool), so the library bounds its own work: a caller makes a `Deadline` and every
wait below it (an HTTP request's timeout, a retry's sleep, the rate limiter's wait) is cut
to what is left. No step starts when less than `MIN_STEP_S` remains.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["MIN_STEP_S", "Deadline"]

# an HTTP call, or a retry after a wait, that has less time than this left is not started
MIN_STEP_S = 1.0


@dataclass(frozen=True)
class Deadline:
    """`seconds` from its creation (by `clock`, monotonic by default)."""

    seconds: float
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)
    at: float = field(default=0.0, compare=False)

    def __post_init__(self) -> None:
        if self.at == 0.0:
            object.__setattr__(self, "at", self.clock() + self.seconds)

    def remaining(self) -> float:
        """Seconds left (0 once passed)."""
        return max(0.0, self.at - self.clock())

    def expired(self, margin: float = 0.0) -> bool:
        """True when less than `margin` seconds are left."""
        return self.remaining() <= margin

    def cap(self, seconds: float) -> float:
        """`seconds`, cut to what is left."""
        return min(seconds, self.remaining())

    def earliest(self, other: Deadline | None) -> Deadline:
        """Whichever of the two comes first."""
        if other is None or self.at <= other.at:
            return self
        return other
