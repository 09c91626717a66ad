"""`harbor status`: the state of the whole system, gathered in one pass.

Cutover (share, rollback flag, pins and which of them the guard set, problems with the
table), per-subreddit route, last run and what is pending, queue depths, the workers
that answer a ping, the beat leader, score counts and the tokens spent today.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from psycopg import sql

from harbor import db
from harbor.cutover import CutoverTable, auto_pinned, bucket, failure_streaks, read_table
from harbor.errors import DatabaseUnavailable
from harbor.redis_conn import BEAT_LEADER, NEXT_DUE, pending_collect, redis_client
from harbor.runtime.broker import ping_workers, queue_depths
from harbor.runtime.pending import Pending
from harbor.scoring.budget import DailyBudget
from harbor.scoring.service import describe_scorer
from harbor.settings import Settings

__all__ = ["LastRun", "Status", "SubredditStatus", "gather_status"]


@dataclass(frozen=True)
class LastRun:
    """The latest collection_runs row of one subreddit."""

    via: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    new: int
    kept: int
    error: str | None


@dataclass(frozen=True)
class SubredditStatus:
    """One configured subreddit: where it goes now and what happened last."""

    name: str
    bucket: int
    via: str
    reason: str
    pinned: str | None
    auto_pinned: bool
    dlt_failures: int
    last_run: LastRun | None
    next_due_in_s: float | None
    pending: str | None


@dataclass(frozen=True)
class Status:
    """Everything `harbor status` shows."""

    at: datetime
    share: int
    rollback: bool
    table_present: bool
    problems: list[str]
    pins: dict[str, str]
    subreddits: list[SubredditStatus]
    queues: dict[str, int]
    workers: dict[str, dict[str, Any]]
    beat_leader: str | None
    scores: dict[str, int]
    tokens_today: int
    token_budget: int | None
    scorer: str
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict (datetimes as ISO strings)."""
        return _jsonable(asdict(self))  # type: ignore[no-any-return]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _last_runs(settings: Settings) -> dict[str, LastRun]:
    with db.connection(settings) as conn:
        rows = conn.execute(
            sql.SQL(
                "SELECT DISTINCT ON (lower(subreddit)) lower(subreddit), via, status, "
                "started_at, finished_at, new, kept, error FROM {} "
                "ORDER BY lower(subreddit), started_at DESC"
            ).format(db.qualified(settings, "collection_runs"))
        ).fetchall()
    return {row[0]: LastRun(*row[1:]) for row in rows}


def _score_counts(settings: Settings) -> dict[str, int]:
    counts = {"pending": 0, "scored": 0, "failed": 0, "deferred": 0}
    with db.connection(settings) as conn:
        for status, count in conn.execute(
            sql.SQL("SELECT status, count(*) FROM {} GROUP BY status").format(
                db.qualified(settings, "opportunity_scores")
            )
        ).fetchall():
            counts[str(status)] = int(count)
        row = conn.execute(
            sql.SQL(
                "SELECT count(*) FROM {} s WHERE NOT EXISTS "
                "(SELECT 1 FROM {} o WHERE o.post_id = s.id)"
            ).format(
                db.qualified(settings, "submissions"), db.qualified(settings, "opportunity_scores")
            )
        ).fetchone()
    counts["pending"] = int(row[0]) if row else 0
    return counts


def _subreddits(
    settings: Settings,
    table: CutoverTable,
    runs: dict[str, LastRun],
    auto: set[str],
    now: float,
) -> list[SubredditStatus]:
    client = redis_client(settings)
    pipe = client.pipeline(transaction=False)
    pipe.hgetall(NEXT_DUE)
    pipe.mget([pending_collect(s) for s in settings.subreddits] or ["-"])
    next_due, pendings = pipe.execute()
    streaks = failure_streaks(settings)
    out = []
    for name, raw in zip(settings.subreddits, pendings, strict=False):
        key = name.lower()
        route = table.route(name)
        due = next_due.get(key)
        marker = Pending.loads(raw)
        out.append(
            SubredditStatus(
                name=name,
                bucket=bucket(name),
                via=route.via,
                reason=route.reason,
                pinned=table.overrides.get(key),
                auto_pinned=key in auto,
                dlt_failures=streaks.get(key, 0),
                last_run=runs.get(key),
                next_due_in_s=float(due) - now if due is not None else None,
                pending=f"{marker.state} via {marker.via}" if marker else None,
            )
        )
    return out


def gather_status(settings: Settings, ping_timeout: float = 1.0) -> Status:
    """Read the whole status; Postgres trouble is reported in `errors`, not raised."""
    now = time.time()
    errors: list[str] = []
    table = read_table(settings)
    runs: dict[str, LastRun] = {}
    auto: set[str] = set()
    scores = {"pending": 0, "scored": 0, "failed": 0, "deferred": 0}
    try:
        runs = _last_runs(settings)
        auto = set(auto_pinned(settings))
        scores = _score_counts(settings)
    except DatabaseUnavailable as exc:
        errors.append(str(exc))
    client = redis_client(settings)
    leader = client.get(BEAT_LEADER)
    return Status(
        at=datetime.now(UTC),
        share=table.share,
        rollback=table.rollback,
        table_present=table.present,
        problems=list(table.problems),
        pins=dict(table.overrides),
        subreddits=_subreddits(settings, table, runs, auto, now),
        queues=queue_depths(settings),
        workers=ping_workers(settings, ping_timeout),
        beat_leader=str(leader) if leader is not None else None,
        scores=scores,
        tokens_today=DailyBudget(client, settings.daily_token_budget).used(),
        token_budget=settings.daily_token_budget,
        scorer=describe_scorer(settings),
        errors=errors,
    )
