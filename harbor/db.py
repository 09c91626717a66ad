"""Postgres: connections, the schema bootstrap, and the tables that are ours.

`bootstrap()` creates the database named in DATABASE_URL when it is missing, the schema
HARBOR_DATASET, and applies the numbered migrations of `harbor.migrations` that the schema
lacks, so no user ever runs SQL by hand and a database of an earlier release upgrades in
place. It is idempotent and safe to run from many processes at once (an advisory lock
serialises it).

First run: when the bootstrap creates the schema (a brand-new install), it also sets the
cutover share to HARBOR_FIRST_RUN_DLT (100: the dlt path) once, unless an operator set a
share already, and records that in cutover_events. A table lost later is not set again:
a missing table still means legacy, the safe default.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.errors import DuplicateDatabase
from psycopg_pool import ConnectionPool

from harbor.errors import DatabaseUnavailable
from harbor.migrations import MigrationReport, migrate
from harbor.redis_conn import CUTOVER, redis_client
from harbor.settings import Settings, redact_url

__all__ = [
    "BOOTSTRAP_ACTOR",
    "TABLES",
    "bootstrap",
    "connect",
    "connection",
    "database_name",
    "ensure_database",
    "insert_cutover_event",
    "qualified",
]

log = logging.getLogger(__name__)

TABLES = (
    "submissions",
    "opportunity_scores",
    "collection_runs",
    "cutover_events",
    "post_labels",
    "alerts",
    "subreddits",
    "schema_migrations",
    "post_fingerprints",
    "themes",
    "theme_members",
    "theme_merges",
    "comment_fetches",
    "comment_evidence",
)

# who cutover_events names for the share a brand-new install starts with
BOOTSTRAP_ACTOR = "bootstrap"

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


def bootstrap(settings: Settings, force: bool = False) -> MigrationReport | None:
    """Create the database and the schema if missing and apply the migrations it lacks
    (once per process, unless `force`: after the schema was dropped). Returns what was
    done, or None when this process had done it already."""
    key = (settings.dsn, settings.dataset)
    if key in _bootstrapped and not force:
        return None
    with _lock:
        if key in _bootstrapped and not force:
            return None
        try:
            report = _create_all(settings)
        except psycopg.OperationalError as exc:
            raise DatabaseUnavailable(
                f"Postgres lost while creating tables: {_first_line(exc)}"
            ) from None
        _bootstrapped.add(key)
        return report


def _create_all(settings: Settings) -> MigrationReport:
    """The database if missing, then the schema and its migrations, in one transaction."""
    ensure_database(settings.dsn)
    schema = sql.Identifier(settings.dataset)
    with connect(settings.dsn, autocommit=False) as conn:
        # many workers start at once: one migrates, the others wait and find it done
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('harbor-bootstrap'))")
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
        report = migrate(conn, settings.dataset)
        if report.fresh:
            _start_on_the_dlt_path(conn, settings)
        _seed_registry(conn, settings, report)
        conn.commit()
    return report


def _start_on_the_dlt_path(conn: psycopg.Connection, settings: Settings) -> None:
    """A brand-new install's share, set once (an operator's share already there wins).

    Inside the bootstrap's transaction: when Redis fails, the schema is not created either,
    and the next bootstrap finds it fresh and tries again.
    """
    share = settings.first_run_dlt
    if share == 0:  # what a missing table means anyway
        return
    if not redis_client(settings).hsetnx(CUTOVER, "dlt", str(share)):
        log.info("first run: %s already holds a dlt share; leaving it", CUTOVER)
        return
    insert_cutover_event(
        conn,
        settings,
        actor=BOOTSTRAP_ACTOR,
        action="set",
        subreddit=None,
        old=None,
        new=str(share),
        reason="first run: a new install starts on the dlt path",
    )
    log.info("first run: %d%% of subreddits on the dlt path (harbor cutover set to change)", share)


def insert_cutover_event(
    conn: psycopg.Connection,
    settings: Settings,
    *,
    actor: str,
    action: str,
    subreddit: str | None,
    old: str | None,
    new: str | None,
    reason: str | None,
) -> datetime:
    """Record one change of the cutover table in cutover_events; returns its time."""
    row = conn.execute(
        sql.SQL(
            "INSERT INTO {} (actor, action, subreddit, old_value, new_value, reason) "
            "VALUES (%s, %s, %s, %s, %s, %s) RETURNING at"
        ).format(qualified(settings, "cutover_events")),
        (actor, action, subreddit, old, new, reason),
    ).fetchone()
    assert row is not None
    at: datetime = row[0]
    return at


REGISTRY_MIGRATION = 3


def _seed_registry(conn: psycopg.Connection, settings: Settings, report: MigrationReport) -> None:
    """HARBOR_SUBREDDITS adds its names to the registry at start (group `default`) and
    never removes or moves any; unset, the default list seeds a registry just created."""
    if not settings.subreddits_from_env and REGISTRY_MIGRATION not in report.applied:
        return
    conn.execute(
        sql.SQL(
            'INSERT INTO {} (name, "group") SELECT n, %s FROM unnest(%s::text[]) AS n '
            "ON CONFLICT ((lower(name))) DO NOTHING"
        ).format(
            sql.SQL("{}.{}").format(sql.Identifier(settings.dataset), sql.Identifier("subreddits"))
        ),
        ("default", list(settings.subreddits)),
    )
