"""What both collectors do to each page before loading: map, filter, and note what is new.

One `Extraction` per run. It turns pages of submission fields into rows, decides which
posts are kept (the problem detector, one batch per page, unless the filter is turned
off: then every post is kept and still gets its filter_score), stamps our own columns, and
looks up which kept posts are already stored (one query per page) to keep their
`first_seen_at` and to tell new and edited posts apart. The dlt collector feeds `pages()`
through dlt's incremental, then `keep` and `passed`; the legacy collector calls the same
three directly, which is why the two write identical rows.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from harbor.reddit.helpers import to_row
from harbor.reddit.listing import PageSource

if TYPE_CHECKING:
    from harbor.detector import ProblemDetector

__all__ = ["Extraction", "Known", "text_digest"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Known:
    """What is stored of a post already: when first seen and digests of its text."""

    first_seen_at: datetime
    title_md5: str
    selftext_md5: str


def text_digest(text: str | None) -> str:
    """md5 hex of the text as Postgres computes `md5(coalesce(text, ''))`."""
    return hashlib.md5((text or "").encode("utf-8"), usedforsecurity=False).hexdigest()


Lookup = Callable[[list[str]], dict[str, Known]]


class Extraction:
    """Map, filter and classify the posts of one run."""

    def __init__(
        self,
        source: PageSource,
        *,
        via: Literal["dlt", "legacy"],
        detector: ProblemDetector,
        lookup: Lookup,
        seen_at: datetime,
        apply_filter: bool = True,
    ) -> None:
        self.source = source
        self.via = via
        self.detector = detector
        self.apply_filter = apply_filter
        self.lookup = lookup
        self.seen_at = seen_at
        self.fetched = 0
        self.skipped: Counter[str] = Counter()
        self.nulled = 0
        self._seen: set[str] = set()
        self._keep: set[str] = set()
        self._new: set[str] = set()
        self._changed: set[str] = set()
        self.loaded: list[str] = []
        # the span of creation times of the posts listed (kept or not): the gap check
        # compares the oldest with what the previous run had seen, and the scheduler learns
        # the post rate from the newest page (the present rate, not a backlog's average)
        self.newest_created: datetime | None = None
        self.oldest_created: datetime | None = None
        self.dated = 0
        self.rate_sample: tuple[int, float] = (0, 0.0)  # posts, seconds they span
        self._source_pages: Iterator[list[dict[str, Any]]] | None = None
        self._first_page: list[list[dict[str, Any]]] = []
        self._first_error: list[Exception] = []
        self._prefetch: threading.Thread | None = None

    def prefetch(self) -> None:
        """Start reading the first page now, in the background.

        The first request is the one every run makes; overlapping it with the loader's
        set-up (dlt restores its state and schema from Postgres meanwhile) takes that
        set-up off the wall time of a typical small incremental run.
        """
        self._source_pages = iter(self.source.pages())

        def read_first() -> None:
            assert self._source_pages is not None
            try:
                page = next(self._source_pages, None)
            except Exception as exc:  # noqa: BLE001 - not swallowed: raised in the consumer
                self._first_error.append(exc)
                return
            if page is not None:
                self._first_page.append(page)

        self._prefetch = threading.Thread(target=read_first, name="prefetch-page", daemon=True)
        self._prefetch.start()

    def _raw_pages(self) -> Iterator[list[dict[str, Any]]]:
        if self._prefetch is None:
            yield from self.source.pages()
            return
        self._prefetch.join()
        if self._first_error:
            raise self._first_error[0]
        assert self._source_pages is not None
        yield from self._first_page
        yield from self._source_pages

    def _judge(self, rows: list[dict[str, Any]]) -> None:
        from harbor.detector import PostText

        verdicts = self.detector.judge([PostText.from_row(row) for row in rows])
        version = self.detector.model_version
        for row, verdict in zip(rows, verdicts, strict=True):
            row["matched_keywords"] = list(verdict.matched)
            row["filter_score"] = verdict.score
            row["filter_model"] = version
            if verdict.kept or not self.apply_filter:
                self._keep.add(row["id"])

    def _map_page(self, page: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for fields in page:
            mapped = to_row(fields)
            if mapped.row is None:
                self.skipped[mapped.skip_reason or "malformed"] += 1
                continue
            row = mapped.row
            if row["id"] in self._seen:
                continue  # a post can shift onto the next page while we page through
            self._seen.add(row["id"])
            self._note_created(row.get("created_utc"))
            if mapped.nulled:
                self.nulled += 1
                log.debug("post %s: invalid values dropped for %s", row["id"], mapped.nulled)
            row["collected_via"] = self.via
            row["last_seen_at"] = self.seen_at
            rows.append(row)
        self._judge(rows)
        kept_ids = [row["id"] for row in rows if row["id"] in self._keep]
        known = self.lookup(kept_ids) if kept_ids else {}
        for row in rows:
            stored = known.get(row["id"])
            row["first_seen_at"] = stored.first_seen_at if stored else self.seen_at
            if row["id"] not in self._keep:
                continue
            if stored is None:
                self._new.add(row["id"])
            elif (stored.title_md5, stored.selftext_md5) != (
                text_digest(row.get("title")),
                text_digest(row.get("selftext")),
            ):
                self._changed.add(row["id"])
        return rows

    def _note_created(self, created: object) -> None:
        if not isinstance(created, datetime):
            return
        self.dated += 1
        if self.newest_created is None or created > self.newest_created:
            self.newest_created = created
        if self.oldest_created is None or created < self.oldest_created:
            self.oldest_created = created

    def pages(self) -> Iterator[list[dict[str, Any]]]:
        """Mapped rows, page by page; rows not kept are included (see `keep`)."""
        first = True
        for page in self._raw_pages():
            self.fetched += len(page)
            rows = self._map_page(page)
            if first and self.newest_created and self.oldest_created:
                span = (self.newest_created - self.oldest_created).total_seconds()
                self.rate_sample = (self.dated, span)
            first = False
            yield rows

    def keep(self, row: dict[str, Any]) -> bool:
        """Whether this row is to be stored."""
        return bool(row["id"] in self._keep)

    def passed(self, row: dict[str, Any]) -> dict[str, Any]:
        """Note a row that goes to the destination (after the cursor and the filter)."""
        self.loaded.append(row["id"])
        return row

    @property
    def malformed(self) -> int:
        return sum(self.skipped.values()) + self.nulled

    @property
    def new_ids(self) -> list[str]:
        return [i for i in self.loaded if i in self._new]

    @property
    def changed_ids(self) -> list[str]:
        return [i for i in self.loaded if i in self._changed]

    @property
    def to_score(self) -> list[str]:
        """Loaded posts that are new or whose title or selftext changed."""
        return [i for i in self.loaded if i in self._new or i in self._changed]
