"""Schema migrations on the real Postgres: a database of release 0.1.0 upgrades with its rows.

`tests/data/release_0_1_0.sql` is a pg_dump of a database that release 0.1.0 made and
used: a dlt collection, a legacy one, heuristic scores and a cutover event, in schema
`reddit_harbor` (the text is the sandbox's, not Reddit's).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from runtime_support import PG_SERVER

from harbor import db
from harbor.collect.service import run_collection
from harbor.migrations import migrations
from harbor.sandbox.client import SandboxClient
from harbor.settings import DEFAULT_SUBREDDITS, Settings, get_settings

DUMP = Path(__file__).parents[1] / "data" / "release_0_1_0.sql"
OLD_TABLES = ("submissions", "opportunity_scores", "collection_runs", "cutover_events")


def _counts(conn: psycopg.Connection, schema: str) -> dict[str, int]:
    return {
        table: conn.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchone()[0]  # type: ignore[index]
        for table in (*OLD_TABLES, "_dlt_loads", "_dlt_pipeline_state")
    }


def _fingerprint(conn: psycopg.Connection, schema: str, table: str, key: str) -> list[str]:
    """Every row of `table` as text, so that no value may change in the upgrade (the
    columns of release 0.1.0 only: migrations may add columns)."""
    columns = ", ".join(f'"{c}"' for c in OLD_COLUMNS[table])
    rows = conn.execute(
        f'SELECT row({columns})::text FROM "{schema}"."{table}" ORDER BY {key}'
    ).fetchall()
    return [r[0] for r in rows]


OLD_COLUMNS = {
    "opportunity_scores": (
        "post_id", "market_demand", "pain_intensity", "monetization_potential", "market_gap",
        "technical_feasibility", "total", "category", "summary", "rationale", "scorer", "model",
        "prompt_version", "content_hash", "input_tokens", "output_tokens", "status", "error",
        "attempts", "scored_at",
    ),
    "collection_runs": (
        "run_id", "subreddit", "via", "started_at", "finished_at", "status", "api_calls",
        "fetched", "kept", "new", "changed", "malformed", "error", "host",
    ),
}  # fmt: skip


@pytest.fixture
def old_database(test_database: str, dataset: str, settings: Settings) -> Iterator[Settings]:
    """A database restored from the 0.1.0 dump, with settings pointing at it."""
    name = f"harbor_old_{os.getpid()}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    dsn = f"{PG_SERVER}/{name}"
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", str(DUMP)],
        check=True,
        capture_output=True,
    )
    saved = os.environ["DATABASE_URL"], os.environ["HARBOR_DATASET"]
    os.environ["DATABASE_URL"], os.environ["HARBOR_DATASET"] = dsn, "reddit_harbor"
    get_settings.cache_clear()
    yield get_settings()
    os.environ["DATABASE_URL"], os.environ["HARBOR_DATASET"] = saved
    get_settings.cache_clear()
    db.close_pools()
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_release_0_1_0_database_upgrades_in_place_with_every_row_kept(
    old_database: Settings, sandbox: SandboxClient
) -> None:
    schema = old_database.dataset
    with psycopg.connect(old_database.dsn, autocommit=True) as conn:
        before = _counts(conn, schema)
        rows_before = {
            t: _fingerprint(conn, schema, t, k)
            for t, k in (("opportunity_scores", "post_id"), ("collection_runs", "run_id"))
        }
    assert before["submissions"] > 0 and before["opportunity_scores"] > 0

    report = db.bootstrap(old_database, force=True)
    assert report is not None and not report.fresh
    assert report.applied == tuple(m.version for m in migrations())

    with psycopg.connect(old_database.dsn, autocommit=True) as conn:
        assert _counts(conn, schema) == before
        for table, key in (("opportunity_scores", "post_id"), ("collection_runs", "run_id")):
            assert _fingerprint(conn, schema, table, key) == rows_before[table]
        versions = [r[0] for r in conn.execute(f'SELECT version FROM "{schema}".schema_migrations')]
        registered = {r[0] for r in conn.execute(f'SELECT name FROM "{schema}".subreddits')}
        gaps = conn.execute(f'SELECT count(*) FROM "{schema}".collection_runs WHERE gap').fetchone()
    assert sorted(versions) == [m.version for m in migrations()]
    # 0.1.0 collected HARBOR_SUBREDDITS or the default list: unset, the registry starts there
    assert registered == set(DEFAULT_SUBREDDITS) and gaps == (0,)

    # a second start applies nothing
    again = db.bootstrap(old_database, force=True)
    assert again is not None and again.applied == ()

    # the upgraded database keeps working on both paths, on top of the old rows
    for sub, via in (("SaaS", "dlt"), ("startups", "legacy")):
        result = run_collection(old_database, sub, via)  # type: ignore[arg-type]
        assert result.status == "ok", result.error
    with psycopg.connect(old_database.dsn, autocommit=True) as conn:
        after = _counts(conn, schema)
    assert after["submissions"] >= before["submissions"]
    assert after["collection_runs"] == before["collection_runs"] + 2


def test_a_new_schema_is_created_by_the_migrations_and_reported_fresh(
    settings: Settings,
) -> None:
    report = db.bootstrap(settings, force=True)
    assert report is not None and report.fresh
    assert report.applied == tuple(m.version for m in migrations())
    with psycopg.connect(settings.dsn, autocommit=True) as conn:
        tables = {
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (settings.dataset,),
            )
        }
    assert set(db.TABLES) <= tables
