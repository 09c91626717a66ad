"""A throwaway database and Redis DB for one benchmark area, set into the environment."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import psycopg
import redis

from harbor import db
from harbor.settings import Settings, get_settings
from harbor.settings.areas import default_dlt_dir

PG_SERVER = os.environ.get("HARBOR_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")


def _fast_dir() -> str | None:
    """Where dlt's working directories go, as in a default install (memory when possible)."""
    return str(default_dlt_dir().parent)


@contextlib.contextmanager
def private_redis() -> Iterator[str]:
    """A Redis server of our own on a free loopback port, for as long as the block runs
    (a long benchmark must not share the machine's Redis with anyone who may flush it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("a private redis-server did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextlib.contextmanager
def bench_environment(
    name: str, redis_db: int, *, redis_server: str = "redis://127.0.0.1:6379", **env: str
) -> Iterator[Settings]:
    """Create database `name` and use Redis DB `redis_db` (of `redis_server`); drop and
    flush them afterwards."""
    saved = dict(os.environ)
    redis_url = f"{redis_server}/{redis_db}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    redis.Redis.from_url(redis_url).flushdb()
    with tempfile.TemporaryDirectory(prefix="harbor-bench-", dir=_fast_dir()) as dlt_dir:
        os.environ.update(
            {
                "DATABASE_URL": f"{PG_SERVER}/{name}",
                "REDIS_URL": redis_url,
                "HARBOR_DATASET": "bench",
                "HARBOR_DLT_DIR": dlt_dir,
                "RUNTIME__DLTHUB_TELEMETRY": "false",
                # the areas' sandboxes have generous limits unless an area says otherwise
                "HARBOR_REDDIT_QPM": "1000000",
                **env,
            }
        )
        for variable in ("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET", "OPENAI_API_KEY"):
            if variable not in env:
                os.environ.pop(variable, None)
        get_settings.cache_clear()
        try:
            yield get_settings()
        finally:
            db.close_pools()
            os.environ.clear()
            os.environ.update(saved)
            get_settings.cache_clear()
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            redis.Redis.from_url(redis_url).flushdb()
