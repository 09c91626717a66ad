"""The Reddit retry layer's bounds: no wait past the run's deadline, a long 429 defers
the run (RedditBusy) rather than sleeping in a worker slot."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests
from prawcore import exceptions as praw_errors

from harbor.collect.service import REDDIT_DEADLINE_S
from harbor.errors import RedditBusy, RedditUnavailable
from harbor.reddit.retry import call_with_retries
from harbor.runtime.collect import DEFER_AFTER_S, retry_countdown
from harbor.runtime.queues import COLLECT_SOFT_LIMIT_S


def _response(status: int, headers: dict[str, str] | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.headers.update(headers or {})
    response._content = b"{}"
    return response


def _too_many(retry_after: str) -> praw_errors.TooManyRequests:
    return praw_errors.TooManyRequests(_response(429, {"retry-after": retry_after}))


def _failing(exc: Exception) -> Any:
    def fetch() -> str:
        raise exc

    return fetch


def test_a_long_retry_after_defers_a_run_that_has_not_started() -> None:
    slept: list[float] = []
    with pytest.raises(RedditBusy) as caught:
        call_with_retries(_failing(_too_many("30")), "SaaS", slept.append, defer_after=10.0)
    assert caught.value.retry_after == 30.0 and slept == []


def test_a_short_retry_after_is_waited_out() -> None:
    calls: list[int] = []

    def fetch() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise _too_many("2")
        return "page"

    slept: list[float] = []
    assert call_with_retries(fetch, "SaaS", slept.append, defer_after=10.0) == "page"
    assert len(slept) == 1 and 2.0 <= slept[0] <= 3.0


def test_no_retry_waits_past_the_deadline() -> None:
    slept: list[float] = []
    deadline = time.monotonic() + 5.0
    with pytest.raises(RedditUnavailable):
        call_with_retries(_failing(_too_many("20")), "SaaS", slept.append, deadline=deadline)
    assert slept == []
    with pytest.raises(RedditUnavailable):
        call_with_retries(
            _failing(praw_errors.ServerError(_response(503))),
            "SaaS",
            slept.append,
            deadline=time.monotonic() + 1.5,
        )
    assert sum(slept) < 1.5


def test_the_bounds_sit_inside_the_collect_task_limit() -> None:
    assert REDDIT_DEADLINE_S < COLLECT_SOFT_LIMIT_S / 2
    assert DEFER_AFTER_S < REDDIT_DEADLINE_S
    countdowns = {retry_countdown(RedditBusy("busy", retry_after=30.0)) for _ in range(20)}
    assert len(countdowns) > 1 and all(30.0 <= c <= 35.0 for c in countdowns)
