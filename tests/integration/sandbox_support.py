"""Helpers for the sandbox's own tests: real clients pointed at the sandbox."""

from __future__ import annotations

from typing import Any

import praw
import requests

from harbor.settings import (
    SANDBOX_OPENAI_KEY,
    SANDBOX_REDDIT_CLIENT_ID,
    SANDBOX_REDDIT_CLIENT_SECRET,
)

USER_AGENT = "python:harbor-tests:1.0 (by /u/harbor)"


def reddit(
    url: str,
    client_id: str = SANDBOX_REDDIT_CLIENT_ID,
    client_secret: str = SANDBOX_REDDIT_CLIENT_SECRET,
) -> praw.Reddit:
    """A real praw client configured only by its URLs and credentials."""
    return praw.Reddit(
        client_id=client_id,
        client_secret=client_secret,
        user_agent=USER_AGENT,
        oauth_url=url,
        reddit_url=url,
        check_for_updates=False,
        check_for_async=False,
    )


def token(url: str) -> str:
    """A bearer token from the sandbox's OAuth endpoint."""
    response = requests.post(
        f"{url}/api/v1/access_token",
        auth=(SANDBOX_REDDIT_CLIENT_ID, SANDBOX_REDDIT_CLIENT_SECRET),
        data={"grant_type": "client_credentials"},
        timeout=10,
    )
    response.raise_for_status()
    value: str = response.json()["access_token"]
    return value


def get(
    url: str, path: str, bearer: str | None, timeout: float = 10, **params: Any
) -> requests.Response:
    """A raw GET to the Reddit side, with the token if given."""
    headers = {"Authorization": f"bearer {bearer}"} if bearer else {}
    return requests.get(f"{url}{path}", headers=headers, params=params, timeout=timeout)


def chat(
    openai_url: str, body: dict[str, Any], key: str = SANDBOX_OPENAI_KEY, timeout: float = 10
) -> requests.Response:
    """A raw chat completion request."""
    return requests.post(
        f"{openai_url}/chat/completions",
        json=body,
        headers={"Authorization": f"Bearer {key}"},
        timeout=timeout,
    )


def listing_requests(stats: dict[str, Any], subreddit: str) -> int:
    return int(stats["reddit"]["by_subreddit"].get(subreddit.lower(), {}).get("new", 0))
