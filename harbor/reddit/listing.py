"""Pages of /r/<sub>/new, newest first, fetched lazily one request at a time.

A page is requested only when the consumer asks for it, so a consumer that stops early
(dlt's incremental closes the generator at the first post older than its cursor) makes
no further request. Each page is one `subreddit.new(limit=100)` call with `after` set
to the last post of the previous page, retried under the shared policy.

Each request takes a token from the shared Reddit budget (see harbor.reddit.budget). The
first page may wait only `defer_after` seconds for it (or for a 429 to pass): past that,
RedditBusy tells the caller to come back later, nothing having been done yet. Later pages
wait as long as the run's `deadline` allows, since the run has work in hand.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import praw
from praw.models import ListingGenerator

from harbor.reddit.budget import budget_policy
from harbor.reddit.helpers import submission_fields
from harbor.reddit.retry import call_with_retries

__all__ = ["PAGE_SIZE", "PageSource", "RecordedListing", "SubredditListing"]

log = logging.getLogger(__name__)

PAGE_SIZE = 100  # reddit's largest page


class PageSource(Protocol):
    """Anything that yields pages of submission fields, newest first."""

    def pages(self) -> Iterator[list[dict[str, Any]]]: ...


class SubredditListing:
    """The live listing of one subreddit through praw, up to `limit` posts."""

    def __init__(
        self,
        reddit: praw.Reddit,
        subreddit: str,
        limit: int = 1000,
        sleep: Callable[[float], None] | None = None,
        *,
        deadline: float | None = None,
        defer_after: float | None = None,
    ) -> None:
        self.reddit = reddit
        self.subreddit = subreddit
        self.limit = limit
        self.sleep = sleep
        self.deadline = deadline
        self.defer_after = defer_after
        self.requests = 0
        # set when the walk ends: whether it stopped at the listing's end (or its cap)
        # rather than because its consumer had all it needed
        self.exhausted = False

    def _max_wait(self, first: bool) -> float:
        if first and self.defer_after is not None:
            return self.defer_after
        if self.deadline is None:
            return 120.0
        return max(0.0, self.deadline - time.monotonic())

    def _fetch(self, after: str | None, count: int) -> tuple[list[dict[str, Any]], bool]:
        params: dict[str, str | int] = {"count": count}
        if after:
            params["after"] = after
        size = min(PAGE_SIZE, self.limit - count)
        listing = self.reddit.subreddit(self.subreddit).new(limit=size, params=params)
        assert isinstance(listing, ListingGenerator)
        self.requests += 1
        with budget_policy("collect", self._max_wait(count == 0)):
            page = [submission_fields(item) for item in listing]
        # praw moves `after` forward only when Reddit said there is a next page
        more = listing.params.get("after") not in (None, after)
        return page, more and len(page) == size

    def pages(self) -> Iterator[list[dict[str, Any]]]:
        after: str | None = None
        count = 0
        while count < self.limit:
            page, more = call_with_retries(
                lambda after=after, count=count: self._fetch(after, count),  # type: ignore[misc]
                self.subreddit,
                self.sleep,
                deadline=self.deadline,
                defer_after=self.defer_after if count == 0 else None,
            )
            if not page:
                self.exhausted = True
                return
            count += len(page)
            last = page[-1].get("name") or f"t3_{page[-1].get('id')}"
            if not more or not isinstance(last, str) or count >= self.limit:
                self.exhausted = True
            yield page
            if self.exhausted:
                return
            after = last


class RecordedListing:
    """Pages fetched once and replayed, so two collectors can see exactly the same data."""

    def __init__(self, pages: list[list[dict[str, Any]]]) -> None:
        self._pages = pages

    @classmethod
    def record(cls, source: PageSource) -> RecordedListing:
        return cls([list(page) for page in source.pages()])

    def pages(self) -> Iterator[list[dict[str, Any]]]:
        for page in self._pages:
            yield [dict(fields) for fields in page]

    @property
    def posts(self) -> int:
        return sum(len(page) for page in self._pages)
