"""`--group G`: the subreddits of an audience, from the subreddits registry.

The registry is the table `subreddits(name, "group", active, added_at, ...)` (DESIGN.md;
migration 0003; harbor.registry holds its rules, group names included). A filter by
group keeps posts whose subreddit is registered in that group, compared
case-insensitively.
"""

from __future__ import annotations

from psycopg import sql

from harbor.db import qualified
from harbor.settings import Settings

__all__ = ["REGISTRY", "in_group"]

REGISTRY = "subreddits"


def in_group(settings: Settings, subreddit: sql.Composable) -> sql.Composed:
    """SQL that is true when the subreddit expression is in group %(group)s."""
    return sql.SQL(
        'lower({}) IN (SELECT lower(r.name) FROM {} AS r WHERE lower(r."group") = lower(%(group)s))'
    ).format(subreddit, qualified(settings, REGISTRY))
