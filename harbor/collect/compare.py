"""`harbor compare`: both collectors over the same Reddit data, then the difference.

The listing is fetched once and replayed to each collector (a live subreddit changes
between two fetches: new posts, growing scores), each loading into a scratch schema of
its own, from empty. Then rows are matched by id and every business column compared.
The scratch schemas are dropped afterwards.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from psycopg import sql

from harbor.collect.service import collect_into, new_extraction
from harbor.db import bootstrap, connect
from harbor.reddit.client import reddit_client
from harbor.reddit.listing import RecordedListing, SubredditListing
from harbor.settings import Settings, validate_subreddit

__all__ = ["Comparison", "compare_collectors"]

log = logging.getLogger(__name__)

# ours, and expected to differ: who wrote the row, when, and dlt's load bookkeeping
IGNORED = frozenset({"collected_via", "first_seen_at", "last_seen_at", "_dlt_load_id", "_dlt_id"})


@dataclass
class Comparison:
    """The difference between the two collectors on one recorded listing."""

    subreddit: str
    fetched: int
    rows_dlt: int
    rows_legacy: int
    only_dlt: list[str] = field(default_factory=list)
    only_legacy: list[str] = field(default_factory=list)
    fields_compared: int = 0
    fields_different: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rows_diff_pct(self) -> float:
        union = self.rows_dlt + len(self.only_legacy)
        return 100.0 * (len(self.only_dlt) + len(self.only_legacy)) / union if union else 0.0

    @property
    def fields_diff_pct(self) -> float:
        if not self.fields_compared:
            return 0.0
        return 100.0 * self.fields_different / self.fields_compared

    def as_json(self) -> dict[str, Any]:
        return {
            "subreddit": self.subreddit,
            "fetched": self.fetched,
            "rows_dlt": self.rows_dlt,
            "rows_legacy": self.rows_legacy,
            "only_dlt": len(self.only_dlt),
            "only_legacy": len(self.only_legacy),
            "rows_diff_pct": round(self.rows_diff_pct, 4),
            "fields_compared": self.fields_compared,
            "fields_different": self.fields_different,
            "fields_diff_pct": round(self.fields_diff_pct, 4),
            "examples": self.examples,
        }


def _scratch(settings: Settings, via: str) -> Settings:
    return dataclasses.replace(settings, dataset=f"{settings.dataset}_cmp_{via}")


def _drop(settings: Settings) -> None:
    with connect(settings.dsn) as conn:
        schemas = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname = %s OR nspname LIKE %s",
            (settings.dataset, settings.dataset.replace("_", r"\_") + r"\_staging\_%"),
        ).fetchall()
        for (name,) in schemas:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))


def _rows(settings: Settings) -> dict[str, dict[str, Any]]:
    query = sql.SQL("SELECT to_jsonb(s) FROM {}.submissions s").format(
        sql.Identifier(settings.dataset)
    )
    with connect(settings.dsn) as conn:
        return {r[0]["id"]: r[0] for r in conn.execute(query).fetchall()}


def compare_collectors(
    settings: Settings, subreddit: str, *, apply_filter: bool = True
) -> Comparison:
    """Record the listing once, load it with both collectors, and compare the rows."""
    validate_subreddit(subreddit)
    bootstrap(settings)
    recorded = RecordedListing.record(
        SubredditListing(reddit_client(settings), subreddit, settings.listing_limit)
    )
    seen_at = datetime.now(UTC)
    scratch = {via: _scratch(settings, via) for via in ("dlt", "legacy")}
    try:
        for via, scratch_settings in scratch.items():
            _drop(scratch_settings)
            bootstrap(scratch_settings, force=True)
            extraction = new_extraction(
                scratch_settings,
                recorded,
                "dlt" if via == "dlt" else "legacy",
                dataset=scratch_settings.dataset,
                apply_filter=apply_filter,
                seen_at=seen_at,
            )
            collect_into(scratch_settings, subreddit, extraction, dataset=scratch_settings.dataset)
        return _diff(subreddit, recorded.posts, _rows(scratch["dlt"]), _rows(scratch["legacy"]))
    finally:
        for scratch_settings in scratch.values():
            _drop(scratch_settings)


def _diff(
    subreddit: str,
    fetched: int,
    dlt_rows: dict[str, dict[str, Any]],
    legacy_rows: dict[str, dict[str, Any]],
) -> Comparison:
    result = Comparison(
        subreddit=subreddit,
        fetched=fetched,
        rows_dlt=len(dlt_rows),
        rows_legacy=len(legacy_rows),
        only_dlt=sorted(set(dlt_rows) - set(legacy_rows)),
        only_legacy=sorted(set(legacy_rows) - set(dlt_rows)),
    )
    for post_id in sorted(set(dlt_rows) & set(legacy_rows)):
        a, b = dlt_rows[post_id], legacy_rows[post_id]
        for column in sorted((set(a) | set(b)) - IGNORED):
            result.fields_compared += 1
            if a.get(column) != b.get(column):
                result.fields_different += 1
                if len(result.examples) < 10:
                    result.examples.append(
                        {"id": post_id, "column": column, "dlt": a.get(column),
                         "legacy": b.get(column)}
                    )  # fmt: skip
    return result
