"""The praw client: one per process, pointed at Reddit or the sandbox, counting its requests.

praw reads `oauth_url` and `reddit_url` only as constructor arguments, so they are passed
here from the settings. Update checks are off: the machines that run this have no
general internet access, and a collector must not phone home.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import praw
from prawcore import Requestor

from harbor.settings import Settings

__all__ = ["CountingRequestor", "reddit_client", "request_counts"]

_clients: dict[tuple[str, str, str, str], praw.Reddit] = {}
_counts: dict[int, Counter[str]] = {}
_lock = threading.Lock()


class CountingRequestor(Requestor):
    """A prawcore Requestor that counts every HTTP request it makes, by kind."""

    def __init__(self, *args: Any, counts: Counter[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.counts = counts

    def request(self, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        url = str(kwargs.get("url") or (args[1] if len(args) > 1 else ""))
        kind = "token" if "access_token" in url else "listing" if "/new" in url else "other"
        with _lock:
            self.counts[kind] += 1
        return super().request(*args, timeout=timeout, **kwargs)


def reddit_client(settings: Settings) -> praw.Reddit:
    """The process's read-only praw client for these settings (created on first use)."""
    key = (
        settings.reddit_client_id,
        settings.reddit_client_secret.get(),
        settings.reddit_oauth_url,
        settings.reddit_url,
    )
    with _lock:
        client = _clients.get(key)
        if client is None:
            counts: Counter[str] = Counter()
            client = praw.Reddit(
                client_id=settings.reddit_client_id,
                client_secret=settings.reddit_client_secret.get(),
                user_agent=settings.reddit_user_agent,
                oauth_url=settings.reddit_oauth_url,
                reddit_url=settings.reddit_url,
                check_for_updates=False,
                check_for_async=False,
                requestor_class=CountingRequestor,
                requestor_kwargs={"counts": counts},
                timeout=30,
            )
            _counts[id(client)] = counts
            client.read_only = True
            _clients[key] = client
        return client


def request_counts(reddit: praw.Reddit) -> Counter[str]:
    """A snapshot of the requests this client has made so far, by kind."""
    with _lock:
        return Counter(_counts.get(id(reddit), ()))
