"""Pure parts of the LLM retry policy: Retry-After parsing and the no-key default."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from harbor.scoring import factory
from harbor.scoring.factory import NO_KEY_MESSAGE, describe_scorer, get_scorer
from harbor.scoring.heuristic import HeuristicScorer
from harbor.scoring.llm_errors import retry_after_seconds
from harbor.scoring.openai_scorer import parse_json_content
from harbor.settings import Settings


def test_retry_after_ms_wins_over_retry_after() -> None:
    assert retry_after_seconds({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5


def test_retry_after_in_seconds_and_as_http_date() -> None:
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    when = datetime.now(UTC) + timedelta(seconds=30)
    seconds = retry_after_seconds({"retry-after": format_datetime(when, usegmt=True)})
    assert seconds is not None
    assert 25 <= seconds <= 31


@pytest.mark.parametrize("headers", [None, {}, {"retry-after": "soon"}, {"retry-after-ms": "x"}])
def test_missing_or_unreadable_retry_after_is_none(headers: dict[str, str] | None) -> None:
    assert retry_after_seconds(headers) is None


def test_negative_retry_after_is_zero() -> None:
    assert retry_after_seconds({"retry-after": "-5"}) == 0.0


def test_json_mode_answers_may_come_in_code_fences() -> None:
    fenced = (
        '```json\n{"market_demand": 3, "pain_intensity": 4, "monetization_potential": 5,'
        ' "market_gap": 6, "technical_feasibility": 7, "category": "advice",'
        ' "summary": "s", "rationale": "r", "total": 100}\n```'
    )
    assert parse_json_content(fenced).technical_feasibility == 7


def test_no_key_means_the_heuristic_scorer_said_plainly(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings.from_env({"REDIS_URL": "redis://127.0.0.1:6379/13"})
    assert settings.scorer == "heuristic"
    factory._scorers.clear()
    with caplog.at_level(logging.INFO):
        scorer = get_scorer(settings)
    assert NO_KEY_MESSAGE in caplog.text
    assert isinstance(scorer, HeuristicScorer)
    assert NO_KEY_MESSAGE == "no OPENAI_API_KEY: using the offline heuristic scorer"
    assert NO_KEY_MESSAGE in describe_scorer(settings)


def test_describe_names_the_model_and_hides_the_key() -> None:
    settings = Settings.from_env(
        {"OPENAI_API_KEY": "sk-very-secret-key", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    )
    text = describe_scorer(settings)
    assert "gpt-4o-mini" in text
    assert "127.0.0.1:9" in text
    assert "sk-very-secret-key" not in text
