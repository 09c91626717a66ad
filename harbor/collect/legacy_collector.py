"""The legacy (manual) path: re-read the whole window every run, filter, upsert with SQL.

It keeps no cursor: each run fetches the newest `listing_limit` posts (ten requests for
a busy subreddit) and merges every kept one. It is slower and costlier than the dlt path
on purpose, being the known-good path operators roll back to; the rows it writes are the
same, column for column, because both paths build them in `Extraction`.
"""

from __future__ import annotations

from collections.abc import Callable

from harbor.collect.extraction import Extraction
from harbor.collect.store import upsert_rows
from harbor.db import connect
from harbor.settings import Settings

__all__ = ["load_with_legacy"]


def load_with_legacy(
    settings: Settings, extraction: Extraction, *, dataset: str, guard: Callable[[], None]
) -> None:
    """Fetch every page, keep the problem-first posts, merge them on id."""
    rows = [
        extraction.passed(row)
        for page in extraction.pages()
        for row in page
        if extraction.keep(row)
    ]
    guard()
    with connect(settings.dsn) as conn:
        upsert_rows(conn, dataset, rows)
