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
from harbor.groups import REGISTRY
from harbor.results.records import Evidence, Opportunity, PostDetail, SetMember
from harbor.scoring import store
from harbor.scoring.model import DIMENSIONS
from harbor.scoring.report import reddit_link
from harbor.scoring.store import RankFilter
from harbor.settings import Settings

__all__ = [
    "BestPost",
    "RankPage",
    "best_posts",
    "group_names",
    "load_post_detail",
    "rank_page",
    "read_only",
    "subreddit_names",
    "theme_days",
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
    s.collected_via, s.duplicate_of, o.status, o.error,
    least(100.0, o.total + coalesce(e.total_bonus, 0))::float8 AS total,
    least(10, o.market_demand + coalesce(e.demand_bonus, 0))::smallint AS market_demand,
    {dims}, o.category, o.summary, o.rationale, o.scorer, o.model, o.prompt_version,
    o.scored_at, e.agreeing, e.demand_bonus,
    coalesce(th.merged_into, th.theme_id) AS theme_id, coalesce(tm.label, th.label) AS theme_label
FROM {submissions} AS s LEFT JOIN {scores} AS o ON o.post_id = s.id
LEFT JOIN {fetches} AS e ON e.post_id = coalesce(s.duplicate_of, s.id) AND e.status = 'done'
LEFT JOIN {members} AS m ON m.post_id = coalesce(s.duplicate_of, s.id)
LEFT JOIN {themes} AS th ON th.theme_id = m.theme_id
LEFT JOIN {themes} AS tm ON tm.theme_id = th.merged_into
WHERE s.id = %(post_id)s
"""
# the other posts of its set: the canonical post and every duplicate of it
_SET = """
SELECT id, subreddit, title, permalink, duplicate_of IS NULL AS canonical FROM {submissions}
WHERE (id = %(canonical)s OR duplicate_of = %(canonical)s) AND id <> %(post_id)s
ORDER BY duplicate_of IS NOT NULL, created_utc, id LIMIT 50
"""
_EVIDENCE = """
SELECT author, body, score, kind, permalink FROM {evidence} WHERE post_id = %(canonical)s
ORDER BY score DESC NULLS LAST, comment_id LIMIT 5
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
        dims=sql.SQL(", ").join(
            sql.SQL("o.{}").format(sql.Identifier(d)) for d in DIMENSIONS if d != "market_demand"
        ),
        submissions=qualified(settings, "submissions"),
        scores=qualified(settings, "opportunity_scores"),
        fetches=qualified(settings, "comment_fetches"),
        members=qualified(settings, "theme_members"),
        themes=qualified(settings, "themes"),
    )
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(query, {"post_id": post_id}).fetchone()
        if row is None:
            return None
        keys = {"post_id": post_id, "canonical": row["duplicate_of"] or post_id}
        members = cur.execute(
            sql.SQL(_SET).format(submissions=qualified(settings, "submissions")), keys
        ).fetchall()
        evidence = cur.execute(
            sql.SQL(_EVIDENCE).format(evidence=qualified(settings, "comment_evidence")), keys
        ).fetchall()
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
        canonical_id=row["duplicate_of"],
        set_members=tuple(
            SetMember(str(m["id"]), str(m["subreddit"] or ""), str(m["title"] or ""),
                      reddit_link(m["permalink"]), bool(m["canonical"]))
            for m in members
        ),
        theme_id=row["theme_id"],
        theme_label=row["theme_label"],
        evidence=tuple(
            Evidence(str(e["author"] or ""), str(e["body"] or ""), int(e["score"] or 0),
                     str(e["kind"]), reddit_link(e["permalink"]))
            for e in evidence
        ),
        agreeing=row["agreeing"],
        demand_bonus=row["demand_bonus"],
    )  # fmt: skip


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


# sets of duplicates counted once, on the day their first post was created, as the theme
# listing counts them (harbor.theming.listing)
_THEME_DAYS = """
WITH member AS (
    SELECT coalesce(t.merged_into, t.theme_id) AS theme_id, m.post_id
    FROM {members} AS m JOIN {themes} AS t ON t.theme_id = m.theme_id
    WHERE coalesce(t.merged_into, t.theme_id) = ANY(%(ids)s)
),
sets AS (
    SELECT mb.theme_id, mb.post_id, min(p.created_utc) AS created
    FROM member AS mb JOIN {submissions} AS p ON p.id = mb.post_id OR p.duplicate_of = mb.post_id
    GROUP BY mb.theme_id, mb.post_id
)
SELECT theme_id, floor(extract(epoch FROM now() - created) / 86400)::int AS days_ago, count(*)
FROM sets WHERE created >= now() - make_interval(days => %(days)s)
GROUP BY 1, 2
"""


def theme_days(
    conn: psycopg.Connection, settings: Settings, theme_ids: list[str], days: int
) -> dict[str, list[int]]:
    """Per theme, how many sets of its posts were first posted on each of the last `days`
    days (oldest first)."""
    series = {theme_id: [0] * days for theme_id in theme_ids}
    if not theme_ids:
        return series
    query = sql.SQL(_THEME_DAYS).format(
        members=qualified(settings, "theme_members"),
        themes=qualified(settings, "themes"),
        submissions=qualified(settings, "submissions"),
    )
    for theme_id, days_ago, count in conn.execute(query, {"ids": theme_ids, "days": days}):
        if theme_id in series and 0 <= int(days_ago) < days:
            series[theme_id][days - 1 - int(days_ago)] = int(count)
    return series


@dataclass(frozen=True)
class BestPost:
    """One of a theme's best posts, for its listing."""

    post_id: str
    title: str
    subreddit: str
    total: float


def best_posts(
    conn: psycopg.Connection, settings: Settings, post_ids: list[str]
) -> dict[str, BestPost]:
    """The title, subreddit and total (with comment evidence) of each post, by id."""
    if not post_ids:
        return {}
    query = sql.SQL(
        "SELECT s.id, s.title, s.subreddit, "
        "least(100.0, o.total + coalesce(e.total_bonus, 0))::float8 "
        "FROM {} AS s JOIN {} AS o ON o.post_id = s.id "
        "LEFT JOIN {} AS e ON e.post_id = s.id AND e.status = 'done' WHERE s.id = ANY(%s)"
    ).format(
        qualified(settings, "submissions"),
        qualified(settings, "opportunity_scores"),
        qualified(settings, "comment_fetches"),
    )
    return {
        str(r[0]): BestPost(str(r[0]), str(r[1] or ""), str(r[2] or ""), float(r[3] or 0))
        for r in conn.execute(query, (post_ids,))
    }


def group_names(conn: psycopg.Connection, settings: Settings) -> list[str]:
    """The groups of the subreddits registry's active subreddits; [] without a registry."""
    row = conn.execute("SELECT to_regclass(%s)", (f'"{settings.dataset}"."{REGISTRY}"',)).fetchone()
    if row is None or row[0] is None:
        return []
    query = sql.SQL(
        'SELECT DISTINCT "group" FROM {} WHERE active AND "group" IS NOT NULL ORDER BY 1'
    ).format(qualified(settings, REGISTRY))
    return [str(r[0]) for r in conn.execute(query)]
