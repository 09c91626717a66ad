"""The exception tree of RedditHarbor.

    HarborError
    ├── ConfigError                 bad configuration or command-line input; never retried
    ├── TransientError              worth retrying later: the same call may succeed
    │   ├── RedditUnavailable       429 or 5xx from Reddit after our bounded retries
    │   │   └── RedditBusy          the shared Reddit budget has no request for us soon
    │   ├── LLMUnavailable          429, 5xx or timeout from the LLM after bounded retries
    │   ├── DatabaseUnavailable     Postgres went away mid-operation
    │   └── LockBusy                another process holds the per-subreddit lock
    └── PermanentError              retrying will not help
        ├── SubredditUnavailable    Reddit answered 404 (unknown/banned) or 403 (private)
        ├── LLMRejected             authentication, quota, or output that never validated
        └── BudgetExhausted         the daily token budget is spent (the post waits)

Callers decide on retries by the branch, never by message text.
"""

from __future__ import annotations

__all__ = [
    "BudgetExhausted",
    "ConfigError",
    "DatabaseUnavailable",
    "HarborError",
    "LLMRejected",
    "LLMUnavailable",
    "LockBusy",
    "PermanentError",
    "RedditBusy",
    "RedditUnavailable",
    "SubredditUnavailable",
    "TransientError",
]


class HarborError(Exception):
    """Root of every error RedditHarbor raises on purpose."""


class ConfigError(HarborError):
    """A setting or an argument is invalid; the message names it and the bad value."""


class TransientError(HarborError):
    """A failure that may go away: the operation can be retried later."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RedditUnavailable(TransientError):
    """Reddit kept answering 429 or 5xx (or dropped the connection) past our retries."""


class RedditBusy(RedditUnavailable):
    """The shared Reddit budget cannot grant a request soon: come back in `retry_after`.

    Raised before a collection has done any work worth keeping, so that its task gives the
    worker slot back (a retry with a countdown) instead of sleeping in it.
    """


class LLMUnavailable(TransientError):
    """The LLM endpoint kept answering 429, 5xx or timing out past our retries."""


class DatabaseUnavailable(TransientError):
    """Postgres could not be reached or the connection was lost."""


class LockBusy(TransientError):
    """Another process holds the lock that guards this work."""


class PermanentError(HarborError):
    """A failure that retrying cannot fix."""


class SubredditUnavailable(PermanentError):
    """Reddit refused the subreddit: 404 (unknown or banned) or 403 (private)."""

    def __init__(self, subreddit: str, status: int, reason: str) -> None:
        super().__init__(f"subreddit r/{subreddit} is unavailable: HTTP {status} ({reason})")
        self.subreddit = subreddit
        self.status = status
        self.reason = reason


class LLMRejected(PermanentError):
    """The LLM refused the request for good: bad key, no quota, or invalid output twice."""


class BudgetExhausted(PermanentError):
    """The daily token budget is spent; the post is deferred, not failed."""
