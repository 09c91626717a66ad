"""The SQL of comment evidence: which posts are due, the claim, the result, a failure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import psycopg
from psycopg import sql

from harbor.db import qualified
from harbor.settings import Settings

__all__ = ["Candidate", "Evidence", "candidate", "claim", "due", "fail", "finish"]


@dataclass(frozen=True)
class Candidate:
    """An opportunity whose comments may be read now."""

    post_id: str
    title: str
    selftext: str
    market_demand: int


@dataclass(frozen=True)
class Evidence:
    """One comment kept as evidence."""

    comment_id: str
    author: str | None
    body: str
    score: int
    kind: str
    created_utc: datetime | None
    permalink: str


# a scored opportunity, canonical of its set, at or above the threshold, an hour old,
# not read yet (or due for another try, or claimed by a worker that died)
_DUE = """
SELECT s.id, s.title, s.selftext, o.market_demand
FROM {submissions} AS s
JOIN {scores} AS o ON o.post_id = s.id
LEFT JOIN {fetches} AS f ON f.post_id = s.id
WHERE o.status = 'scored' AND o.category IS DISTINCT FROM 'other' AND s.duplicate_of IS NULL
  AND o.total >= %(min_total)s AND s.created_utc <= now() - %(min_age)s
  AND (f.post_id IS NULL OR (f.status = 'retry' AND f.next_attempt_at <= now())
       OR (f.status = 'running' AND f.lease_until < now()))
  {only}
ORDER BY o.total DESC, s.created_utc DESC, s.id
LIMIT %(limit)s
"""


def _due_query(settings: Settings, one: bool) -> sql.Composed:
    return sql.SQL(_DUE).format(
        submissions=qualified(settings, "submissions"),
        scores=qualified(settings, "opportunity_scores"),
        fetches=qualified(settings, "comment_fetches"),
        only=sql.SQL("AND s.id = %(post_id)s") if one else sql.SQL(""),
    )


def due(
    conn: psycopg.Connection, settings: Settings, min_total: float, min_age: object, limit: int
) -> list[str]:
    """Posts whose comments should be read now, best first."""
    params = {"min_total": min_total, "min_age": min_age, "limit": limit}
    return [row[0] for row in conn.execute(_due_query(settings, False), params)]


def candidate(
    conn: psycopg.Connection, settings: Settings, post_id: str, min_total: float, min_age: object
) -> Candidate | None:
    """The post, if its comments should be read now."""
    params = {"min_total": min_total, "min_age": min_age, "limit": 1, "post_id": post_id}
    row = conn.execute(_due_query(settings, True), params).fetchone()
    return Candidate(row[0], row[1] or "", row[2] or "", int(row[3] or 0)) if row else None


def claim(conn: psycopg.Connection, settings: Settings, post_id: str, lease_s: float) -> int | None:
    """Take the post's fetch for `lease_s` seconds; the attempt number, or None when it is
    done, running elsewhere, or not due for another try yet."""
    query = sql.SQL(
        """
        INSERT INTO {fetches} AS f (post_id, status, attempts, lease_until)
        VALUES (%(id)s, 'running', 1, now() + make_interval(secs => %(lease)s))
        ON CONFLICT (post_id) DO UPDATE SET status = 'running', attempts = f.attempts + 1,
            lease_until = EXCLUDED.lease_until
        WHERE (f.status = 'retry' AND f.next_attempt_at <= now())
           OR (f.status = 'running' AND f.lease_until < now())
        RETURNING attempts
        """
    ).format(fetches=qualified(settings, "comment_fetches"))
    row = conn.execute(query, {"id": post_id, "lease": lease_s}).fetchone()
    return int(row[0]) if row else None


def finish(
    conn: psycopg.Connection,
    settings: Settings,
    post_id: str,
    read: int,
    agreeing: int,
    evidence: Sequence[Evidence],
    demand_bonus: int,
    total_bonus: float,
) -> None:
    """Store the evidence and the counts, in one transaction."""
    with conn.transaction():
        if evidence:
            with conn.cursor() as cur:
                cur.executemany(
                    sql.SQL(
                        "INSERT INTO {} (post_id, comment_id, author, body, score, kind, "
                        "created_utc, permalink) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                        "ON CONFLICT (post_id, comment_id) DO NOTHING"
                    ).format(qualified(settings, "comment_evidence")),
                    [
                        (
                            post_id,
                            e.comment_id,
                            e.author,
                            e.body,
                            e.score,
                            e.kind,
                            e.created_utc,
                            e.permalink,
                        )
                        for e in evidence
                    ],
                )
        conn.execute(
            sql.SQL(
                "UPDATE {} SET status = 'done', comments_read = %s, agreeing = %s, "
                "demand_bonus = %s, total_bonus = %s, fetched_at = now(), lease_until = NULL, "
                "next_attempt_at = NULL, error = NULL WHERE post_id = %s"
            ).format(qualified(settings, "comment_fetches")),
            (read, agreeing, demand_bonus, total_bonus, post_id),
        )


def fail(
    conn: psycopg.Connection, settings: Settings, post_id: str, error: str, retry_in: float | None
) -> None:
    """Record a failed attempt: tried again after `retry_in` seconds, or never (None)."""
    conn.execute(
        sql.SQL(
            "UPDATE {} SET status = %s, error = %s, lease_until = NULL, "
            "next_attempt_at = CASE WHEN %s::float8 IS NULL THEN NULL "
            "ELSE now() + make_interval(secs => %s::float8) END WHERE post_id = %s"
        ).format(qualified(settings, "comment_fetches")),
        ("retry" if retry_in is not None else "failed", error[:500], retry_in, retry_in, post_id),
    )
