"""Themes as people read them: who has the problem, where, how much, and whether it grows.

For a window W (`--since`, 30 days by default), a theme's figures count the sets of
duplicates among its members (a crosspost is one post, with its set's subreddits,
authors and engagement) whose first post falls in W: posts, distinct authors,
subreddits, combined score and comments, mean scores (with comment evidence), first and
last seen, posts per day over W and over the window before it, and the growth between
the two. A theme is shown once it has grown to LABEL_FROM_POSTS sets (a theme of one
post is a candidate, not yet a theme) and has at least one of them in W.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from psycopg import sql
from psycopg.rows import dict_row

from harbor.db import connection, qualified
from harbor.errors import ConfigError
from harbor.groups import in_group
from harbor.registry import validate_group
from harbor.scoring.model import DIMENSIONS
from harbor.settings import Settings
from harbor.theming.label import LABEL_FROM_POSTS, refresh_llm_label

__all__ = ["DEFAULT_WINDOW", "ThemeRecord", "list_themes", "trend_of"]

DEFAULT_WINDOW = timedelta(days=30)
RISING = 0.25  # growth at or above this is rising; at or below minus this, falling


@dataclass(frozen=True)
class ThemeRecord:
    """One theme over a window (see the module docstring)."""

    id: str
    label: str
    label_source: str
    posts: int
    posts_total: int
    authors: int
    subreddits: list[str]
    score: int
    comments: int
    mean_total: float
    mean_scores: dict[str, float]
    first_seen: datetime
    last_seen: datetime
    posts_per_day: float
    posts_per_day_before: float
    growth: float | None
    trend: str
    post_ids: list[str]
    best_title: str
    best_permalink: str
    merged_from: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["first_seen"] = self.first_seen.isoformat()
        out["last_seen"] = self.last_seen.isoformat()
        return out


def trend_of(posts: int, before: int) -> tuple[float | None, str]:
    """Growth of `posts` over `before` (None when there was nothing before) and its word."""
    if before == 0:
        return None, "new"
    growth = round((posts - before) / before, 3)
    if growth >= RISING:
        return growth, "rising"
    if growth <= -RISING:
        return growth, "falling"
    return growth, "steady"


_QUERY = """
WITH member AS (
    -- still an opportunity, still the canonical post of its set (a rescore may say `other`)
    SELECT coalesce(t.merged_into, t.theme_id) AS theme_id, m.post_id
    FROM {members} AS m JOIN {themes} AS t ON t.theme_id = m.theme_id
    JOIN {submissions} AS c ON c.id = m.post_id AND c.duplicate_of IS NULL
    JOIN {scores} AS q ON q.post_id = m.post_id AND q.status = 'scored'
        AND q.category IS DISTINCT FROM 'other'
),
post AS (
    SELECT mb.theme_id, mb.post_id AS canonical, s.subreddit, s.author, s.created_utc,
        s.score, s.num_comments
    FROM member AS mb JOIN {submissions} AS s ON s.id = mb.post_id
    UNION ALL
    SELECT mb.theme_id, mb.post_id, s.subreddit, s.author, s.created_utc, s.score, s.num_comments
    FROM member AS mb JOIN {submissions} AS s ON s.duplicate_of = mb.post_id
),
kept AS (SELECT * FROM post AS p WHERE {group}),
sets AS (
    SELECT theme_id, canonical, min(created_utc) AS created FROM kept
    GROUP BY theme_id, canonical
),
counted AS (
    SELECT theme_id, count(*) AS posts_total,
        count(*) FILTER (WHERE created >= now() - %(window)s) AS posts,
        count(*) FILTER (WHERE created >= now() - 2 * %(window)s
                         AND created < now() - %(window)s) AS posts_before,
        min(created) AS first_seen, max(created) AS last_seen
    FROM sets GROUP BY theme_id
    HAVING count(*) >= %(shown_from)s AND count(*) FILTER (WHERE created >= now() - %(window)s) > 0
),
recent AS (SELECT * FROM sets WHERE created >= now() - %(window)s),
engagement AS (
    SELECT k.theme_id,
        count(DISTINCT k.author) FILTER (WHERE k.author IS NOT NULL AND k.author <> '[deleted]')
            AS authors,
        array_agg(DISTINCT k.subreddit::varchar ORDER BY k.subreddit::varchar) AS subreddits,
        coalesce(sum(k.score), 0) AS score, coalesce(sum(k.num_comments), 0) AS comments
    FROM kept AS k JOIN recent AS r USING (theme_id, canonical)
    GROUP BY k.theme_id
),
scored AS (
    SELECT r.theme_id,
        avg(least(100.0, o.total + coalesce(e.total_bonus, 0))) AS mean_total,
        avg(least(10, o.market_demand + coalesce(e.demand_bonus, 0))) AS mean_market_demand,
        {dims},
        array_agg(r.canonical ORDER BY o.total DESC, r.canonical) AS post_ids,
        (array_agg(s.title ORDER BY o.total DESC, r.canonical))[1] AS best_title,
        (array_agg(s.permalink ORDER BY o.total DESC, r.canonical))[1] AS best_permalink
    FROM recent AS r
    JOIN {scores} AS o ON o.post_id = r.canonical
    JOIN {submissions} AS s ON s.id = r.canonical
    LEFT JOIN {fetches} AS e ON e.post_id = r.canonical AND e.status = 'done'
    GROUP BY r.theme_id
)
SELECT c.*, g.authors, g.subreddits, g.score, g.comments, x.*, t.label, t.label_source,
    (SELECT array_agg(mg.merged_id ORDER BY mg.merged_at) FROM {merges} AS mg
     JOIN {themes} AS mt ON mt.theme_id = mg.merged_id
     WHERE mt.merged_into = c.theme_id) AS merged_from
