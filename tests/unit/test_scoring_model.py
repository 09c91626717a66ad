"""The result model, the weighted total and the content hash."""

from __future__ import annotations

import hashlib

import pytest
from pydantic import ValidationError

from harbor.scoring.model import DIMENSIONS, Assessment, content_hash, weighted_total
from harbor.settings import DEFAULT_WEIGHTS, Settings


def _assessment(**overrides: object) -> Assessment:
    values: dict[str, object] = {
        "market_demand": 8,
        "pain_intensity": 6,
        "monetization_potential": 4,
        "market_gap": 2,
        "technical_feasibility": 10,
        "category": "pain",
        "summary": "Freelancers chase late invoices by hand",
        "rationale": "Common, costly, few tools.",
    }
    values.update(overrides)
    return Assessment.model_validate(values)


def test_default_weights_sum_to_one_and_cover_every_dimension() -> None:
    assert set(DEFAULT_WEIGHTS) == set(DIMENSIONS)
    assert sum(DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)
    assert Settings.from_env({}).score_weights == DEFAULT_WEIGHTS


def test_total_is_the_weighted_sum_times_ten() -> None:
    a = _assessment()
    expected = (8 * 0.25 + 6 * 0.25 + 4 * 0.20 + 2 * 0.15 + 10 * 0.15) * 10
    assert weighted_total(a, DEFAULT_WEIGHTS) == pytest.approx(round(expected, 1))
    assert weighted_total(a, DEFAULT_WEIGHTS) == 61.0


def test_total_spans_zero_to_one_hundred() -> None:
    low = _assessment(**dict.fromkeys(DIMENSIONS, 0))
    high = _assessment(**dict.fromkeys(DIMENSIONS, 10))
    assert weighted_total(low, DEFAULT_WEIGHTS) == 0.0
    assert weighted_total(high, DEFAULT_WEIGHTS) == 100.0


def test_total_follows_configured_weights() -> None:
    settings = Settings.from_env(
        {
            "HARBOR_SCORE_WEIGHTS": "market_demand=1,pain_intensity=0,"
            "monetization_potential=0,market_gap=0,technical_feasibility=0"
        }
    )
    assert weighted_total(_assessment(), settings.score_weights) == 80.0


def test_total_is_not_taken_from_the_model() -> None:
    a = Assessment.model_validate({**_assessment().model_dump(), "total": 99})
    assert not hasattr(a, "total")
    assert weighted_total(a, DEFAULT_WEIGHTS) == 61.0


@pytest.mark.parametrize("bad", [-1, 11, 7.5, "high", None])
def test_dimensions_must_be_integers_from_zero_to_ten(bad: object) -> None:
    with pytest.raises(ValidationError):
        _assessment(pain_intensity=bad)


def test_category_must_be_one_of_five() -> None:
    with pytest.raises(ValidationError):
        _assessment(category="opportunity")
    for category in ("pain", "solution_request", "advice", "money_talk", "other"):
        assert _assessment(category=category).category == category


def test_summary_is_one_line_and_not_empty() -> None:
    a = _assessment(summary="  two\nlines\there  ")
    assert a.summary == "two lines here"
    with pytest.raises(ValidationError):
        _assessment(summary=" \n ")
    assert len(_assessment(summary="x" * 5000).summary) == 200


def test_json_schema_never_asks_for_a_total() -> None:
    schema = Assessment.model_json_schema()
    assert "total" not in schema["properties"]
    assert schema["properties"]["market_gap"]["minimum"] == 0
    assert schema["properties"]["market_gap"]["maximum"] == 10


def test_content_hash_is_sha256_over_the_four_parts_joined_by_nul() -> None:
    digest = content_hash("Title", "Body é", "gpt-4o-mini", "v1")
    raw = b"Title\x00Body \xc3\xa9\x00gpt-4o-mini\x00v1"
    assert digest == hashlib.sha256(raw).hexdigest()


def test_content_hash_changes_with_each_part_and_treats_none_as_empty() -> None:
    base = content_hash("t", "s", "m", "p")
    assert (
        len(
            {
                base,
                content_hash("t2", "s", "m", "p"),
                content_hash("t", "s2", "m", "p"),
                content_hash("t", "s", "m2", "p"),
                content_hash("t", "s", "m", "p2"),
            }
        )
        == 5
    )
    assert content_hash(None, None, "m", "p") == content_hash("", "", "m", "p")
    # the separator keeps moved text from colliding
    assert content_hash("ab", "c", "m", "p") != content_hash("a", "bc", "m", "p")
