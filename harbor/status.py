"""`harbor status`: the state of the whole system, gathered in one pass.

Cutover (share, rollback flag, pins and which of them the guard set, problems with the
table), per-subreddit group, route, cadence, last run and what is pending, the Reddit
quota (the shared budget and whether it covers every subreddit), recent gaps, subreddits
Reddit refuses, queue depths, the workers that answer a ping, the beat leader, score
counts and the tokens spent today, the detector in effect and what it kept in the last
day. `group` narrows the subreddits to one group.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from psycopg import sql

from harbor import db, registry
from harbor.cutover import CutoverTable, auto_pinned, bucket, failure_streaks, read_table
from harbor.detector import ModelFileError, load_detector
from harbor.errors import DatabaseUnavailable
from harbor.reddit.budget import reddit_budget
from harbor.redis_conn import BEAT_LEADER, SCHEDULE_QUOTA, pending_collect, redis_client
from harbor.runtime.broker import ping_workers, queue_depths
from harbor.runtime.pending import Pending
from harbor.scoring.budget import DailyBudget
from harbor.scoring.service import describe_scorer
from harbor.settings import Settings

__all__ = ["Gap", "LastRun", "Quota", "Status", "SubredditStatus", "gather_status"]


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
    gap: bool = False


@dataclass(frozen=True)
class Gap:
    """A recent run that may have missed posts (it reached the listing's end first)."""

    subreddit: str
    started_at: datetime
    fetched: int


@dataclass(frozen=True)
class Quota:
    """The shared Reddit budget and what the last dispatch tick made of it."""

    budget_qpm: int
    demand_qpm: float | None
    due: int
    held_back: int
    oldest_wait_s: float
    throttled: int
    blocked_for_s: float

    @property
    def short(self) -> bool:
        """The quota does not cover every subreddit at its planned cadence."""
        return self.held_back > 0 or (self.demand_qpm or 0) > self.budget_qpm


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
    posts_per_hour: float | None = None
    cadence_s: float | None = None
    unavailable: str | None = None
    group: str = "default"


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
    detector: str = ""
    quota: Quota | None = None
    gaps: list[Gap] = field(default_factory=list)
    group: str | None = None
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
                "started_at, finished_at, new, kept, error, gap FROM {} "
                "ORDER BY lower(subreddit), started_at DESC"
            ).format(db.qualified(settings, "collection_runs"))
        ).fetchall()
    return {row[0]: LastRun(*row[1:]) for row in rows}


GAP_WINDOW = "24 hours"


def _recent_gaps(settings: Settings, limit: int = 10) -> list[Gap]:
    with db.connection(settings) as conn:
        rows = conn.execute(
            sql.SQL(
                "SELECT subreddit, started_at, fetched FROM {} WHERE gap "
                "AND started_at > now() - %s::interval ORDER BY started_at DESC LIMIT %s"
            ).format(db.qualified(settings, "collection_runs")),
            (GAP_WINDOW, limit),
        ).fetchall()
    return [Gap(*row) for row in rows]


def _quota(settings: Settings) -> Quota:
    raw = redis_client(settings).get(SCHEDULE_QUOTA)
    plan: dict[str, Any] = {}
    if raw:
        try:
            plan = dict(json.loads(raw))
        except (ValueError, TypeError):
            plan = {}
    bucket = reddit_budget(settings).snapshot()
    blocked = bucket.get("blocked", 0.0) - time.time()
    return Quota(
        budget_qpm=settings.reddit_qpm,
        demand_qpm=plan.get("demand_qpm"),
        due=int(plan.get("due", 0)),
        held_back=int(plan.get("held_back", 0)),
        oldest_wait_s=float(plan.get("oldest_wait_s", 0.0)),
        throttled=int(bucket.get("throttled", 0)),
        blocked_for_s=max(0.0, blocked),
    )


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


KEPT_WINDOW = "24 hours"