FROM counted AS c
JOIN engagement AS g USING (theme_id)
JOIN scored AS x USING (theme_id)
JOIN {themes} AS t ON t.theme_id = c.theme_id
ORDER BY c.posts DESC, x.mean_total DESC, c.theme_id
LIMIT %(top)s
"""


def _query(settings: Settings, group: str | None) -> sql.Composed:
    others = [d for d in DIMENSIONS if d != "market_demand"]
    return sql.SQL(_QUERY).format(
        members=qualified(settings, "theme_members"),
        themes=qualified(settings, "themes"),
        merges=qualified(settings, "theme_merges"),
        submissions=qualified(settings, "submissions"),
        scores=qualified(settings, "opportunity_scores"),
        fetches=qualified(settings, "comment_fetches"),
        dims=sql.SQL(", ").join(
            sql.SQL("avg(o.{}) AS {}").format(sql.Identifier(d), sql.Identifier(f"mean_{d}"))
            for d in others
        ),
        group=in_group(settings, sql.SQL("p.subreddit")) if group else sql.SQL("true"),
    )


def _record(row: dict[str, Any], window: timedelta) -> ThemeRecord:
    days = window.total_seconds() / 86400
    posts, before = int(row["posts"]), int(row["posts_before"])
    growth, trend = trend_of(posts, before)
    return ThemeRecord(
        id=row["theme_id"],
        label=row["label"] or "",
        label_source=row["label_source"] or "terms",
        posts=posts,
        posts_total=int(row["posts_total"]),
        authors=int(row["authors"] or 0),
        subreddits=list(row["subreddits"] or []),
        score=int(row["score"] or 0),
        comments=int(row["comments"] or 0),
        mean_total=round(float(row["mean_total"] or 0), 1),
        mean_scores={d: round(float(row[f"mean_{d}"] or 0), 1) for d in DIMENSIONS},
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        posts_per_day=round(posts / days, 3),
        posts_per_day_before=round(before / days, 3),
        growth=growth,
        trend=trend,
        post_ids=list(row["post_ids"] or []),
        best_title=row["best_title"] or "",
        best_permalink=row["best_permalink"] or "",
        merged_from=list(row["merged_from"] or []),
    )


def list_themes(
    settings: Settings,
    top: int = 20,
    since: timedelta | None = None,
    group: str | None = None,
    *,
    name: bool = True,
) -> list[ThemeRecord]:
    """The `top` themes with posts in the window, most posts first (see the docstring).

    With `name`, a shown theme that is due for an LLM label gets one first (when scoring
    with an LLM; harbor.theming.label says when, and how the budget bounds it).
    """
    if top < 1:
        raise ConfigError(f"--top: {top} must be at least 1")
    if group is not None:
        validate_group(group)
    window = since or DEFAULT_WINDOW
    params = {"window": window, "shown_from": LABEL_FROM_POSTS, "top": top, "group": group}
    with connection(settings) as conn, conn.cursor(row_factory=dict_row) as cur:
        cur.execute(_query(settings, group), params)
        rows = cur.fetchall()
    records = [_record(row, window) for row in rows]
    if not name:
        return records
    return [_named(settings, record) for record in records]


def _named(settings: Settings, record: ThemeRecord) -> ThemeRecord:
    label = refresh_llm_label(settings, record.id)
    return replace(record, label=label, label_source="llm") if label else record
