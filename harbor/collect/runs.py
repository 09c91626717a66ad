"""`collection_runs`: one row per collect task, written when the run ends."""

from __future__ import annotations

import logging
import socket
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

from psycopg import sql

from harbor.db import connection, qualified
from harbor.errors import DatabaseUnavailable
from harbor.settings import Settings

__all__ = ["CollectResult", "record_run"]

log = logging.getLogger(__name__)

Via = Literal["dlt", "legacy"]
Status = Literal["ok", "failed", "skipped"]


@dataclass(frozen=True)
class CollectResult:
    """What one collection did; `to_score` lists kept posts that are new or edited."""

    run_id: str
    subreddit: str
    via: Via
    status: Status
    started_at: datetime
    finished_at: datetime
    api_calls: int = 0
    fetched: int = 0
    kept: int = 0
    new: int = 0
    changed: int = 0
    malformed: int = 0
    error: str | None = None
    # the run reached the listing's end before the posts the previous run saw
    gap: bool = False
    to_score: list[str] = field(default_factory=list)
    skip_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def duration_s(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()

    def as_json(self) -> dict[str, Any]:
        """The `harbor collect --json` object (and more)."""
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["finished_at"] = self.finished_at.isoformat()
        data["duration_s"] = round(self.duration_s, 3)
        data["to_score"] = len(self.to_score)
        return data


def record_run(settings: Settings, result: CollectResult) -> bool:
    """Insert the run's row; False (and a log line) when Postgres is unreachable."""
    query = sql.SQL(
        "INSERT INTO {} (run_id, subreddit, via, started_at, finished_at, status, api_calls, "
        "fetched, kept, new, changed, malformed, error, host, gap) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (run_id) DO NOTHING"
    ).format(qualified(settings, "collection_runs"))
    try:
        with connection(settings) as conn:
            conn.execute(
                query,
                (
                    result.run_id,
                    result.subreddit,
                    result.via,
                    result.started_at,
                    result.finished_at,
                    result.status,
                    result.api_calls,
                    result.fetched,
                    result.kept,
                    result.new,
                    result.changed,
                    result.malformed,
                    result.error,
                    socket.gethostname(),
                    result.gap,
                ),
            )
        return True
    except DatabaseUnavailable as exc:
        log.error("run %s of r/%s not recorded: %s", result.run_id, result.subreddit, exc)
        return False
