"""Fixtures shared by unit and integration tests.

Unit tests must not touch the network; anything that needs Redis, Postgres, the sandbox
or a worker process lives under tests/integration/ and uses the fixtures there.
"""

from __future__ import annotations

import os

import pytest

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
