"""The Python API: the ranked opportunities as typed records, and as a DataFrame.

    import harbor
    top = harbor.opportunities(top=50, since="7d", min_total=60)
    rising = harbor.themes(since="7d")
    frame = harbor.to_frame(top)          # needs pandas: pip install 'redditharbor[pandas]'

Each call reads the environment afresh unless `settings` is given (a notebook that
changes os.environ is not stuck with a cached copy): pass
`harbor.Settings.from_env({**os.environ, "HARBOR_DATASET": "other"})` to read another
dataset (or database) without touching the environment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, fields, is_dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from harbor.db import connection
from harbor.errors import ConfigError
from harbor.registry import validate_group
from harbor.results.filters import build_filter, parse_window
from harbor.results.queries import rank_page
from harbor.results.records import Opportunity
from harbor.settings import Settings
from harbor.theming.listing import DEFAULT_WINDOW, ThemeRecord, list_themes

if TYPE_CHECKING:
    import pandas

__all__ = ["opportunities", "themes", "to_frame"]

MAX_TOP = 10_000


def opportunities(
    *,
    top: int = 20,
    since: str | timedelta | None = None,
    subreddit: str | None = None,
    category: str | None = None,
    min_total: float | None = None,
    include_other: bool = False,
    group: str | None = None,
    offset: int = 0,
    settings: Settings | None = None,
) -> list[Opportunity]:
    """The best `top` scored opportunities, ranked, with the CLI's filters.

    A set of duplicates is one record (its `subreddits`, `duplicates`). `since` ('7d',
    '12h' or a timedelta) keeps posts created that recently; `subreddit` (any post of the
    set), `group` (the subreddits registry's audience), `category` and `min_total`
    (0..100) narrow the list; posts the scorer called `other` are left out unless
    `include_other` (or `category='other'`). `offset` skips the first ones (the next
    page). A bad value raises harbor.errors.ConfigError naming it.
    """
    if not 1 <= top <= MAX_TOP:
        raise ConfigError(f"top: {top} is not between 1 and {MAX_TOP}")
    if offset < 0:
        raise ConfigError(f"offset: {offset} is negative")
    filters = build_filter(
        since=since,
        subreddit=subreddit,
        category=category,
        min_total=min_total,
        include_other=include_other,
        group=group,
    )
    chosen = settings or Settings.from_env()
    with connection(chosen) as conn:
        return rank_page(conn, chosen, filters, limit=top, offset=offset, with_bands=False).items


def themes(
    *,
    top: int = 20,
    since: str | timedelta | None = "30d",
    group: str | None = None,
    label_with_llm: bool = False,
    settings: Settings | None = None,
) -> list[ThemeRecord]:
    """The `top` themes with posts in the window (`since`, 30 days), most posts first, as
    `harbor themes` lists them: size, authors, subreddits, engagement, mean scores, posts
    per day and growth against the window before.

    Reading only, unless `label_with_llm`: then a theme due for an LLM label gets one
    first (paid, within the daily token budget), as the CLI does.
    """
    if not 1 <= top <= MAX_TOP:
        raise ConfigError(f"top: {top} is not between 1 and {MAX_TOP}")
    window = parse_window(since, "since") or DEFAULT_WINDOW
    if group is not None:
        validate_group(group, "group")
    chosen = settings or Settings.from_env()
    return list_themes(chosen, top, window, group, name=label_with_llm)


def to_frame(records: Iterable[Any]) -> pandas.DataFrame:
    """A pandas DataFrame with one row per record and one column per field.

    Works for any list of harbor's records (all of one kind); an empty list gives the
    columns of an Opportunity. Needs pandas (`pip install 'redditharbor[pandas]'`).
    """
    try:
        import pandas
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "harbor.to_frame needs pandas: pip install 'redditharbor[pandas]'", name="pandas"
        ) from None
    rows = list(records)
    kinds = {type(r) for r in rows}
    if len(kinds) > 1:
        names = sorted(k.__name__ for k in kinds)
        raise TypeError(f"to_frame: records of one kind only, got {', '.join(names)}")
    kind = kinds.pop() if kinds else Opportunity
    if not is_dataclass(kind):
        raise TypeError(f"to_frame: {kind.__name__} is not one of harbor's records")
    columns = [f.name for f in fields(kind)]
    return pandas.DataFrame([asdict(r) for r in rows], columns=columns)
