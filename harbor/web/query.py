"""What a page's URL asks for: the ranking's filters and the page, checked.

`OpportunityQuery.parse` takes the query string (a mapping of names to the values typed)
and keeps the raw values too, so the form shows what was asked and the pager's links
carry the same filters. Unknown names are ignored; a bad value is a ConfigError that
names it (the page answers 400 with that message).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from harbor.errors import ConfigError
from harbor.results.filters import build_filter
from harbor.scoring.store import RankFilter

__all__ = ["FILTER_NAMES", "MAX_PAGE", "MAX_PER_PAGE", "PER_PAGE", "OpportunityQuery"]

# the query parameters that filter a ranking, in the order the form shows them
FILTER_NAMES = ("group", "subreddit", "category", "min_total", "since")
PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_PAGE = 1000


def _whole(raw: str | None, name: str, default: int, top: int) -> int:
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not a whole number") from None
    if not 1 <= value <= top:
        raise ConfigError(f"{name}: {value} is not between 1 and {top}")
    return value


@dataclass(frozen=True)
class OpportunityQuery:
    """A ranking's filters, its page (from 1) and page size, and the raw values asked."""

    filters: RankFilter
    page: int
    per_page: int
    raw: dict[str, str]

    @classmethod
    def parse(
        cls, params: Mapping[str, str], *, per_page_allowed: bool = False
    ) -> OpportunityQuery:
        """Parse a query string's values; `per_page` is honoured only where allowed (JSON)."""
        raw = {name: params.get(name, "").strip() for name in FILTER_NAMES}
        filters = build_filter(
            since=raw["since"] or None,
            subreddit=raw["subreddit"] or None,
            category=raw["category"] or None,
            min_total=raw["min_total"] or None,
            include_other=params.get("all", "") in ("1", "true", "yes"),
            group=raw["group"] or None,
        )
        if filters.include_other and raw["category"] != "other":
            raw["all"] = "1"
        page = _whole(params.get("page"), "page", 1, MAX_PAGE)
        size = PER_PAGE
        if per_page_allowed:
            size = _whole(params.get("per_page"), "per_page", PER_PAGE, MAX_PER_PAGE)
        return cls(filters, page, size, {k: v for k, v in raw.items() if v})

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def params(self, **changes: object) -> dict[str, object]:
        """The raw filters with `changes` (e.g. page=2), for a link that keeps them."""
        values: dict[str, object] = dict(self.raw)
        if self.per_page != PER_PAGE:
            values["per_page"] = self.per_page
        values.update(changes)
        return values
