"""Structured outputs: what the sandbox answers validates against the schema it was sent,
whatever its shape, and its scores follow the text."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openai import pydantic_function_tool
from pydantic import BaseModel, Field, ValidationError

from harbor.sandbox.assess import judge, post_text
from harbor.sandbox.schema import fill, violate


def to_strict_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The strict schema the SDK sends for `model` (through its public helper)."""
    return dict(pydantic_function_tool(model)["function"]["parameters"])


class Scores(BaseModel):
    market_demand: int = Field(ge=0, le=10)
    pain_intensity: int = Field(ge=0, le=10)
    monetization_potential: int = Field(ge=0, le=10)
    market_gap: int = Field(ge=0, le=10)
    technical_feasibility: int = Field(ge=0, le=10)
    category: Literal["pain", "solution_request", "advice", "money_talk", "other"]
    summary: str
    rationale: str


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Tag(BaseModel):
    label: str = Field(min_length=3, max_length=8)
    weight: float = Field(gt=0, lt=1)


class Odd(BaseModel):
    colour: Colour
    tags: list[Tag] = Field(min_length=3, max_length=5)
    note: str | None
    flag: bool
    level: Literal[3]
    confidence: float = Field(ge=0.5, le=0.75)
    count: int = Field(ge=-5, le=-2)
    nested: Scores
    words: list[str]


TEXT = (
    "Is there a tool that chases unpaid invoices? I'm so frustrated, I lost a client and "
    "$2,000 last month. Tried FreshBooks but it's overkill for us."
)


@pytest.mark.parametrize("model", [Scores, Odd, Tag])
def test_filled_json_validates_against_the_schema(model: type[BaseModel]) -> None:
    schema = to_strict_json_schema(model)
    value = fill(schema, judge(TEXT), TEXT)
    model.model_validate_json(json.dumps(value))
    assert set(value) == set(schema["properties"])  # every property, nothing extra


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_valid_scores(text: str) -> None:
    value = fill(to_strict_json_schema(Scores), judge(text), text)
    Scores.model_validate(value)


def test_hand_written_schemas_with_refs_and_type_lists() -> None:
    schema = {
        "type": "object",
        "$defs": {"Level": {"type": "integer", "minimum": 7, "maximum": 9}},
        "properties": {
            "level": {"$ref": "#/$defs/Level"},
            "maybe": {"type": ["null", "number"], "exclusiveMaximum": 0},
            "both": {"allOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]}]},
            "when": {"type": "string", "format": "date-time"},
        },
        "required": ["level", "maybe", "both", "when"],
        "additionalProperties": False,
    }
    value = fill(schema, judge(TEXT), TEXT)
    assert 7 <= value["level"] <= 9
    assert isinstance(value["maybe"], float) and value["maybe"] < 0
    assert isinstance(value["both"]["a"], str)
    assert value["when"].endswith("Z")


def test_violate_breaks_the_schema() -> None:
    schema = to_strict_json_schema(Scores)
    value = fill(schema, judge(TEXT), TEXT)
    with pytest.raises(ValidationError):
        Scores.model_validate(violate(schema, value))
    assert 42 in violate(schema, value).values()


def test_scores_are_deterministic_and_follow_the_text() -> None:
    assert judge(TEXT) == judge(TEXT)
    calm = judge("Which book changed how you run your business?")
    pained = judge("I'm exhausted and fed up, drowning in invoices, it's a nightmare, help!")
    money = judge("We pay $99/month, revenue is up, pricing and budget talk, MRR and cost.")
    assert pained.pain_intensity > calm.pain_intensity
    assert money.monetization_potential > calm.monetization_potential
    assert judge(TEXT).category == "solution_request"
    assert pained.category == "pain" and calm.category == "other"
    assert all(0 <= getattr(pained, d) <= 10 for d in ("market_demand", "market_gap"))


def test_the_post_is_read_from_the_user_messages_and_its_delimiters() -> None:
    messages = [
        {"role": "system", "content": "You score pain. Reply in JSON."},
        {"role": "user", "content": "Rules...\n<reddit_post>Title\nBody</reddit_post>"},
    ]
    assert post_text(messages) == "Title\nBody"
    parts = [{"role": "user", "content": [{"type": "text", "text": "plain"}]}]
    assert post_text(parts) == "plain"


def test_the_summary_of_a_rendered_post_comes_from_its_title_not_its_first_line() -> None:
    from harbor.scoring.model import Post
    from harbor.scoring.prompt import build_messages

    post = Post(id="x1", subreddit="freelance", title="Clients pay me 90 days late",
                selftext="Every month I chase invoices.")  # fmt: skip
    assert judge(post_text(build_messages(post))).summary == "Clients pay me 90 days late"
    assert judge("Drowning in unpaid invoices\nmore").summary == "Drowning in unpaid invoices"
