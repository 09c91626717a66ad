"""The ranked opportunities: read for `harbor report`, written for `harbor export`.

A set of duplicates is one row: its canonical post, with `duplicates` (how many more),
`subreddits` and the combined engagement of the set (`set_score`, `set_comments`), its
theme, and the comment evidence (`agreeing`, `demand_bonus`, already in market_demand
and total).

An export is written to a temporary file beside the target and renamed over it only
when complete, so a failed or interrupted export never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from harbor.db import connection
from harbor.errors import ConfigError
from harbor.registry import validate_group
from harbor.scoring import store
from harbor.scoring.model import DIMENSIONS
from harbor.scoring.store import RankFilter
from harbor.settings import Settings, validate_subreddit

__all__ = [
    "EXPORT_COLUMNS",
    "ExportFormat",
    "RankFilter",
    "export_scores",
    "parse_export_format",
    "parse_since",
    "reddit_link",
    "top_opportunities",
]

ExportFormat = Literal["csv", "jsonl"]
EXPORT_COLUMNS = (
    "rank",
    "post_id",
    "total",
    *DIMENSIONS,
    "category",
    "subreddit",
    "title",
    "summary",
    "rationale",
    "link",
    "created_utc",
    "scorer",
    "model",
    "prompt_version",
    "input_tokens",
    "output_tokens",
    "scored_at",
    "duplicates",
    "subreddits",
    "set_score",
    "set_comments",
    "theme_id",
    "theme_label",
    "agreeing",
    "demand_bonus",
)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SINCE = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$", re.IGNORECASE)


def parse_since(text: str) -> timedelta:
    """'7d', '12h', '30m', '2w', '90s' as a timedelta; anything else is a ConfigError."""
    match = _SINCE.match(text)
    if not match or int(match.group(1)) == 0:
        raise ConfigError(
            f"--since: {text!r} is not a duration like 7d, 12h, 30m, 2w or 90s "
            "(a positive whole number and one unit of s, m, h, d, w)"
        )
    return timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2).lower()])


def parse_export_format(text: str) -> ExportFormat:
    """'csv' or 'jsonl'; anything else is a ConfigError naming it."""
    value = text.strip().lower()
    if value == "csv":
        return "csv"
    if value == "jsonl":
        return "jsonl"
    raise ConfigError(f"--format: {text!r} is not a supported format (csv or jsonl)")


def reddit_link(permalink: str | None) -> str:
    """The full https://reddit.com link of a permalink (already absolute links are kept)."""
    if not permalink:
        return ""
    if permalink.startswith(("http://", "https://")):
        return permalink
    return "https://reddit.com" + (permalink if permalink.startswith("/") else "/" + permalink)


def _row(rank: int, raw: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"rank": rank}
    for column in EXPORT_COLUMNS[1:]:
        if column == "link":
            row["link"] = reddit_link(raw.get("permalink"))
        else:
            row[column] = raw.get(column)
    return row


def _validate(filters: RankFilter) -> None:
    if filters.subreddit is not None:
        validate_subreddit(filters.subreddit, "--subreddit")
    if filters.group is not None:
        validate_group(filters.group)


def top_opportunities(
    settings: Settings, top: int = 20, filters: RankFilter | None = None
) -> list[dict[str, Any]]:
    """The best `top` scored posts that pass `filters`, ranked from 1."""
    if top < 1:
        raise ConfigError(f"--top: {top} must be at least 1")
    filters = filters or RankFilter()
    _validate(filters)
    with connection(settings) as conn:
        rows = store.ranked(conn, settings, filters, limit=top)
    return [_row(rank, raw) for rank, raw in enumerate(rows, start=1)]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, list):  # a set's subreddits, in one CSV cell
        return ";".join(map(str, value))
    return _plain(value)


def _write(rows: Iterable[dict[str, Any]], fmt: ExportFormat, out: Any) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
    else:
        for row in rows:
            out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False))
            out.write("\n")
            count += 1
    return count


def export_scores(
    settings: Settings,
    fmt: ExportFormat,
    path: Path,
    filters: RankFilter | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write every scored post that passes `filters`, best first, to `path`; return the count."""
    filters = filters or RankFilter()
    _validate(filters)
    min_total = filters.min_total
    if min_total is not None and not 0 <= min_total <= 100:
        raise ConfigError(f"--min-total: {min_total:g} is not between 0 and 100")
    target = path.expanduser()
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise ConfigError(f"-o: the directory {str(directory)!r} does not exist")

    def rows(conn: Any) -> Iterable[dict[str, Any]]:
        for rank, raw in enumerate(store.iter_ranked(conn, settings, filters), 1):
            if progress and rank % 500 == 0:
                progress(rank)
            yield _row(rank, raw)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            with connection(settings) as conn:
                count = _write(rows(conn), fmt, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return count
