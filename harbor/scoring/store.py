"""The SQL of scoring: read posts, merge `opportunity_scores` on post_id, find pending work.

One row per post, always: every write is `INSERT ... ON CONFLICT (post_id) DO UPDATE`.
`CONTENT_HASH_SQL` is `harbor.scoring.model.content_hash` written in SQL, so that the
"which posts need scoring" question is one query, answered inside Postgres.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from harbor.db import qualified
from harbor.groups import in_group
from harbor.scoring.model import DIMENSIONS, Post, ScoreResult
from harbor.settings import Settings

__all__ = [
    "CONTENT_HASH_SQL",
    "RankFilter",
    "iter_ranked",
    "load_post",
    "needing_score",
    "ranked",
    "ranked_histogram",
    "status_counts",
    "write_result",
    "write_status",
]

# sha256 over title NUL selftext NUL model NUL prompt_version, as hex (see model.content_hash)
CONTENT_HASH_SQL = sql.SQL(
    "encode(sha256("
    "convert_to(coalesce(s.title, ''), 'UTF8') || decode('00', 'hex') || "
    "convert_to(coalesce(s.selftext, ''), 'UTF8') || decode('00', 'hex') || "
    "convert_to(%(model)s::text, 'UTF8') || decode('00', 'hex') || "
    "convert_to(%(prompt_version)s::text, 'UTF8')), 'hex')"
)

_POST_COLUMN_NAMES = (
    "id", "subreddit", "title", "selftext", "score", "num_comments", "permalink", "created_utc",
    "is_self", "url",
)  # fmt: skip


def load_post_and_score(
    conn: psycopg.Connection, settings: Settings, post_id: str
) -> tuple[Post, tuple[str, str] | None] | None:
    """The post from `submissions` and (status, content_hash) of its score row if it has
    one, in one query; None when the post is not there."""
    query = sql.SQL(
        "SELECT {}, o.status, o.content_hash FROM {} s "
        "LEFT JOIN {} o ON o.post_id = s.id WHERE s.id = %s"
    ).format(
        sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(c)) for c in _POST_COLUMN_NAMES),
        qualified(settings, "submissions"),
        qualified(settings, "opportunity_scores"),
    )
    row = conn.execute(query, (post_id,)).fetchone()
    if row is None:
        return None
    post = Post(
        id=row[0],
        subreddit=row[1] or "",
        title=row[2] or "",
        selftext=row[3] or "",
        score=int(row[4] or 0),
        num_comments=int(row[5] or 0),
        permalink=row[6] or "",
        created_utc=row[7],
        is_self=row[8] if isinstance(row[8], bool) else None,
        url=row[9] or "",
    )
    return post, ((row[10], row[11]) if row[10] is not None else None)


def load_post(conn: psycopg.Connection, settings: Settings, post_id: str) -> Post | None:
    """The post with id `post_id` from `submissions`, or None when it is not there."""
    found = load_post_and_score(conn, settings, post_id)
    return found[0] if found else None


_UPSERT = """
INSERT INTO {table} AS o (post_id, {dims}, total, category, summary, rationale, scorer, model,
    prompt_version, content_hash, input_tokens, output_tokens, status, error, attempts, scored_at)
VALUES (%(post_id)s, {dim_values}, %(total)s, %(category)s, %(summary)s, %(rationale)s,
    %(scorer)s, %(model)s, %(prompt_version)s, %(content_hash)s, %(input_tokens)s,
    %(output_tokens)s, %(status)s, %(error)s, 1, now())
ON CONFLICT (post_id) DO UPDATE SET
    {dim_updates}, total = EXCLUDED.total, category = EXCLUDED.category,
    summary = EXCLUDED.summary, rationale = EXCLUDED.rationale, scorer = EXCLUDED.scorer,
    model = EXCLUDED.model, prompt_version = EXCLUDED.prompt_version,
    content_hash = EXCLUDED.content_hash, input_tokens = EXCLUDED.input_tokens,
    output_tokens = EXCLUDED.output_tokens, status = EXCLUDED.status, error = EXCLUDED.error,
    attempts = o.attempts + 1, scored_at = now()
"""
# a failure or a deferral never overwrites a good score of the very same content
_KEEP_GOOD_SCORE = " WHERE NOT (o.status = 'scored' AND o.content_hash = EXCLUDED.content_hash)"


def _upsert(settings: Settings, guard: bool) -> sql.Composed:
    return sql.SQL(_UPSERT + (_KEEP_GOOD_SCORE if guard else "")).format(
        table=qualified(settings, "opportunity_scores"),
        dims=sql.SQL(", ").join(sql.Identifier(d) for d in DIMENSIONS),
        dim_values=sql.SQL(", ").join(sql.Placeholder(d) for d in DIMENSIONS),
        dim_updates=sql.SQL(", ").join(
            sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(d)) for d in DIMENSIONS
        ),
    )


def write_result(
    conn: psycopg.Connection, settings: Settings, post_id: str, digest: str, result: ScoreResult
) -> None:
    """Merge a finished score (status 'scored') into the post's row."""
    a = result.assessment
    params: dict[str, Any] = {
        "post_id": post_id,
        **a.dimensions(),
        "total": result.total,
        "category": a.category,
        "summary": a.summary,
        "rationale": a.rationale,
        "scorer": result.scorer,
        "model": result.model,
        "prompt_version": result.prompt_version,
        "content_hash": digest,
        "input_tokens": result.input_tokens,
        "output_tokens": result.output_tokens,
        "status": "scored",
        "error": None,
    }
    conn.execute(_upsert(settings, guard=False), params)


