"""The shape of a score: what the model answers, what we compute, and the content hash.

The model answers `Assessment` (five dimensions, a category, a summary, a rationale);
`total` is never asked of it: `weighted_total` computes it from the configured weights.
`content_hash` decides whether a post needs scoring again: same title, selftext, model
and prompt version means the same answer, so it is never paid for twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "CATEGORIES",
    "DIMENSIONS",
    "Assessment",
    "Category",
    "Post",
    "ScoreResult",
    "content_hash",
    "weighted_total",
]

DIMENSIONS = (
    "market_demand",
    "pain_intensity",
    "monetization_potential",
    "market_gap",
    "technical_feasibility",
)
Category = Literal["pain", "solution_request", "advice", "money_talk", "other"]
CATEGORIES: tuple[Category, ...] = ("pain", "solution_request", "advice", "money_talk", "other")

SUMMARY_CHARS = 200
RATIONALE_CHARS = 800
_SPACES = re.compile(r"\s+")


class Assessment(BaseModel):
    """What the scorer (the LLM or the heuristic) says about one post."""

    model_config = ConfigDict(extra="ignore")

    market_demand: int = Field(ge=0, le=10, description="How many people have this problem")
    pain_intensity: int = Field(ge=0, le=10, description="How much it hurts those who have it")
    monetization_potential: int = Field(ge=0, le=10, description="Willingness to pay for a fix")
    market_gap: int = Field(ge=0, le=10, description="How poorly existing tools solve it")
    technical_feasibility: int = Field(ge=0, le=10, description="How buildable a fix is")
    category: Category
    summary: str = Field(description="One line: the pain in the poster's situation")
    rationale: str = Field(description="Two or three sentences: why these scores")

    @field_validator("summary")
    @classmethod
    def _one_line(cls, value: str) -> str:
        text = _SPACES.sub(" ", value).strip()
        if not text:
            raise ValueError("summary is empty")
        return text[:SUMMARY_CHARS]

    @field_validator("rationale")
    @classmethod
    def _short(cls, value: str) -> str:
        return _SPACES.sub(" ", value).strip()[:RATIONALE_CHARS]

    def dimensions(self) -> dict[str, int]:
        """The five dimension scores by name."""
        return {name: int(getattr(self, name)) for name in DIMENSIONS}


def weighted_total(assessment: Assessment, weights: Mapping[str, float]) -> float:
    """The weighted sum of the five dimensions, scaled to 0..100 and rounded to 0.1."""
    missing = [name for name in DIMENSIONS if name not in weights]
    if missing:
        raise ValueError(f"weights lack {', '.join(missing)}")
    weight_sum = sum(weights[name] for name in DIMENSIONS)
    if weight_sum <= 0:
        raise ValueError("weights sum to zero")
    raw = sum(weights[name] * float(getattr(assessment, name)) for name in DIMENSIONS)
    # dividing by the sum keeps 0..100 even if a caller's weights do not add up to exactly 1
    return round(min(100.0, max(0.0, raw / weight_sum * 10.0)), 1)


@dataclass(frozen=True)
class Post:
    """The part of a `submissions` row that scoring reads."""

    id: str
    subreddit: str
    title: str
    selftext: str
    score: int = 0
    num_comments: int = 0
    permalink: str = ""
    created_utc: datetime | None = None
    is_self: bool | None = None  # read by the problem detector, as at collection
    url: str = ""


@dataclass(frozen=True)
class ScoreResult:
    """A finished score, ready to be stored."""

    assessment: Assessment
    total: float
    scorer: str
    model: str
    prompt_version: str
    input_tokens: int = 0
    output_tokens: int = 0


def content_hash(title: str | None, selftext: str | None, model: str, prompt_version: str) -> str:
    """sha256 (hex) of the scored content and of what scores it.

    The parts are UTF-8 encoded and joined by a NUL byte, which Postgres text can never
    contain, so the encoding is unambiguous; `harbor.scoring.store` computes the very
    same digest in SQL (`CONTENT_HASH_SQL`), and a unit test pins the two together.
    """
    parts = (title or "", selftext or "", model, prompt_version)
    return hashlib.sha256(b"\x00".join(p.encode("utf-8") for p in parts)).hexdigest()
