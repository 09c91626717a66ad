"""Helpers for collection tests: reading what was stored, and what the sandbox served."""

from __future__ import annotations

from typing import Any

import requests
from psycopg import sql
from runtime_support import pg
from sandbox_support import listing_requests

from harbor.settings import SANDBOX_REDDIT_CLIENT_ID, SANDBOX_REDDIT_CLIENT_SECRET, Settings

__all__ = ["listing_requests", "pg", "runs", "served", "stored"]


def stored(settings: Settings, columns: str = "*") -> list[dict[str, Any]]:
    """Every submissions row, as dicts."""
    with pg(settings) as conn:
        cur = conn.execute(
            sql.SQL("SELECT {} FROM {}.submissions ORDER BY id").format(
                sql.SQL(columns), sql.Identifier(settings.dataset)
            )
        )
        names = [d.name for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def runs(settings: Settings) -> list[dict[str, Any]]:
    with pg(settings) as conn:
        cur = conn.execute(
            sql.SQL("SELECT * FROM {}.collection_runs ORDER BY started_at").format(
                sql.Identifier(settings.dataset)
            )
        )
        names = [d.name for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def served(reddit_url: str, subreddit: str, limit: int = 1000) -> list[dict[str, Any]]:
    """The posts the sandbox serves for /r/<sub>/new, fetched over plain HTTP."""
    session = requests.Session()
    session.headers["User-Agent"] = "harbor integration tests"
    token = session.post(
        f"{reddit_url}/api/v1/access_token",
        data={"grant_type": "client_credentials"},
        auth=(SANDBOX_REDDIT_CLIENT_ID, SANDBOX_REDDIT_CLIENT_SECRET),
        timeout=10,
    ).json()["access_token"]
    session.headers["Authorization"] = f"bearer {token}"
    posts: list[dict[str, Any]] = []
    after = None
    while len(posts) < limit:
        params: dict[str, Any] = {"limit": 100, "raw_json": 1}
        if after:
            params["after"] = after
        data = session.get(f"{reddit_url}/r/{subreddit}/new", params=params, timeout=10).json()
        posts += [child["data"] for child in data["data"]["children"]]
        after = data["data"]["after"]
        if not after:
            break
    return posts
