"""The SQL of alerts: which opportunities qualify, the outbox rows, claims and outcomes.

Once means once because of the table's unique key (subject_kind, subject_id, destination):
a plan inserts with ON CONFLICT DO NOTHING, so a rerun, a retried task or two planners at
the same moment add each alert once. A sender claims one due row at a time with FOR
UPDATE SKIP LOCKED, so two senders never hold the same row; a claim lapses after
CLAIM_HOLD_S (its sender died) and the row is due again. Each outcome is written only by
the claim that is still current (same attempt number, still 'sending').
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from harbor.db import qualified
from harbor.results.records import Opportunity
from harbor.scoring.model import DIMENSIONS
from harbor.settings import Settings

__all__ = [
    "CLAIM_HOLD_S",
    "Claimed",
    "claim_next",
    "defer_destination",
    "insert_alerts",
    "mark_failed",
    "mark_retry",
    "mark_sent",
    "qualifying_opportunities",
]

# longer than one POST can take (its connect and read timeouts)
CLAIM_HOLD_S = 60

# the total as rankings show it (with the comment evidence's points); a duplicate is left
# out: its set is announced once, by its canonical post
_QUALIFYING = """
SELECT o.post_id, least(100.0, o.total + coalesce(e.total_bonus, 0))::float8 AS total,
    least(10, o.market_demand + coalesce(e.demand_bonus, 0))::smallint AS market_demand,
    {dims}, o.category, o.summary, o.rationale, o.scorer, o.model,
    o.prompt_version, o.input_tokens, o.output_tokens, o.scored_at,
    s.subreddit, s.title, s.permalink, s.created_utc, s.score, s.num_comments
FROM {scores} AS o JOIN {submissions} AS s ON s.id = o.post_id
LEFT JOIN {fetches} AS e ON e.post_id = s.id AND e.status = 'done'
WHERE o.status = 'scored' AND s.duplicate_of IS NULL
  AND least(100.0, o.total + coalesce(e.total_bonus, 0)) >= %(min_total)s
  AND o.category IS DISTINCT FROM 'other'
  AND o.scored_at >= now() - %(window)s::interval
  AND NOT EXISTS (
      SELECT 1 FROM {alerts} AS a
      WHERE a.subject_kind = 'opportunity' AND a.subject_id = o.post_id
        AND a.destination = %(destination)s)
