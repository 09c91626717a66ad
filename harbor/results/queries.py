"""The read side of the results: a page of the ranking, one post in full, what to filter by.

Every query here only reads. The callers that must never write (the web app) run them
through `read_only`, a transaction Postgres itself keeps read-only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from harbor.db import connection, qualified
from harbor.results.records import Opportunity, PostDetail
from harbor.scoring import store
from harbor.scoring.model import DIMENSIONS
from harbor.scoring.report import reddit_link
from harbor.scoring.store import RankFilter
from harbor.settings import Settings

__all__ = [
    "RankPage",
    "load_post_detail",
    "rank_page",
    "read_only",
    "subreddit_names",
]


@contextlib.contextmanager
def read_only(settings: Settings) -> Iterator[psycopg.Connection]:
    """A pooled connection inside a READ ONLY transaction: a write fails in Postgres."""
    with connection(settings) as conn, conn.transaction():
        conn.execute("SET TRANSACTION READ ONLY")
        yield conn


@dataclass(frozen=True)
class RankPage:
    """One page of a ranking: its records, whether more follow, and the ten-band counts
    of every post the filters pass (the page's chart and its total)."""

    items: list[Opportunity]
    has_more: bool
    bands: list[int]
    offset: int

    @property
    def matching(self) -> int:
        """How many scored posts the filters pass, on every page together."""
        return sum(self.bands)


def rank_page(
    conn: psycopg.Connection,
    settings: Settings,
    filters: RankFilter,
    *,
    limit: int,
    offset: int = 0,
    with_bands: bool = True,
) -> RankPage:
    """Up to `limit` opportunities after the first `offset`, ranked from offset + 1."""
    rows = store.ranked(conn, settings, filters, limit=limit + 1, offset=offset)
    items = [Opportunity.from_row(offset + i, row) for i, row in enumerate(rows[:limit], 1)]
    bands = store.ranked_histogram(conn, settings, filters) if with_bands else []
    return RankPage(items, len(rows) > limit, bands, offset)


_POST = """
SELECT s.id, s.subreddit, s.title, s.selftext, s.author, s.permalink, s.url, s.created_utc,
    s.score, s.num_comments, s.filter_score, s.filter_model, s.matched_keywords,
    s.collected_via, o.status, o.error, o.total, {dims}, o.category, o.summary, o.rationale,
    o.scorer, o.model, o.prompt_version, o.scored_at
FROM {submissions} AS s LEFT JOIN {scores} AS o ON o.post_id = s.id
WHERE s.id = %(post_id)s
"""


def _keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return ()


def load_post_detail(
    conn: psycopg.Connection, settings: Settings, post_id: str
) -> PostDetail | None:
    """The post `post_id` with its score row, or None when it is not stored."""
    query = sql.SQL(_POST).format(
        dims=sql.SQL(", ").join(sql.SQL("o.{}").format(sql.Identifier(d)) for d in DIMENSIONS),
        submissions=qualified(settings, "submissions"),
        scores=qualified(settings, "opportunity_scores"),
    )
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(query, {"post_id": post_id}).fetchone()
    if row is None:
        return None
    scored = row["status"] == "scored"
    return PostDetail(
        post_id=str(row["id"]),
        subreddit=str(row["subreddit"] or ""),
        title=str(row["title"] or ""),
        selftext=str(row["selftext"] or ""),
        author=str(row["author"] or ""),
        link=reddit_link(row["permalink"]),
        url=str(row["url"] or ""),
        created_utc=row["created_utc"],
        reddit_score=int(row["score"] or 0),
        num_comments=int(row["num_comments"] or 0),
        filter_score=float(row["filter_score"]) if row["filter_score"] is not None else None,
        filter_model=row["filter_model"],
        matched_keywords=_keywords(row["matched_keywords"]),
        collected_via=row["collected_via"],
        score_status=row["status"],
        score_error=row["error"],
        total=float(row["total"]) if scored and row["total"] is not None else None,
        dimensions={d: int(row[d] or 0) for d in DIMENSIONS} if scored else None,
        category=row["category"] if scored else None,
        summary=row["summary"] if scored else None,
        rationale=row["rationale"] if scored else None,
        scorer=row["scorer"],
        model=row["model"],
        prompt_version=row["prompt_version"],
        scored_at=row["scored_at"],
    )


def subreddit_names(conn: psycopg.Connection, settings: Settings) -> list[str]:
    """The subreddits a filter can name: the configured ones and every one with a score."""
    query = sql.SQL(
        "SELECT DISTINCT s.subreddit FROM {} AS o JOIN {} AS s ON s.id = o.post_id "
        "WHERE o.status = 'scored' AND s.subreddit IS NOT NULL"
    ).format(qualified(settings, "opportunity_scores"), qualified(settings, "submissions"))
    names = {name.lower(): name for name in settings.subreddits}
    for (name,) in conn.execute(query):
        names.setdefault(str(name).lower(), str(name))
    return sorted(names.values(), key=str.lower)
