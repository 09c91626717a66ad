"""The praw client: one per process, pointed at Reddit or the sandbox, counting its requests.

praw reads `oauth_url` and `reddit_url` only as constructor arguments, so they are passed
here from the settings. Update checks are off: the machines that run this have no
general internet access, and a collector must not phone home.

Every API request goes through `CountingRequestor`, which takes a token from the shared
Reddit budget first and reports Reddit's rate-limit headers back to it after: whatever
code makes a request (listings now, comments later) is inside the one quota.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import praw
from prawcore import Requestor

from harbor.reddit.budget import RedditBudget, reddit_budget
from harbor.settings import Settings

__all__ = ["CountingRequestor", "reddit_client", "request_counts", "request_seconds"]

_clients: dict[tuple[str, str, str, str, str, int], praw.Reddit] = {}
_counts: dict[int, Counter[str]] = {}
_seconds: dict[int, dict[str, float]] = {}
_lock = threading.Lock()


class CountingRequestor(Requestor):
    """A prawcore Requestor that draws each API request from the shared budget and
    counts every HTTP request it makes, by kind."""

    def __init__(
        self,
        *args: Any,
        counts: Counter[str],
        seconds: dict[str, float] | None = None,
        budget: RedditBudget | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.counts = counts
        self.seconds: dict[str, float] = seconds if seconds is not None else {}
        self.budget = budget

    def request(self, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        url = str(kwargs.get("url") or (args[1] if len(args) > 1 else ""))
        kind = "token" if "access_token" in url else "listing" if "/new" in url else "other"
        # the OAuth token request is not an API request: Reddit does not count it
        if self.budget is not None and kind != "token":
            self.budget.take()
        with _lock:
            self.counts[kind] += 1
        started = time.perf_counter()
        try:
            response = super().request(*args, timeout=timeout, **kwargs)
        finally:
            with _lock:
                self.seconds[kind] = self.seconds.get(kind, 0.0) + time.perf_counter() - started
        if self.budget is not None and kind != "token":
            self.budget.observe(response.status_code, response.headers)
        return response


def reddit_client(settings: Settings) -> praw.Reddit:
    """The process's read-only praw client for these settings (created on first use)."""
    key = (
        settings.reddit_client_id,
        settings.reddit_client_secret.get(),
        settings.reddit_oauth_url,
        settings.reddit_url,
        settings.redis_url.get(),
        settings.reddit_qpm,
    )
    with _lock:
        client = _clients.get(key)
        if client is None:
            counts: Counter[str] = Counter()
            seconds: dict[str, float] = {}
            client = praw.Reddit(
                client_id=settings.reddit_client_id,
                client_secret=settings.reddit_client_secret.get(),
                user_agent=settings.reddit_user_agent,
                oauth_url=settings.reddit_oauth_url,
                reddit_url=settings.reddit_url,
                check_for_updates=False,
                check_for_async=False,
                requestor_class=CountingRequestor,
                requestor_kwargs={
                    "counts": counts,
                    "seconds": seconds,
                    "budget": reddit_budget(settings),
                },
                timeout=30,
            )
            _counts[id(client)] = counts
            _seconds[id(client)] = seconds
            client.read_only = True
            _clients[key] = client
        return client


def request_counts(reddit: praw.Reddit) -> Counter[str]:
    """A snapshot of the requests this client has made so far, by kind."""
    with _lock:
        return Counter(_counts.get(id(reddit), ()))


def request_seconds(reddit: praw.Reddit) -> dict[str, float]:
    """Seconds this client has spent waiting on HTTP answers so far, by kind (the budget's
    waits not included)."""
    with _lock:
        return dict(_seconds.get(id(reddit), {}))