ORDER BY o.scored_at, o.post_id
LIMIT %(limit)s
"""


def qualifying_opportunities(
    conn: psycopg.Connection,
    settings: Settings,
    destination: str,
    *,
    min_total: float,
    window: timedelta,
    limit: int,
) -> list[Opportunity]:
    """Opportunities scored within `window` at or above `min_total` that have no alert for
    `destination` yet, oldest score first (an opportunity, not a post the scorer called
    `other`)."""
    query = sql.SQL(_QUALIFYING).format(
        dims=sql.SQL(", ").join(
            sql.SQL("o.{}").format(sql.Identifier(d)) for d in DIMENSIONS if d != "market_demand"
        ),
        scores=qualified(settings, "opportunity_scores"),
        submissions=qualified(settings, "submissions"),
        fetches=qualified(settings, "comment_fetches"),
        alerts=qualified(settings, "alerts"),
    )
    params = {"min_total": min_total, "window": window, "destination": destination,
              "limit": limit}  # fmt: skip
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(query, params).fetchall()
    return [Opportunity.from_row(0, row) for row in rows]


def insert_alerts(
    conn: psycopg.Connection,
    settings: Settings,
    destination: str,
    kind: str,
    payloads: dict[str, dict[str, Any]],
) -> int:
    """Add a pending alert per subject id (-> payload); one already there is left as it
    is. Returns how many were new."""
    if not payloads:
        return 0
    query = sql.SQL(
        "INSERT INTO {} (subject_kind, subject_id, destination, payload) "
        "SELECT %(kind)s, u.subject_id, %(destination)s, u.payload "
        "FROM unnest(%(ids)s::text[], %(payloads)s::jsonb[]) AS u(subject_id, payload) "
        "ON CONFLICT (subject_kind, subject_id, destination) DO NOTHING"
    ).format(qualified(settings, "alerts"))
    ids = list(payloads)
    bodies = [json.dumps(payloads[i], ensure_ascii=False) for i in ids]
    cur = conn.execute(
        query, {"kind": kind, "destination": destination, "ids": ids, "payloads": bodies}
    )
    return cur.rowcount


@dataclass(frozen=True)
class Claimed:
    """A row this sender holds now, with the attempt number that is its claim."""

    alert_id: int
    subject_kind: str
    subject_id: str
    payload: dict[str, Any]
    attempts: int


def claim_next(conn: psycopg.Connection, settings: Settings, destination: str) -> Claimed | None:
    """Take the oldest due alert of `destination` (pending and due, or a lapsed claim)."""
    table = qualified(settings, "alerts")
    query = sql.SQL(
        "UPDATE {t} SET status = 'sending', attempts = attempts + 1, "
        "claimed_until = now() + make_interval(secs => %(hold)s) "
        "WHERE alert_id = ("
        "  SELECT alert_id FROM {t} WHERE destination = %(destination)s AND ("
        "    (status = 'pending' AND next_attempt_at <= now())"
        "    OR (status = 'sending' AND claimed_until < now()))"
        "  ORDER BY next_attempt_at, alert_id LIMIT 1 FOR UPDATE SKIP LOCKED) "
        "RETURNING alert_id, subject_kind, subject_id, payload, attempts"
    ).format(t=table)
    row = conn.execute(query, {"hold": CLAIM_HOLD_S, "destination": destination}).fetchone()
    if row is None:
        return None
    return Claimed(int(row[0]), str(row[1]), str(row[2]), dict(row[3]), int(row[4]))


def _outcome(
    conn: psycopg.Connection,
    settings: Settings,
    claim: Claimed,
    assignments: sql.SQL,
    params: dict[str, Any],
) -> bool:
    query = sql.SQL(
        "UPDATE {} SET {}, claimed_until = NULL "
        "WHERE alert_id = %(alert_id)s AND status = 'sending' AND attempts = %(attempts)s"
    ).format(qualified(settings, "alerts"), assignments)
    cur = conn.execute(query, {**params, "alert_id": claim.alert_id, "attempts": claim.attempts})
    return cur.rowcount == 1


def mark_sent(conn: psycopg.Connection, settings: Settings, claim: Claimed, status: int) -> bool:
    """The receiver took it; False when the claim had lapsed (another sender has it)."""
    return _outcome(
        conn, settings, claim,
        sql.SQL("status = 'sent', sent_at = now(), last_http_status = %(status)s, error = NULL"),
        {"status": status},
    )  # fmt: skip


def mark_retry(
    conn: psycopg.Connection,
    settings: Settings,
    claim: Claimed,
    delay_s: float,
    status: int | None,
    error: str,
) -> bool:
    """Try again in `delay_s` seconds."""
    return _outcome(
        conn, settings, claim,
        sql.SQL(
            "status = 'pending', next_attempt_at = now() + make_interval(secs => %(delay)s), "
            "last_http_status = %(status)s, error = %(error)s"
        ),
        {"delay": delay_s, "status": status, "error": error},
    )  # fmt: skip


def mark_failed(
    conn: psycopg.Connection, settings: Settings, claim: Claimed, status: int | None, error: str
) -> bool:
    """Give up on it for good (it stays recorded: never sent again by itself)."""
    return _outcome(
        conn, settings, claim,
        sql.SQL("status = 'failed', last_http_status = %(status)s, error = %(error)s"),
        {"status": status, "error": error},
    )  # fmt: skip


def defer_destination(
    conn: psycopg.Connection, settings: Settings, destination: str, delay_s: float
) -> None:
    """Hold every pending alert of `destination` for at least `delay_s` seconds: a receiver
    that is down or rate-limiting gets one request per backoff, not one per alert."""
    conn.execute(
        sql.SQL(
            "UPDATE {} SET next_attempt_at = greatest(next_attempt_at, "
            "now() + make_interval(secs => %(delay)s)) "
            "WHERE destination = %(destination)s AND status = 'pending'"
        ).format(qualified(settings, "alerts")),
        {"delay": delay_s, "destination": destination},
    )
