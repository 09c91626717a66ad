"""Every fixture of the integration tests (their helpers live in the *_support modules).

- the Postgres database `harbor_test_<pid>` is created for the session and dropped after;
- Redis DB number HARBOR_TEST_REDIS_DB (default 15) is flushed before and after;
- every test gets its own dataset (schema), so dlt state and tables never leak between tests;
- the sandbox runs as a subprocess on free ports, reset to a known corpus for each test;
- `system` (20 subreddits, real Celery processes) for the runtime tests, `harbor` (six
  subreddits, a whole system on demand) and private Redis/Postgres servers for the faults.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
from fault_support import SUBS as FAULT_SUBS
from fault_support import (
    Harbor,
    PrivatePostgres,
    PrivateRedis,
    StartHarbor,
    require_postgres_server,
    require_redis_server,
)
from runtime_support import PG_SERVER, REDIS_URL, SUBS, Processes, processes, system_env

from harbor import db
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox, start_sandbox
from harbor.settings import Settings, get_settings

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


# --- the runtime tests: 20 subreddits, real Celery processes ------------------------------


@pytest.fixture(scope="module")
def sandbox20() -> Iterator[RunningSandbox]:
    """A sandbox of 20 subreddits, 120 posts each, for one test module."""
    args = ["--seed", "3", "--subreddits", ",".join(SUBS), "--initial-posts", "120",
            "--rate", "0", "--ratelimit", "1000000"]  # fmt: skip
    with start_sandbox(args) as running:
        yield running


@pytest.fixture
def system(
    dataset: str, sandbox20: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Settings, Processes, RunningSandbox]]:
    """Settings for 20 sandbox subreddits with a 1 s tick, and a process starter."""
    sandbox20.client.reset()
    env = system_env(sandbox20, tmp_path, SUBS, collect_every=4)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    settings = get_settings()
    db.bootstrap(settings)
    with processes(tmp_path, dict(os.environ)) as procs:
        yield settings, procs, sandbox20
    db.close_pools()
    get_settings.cache_clear()


# --- the fault suite: private servers, a whole system on demand ---------------------------


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    """A started Postgres cluster of this test's own, removed afterwards."""
    require_postgres_server()
    server = PrivatePostgres()
    try:
        server.start()
        yield server
    finally:
        db.close_pools()
        server.remove()


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    """A started redis-server of this test's own (no persistence), stopped afterwards."""
    require_redis_server()
    workdir = Path(tempfile.mkdtemp(prefix="harbor-redis-"))
    server = PrivateRedis(workdir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def fault_sandbox() -> Iterator[RunningSandbox]:
    """A sandbox of six subreddits, 60 posts each, no arrivals unless a test asks."""
    args = ["--seed", "11", "--subreddits", ",".join(FAULT_SUBS), "--initial-posts", "60",
            "--rate", "0", "--ratelimit", "1000000"]  # fmt: skip
    with start_sandbox(args) as running:
        yield running


@pytest.fixture
def harbor(
    dataset: str, fault_sandbox: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[StartHarbor]:
    """A function that sets the environment (defaults, then `env`) and returns a Harbor.

    Workers, beat and this test process all read the same environment: DATABASE_URL and
    REDIS_URL may point at private servers.
    """
    fault_sandbox.client.reset()
    started: list[Processes] = []
    contexts: list[Any] = []

    def start(**env: str) -> Harbor:
        values = {
            **system_env(fault_sandbox, tmp_path, FAULT_SUBS, collect_every=3),
            "HARBOR_OPENAI_TIMEOUT": "5",
            **env,
        }
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        settings = get_settings()
        db.bootstrap(settings)
        context = processes(tmp_path, dict(os.environ))
        procs = context.__enter__()
        contexts.append(context)
        started.append(procs)
        return Harbor(settings, procs, fault_sandbox, tmp_path)

    yield start
    for context in reversed(contexts):
        context.__exit__(None, None, None)
    db.close_pools()
    get_settings.cache_clear()
