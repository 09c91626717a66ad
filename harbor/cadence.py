"""Per-subreddit cadence: how often to collect a subreddit, planned from its post rate.

Pure arithmetic, no I/O: the registry stores what a run observed, dispatch and the
collectors ask these functions what follows from it.

- A run should need about one page (`TARGET_POSTS` new posts), and never overrun
  Reddit's listing cap (about 1000 items): busy subreddits are collected more often, down
  to HARBOR_COLLECT_MIN_SECONDS, quiet ones less, up to HARBOR_COLLECT_EVERY_SECONDS.
- A run that may have missed posts (a gap: it reached the listing cap before the posts the
  previous run had seen) halves the cadence at once, whatever the rate says.
- When the quota cannot cover every due subreddit, dispatch serves first those whose
  listing is closest to overrunning the cap (`urgency`): a quiet one only gets staler, a
  busy one loses posts.
- A subreddit Reddit refuses (404/403) is left alone for a while that doubles each time.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

__all__ = [
    "LISTING_CAP",
    "PAGE",
    "TARGET_POSTS",
    "Observation",
    "blend_rate",
    "expected_requests",
    "ideal_cadence",
    "lookback_for",
    "loss_horizon",
    "next_cadence",
    "unavailable_backoff",
    "urgency",
]

PAGE = 100  # posts in one listing request
LISTING_CAP = 1000  # reddit stops a listing near this many items
TARGET_POSTS = 80  # new posts a run is planned to find: one page, with room for a burst
CAP_SHARE = 0.8  # the share of the listing cap a run may plan to use before it loses posts
RATE_WEIGHT = 0.5  # weight of the newest observation in the post rate
BACKOFF_FIRST_S = 900.0  # a refused subreddit is tried again after 15 min, then 30, 60...
BACKOFF_MAX_S = 86400.0


@dataclass(frozen=True)
class Observation:
    """What one run saw of a subreddit's listing: how many posts over which span."""

    posts: int
    span_s: float

    @property
    def posts_per_hour(self) -> float | None:
        """The post rate this run's listing shows, or None when it cannot tell."""
        if self.posts < 2 or self.span_s <= 0:
            return None
        return (self.posts - 1) / self.span_s * 3600.0


def blend_rate(previous: float | None, observed: float | None) -> float | None:
    """The post rate to keep (posts/hour): the new observation blended into the old."""
    if observed is None:
        return previous
    if previous is None:
        return observed
    return RATE_WEIGHT * observed + (1 - RATE_WEIGHT) * previous


def ideal_cadence(posts_per_hour: float | None, shortest: float, longest: float) -> float:
    """Seconds between two runs so that each finds about `TARGET_POSTS` new posts."""
    if not posts_per_hour or posts_per_hour <= 0:
        return longest
    seconds = TARGET_POSTS / (posts_per_hour / 3600.0)
    return min(longest, max(shortest, seconds))


def next_cadence(
    posts_per_hour: float | None,
    previous: float | None,
    gap: bool,
    shortest: float,
    longest: float,
) -> float:
    """The cadence after a run: the ideal one, halved from the last one after a gap."""
    cadence = ideal_cadence(posts_per_hour, shortest, longest)
    if gap:
        cadence = min(cadence, max(shortest, (previous or longest) / 2))
    return cadence


def loss_horizon(posts_per_hour: float | None) -> float:
    """Seconds after a run until the listing fills to the cap and posts start to be lost."""
    if not posts_per_hour or posts_per_hour <= 0:
        return math.inf
    return LISTING_CAP * CAP_SHARE / (posts_per_hour / 3600.0)


def urgency(since_last_s: float | None, posts_per_hour: float | None, longest: float) -> float:
    """How close a subreddit is to losing posts (1.0: at the cap), to order due ones.

    Unknown subreddits (never run, or rate unknown) rank as if at their longest cadence's
    end, so new ones are not starved by a stream of busy ones.
    """
    if since_last_s is None:
        return 1.0
    horizon = loss_horizon(posts_per_hour)
    if math.isinf(horizon):
        return since_last_s / (longest * 10)
    return since_last_s / horizon


def lookback_for(posts_per_hour: float | None, lookback_s: float) -> float:
    """The look-back window (seconds re-read before the cursor) a run should use.

    The look-back refreshes recent posts' engagement and edits; on a busy subreddit the
    full window is many pages on every run, so it is cut to about one page of posts.
    """
    if not posts_per_hour or posts_per_hour <= 0:
        return lookback_s
    return min(lookback_s, PAGE / (posts_per_hour / 3600.0))


def expected_requests(posts_per_hour: float | None, cadence_s: float, lookback_s: float) -> int:
    """Listing requests a run is expected to make at this cadence (for quota planning)."""
    if not posts_per_hour or posts_per_hour <= 0:
        return 1
    window = cadence_s + lookback_for(posts_per_hour, lookback_s)
    posts = posts_per_hour / 3600.0 * window
    # the walk stops at the first post it already has: a full page needs one more request
    return min(LISTING_CAP // PAGE, 1 + int(posts // PAGE))


def unavailable_backoff(times: int) -> float:
    """Seconds before a refused subreddit is tried again, after `times` refusals in a row."""
    base = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2.0 ** max(0, times - 1))
    return base * random.uniform(0.9, 1.1)
