"""Fixtures shared by unit and integration tests.

Unit tests must not touch the network; anything that needs Redis, Postgres, the sandbox
or a worker process lives under tests/integration/ and uses the fixtures there.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from harbor.results.records import Opportunity

# variables a developer may have exported for the real system; tests never use them
_USER_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "HARBOR_DATASET",
    "HARBOR_SUBREDDITS",
    "HARBOR_KEYWORDS",
    "HARBOR_SCORER",
    "HARBOR_DAILY_TOKEN_BUDGET",
    "REDDIT_CLIENT_ID",
    "REDDIT_CLIENT_SECRET",
    "REDDIT_OAUTH_URL",
    "REDDIT_URL",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "FLOWER_BASIC_AUTH",
    "HARBOR_WEB_BASIC_AUTH",
    "HARBOR_WEBHOOK_URL",
    "HARBOR_ALERT_MIN_TOTAL",
)


@pytest.fixture(autouse=True, scope="session")
def _isolate_from_user_environment() -> None:
    for name in _USER_VARIABLES:
        os.environ.pop(name, None)
    os.environ["RUNTIME__DLTHUB_TELEMETRY"] = "false"
    # a developer's .env is theirs: neither this process nor the workers it starts read it
    os.environ["HARBOR_ENV_FILE"] = os.devnull
    # nor the run file of a `make run` the developer may have going
    os.environ["HARBOR_RUN_FILE"] = os.devnull
    # each test makes a fresh schema, which would start on dlt as a new install does: the
    # tests start from the documented default (no table: legacy) unless they say otherwise
    os.environ["HARBOR_FIRST_RUN_DLT"] = "0"


@pytest.fixture
def make_opportunity() -> Callable[..., Opportunity]:
    """A function that returns an Opportunity record, realistic unless told otherwise."""

    def make(**changes: Any) -> Opportunity:
        now = datetime.now(UTC)
        values: dict[str, Any] = {
            "rank": 1, "post_id": "1abc23", "total": 72.5, "market_demand": 7,
            "pain_intensity": 8, "monetization_potential": 7, "market_gap": 6,
            "technical_feasibility": 8, "category": "solution_request",
            "summary": "Chasing unpaid invoices takes a day a week",
            "rationale": "Frequent, costly, and no tool fits small agencies.",
            "subreddit": "smallbusiness", "title": "Chasing unpaid invoices eats my Friday",
            "link": "https://reddit.com/r/smallbusiness/comments/1abc23/chasing/",
            "created_utc": now - timedelta(hours=3), "scored_at": now - timedelta(hours=2),
            "reddit_score": 41, "num_comments": 17, "scorer": "openai", "model": "gpt-4o-mini",
            "prompt_version": "2025-06.v1", "input_tokens": 812, "output_tokens": 95,
        }  # fmt: skip
        values.update(changes)
        return Opportunity(**values)

    return make