def write_status(
    conn: psycopg.Connection,
    settings: Settings,
    post_id: str,
    digest: str,
    *,
    status: str,
    error: str | None,
    scorer: str,
    model: str,
    prompt_version: str,
    input_tokens: int = 0,
    output_tokens: int = 0,
) -> bool:
    """Merge a 'failed' or 'deferred' row (no scores); False when a good score was kept."""
    if status not in ("failed", "deferred"):
        raise ValueError(f"status {status!r} is not 'failed' or 'deferred'")
    params: dict[str, Any] = {
        "post_id": post_id,
        **dict.fromkeys(DIMENSIONS),
        "total": None,
        "category": None,
        "summary": None,
        "rationale": None,
        "scorer": scorer,
        "model": model,
        "prompt_version": prompt_version,
        "content_hash": digest,
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "status": status,
        "error": error[:2000] if error else None,
    }
    cur = conn.execute(_upsert(settings, guard=True), params)
    return cur.rowcount > 0


def needing_score(
    conn: psycopg.Connection,
    settings: Settings,
    ids: Sequence[str] | None,
    limit: int,
    *,
    model: str,
    prompt_version: str,
    include_deferred: bool,
    include_failed: bool,
) -> list[str]:
    """Ids (newest posts first) whose score is missing or stale; see service.posts_needing_score."""
    where = sql.SQL("WHERE s.id = ANY(%(ids)s)") if ids is not None else sql.SQL("")
    query = sql.SQL(
        """
        SELECT s.id
        FROM {submissions} AS s
        LEFT JOIN {scores} AS o ON o.post_id = s.id
        {where}
        {and_or_where} (
            o.post_id IS NULL
            OR (o.status = 'scored' AND o.content_hash <> {digest})
            OR (o.status = 'deferred' AND %(include_deferred)s)
            OR (o.status = 'failed' AND (%(include_failed)s OR o.content_hash <> {digest}))
        )
        ORDER BY s.created_utc DESC NULLS LAST, s.id
        LIMIT %(limit)s
        """
    ).format(
        submissions=qualified(settings, "submissions"),
        scores=qualified(settings, "opportunity_scores"),
        where=where,
        and_or_where=sql.SQL("AND" if ids is not None else "WHERE"),
        digest=CONTENT_HASH_SQL,
    )
    params = {
        "ids": list(ids) if ids is not None else None,
        "model": model,
        "prompt_version": prompt_version,
        "include_deferred": include_deferred,
        "include_failed": include_failed,
        "limit": limit,
    }
    return [row[0] for row in conn.execute(query, params)]


# one row per set of duplicates (its canonical post), with the set's subreddits and
# engagement, its theme, and the comment evidence added to market demand (harbor.evidence)
_RANKED = """
SELECT o.post_id, least(100.0, o.total + coalesce(e.total_bonus, 0))::float8 AS total,
    least(10, o.market_demand + coalesce(e.demand_bonus, 0))::smallint AS market_demand, {dims},
    o.category, o.summary, o.rationale, o.scorer, o.model, o.prompt_version,
    o.input_tokens, o.output_tokens, o.scored_at,
    s.subreddit, s.title, s.permalink, s.created_utc, s.score, s.num_comments,
    coalesce(d.duplicates, 0) AS duplicates,
    (SELECT array_agg(DISTINCT u ORDER BY u)
     FROM unnest(array_append(d.subreddits, s.subreddit::varchar)) AS u) AS subreddits,
    (coalesce(s.score, 0) + coalesce(d.score, 0))::bigint AS set_score,
    (coalesce(s.num_comments, 0) + coalesce(d.comments, 0))::bigint AS set_comments,
    coalesce(th.merged_into, th.theme_id) AS theme_id, coalesce(tm.label, th.label) AS theme_label,
    coalesce(e.agreeing, 0) AS agreeing, coalesce(e.demand_bonus, 0) AS demand_bonus
FROM {scores} AS o JOIN {submissions} AS s ON s.id = o.post_id
LEFT JOIN LATERAL (
    SELECT count(*) AS duplicates, array_agg(x.subreddit::varchar) AS subreddits,
        sum(x.score) AS score, sum(x.num_comments) AS comments
    FROM {submissions} AS x WHERE x.duplicate_of = s.id
) AS d ON true
LEFT JOIN {members} AS m ON m.post_id = s.id
LEFT JOIN {themes} AS th ON th.theme_id = m.theme_id
LEFT JOIN {themes} AS tm ON tm.theme_id = th.merged_into
LEFT JOIN {fetches} AS e ON e.post_id = s.id AND e.status = 'done'
WHERE o.status = 'scored' AND s.duplicate_of IS NULL
  AND (%(include_other)s OR o.category IS DISTINCT FROM 'other')
  AND (%(since)s::interval IS NULL OR s.created_utc >= now() - %(since)s::interval)
  AND (%(subreddit)s::text IS NULL OR lower(s.subreddit) = lower(%(subreddit)s::text)
       OR EXISTS (SELECT 1 FROM {submissions} AS x WHERE x.duplicate_of = s.id
                  AND lower(x.subreddit) = lower(%(subreddit)s::text)))
  AND {group}
  AND (%(min_total)s::float8 IS NULL
       OR least(100.0, o.total + coalesce(e.total_bonus, 0)) >= %(min_total)s::float8)
  AND (%(category)s::text IS NULL OR o.category = %(category)s::text)
ORDER BY 2 DESC, s.created_utc DESC NULLS LAST, o.post_id
LIMIT %(limit)s OFFSET %(offset)s
"""


