"""Postgres: connections, the schema bootstrap, and the tables that are ours.

`bootstrap()` creates the database named in DATABASE_URL when it is missing, the schema
HARBOR_DATASET and every table, so no user ever runs SQL by hand. It is idempotent and
safe to run from many processes at once (an advisory lock serialises it).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.errors import DuplicateDatabase
from psycopg_pool import ConnectionPool

from harbor.columns import COLUMN_TYPES, PG_TYPES
from harbor.errors import DatabaseUnavailable
from harbor.settings import Settings, redact_url

__all__ = [
    "TABLES",
    "bootstrap",
    "connect",
    "connection",
    "database_name",
    "ensure_database",
    "qualified",
]

log = logging.getLogger(__name__)

TABLES = ("submissions", "opportunity_scores", "collection_runs", "cutover_events")

_bootstrapped: set[tuple[str, str]] = set()
_pools: dict[str, ConnectionPool] = {}
_lock = threading.Lock()


def database_name(dsn: str) -> str:
    return urlsplit(dsn).path.lstrip("/")


def qualified(settings: Settings, table: str) -> sql.Composed:
    """`"dataset"."table"` as a safely quoted SQL fragment."""
    return sql.SQL("{}.{}").format(sql.Identifier(settings.dataset), sql.Identifier(table))


def connect(dsn: str, autocommit: bool = True) -> psycopg.Connection:
    """A new connection; a failure becomes DatabaseUnavailable with the DSN redacted."""
    try:
        return psycopg.connect(dsn, autocommit=autocommit, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(
            f"cannot connect to Postgres at {redact_url(dsn)}: {_first_line(exc)}"
        ) from None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _pool(settings: Settings) -> ConnectionPool:
    dsn = settings.dsn
    with _lock:
        pool = _pools.get(dsn)
        if pool is None:
            pool = ConnectionPool(
                dsn,
                min_size=1,
                max_size=16,
                kwargs={"autocommit": True, "connect_timeout": 10},
                open=True,
                # a connection that Postgres dropped (restart) is noticed here, not in a query
                check=ConnectionPool.check_connection,
                name="harbor",
            )
            _pools[dsn] = pool
        return pool


@contextlib.contextmanager
def connection(settings: Settings) -> Iterator[psycopg.Connection]:
    """A pooled autocommit connection; connection failures become DatabaseUnavailable."""
    bootstrap(settings)
    try:
        with _pool(settings).connection(timeout=30) as conn:
            yield conn
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(f"Postgres connection lost: {_first_line(exc)}") from exc
    except psycopg.errors.AdminShutdown as exc:  # pragma: no cover - subclass of the above
        raise DatabaseUnavailable(f"Postgres shut down: {_first_line(exc)}") from exc


def close_pools() -> None:
    """Close every pool of this process (used at worker shutdown and in tests)."""
    with _lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()
        _bootstrapped.clear()


def ensure_database(dsn: str) -> bool:
    """Create the database named in `dsn` if it is missing; True when it was created."""
    name = database_name(dsn)
    parts = urlsplit(dsn)
    admin_dsn = urlunsplit(parts._replace(path="/postgres"))
    try:
        with connect(dsn):
            return False
    except DatabaseUnavailable as exc:
        if "does not exist" not in str(exc):
            raise
    with connect(admin_dsn) as conn:
        try:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except DuplicateDatabase:
            return False
    log.info("created database %s", name)
    return True


def _submissions_ddl(settings: Settings) -> sql.Composed:
    columns: list[sql.Composable] = [sql.SQL("id varchar PRIMARY KEY")]
    for name, kind in sorted(COLUMN_TYPES.items()):
        if name != "id":
            columns.append(sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(PG_TYPES[kind])))
    # dlt's bookkeeping columns, nullable so that rows the legacy path writes fit too
    columns += [sql.SQL("_dlt_load_id varchar"), sql.SQL("_dlt_id varchar")]
    return sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(
        qualified(settings, "submissions"), sql.SQL(", ").join(columns)
    )


_OWN_TABLES = """
CREATE TABLE IF NOT EXISTS {schema}.collection_runs (
    run_id uuid PRIMARY KEY,
    subreddit varchar NOT NULL,
    via varchar NOT NULL CHECK (via IN ('dlt', 'legacy')),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status varchar NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
    api_calls integer NOT NULL DEFAULT 0,
    fetched integer NOT NULL DEFAULT 0,
    kept integer NOT NULL DEFAULT 0,
    new integer NOT NULL DEFAULT 0,
    changed integer NOT NULL DEFAULT 0,
    malformed integer NOT NULL DEFAULT 0,
    error text,
    host varchar
);
CREATE INDEX IF NOT EXISTS collection_runs_sub_started
    ON {schema}.collection_runs (lower(subreddit), started_at DESC);

