"""The SQL the collectors run against `submissions` themselves (dlt does the rest).

- `lookup_known`: which of these posts are stored, since when, and digests of their text;
- `upsert_rows`: the legacy path's load: columns added for new fields (the same types
  dlt would infer), rows copied into a temporary table and merged on id in one
  transaction, every column overwritten but `first_seen_at` (as dlt's upsert does).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from harbor.collect.extraction import Known
from harbor.columns import PG_TYPES, FieldType

__all__ = ["infer_type", "lookup_known", "table_columns", "upsert_rows"]

log = logging.getLogger(__name__)

# kept as they are on an update: when we first saw the post, and the set it belongs to
# (decided by harbor.duplicates, not sent by Reddit)
PRESERVED = ("id", "first_seen_at", "duplicate_of")


def _table(schema: str, table: str) -> sql.Composed:
    return sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table))


def lookup_known(conn: psycopg.Connection, schema: str, ids: list[str]) -> dict[str, Known]:
    """The stored posts among `ids`, with first_seen_at and md5 of title and selftext."""
    query = sql.SQL(
        "SELECT id, first_seen_at, md5(coalesce(title, '')), md5(coalesce(selftext, '')) "
        "FROM {} WHERE id = ANY(%s)"
    ).format(_table(schema, "submissions"))
    rows = conn.execute(query, (ids,)).fetchall()
    return {r[0]: Known(r[1], r[2], r[3]) for r in rows}


def table_columns(conn: psycopg.Connection, schema: str, table: str) -> dict[str, str]:
    """Column name -> Postgres type name of a table."""
    rows = conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = %s AND table_name = %s",
        (schema, table),
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def infer_type(value: Any) -> FieldType | None:
    """The column type dlt infers for a value of a field it has not seen before."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "bigint"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime):
        return "timestamp"
    if isinstance(value, dict | list):
        return "json"
    return None


_PG_TO_KIND = {
    "character varying": "text",
    "text": "text",
    "bigint": "bigint",
    "double precision": "double",
    "boolean": "bool",
    "timestamp with time zone": "timestamp",
    "jsonb": "json",
}


def _fits(kind: str | None, value: Any) -> bool:
    if value is None or kind is None:
        return True
    inferred = infer_type(value)
    if kind == "double" and inferred == "bigint":
        return True
    if kind == "text" and inferred in ("bigint", "double", "bool"):
        return True
    return inferred == kind


def _adapt(kind: str | None, value: Any) -> Any:
    if value is None:
        return None
    if not _fits(kind, value):
        # dlt's `discard_value` contract: a drifting type loses the value, not the row
        return None
    if kind == "json":
        return Jsonb(value, dumps=_dumps)
    if kind == "text" and not isinstance(value, str):
        return "true" if value is True else "false" if value is False else str(value)
    if kind == "double":
        return float(value)
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _add_columns(
    conn: psycopg.Connection, schema: str, rows: Iterable[dict[str, Any]], columns: dict[str, str]
) -> dict[str, str]:
    new: dict[str, FieldType] = {}
    for row in rows:
        for name, value in row.items():
            if name not in columns and name not in new:
                kind = infer_type(value)
                if kind is not None:
                    new[name] = kind
    for name, kind in new.items():
        conn.execute(
            sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
                _table(schema, "submissions"), sql.Identifier(name), sql.SQL(PG_TYPES[kind])
            )
        )
        log.info("submissions: new column %s (%s)", name, kind)
    if new:
        return table_columns(conn, schema, "submissions")
    return columns


def upsert_rows(conn: psycopg.Connection, schema: str, rows: list[dict[str, Any]]) -> None:
    """Merge `rows` into `schema.submissions` on id, in one transaction."""
    if not rows:
        return
    with conn.transaction():
        columns = table_columns(conn, schema, "submissions")
        columns = _add_columns(conn, schema, rows, columns)
        kinds = {name: _PG_TO_KIND.get(pg_type) for name, pg_type in columns.items()}
        names = [c for c in columns if not c.startswith("_dlt")]
        conn.execute(
            sql.SQL("CREATE TEMPORARY TABLE harbor_legacy_batch (LIKE {}) ON COMMIT DROP").format(
                _table(schema, "submissions")
            )
        )
        copy = sql.SQL("COPY harbor_legacy_batch ({}) FROM STDIN").format(
            sql.SQL(", ").join(map(sql.Identifier, names))
        )
        with conn.cursor() as cur, cur.copy(copy) as writer:
            for row in rows:
                writer.write_row([_adapt(kinds[name], row.get(name)) for name in names])
        updates: list[sql.Composable] = [
            sql.SQL("{} = EXCLUDED.{}").format(sql.Identifier(c), sql.Identifier(c))
            for c in names
            if c not in PRESERVED
        ]
        # the row now comes from the legacy path: dlt's bookkeeping no longer describes it
        updates += [sql.SQL("_dlt_load_id = NULL"), sql.SQL("_dlt_id = NULL")]
        column_list = sql.SQL(", ").join(map(sql.Identifier, names))
        conn.execute(
            sql.SQL(
                "INSERT INTO {} ({}) SELECT {} FROM harbor_legacy_batch "
                "ON CONFLICT (id) DO UPDATE SET {}"
            ).format(
                _table(schema, "submissions"), column_list, column_list, sql.SQL(", ").join(updates)
            )
        )
