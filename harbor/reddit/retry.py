"""One bounded, jittered retry policy for Reddit listing requests.

prawcore already retries 5xx answers and dropped connections twice (with jitter) but
raises `TooManyRequests` on the first 429. So this layer:
- waits out a 429 as its Retry-After says (plus jitter), a few times at most;
- retries a garbled body (BadJSON) or an exhausted 5xx/connection failure once or twice
  more, after a jittered backoff, so a burst of faults does not become a retry storm;
- turns 404/403/redirect into `SubredditUnavailable`, which is never retried.

Waits are bounded twice: by the caller's `deadline` (a run never waits past the time it
may hold its subreddit's lock: a retry whose wait would end after it is not made, and the
run fails now rather than late), and by `defer_after`: a 429 whose Retry-After is longer
raises RedditBusy, so a collection that has not started yet gives its worker slot back
instead of sleeping in it.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from prawcore import exceptions as praw_errors
from tenacity import RetryCallState, Retrying, stop_after_attempt

from harbor.errors import RedditBusy, RedditUnavailable, SubredditUnavailable

__all__ = ["MAX_ATTEMPTS", "MAX_RETRY_AFTER", "call_with_retries"]

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_ATTEMPTS = 5  # a 429 may be retried this many times in all
OTHER_ATTEMPTS = 3  # 5xx, connection and bad-JSON failures (prawcore retried 5xx already)
MAX_RETRY_AFTER = 120.0  # a longer Retry-After fails the run; the next tick tries again
BACKOFF_BASE = 1.0


def _retry_after(exc: BaseException) -> float | None:
    if isinstance(exc, praw_errors.TooManyRequests) and exc.retry_after:
        try:
            return max(0.0, float(exc.retry_after))
        except ValueError:
            return None
    return None


def _is_transient(exc: BaseException) -> bool:
    return isinstance(
        exc,
        praw_errors.TooManyRequests
        | praw_errors.ServerError
        | praw_errors.RequestException
        | praw_errors.BadJSON,
    )


def _least_wait(state: RetryCallState, exc: BaseException) -> float:
    """The wait before the next attempt, without its jitter."""
    retry_after = _retry_after(exc)
    if retry_after is not None:
        return retry_after
    return float(BACKOFF_BASE * 2.0 ** (state.attempt_number - 1))


def _retry_policy(
    deadline: float | None, defer_after: float | None
) -> Callable[[RetryCallState], bool]:
    def should_retry(state: RetryCallState) -> bool:
        exc = state.outcome.exception() if state.outcome else None
        if exc is None or not _is_transient(exc):
            return False
        if isinstance(exc, praw_errors.TooManyRequests):
            retry_after = _retry_after(exc)
            if retry_after is not None and retry_after > MAX_RETRY_AFTER:
                return False
        elif state.attempt_number >= OTHER_ATTEMPTS:
            return False
        wait = _least_wait(state, exc)
        too_long = defer_after is not None and wait > defer_after
        if too_long and isinstance(exc, praw_errors.TooManyRequests):
            raise RedditBusy(
                f"Reddit answered 429 with Retry-After {wait:.0f}s", retry_after=wait
            ) from None
        return deadline is None or time.monotonic() + wait < deadline

    return should_retry


def _wait(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome else None
    backoff: float = BACKOFF_BASE * 2.0 ** (state.attempt_number - 1)
    jitter = random.uniform(0, backoff / 2)
    retry_after = _retry_after(exc) if exc else None
    if retry_after is not None:
        return float(retry_after + random.uniform(0, min(1.0, retry_after / 4 + 0.1)))
    return backoff + jitter


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    log.warning(
        "reddit request failed (%s), attempt %d; retrying in %.1fs",
        type(exc).__name__,
        state.attempt_number,
        state.upcoming_sleep,
    )


def call_with_retries(
    fn: Callable[[], T],
    subreddit: str,
    sleep: Callable[[float], None] | None = None,
    *,
    deadline: float | None = None,
    defer_after: float | None = None,
) -> T:
    """Call `fn` (one listing request) under the shared policy; map errors to ours.

    `deadline` (time.monotonic()) is when the caller must be done: no retry waits past
    it. `defer_after`: a 429 asking to wait longer raises RedditBusy instead.
    """
    kwargs = {"sleep": sleep} if sleep is not None else {}
    retrying = Retrying(
        retry=_retry_policy(deadline, defer_after),
        stop=stop_after_attempt(MAX_ATTEMPTS),
        wait=_wait,
        before_sleep=_log_retry,
        reraise=True,
        **kwargs,  # type: ignore[arg-type]
    )
    try:
        return retrying(fn)
    except praw_errors.Redirect:
        # reddit answers an unknown subreddit with a redirect to its search page
        raise SubredditUnavailable(subreddit, 404, "no such subreddit") from None
    except praw_errors.NotFound:
        raise SubredditUnavailable(subreddit, 404, "not found or banned") from None
    except praw_errors.Forbidden as exc:
        raise SubredditUnavailable(subreddit, 403, _reason(exc) or "private") from None
    except praw_errors.TooManyRequests as exc:
        raise RedditUnavailable(
            f"r/{subreddit}: Reddit kept answering 429", retry_after=_retry_after(exc)
        ) from None
    except (praw_errors.ServerError, praw_errors.RequestException, praw_errors.BadJSON) as exc:
        raise RedditUnavailable(f"r/{subreddit}: {type(exc).__name__}: {_short(exc)}") from None


def _reason(exc: praw_errors.ResponseException) -> str | None:
    try:
        body = exc.response.json()
    except ValueError:
        return None
    return str(body.get("reason")) if isinstance(body, dict) and body.get("reason") else None


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
