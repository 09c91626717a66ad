"""The dlt source for Reddit submissions: `/r/<sub>/new`, incremental on created_utc.

The listing is newest first and the incremental declares it (`row_order="desc"`), so dlt
closes the generator at the first post older than the stored cursor: an idle run makes
one listing request, a run with k new posts about k/100 + 1. `lag` re-reads a look-back
window so that engagement and edits of recent posts are refreshed; merging on `id`
keeps one row per post whatever the window re-reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import dlt
from dlt.common.schema.typing import TColumnSchema
from dlt.common.schema.utils import new_table
from dlt.extract.resource import DltResource

from harbor.columns import COLUMN_TYPES

__all__ = ["COLUMN_HINTS", "reddit_source", "submissions"]

COLUMN_HINTS: dict[str, TColumnSchema] = {
    name: {"name": name, "data_type": kind, "nullable": name != "id"}
    for name, kind in COLUMN_TYPES.items()
}
COLUMN_HINTS["id"]["primary_key"] = True


@dlt.resource(
    name="submissions",
    write_disposition={"disposition": "merge", "strategy": "upsert"},
    primary_key="id",
)
def submissions(
    pages: Iterable[list[dict[str, Any]]],
    created_utc: dlt.sources.incremental[datetime] = dlt.sources.incremental(
        "created_utc", row_order="desc"
    ),
) -> Iterator[list[dict[str, Any]]]:
    """Rows of one subreddit's submissions, page by page, newest first."""
    yield from pages


@dlt.source(
    name="reddit",
    # nested objects and lists stay JSON columns, never child tables
    max_table_nesting=0,
    # a drifting type on a field we do not know yet loses that value, not the row, and
    # never spawns a variant column
    schema_contract={"tables": "evolve", "columns": "evolve", "data_type": "discard_value"},
)
def reddit_source(
    pages: Iterable[list[dict[str, Any]]], lookback_seconds: float = 0
) -> DltResource:
    """The Reddit source over `pages`, re-reading `lookback_seconds` before the cursor."""
    schema = dlt.current.source_schema()
    # the column types live in the schema, not in resource hints: the schema is restored
    # from Postgres every run, and dlt re-validates (and dumps) resource hints on every
    # extract, which costs more than the small loads it does
    table = schema.tables.get("submissions")
    missing = [c for name, c in COLUMN_HINTS.items() if not table or name not in table["columns"]]
    if missing:
        schema.update_table(new_table("submissions", columns=missing))
    # a text field that looks like a date stays text, as the legacy path stores it
    schema.remove_type_detection("iso_timestamp")
    return submissions(
        pages,
        created_utc=dlt.sources.incremental(
            "created_utc", row_order="desc", lag=float(lookback_seconds) or None
        ),
    )
