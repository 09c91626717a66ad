"""The typed records of what the pipeline produced: a ranked opportunity, one post in full.

Plain frozen dataclasses with JSON-ready forms, so the web pages, the JSON API, the digest,
the alerts and a notebook all read the same names.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from harbor.scoring.model import DIMENSIONS
from harbor.scoring.report import reddit_link

__all__ = ["Evidence", "Opportunity", "PostDetail", "SetMember", "jsonable"]


def jsonable(value: Any) -> Any:
    """`value` with datetimes as ISO strings and tuples as lists, recursively."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class Opportunity:
    """One scored post as a ranking shows it (`rank` counts from 1 in that ranking)."""

    rank: int
    post_id: str
    total: float
    market_demand: int
    pain_intensity: int
    monetization_potential: int
    market_gap: int
    technical_feasibility: int
    category: str
    summary: str
    rationale: str
    subreddit: str
    title: str
    link: str
    created_utc: datetime | None
    scored_at: datetime | None
    reddit_score: int
    num_comments: int
    scorer: str
    model: str
    prompt_version: str
    input_tokens: int
    output_tokens: int
    # a set of duplicates is one opportunity: how many copies, in which subreddits (the
    # canonical post's included), and the set's combined engagement
    duplicates: int = 0
    subreddits: tuple[str, ...] = ()
    set_score: int = 0
    set_comments: int = 0
    theme_id: str | None = None
    theme_label: str | None = None
    # comments that agree with the post, and the market-demand points they added
    agreeing: int = 0
    demand_bonus: int = 0

    @classmethod
    def from_row(cls, rank: int, row: dict[str, Any]) -> Opportunity:
        """A record from a row of `harbor.scoring.store.ranked`."""
        return cls(
            rank=rank,
            post_id=str(row["post_id"]),
            total=float(row["total"] or 0.0),
            **{name: int(row[name] or 0) for name in DIMENSIONS},
            category=str(row["category"] or ""),
            summary=str(row["summary"] or ""),
            rationale=str(row["rationale"] or ""),
            subreddit=str(row["subreddit"] or ""),
            title=str(row["title"] or ""),
            link=reddit_link(row.get("permalink")),
            created_utc=row.get("created_utc"),
            scored_at=row.get("scored_at"),
            reddit_score=int(row.get("score") or 0),
            num_comments=int(row.get("num_comments") or 0),
            scorer=str(row.get("scorer") or ""),
            model=str(row.get("model") or ""),
            prompt_version=str(row.get("prompt_version") or ""),
            input_tokens=int(row.get("input_tokens") or 0),
            output_tokens=int(row.get("output_tokens") or 0),
            duplicates=int(row.get("duplicates") or 0),
            subreddits=tuple(row.get("subreddits") or (str(row.get("subreddit") or ""),)),
            set_score=int(row.get("set_score") or row.get("score") or 0),
            set_comments=int(row.get("set_comments") or row.get("num_comments") or 0),
            theme_id=row.get("theme_id"),
            theme_label=row.get("theme_label"),
            agreeing=int(row.get("agreeing") or 0),
            demand_bonus=int(row.get("demand_bonus") or 0),
        )

    def dimensions(self) -> dict[str, int]:
        """The five dimension scores (0..10) by name."""
        return {name: int(getattr(self, name)) for name in DIMENSIONS}

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return jsonable(asdict(self))  # type: ignore[no-any-return]

    @classmethod
    def field_names(cls) -> list[str]:
        """The field names in order (a DataFrame's columns)."""
        return [f.name for f in fields(cls)]


@dataclass(frozen=True)
class SetMember:
    """Another post of the same set of duplicates (a crosspost or a near-copy)."""

    post_id: str
    subreddit: str
    title: str
    link: str
    canonical: bool


@dataclass(frozen=True)
class Evidence:
    """A comment kept as evidence of demand (harbor.evidence)."""

    author: str
    body: str
    score: int
    kind: str
    link: str


@dataclass(frozen=True)
class PostDetail:
    """One stored post with everything known about it; the score fields are None until
    the post has a score row (`score_status` says which: scored, failed or deferred)."""

    post_id: str
    subreddit: str
    title: str
    selftext: str
    author: str
    link: str
    url: str
    created_utc: datetime | None
    reddit_score: int
    num_comments: int
    filter_score: float | None
    filter_model: str | None
    matched_keywords: tuple[str, ...]
    collected_via: str | None
    score_status: str | None
    score_error: str | None
    total: float | None
    dimensions: dict[str, int] | None
    category: str | None
    summary: str | None
    rationale: str | None
    scorer: str | None
    model: str | None
    prompt_version: str | None
    scored_at: datetime | None
    # the set this post belongs to (the canonical post is the one scored and ranked)
    canonical_id: str | None = None
    set_members: tuple[SetMember, ...] = ()
    theme_id: str | None = None
    theme_label: str | None = None
    evidence: tuple[Evidence, ...] = ()
    agreeing: int | None = None
    demand_bonus: int | None = None

    @property
    def scored(self) -> bool:
        return self.score_status == "scored"

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return jsonable(asdict(self))  # type: ignore[no-any-return]
