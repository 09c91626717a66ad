"""What each page reads, in one blocking call each (the app runs them in a thread).

Everything goes through `read_only`: Postgres itself refuses a write from the web app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from psycopg import sql

from harbor.db import qualified
from harbor.errors import DatabaseUnavailable
from harbor.results.queries import (
    BestPost,
    RankPage,
    best_posts,
    group_names,
    load_post_detail,
    rank_page,
    read_only,
    theme_days,
)
from harbor.results.queries import subreddit_names as _subreddit_names
from harbor.results.records import PostDetail
from harbor.settings import Settings
from harbor.status import Status, gather_status
from harbor.theming.listing import ThemeRecord, list_themes
from harbor.web.pages.themes import BEST_SHOWN
from harbor.web.query import OpportunityQuery

__all__ = [
    "OpportunitiesData",
    "StatusData",
    "ThemesData",
    "opportunities_data",
    "post_data",
    "status_data",
    "themes_data",
]

# a status page waits this long for the workers to answer a ping
PING_TIMEOUT_S = 0.5
THEMES_SHOWN = 50
# a theme's sparkline covers the window, at most this many days
SPARK_DAYS = 60


@dataclass(frozen=True)
class OpportunitiesData:
    page: RankPage
    subreddits: list[str]
    groups: list[str]


@dataclass(frozen=True)
class ThemesData:
    themes: list[ThemeRecord]
    days: dict[str, list[int]]
    best: dict[str, BestPost]
    groups: list[str]


@dataclass(frozen=True)
class StatusData:
    status: Status
    new_per_hour: list[int]


def opportunities_data(
    settings: Settings, query: OpportunityQuery, with_choices: bool = True
) -> OpportunitiesData:
    """A page of the ranking, and the subreddits the form offers."""
    with read_only(settings) as conn:
        found = rank_page(conn, settings, query.filters, limit=query.per_page, offset=query.offset)
        names = _subreddit_names(conn, settings) if with_choices else []
        groups = group_names(conn, settings) if with_choices else []
    return OpportunitiesData(found, names, groups)


def themes_data(
    settings: Settings, since: timedelta, group: str | None, with_choices: bool = True
) -> ThemesData:
    """The themes of the window, each with its posts per day and its best posts."""
    # reading only: a theme due for an LLM label keeps its terms' label here
    themes = list_themes(settings, THEMES_SHOWN, since, group, name=False)
    days = max(7, min(SPARK_DAYS, round(since.total_seconds() / 86400)))
    wanted = [p for t in themes for p in t.post_ids[:BEST_SHOWN]]
    with read_only(settings) as conn:
        series = theme_days(conn, settings, [t.id for t in themes], days)
        best = best_posts(conn, settings, wanted)
        groups = group_names(conn, settings) if with_choices else []
    return ThemesData(themes, series, best, groups)


def post_data(settings: Settings, post_id: str) -> PostDetail | None:
    """One post in full, or None."""
    with read_only(settings) as conn:
        return load_post_detail(conn, settings, post_id)


_NEW_PER_HOUR = """
SELECT floor(extract(epoch FROM now() - started_at) / 3600)::int AS hours_ago, sum(new)
FROM {runs} WHERE started_at > now() - interval '24 hours' GROUP BY 1
"""


def status_data(settings: Settings) -> StatusData:
    """The status, and the new posts stored per hour over the last day (oldest first)."""
    status = gather_status(settings, ping_timeout=PING_TIMEOUT_S)
    per_hour = [0] * 24
    if status.errors:  # Postgres is away: the status says so, the chart stays empty
        return StatusData(status, [])
    try:
        with read_only(settings) as conn:
            query = sql.SQL(_NEW_PER_HOUR).format(runs=qualified(settings, "collection_runs"))
            for hours_ago, new in conn.execute(query):
                if 0 <= int(hours_ago) < 24:
                    per_hour[23 - int(hours_ago)] = int(new or 0)
    except DatabaseUnavailable:
        return StatusData(status, [])
    return StatusData(status, per_hour)
