"""The subreddit registry (`subreddits`): what is collected, in which group, and what the
scheduler has learned of each subreddit.

`harbor subreddits ...` adds, removes, lists and imports names here; HARBOR_SUBREDDITS adds
its names at start (see db.bootstrap) and never removes any. Removing a subreddit keeps its
row (active = false), so its posts keep their group in reports, and adding it again brings
it back with what was learned. Names are unique case-insensitively and keep the spelling
they were first added with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from psycopg import sql

from harbor import cadence
from harbor.db import connection, qualified
from harbor.errors import ConfigError
from harbor.settings import Settings, validate_subreddit

__all__ = [
    "DEFAULT_GROUP",
    "Registered",
    "Scheduled",
    "add_subreddits",
    "deactivate_subreddits",
    "learn_from_run",
    "list_subreddits",
    "mark_unavailable",
    "posts_per_hour",
    "read_names_file",
    "scheduled",
    "set_next_due",
    "validate_group",
]

DEFAULT_GROUP = "default"
GROUP_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def validate_group(group: str, source: str = "--group") -> str:
    """Return the group name (lower-cased) if it is valid, else raise ConfigError naming it."""
    if not GROUP_RE.fullmatch(group):
        raise ConfigError(
            f"{source}: {group!r} is not a valid group name "
            "(1-40 letters, digits, '-' or '_', starting with a letter or digit)"
        )
    return group.lower()


def _names(names: Iterable[str], source: str) -> list[str]:
    seen: dict[str, str] = {}
    for raw in names:
        name = raw.strip().removeprefix("r/").removeprefix("/r/")
        validate_subreddit(name, source)
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def read_names_file(path: Path) -> list[str]:
    """Subreddit names from a file: one per line or comma-separated; `#` starts a comment.

    Every name is checked before any is used: a bad one raises ConfigError naming it
    and its line, and nothing is added.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    names: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for part in line.split("#", 1)[0].split(","):
            if part.strip():
                names.extend(_names([part], f"{path}, line {number}"))
    if not names:
        raise ConfigError(f"{path}: no subreddit names in it")
    return names


@dataclass(frozen=True)
class Registered:
    """One row of the registry, as `harbor subreddits list` shows it."""

    name: str
    group: str
    active: bool
    added_at: datetime
    posts_per_hour: float | None
    cadence_s: float | None
    next_due_at: datetime | None
    last_run_at: datetime | None
    last_gap_at: datetime | None
    unavailable_status: int | None
    unavailable_reason: str | None
    unavailable_until: datetime | None


_REGISTERED_COLUMNS = (
    "name", "group", "active", "added_at", "posts_per_hour", "cadence_s", "next_due_at",
    "last_run_at", "last_gap_at", "unavailable_status", "unavailable_reason",
    "unavailable_until",
)  # fmt: skip


def add_subreddits(
    settings: Settings, names: Sequence[str], group: str | None = None
) -> tuple[list[str], list[str]]:
    """Register `names` (active); with `group`, also move existing ones into it.

    Returns (added, already there). Validates every name first: a bad one raises
    ConfigError naming it, and nothing changes.
    """
    clean = _names(names, "subreddit")
    chosen = validate_group(group) if group is not None else None
    table = qualified(settings, "subreddits")
    with connection(settings) as conn, conn.transaction():
        existing = {
            row[0]
            for row in conn.execute(
                sql.SQL("SELECT lower(name) FROM {} WHERE lower(name) = ANY(%s)").format(table),
                ([n.lower() for n in clean],),
            )
        }
        conn.execute(
            sql.SQL(
                'INSERT INTO {} (name, "group") SELECT n, %s FROM unnest(%s::text[]) AS n '
                "ON CONFLICT ((lower(name))) DO UPDATE SET active = true, "
                '"group" = CASE WHEN %s THEN EXCLUDED."group" ELSE {}."group" END'
            ).format(table, table),
            (chosen or DEFAULT_GROUP, clean, chosen is not None),
        )
    added = [n for n in clean if n.lower() not in existing]
    return added, [n for n in clean if n.lower() in existing]


