"""Real services for integration tests: a test database, a Redis DB of its own, the sandbox.

- the Postgres database `harbor_test_<pid>` is created for the session and dropped after;
- Redis DB number HARBOR_TEST_REDIS_DB (default 15) is flushed before and after;
- every test gets its own dataset (schema), so dlt state and tables never leak between tests;
- the sandbox runs as a subprocess on free ports, reset to a known corpus for each test.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis

from harbor import db
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox, start_sandbox
from harbor.settings import Settings, get_settings

PG_SERVER = os.environ.get("HARBOR_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS_DB = int(os.environ.get("HARBOR_TEST_REDIS_DB", "15"))
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"

_datasets = itertools.count(1)


@pytest.fixture(scope="session")
def test_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The DSN of a database made for this test session, dropped at its end."""
    name = f"harbor_test_{os.getpid()}"
    dsn = f"{PG_SERVER}/{name}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = dsn
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ["HARBOR_DLT_DIR"] = str(tmp_path_factory.mktemp("dlt"))
    # the sandbox's limit is as large (see sandbox_process): the shared Reddit budget
    # never paces a test unless the test asks for a small one
    os.environ["HARBOR_REDDIT_QPM"] = "1000000"
    redis.Redis.from_url(REDIS_URL).flushdb()
    yield dsn
    db.close_pools()
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def redis_client(test_database: str) -> Iterator[redis.Redis]:
    """The test Redis DB, empty at the start of each test."""
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def dataset(test_database: str, redis_client: redis.Redis) -> str:
    """A fresh schema name for this test, set as HARBOR_DATASET."""
    name = f"t{os.getpid()}_{next(_datasets)}"
    os.environ["HARBOR_DATASET"] = name
    get_settings.cache_clear()
    return name


@pytest.fixture(scope="session")
def sandbox_process() -> Iterator[RunningSandbox]:
    """One sandbox subprocess for the session, on free ports; its URLs go into the env."""
    # a large rate limit, as on Reddit with a generous quota: prawcore never pauses in tests
    args = ["--seed", "42", "--initial-posts", "300", "--rate", "0", "--ratelimit", "1000000"]
    with start_sandbox(args) as running:
        os.environ["HARBOR_SANDBOX_REDDIT_PORT"] = str(running.reddit_port)
        os.environ["HARBOR_SANDBOX_OPENAI_PORT"] = str(running.openai_port)
        get_settings.cache_clear()
        yield running


@pytest.fixture
def sandbox(sandbox_process: RunningSandbox) -> SandboxClient:
    """The sandbox, reset to its seeded corpus with no faults and zeroed stats."""
    client = sandbox_process.client
    client.reset()
    return client


@pytest.fixture
def settings(dataset: str, tmp_path: Path, sandbox_process: RunningSandbox) -> Iterator[Settings]:
    """Settings for this test: test database, test Redis DB, own dataset and dlt dir."""
    os.environ["HARBOR_DLT_DIR"] = str(tmp_path / "dlt")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def pg(settings: Settings) -> psycopg.Connection:
    """A plain autocommit connection to the test database, for assertions."""
    return psycopg.connect(settings.dsn, autocommit=True)
