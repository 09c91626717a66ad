"""A throwaway database and Redis DB for one benchmark area, set into the environment."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
def bench_environment(name: str, redis_db: int, **env: str) -> Iterator[Settings]:
    """Create database `name` and use Redis DB `redis_db`; drop and flush them afterwards."""
    saved = dict(os.environ)
    redis_url = f"redis://127.0.0.1:6379/{redis_db}"
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