CREATE TABLE IF NOT EXISTS {schema}.opportunity_scores (
    post_id varchar PRIMARY KEY,
    market_demand smallint CHECK (market_demand BETWEEN 0 AND 10),
    pain_intensity smallint CHECK (pain_intensity BETWEEN 0 AND 10),
    monetization_potential smallint CHECK (monetization_potential BETWEEN 0 AND 10),
    market_gap smallint CHECK (market_gap BETWEEN 0 AND 10),
    technical_feasibility smallint CHECK (technical_feasibility BETWEEN 0 AND 10),
    total double precision CHECK (total BETWEEN 0 AND 100),
    category varchar CHECK (category IN
        ('pain', 'solution_request', 'advice', 'money_talk', 'other')),
    summary text,
    rationale text,
    scorer varchar NOT NULL,
    model varchar,
    prompt_version varchar,
    content_hash varchar NOT NULL,
    input_tokens integer NOT NULL DEFAULT 0,
    output_tokens integer NOT NULL DEFAULT 0,
    status varchar NOT NULL CHECK (status IN ('scored', 'failed', 'deferred')),
    error text,
    attempts integer NOT NULL DEFAULT 1,
    scored_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS opportunity_scores_status ON {schema}.opportunity_scores (status);
CREATE INDEX IF NOT EXISTS opportunity_scores_total ON {schema}.opportunity_scores (total DESC);

CREATE TABLE IF NOT EXISTS {schema}.cutover_events (
    event_id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor varchar NOT NULL,
    action varchar NOT NULL,
    subreddit varchar,
    old_value varchar,
    new_value varchar,
    reason text
);
"""


def bootstrap(settings: Settings, force: bool = False) -> None:
    """Create the database, the schema and every table if missing (once per process,
    unless `force`: after the schema was dropped)."""
    key = (settings.dsn, settings.dataset)
    if key in _bootstrapped and not force:
        return
    with _lock:
        if key in _bootstrapped and not force:
            return
        try:
            _create_all(settings)
        except psycopg.OperationalError as exc:
            raise DatabaseUnavailable(
                f"Postgres lost while creating tables: {_first_line(exc)}"
            ) from None
        _bootstrapped.add(key)


def _create_all(settings: Settings) -> None:
    """The database if missing, then the schema and every table, in one transaction."""
    ensure_database(settings.dsn)
    schema = sql.Identifier(settings.dataset)
    with connect(settings.dsn, autocommit=False) as conn:
        # many workers start at once: one creates, the others wait and find it done
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('harbor-bootstrap'))")
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
        conn.execute(_submissions_ddl(settings))
        conn.execute(
            sql.SQL(
                "CREATE INDEX IF NOT EXISTS submissions_sub_created ON {} "
                "(lower(subreddit), created_utc DESC)"
            ).format(qualified(settings, "submissions"))
        )
        conn.execute(sql.SQL(_OWN_TABLES).format(schema=schema))
        conn.commit()