def describe_detector(settings: Settings) -> str:
    """The model in effect, its threshold and where both come from; a model the workers
    would refuse is named with why."""
    try:
        detector = load_detector(settings)
    except ModelFileError as exc:
        return f"refused: {exc}"
    model = "HARBOR_FILTER_MODEL" if settings.filter_model_path else "shipped"
    threshold = (
        "HARBOR_FILTER_THRESHOLD" if settings.filter_threshold is not None else "the model's"
    )
    return f"{detector.model_version} ({model}), threshold {detector.threshold:.3f} ({threshold})"


def _kept_today(settings: Settings) -> tuple[int, int]:
    """(posts read, posts kept) by the runs of the last day; a post a run reads again (the
    look-back, the legacy path's whole pages) counts each time it is judged."""
    with db.connection(settings) as conn:
        row = conn.execute(
            sql.SQL(
                "SELECT coalesce(sum(fetched), 0), coalesce(sum(kept), 0) FROM {} "
                "WHERE started_at > now() - %s::interval"
            ).format(db.qualified(settings, "collection_runs")),
            (KEPT_WINDOW,),
        ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def _unavailable(sub: registry.Registered, now: float) -> str | None:
    if sub.unavailable_status is None:
        return None
    until = sub.unavailable_until.timestamp() - now if sub.unavailable_until else 0.0
    return f"HTTP {sub.unavailable_status} ({sub.unavailable_reason}), retried in {until:.0f}s"


def _subreddits(
    settings: Settings,
    table: CutoverTable,
    registered: list[registry.Registered],
    runs: dict[str, LastRun],
    auto: set[str],
    now: float,
) -> list[SubredditStatus]:
    client = redis_client(settings)
    pendings = client.mget([pending_collect(s.name) for s in registered] or ["-"])
    streaks = failure_streaks(settings)
    out = []
    for sub, raw in zip(registered, pendings, strict=False):
        key = sub.name.lower()
        route = table.route(sub.name)
        due = sub.next_due_at.timestamp() - now if sub.next_due_at else None
        marker = Pending.loads(str(raw) if raw is not None else None)
        out.append(
            SubredditStatus(
                name=sub.name,
                group=sub.group,
                bucket=bucket(sub.name),
                via=route.via,
                reason=route.reason,
                pinned=table.overrides.get(key),
                auto_pinned=key in auto,
                dlt_failures=streaks.get(key, 0),
                last_run=runs.get(key),
                next_due_in_s=due,
                pending=f"{marker.state} via {marker.via}" if marker else None,
                posts_per_hour=sub.posts_per_hour,
                cadence_s=sub.cadence_s,
                unavailable=_unavailable(sub, now),
            )
        )
    return out


def gather_status(
    settings: Settings, ping_timeout: float = 1.0, group: str | None = None
) -> Status:
    """Read the whole status; Postgres trouble is reported in `errors`, not raised.

    With `group`, only that group's subreddits (and their gaps) are listed."""
    chosen = registry.validate_group(group) if group is not None else None
    now = time.time()
    errors: list[str] = []
    table = read_table(settings)
    runs: dict[str, LastRun] = {}
    auto: set[str] = set()
    registered: list[registry.Registered] = []
    gaps: list[Gap] = []
    scores = {"pending": 0, "scored": 0, "failed": 0, "deferred": 0}
    detector = describe_detector(settings)
    try:
        registered = registry.list_subreddits(settings, chosen)
        runs = _last_runs(settings)
        auto = set(auto_pinned(settings))
        scores = _score_counts(settings)
        names = {s.name.lower() for s in registered}
        gaps = [g for g in _recent_gaps(settings) if chosen is None or g.subreddit.lower() in names]
        read, kept = _kept_today(settings)
        if read:
            detector += f"; kept {kept:,} of {read:,} posts read in 24 h ({100 * kept / read:.0f}%)"
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
        subreddits=_subreddits(settings, table, registered, runs, auto, now),
        queues=queue_depths(settings),
        workers=ping_workers(settings, ping_timeout),
        beat_leader=str(leader) if leader is not None else None,
        scores=scores,
        tokens_today=DailyBudget(client, settings.daily_token_budget).used(),
        token_budget=settings.daily_token_budget,
        scorer=describe_scorer(settings),
        detector=detector,
        quota=_quota(settings),
        gaps=gaps,
        group=chosen,
        errors=errors,
    )