def deactivate_subreddits(settings: Settings, names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Stop collecting `names` (their rows and posts stay). Returns (removed, unknown)."""
    clean = _names(names, "subreddit")
    query = sql.SQL(
        "UPDATE {} SET active = false WHERE lower(name) = ANY(%s) RETURNING lower(name)"
    ).format(qualified(settings, "subreddits"))
    with connection(settings) as conn:
        done = {row[0] for row in conn.execute(query, ([n.lower() for n in clean],))}
    return [n for n in clean if n.lower() in done], [n for n in clean if n.lower() not in done]


def list_subreddits(
    settings: Settings, group: str | None = None, include_inactive: bool = False
) -> list[Registered]:
    """The registered subreddits (active ones unless `include_inactive`), by group and name."""
    query = sql.SQL(
        "SELECT {} FROM {} WHERE (%(all)s OR active) "
        'AND (%(group)s::text IS NULL OR lower("group") = %(group)s::text) '
        'ORDER BY lower("group"), lower(name)'
    ).format(
        sql.SQL(", ").join(map(sql.Identifier, _REGISTERED_COLUMNS)),
        qualified(settings, "subreddits"),
    )
    params = {"all": include_inactive, "group": validate_group(group) if group else None}
    with connection(settings) as conn:
        return [Registered(*row) for row in conn.execute(query, params)]


@dataclass(frozen=True)
class Scheduled:
    """What dispatch needs of one active subreddit (times as epoch seconds)."""

    name: str
    posts_per_hour: float | None
    cadence_s: float | None
    next_due: float | None
    last_run: float | None
    unavailable_until: float | None


def _epoch(value: datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


def scheduled(settings: Settings) -> list[Scheduled]:
    """Every active subreddit with its schedule, in one query (dispatch runs it each tick)."""
    query = sql.SQL(
        "SELECT name, posts_per_hour, cadence_s, next_due_at, last_run_at, unavailable_until "
        "FROM {} WHERE active ORDER BY lower(name)"
    ).format(qualified(settings, "subreddits"))
    with connection(settings) as conn:
        rows = conn.execute(query).fetchall()
    return [Scheduled(r[0], r[1], r[2], _epoch(r[3]), _epoch(r[4]), _epoch(r[5])) for r in rows]


def posts_per_hour(settings: Settings, subreddit: str) -> float | None:
    """The subreddit's learned post rate, if any run has seen it yet."""
    query = sql.SQL("SELECT posts_per_hour FROM {} WHERE lower(name) = %s").format(
        qualified(settings, "subreddits")
    )
    with connection(settings) as conn:
        row = conn.execute(query, (subreddit.lower(),)).fetchone()
    return float(row[0]) if row and row[0] is not None else None


def set_next_due(settings: Settings, due: Sequence[tuple[str, float]]) -> None:
    """Set the next due time of these subreddits (name, epoch seconds), in one statement."""
    if not due:
        return
    query = sql.SQL(
        "UPDATE {} AS s SET next_due_at = to_timestamp(v.due) "
        "FROM unnest(%s::text[], %s::float8[]) AS v(name, due) WHERE lower(s.name) = v.name"
    ).format(qualified(settings, "subreddits"))
    with connection(settings) as conn:
        conn.execute(query, ([n.lower() for n, _ in due], [d for _, d in due]))


@dataclass(frozen=True)
class Learned:
    """What one finished run teaches the scheduler about its subreddit."""

    posts_per_hour: float | None
    cadence_s: float
    gap: bool


def gap_possible(
    exhausted: bool, oldest_listed: datetime | None, newest_seen_before: datetime | None
) -> bool:
    """Whether a run may have missed posts: its walk ended at the listing's end or cap
    before it went back past the newest post the previous run saw (posts created in that
    same second may be on either side, so reaching it only is not enough)."""
    if not exhausted or oldest_listed is None or newest_seen_before is None:
        return False
    return oldest_listed >= newest_seen_before


def learn_from_run(
    settings: Settings,
    subreddit: str,
    *,
    started: datetime,
    observation: cadence.Observation,
    newest_listed: datetime | None,
    oldest_listed: datetime | None,
    exhausted: bool,
) -> Learned:
    """Record a successful run: the post rate, the cadence planned from it, the next due
    time, whether it may have left a gap; and clear any unavailable mark."""
    table = qualified(settings, "subreddits")
    with connection(settings) as conn, conn.transaction():
        row = conn.execute(
            sql.SQL(
                "SELECT posts_per_hour, cadence_s, newest_seen_at FROM {} "
                "WHERE lower(name) = %s FOR UPDATE"
            ).format(table),
            (subreddit.lower(),),
        ).fetchone()
        previous_rate, previous_cadence, newest_before = row if row else (None, None, None)
        gap = gap_possible(exhausted, oldest_listed, newest_before)
        rate = cadence.blend_rate(previous_rate, observation.posts_per_hour)
        planned = cadence.next_cadence(
            rate,
            previous_cadence,
            gap,
            settings.collect_min_seconds,
            settings.collect_every_seconds,
        )
        conn.execute(
            sql.SQL(
                "UPDATE {} SET posts_per_hour = %s, cadence_s = %s, last_run_at = %s, "
                # dispatch planned the next run from when this one was due (no drift); a
                # shorter cadence learned now brings it forward
                "next_due_at = CASE WHEN next_due_at > %s THEN least(next_due_at, %s) "
                "ELSE %s END, "
                "newest_seen_at = greatest(newest_seen_at, %s), "
                "last_gap_at = CASE WHEN %s THEN %s ELSE last_gap_at END, "
                "unavailable_status = NULL, unavailable_reason = NULL, "
                "unavailable_since = NULL, unavailable_until = NULL, unavailable_count = 0 "
                "WHERE lower(name) = %s"
            ).format(table),
            (
                rate,
                planned,
                started,
                started,
                started + timedelta(seconds=planned),
                started + timedelta(seconds=planned),
                newest_listed,
                gap,
                started,
                subreddit.lower(),
            ),
        )
    return Learned(rate, planned, gap)


def mark_unavailable(settings: Settings, subreddit: str, status: int, reason: str) -> datetime:
    """Note that Reddit refuses the subreddit; returns until when it is left alone."""
    table = qualified(settings, "subreddits")
    now = datetime.now(UTC)
    with connection(settings) as conn, conn.transaction():
        row = conn.execute(
            sql.SQL("SELECT unavailable_count FROM {} WHERE lower(name) = %s FOR UPDATE").format(
                table
            ),
            (subreddit.lower(),),
        ).fetchone()
        times = (int(row[0]) if row else 0) + 1
        until = now + timedelta(seconds=cadence.unavailable_backoff(times))
        conn.execute(
            sql.SQL(
                "UPDATE {} SET unavailable_status = %s, unavailable_reason = %s, "
                "unavailable_since = coalesce(unavailable_since, %s), unavailable_until = %s, "
                "unavailable_count = %s, next_due_at = %s WHERE lower(name) = %s"
            ).format(table),
            (status, reason[:200], now, until, times, until, subreddit.lower()),
        )
    return until