def _ranked_query(settings: Settings, filters: RankFilter) -> sql.Composed:
    group: sql.Composable = sql.SQL("true")
    if filters.group is not None:
        group = sql.SQL(
            "({} OR EXISTS (SELECT 1 FROM {} AS x WHERE x.duplicate_of = s.id AND {}))"
        ).format(
            in_group(settings, sql.SQL("s.subreddit")),
            qualified(settings, "submissions"),
            in_group(settings, sql.SQL("x.subreddit")),
        )
    return sql.SQL(_RANKED).format(
        dims=sql.SQL(", ").join(
            sql.SQL("o.{}").format(sql.Identifier(d)) for d in DIMENSIONS if d != "market_demand"
        ),
        scores=qualified(settings, "opportunity_scores"),
        submissions=qualified(settings, "submissions"),
        members=qualified(settings, "theme_members"),
        themes=qualified(settings, "themes"),
        fetches=qualified(settings, "comment_fetches"),
        group=group,
    )


@dataclass(frozen=True)
class RankFilter:
    """Which scored posts a ranking shows. A post the scorer called `other` is not an
    opportunity: left out unless `include_other`. A set of duplicates is one row, shown
    when any of its posts is in `subreddit` (or in a subreddit of `group`)."""

    since: timedelta | None = None
    subreddit: str | None = None
    min_total: float | None = None
    include_other: bool = False
    # only posts of subreddits registered in this group (compared case-insensitively)
    group: str | None = None
    category: str | None = None


def _ranked_params(filters: RankFilter, limit: int | None, offset: int = 0) -> dict[str, Any]:
    return {
        "limit": limit,
        "offset": offset,
        "since": filters.since,
        "subreddit": filters.subreddit,
        "min_total": filters.min_total,
        "include_other": filters.include_other,
        "group": filters.group,
        "category": filters.category,
    }


def ranked(
    conn: psycopg.Connection,
    settings: Settings,
    filters: RankFilter,
    *,
    limit: int | None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Scored posts, best total first, joined with their post fields; `offset` skips the
    first ones (a page further down)."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(_ranked_query(settings, filters), _ranked_params(filters, limit, offset))
        return list(cur.fetchall())


def ranked_histogram(
    conn: psycopg.Connection, settings: Settings, filters: RankFilter
) -> list[int]:
    """How many scored posts pass `filters`, by total in ten bands (0-9.9, ..., 90-100)."""
    query = sql.SQL(
        "SELECT least(floor(r.total / 10), 9)::int AS band, count(*) FROM ({}) AS r GROUP BY 1"
    ).format(_ranked_query(settings, filters))
    bands = [0] * 10
    for band, count in conn.execute(query, _ranked_params(filters, None)):
        bands[int(band)] = int(count)
    return bands


def iter_ranked(
    conn: psycopg.Connection, settings: Settings, filters: RankFilter, *, batch: int = 500
) -> Iterator[dict[str, Any]]:
    """Like `ranked` with no limit, streamed through a server-side cursor."""
    with (
        conn.transaction(),
        conn.cursor("harbor_export", row_factory=dict_row) as cur,
    ):
        cur.itersize = batch
        cur.execute(_ranked_query(settings, filters), _ranked_params(filters, None))
        yield from cur


def status_counts(conn: psycopg.Connection, settings: Settings) -> dict[str, int]:
    """Rows of `opportunity_scores` by status, plus 'pending' (posts with no row yet)."""
    counts = {"scored": 0, "failed": 0, "deferred": 0}
    query = sql.SQL("SELECT status, count(*) FROM {} GROUP BY status").format(
        qualified(settings, "opportunity_scores")
    )
    for status, count in conn.execute(query):
        counts[status] = int(count)
    pending = sql.SQL(
        "SELECT count(*) FROM {} AS s WHERE NOT EXISTS "
        "(SELECT 1 FROM {} AS o WHERE o.post_id = s.id)"
    ).format(qualified(settings, "submissions"), qualified(settings, "opportunity_scores"))
    row = conn.execute(pending).fetchone()
    counts["pending"] = int(row[0]) if row else 0
    return counts
