"""`--group G`: the subreddits of an audience, from the subreddits registry.

The registry is the table `subreddits(name, "group", active, added_at, ...)` (DESIGN.md;
migration 0003). A filter by group keeps posts whose subreddit is registered in that
group, compared case-insensitively; a database without the registry refuses the filter
with a message rather than showing nothing.
"""

from __future__ import annotations

import re

import psycopg
from psycopg import sql

from harbor.db import qualified
from harbor.errors import ConfigError
from harbor.settings import Settings

__all__ = ["REGISTRY", "in_group", "require_registry", "validate_group"]

REGISTRY = "subreddits"
_GROUP = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def validate_group(name: str, source: str = "--group") -> str:
    """`name` if it can be a group name (letters, digits, _ and -, at most 40)."""
    if not _GROUP.fullmatch(name):
        raise ConfigError(
            f"{source}: {name!r} is not a group name (letters, digits, _ and -, at most 40)"
        )
    return name


def require_registry(conn: psycopg.Connection, settings: Settings) -> None:
    """Raise ConfigError when this database has no subreddits registry."""
    row = conn.execute("SELECT to_regclass(%s)", (f'"{settings.dataset}"."{REGISTRY}"',)).fetchone()
    if row is None or row[0] is None:
        raise ConfigError(
            "--group: this database has no subreddits registry yet "
            "(add subreddits with `harbor subreddits add NAME --group G` first)"
        )


def in_group(settings: Settings, subreddit: sql.Composable) -> sql.Composed:
    """SQL that is true when the subreddit expression is in group %(group)s."""
    return sql.SQL(
        'lower({}) IN (SELECT lower(r.name) FROM {} AS r WHERE lower(r."group") = lower(%(group)s))'
    ).format(subreddit, qualified(settings, REGISTRY))
