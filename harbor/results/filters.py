"""A RankFilter from what a person typed: the CLI's options, the web's query, the Python API.

Each value is checked here once, and a bad one is a ConfigError that names the field as
the caller calls it (`--since` on the command line, `since` in a URL or a function call).
"""

from __future__ import annotations

from datetime import timedelta

from harbor.errors import ConfigError
from harbor.registry import validate_group
from harbor.scoring.model import CATEGORIES
from harbor.scoring.report import parse_since
from harbor.scoring.store import RankFilter
from harbor.settings import validate_subreddit

__all__ = ["build_filter", "parse_category", "parse_min_total", "parse_window"]


def parse_window(value: str | timedelta | None, name: str = "since") -> timedelta | None:
    """'7d', '12h', '30m', '2w', '90s' (or a positive timedelta) as a timedelta."""
    if value is None or value == "":
        return None
    if isinstance(value, timedelta):
        if value <= timedelta(0):
            raise ConfigError(f"{name}: {value} is not a positive duration")
        return value
    try:
        return parse_since(value)
    except ConfigError as exc:
        raise ConfigError(str(exc).replace("--since", name, 1)) from None


def parse_category(value: str | None, name: str = "category") -> str | None:
    """One of the scorer's categories (pain, solution_request, advice, money_talk, other)."""
    if value is None or value == "":
        return None
    chosen = value.strip().lower()
    if chosen not in CATEGORIES:
        raise ConfigError(f"{name}: {value!r} is not a category ({', '.join(CATEGORIES)})")
    return chosen


def parse_min_total(value: str | float | None, name: str = "min_total") -> float | None:
    """A total between 0 and 100."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{name}: {value!r} is not a number between 0 and 100") from None
    if not 0 <= number <= 100:  # also refuses nan
        raise ConfigError(f"{name}: {value!r} is not between 0 and 100")
    return number


def build_filter(
    *,
    since: str | timedelta | None = None,
    subreddit: str | None = None,
    category: str | None = None,
    min_total: str | float | None = None,
    include_other: bool = False,
    group: str | None = None,
    names: dict[str, str] | None = None,
) -> RankFilter:
    """The RankFilter of these values, each checked; `names` renames fields in errors."""
    called = {"since": "since", "subreddit": "subreddit", "category": "category",
              "min_total": "min_total", "group": "group", **(names or {})}  # fmt: skip
    chosen_category = parse_category(category, called["category"])
    sub = subreddit.strip() if subreddit else None
    if sub:
        validate_subreddit(sub, called["subreddit"])
    audience = group.strip() if group else None
    if audience:
        validate_group(audience, called["group"])
    return RankFilter(
        group=audience or None,
        since=parse_window(since, called["since"]),
        subreddit=sub or None,
        min_total=parse_min_total(min_total, called["min_total"]),
        # asking for the category 'other' by name is asking for those posts
        include_other=include_other or chosen_category == "other",
        category=chosen_category,
    )
