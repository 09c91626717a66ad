"""Numbered schema migrations, applied in order and recorded in `schema_migrations`.

Each migration is a file `NNNN_name.sql` in this package: plain SQL in which `{schema}`
stands for the dataset's schema (quoted); nothing else in the text is substituted.
`migrate()` runs inside the bootstrap's transaction, under its advisory lock, so many
processes starting at once apply each migration once.

Rules that keep an existing database upgradable with every row kept:
- a released migration is never edited; a change is a new file with the next number;
- a migration adds (tables, nullable columns, indexes) or widens (a CHECK that admits
  more); it never drops or rewrites what a user's rows hold;
- 0001 is the schema of release 0.1.0, written with IF NOT EXISTS, so a database that
  release made (it had no `schema_migrations`) takes 0001 as a no-op and moves on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import psycopg
from psycopg import sql

__all__ = ["MIGRATIONS_TABLE", "Migration", "MigrationReport", "migrate", "migrations"]

log = logging.getLogger(__name__)

MIGRATIONS_TABLE = "schema_migrations"
_FILE_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered migration: its version, its name and its SQL (with `{schema}`)."""

    version: int
    name: str
    text: str


@dataclass(frozen=True)
class MigrationReport:
    """What `migrate` did: the versions it applied, and whether the schema was new."""

    applied: tuple[int, ...]
    fresh: bool


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped in this package, by version (each version once)."""
    found: list[Migration] = []
    for entry in resources.files(__name__).iterdir():
        match = _FILE_RE.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    # numbers are reserved per change, so a release may lack some; each is used once
    if len(set(versions)) != len(versions) or (versions and versions[0] != 1):
        raise RuntimeError(
            f"harbor.migrations: versions must start at 1 and be used once each: {versions}"
        )
    return tuple(found)


def _exists(conn: psycopg.Connection, schema: str, table: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", (f'"{schema}"."{table}"',)).fetchone()
    return row is not None and row[0] is not None


def migrate(conn: psycopg.Connection, schema: str) -> MigrationReport:
    """Apply the migrations `schema` lacks, in order, on `conn`'s open transaction.

    The caller holds the bootstrap's advisory lock and commits; a failure leaves the
    database as it was (Postgres DDL is transactional).
    """
    fresh = not _exists(conn, schema, MIGRATIONS_TABLE) and not _exists(conn, schema, "submissions")
    table = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(MIGRATIONS_TABLE))
    conn.execute(
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (version integer PRIMARY KEY, name varchar NOT NULL, "
            "applied_at timestamptz NOT NULL DEFAULT now())"
        ).format(table)
    )
    done = {row[0] for row in conn.execute(sql.SQL("SELECT version FROM {}").format(table))}
    known = {m.version for m in migrations()}
    unknown = sorted(done - known)
    if unknown:
        # a newer release migrated this database; ours are additive, so carry on
        log.warning(
            "schema %s has migrations this release does not know (%s): upgrade RedditHarbor",
            schema,
            ", ".join(map(str, unknown)),
        )
    quoted = sql.Identifier(schema).as_string(conn)
    applied: list[int] = []
    for migration in migrations():
        if migration.version in done:
            continue
        conn.execute(migration.text.replace("{schema}", quoted).encode("utf-8"))
        conn.execute(
            sql.SQL("INSERT INTO {} (version, name) VALUES (%s, %s)").format(table),
            (migration.version, migration.name),
        )
        applied.append(migration.version)
        if not fresh:
            log.info(
                "schema %s: applied migration %04d %s", schema, migration.version, migration.name
            )
    return MigrationReport(tuple(applied), fresh)
