"""One collection of one subreddit: lock, fetch, filter, load, record.

`run_collection` is what `harbor collect` and the Celery collect task call. It never
raises for a failed collection: the run is recorded as failed with its error and the
caller decides what to do (the next tick retries). Bad input (a subreddit name that
breaks the rule) is the exception: it raises ConfigError.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from harbor.collect.extraction import Extraction, Known
from harbor.collect.runs import CollectResult, record_run
from harbor.collect.store import lookup_known
from harbor.db import bootstrap, connection
from harbor.errors import ConfigError, HarborError, LockBusy
from harbor.locks import HeartbeatLock
from harbor.reddit.client import reddit_client, request_counts
from harbor.reddit.listing import PageSource, SubredditListing
from harbor.redis_conn import collect_lock, redis_client
from harbor.settings import Settings, validate_subreddit

if TYPE_CHECKING:
    from harbor.detector import ProblemDetector

__all__ = ["CollectResult", "collect_into", "detector_for", "new_extraction", "run_collection"]

log = logging.getLogger(__name__)

Via = Literal["dlt", "legacy"]
LOCK_TTL_SECONDS = 30.0


def detector_for(settings: Settings) -> ProblemDetector:
    """The problem detector in effect (model, threshold, lexicon), loaded once per process."""
    from harbor.detector import load_detector

    return load_detector(settings)


def new_extraction(
    settings: Settings,
    source: PageSource,
    via: Via,
    *,
    dataset: str,
    apply_filter: bool,
    seen_at: datetime,
) -> Extraction:
    """An Extraction over `source` that looks stored posts up in `dataset`."""

    def lookup(ids: list[str]) -> dict[str, Known]:
        with connection(settings) as conn:
            return lookup_known(conn, dataset, ids)

    return Extraction(
        source,
        via=via,
        detector=detector_for(settings),
        lookup=lookup,
        seen_at=seen_at,
        apply_filter=apply_filter,
    )


def collect_into(
    settings: Settings,
    subreddit: str,
    extraction: Extraction,
    *,
    dataset: str,
    guard: Callable[[], None] = lambda: None,
) -> None:
    """Run the extraction's collector into `dataset`; raises on failure."""
    if extraction.via == "dlt":
        # imported here: dlt takes a second or two to import, and only this path needs it
        from harbor.collect.dlt_collector import load_with_dlt

        load_with_dlt(settings, subreddit, extraction, dataset=dataset, guard=guard)
    else:
        from harbor.collect.legacy_collector import load_with_legacy

        load_with_legacy(settings, extraction, dataset=dataset, guard=guard)


def run_collection(
    settings: Settings,
    subreddit: str,
    via: Via,
    *,
    apply_filter: bool = True,
    started: datetime | None = None,
) -> CollectResult:
    """Collect one subreddit now with the given collector, and record the run.

    `started` is when the caller began the run (when it chose `via`); now by default.
    """
    validate_subreddit(subreddit)
    if via not in ("dlt", "legacy"):
        raise ConfigError(f"via: {via!r} is not 'dlt' or 'legacy'")
    run_id = str(uuid.uuid4())
    started = started or datetime.now(UTC)
    owner = f"{socket.gethostname()}:{os.getpid()}:{run_id[:8]}"
    lock = HeartbeatLock(
        redis_client(settings), collect_lock(subreddit), ttl=LOCK_TTL_SECONDS, owner=owner
    )
    if not lock.acquire():
        result = CollectResult(
            run_id, subreddit, via, "skipped", started, datetime.now(UTC),
            error=f"another run of r/{subreddit} holds the lock",
        )  # fmt: skip
        record_run(settings, result)
        log.info("r/%s: skipped, another run holds the lock", subreddit)
        return result

    def guard() -> None:
        if lock.lost:
            raise LockBusy(f"lost the lock of r/{subreddit} before loading")

    reddit = reddit_client(settings)
    before = request_counts(reddit)
    extraction: Extraction | None = None
    error: str | None = None
    try:
        bootstrap(settings)
        extraction = new_extraction(
            settings,
            SubredditListing(reddit, subreddit, settings.listing_limit),
            via,
            dataset=settings.dataset,
            apply_filter=apply_filter,
            seen_at=started,
        )
        collect_into(settings, subreddit, extraction, dataset=settings.dataset, guard=guard)
    except HarborError as exc:
        error = str(exc)
    # anything else is a bug or a library failure: recorded as a failed run, logged in full
    except Exception as exc:
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        log.exception("r/%s via %s failed unexpectedly", subreddit, via)
    finally:
        lock.release()
    api_calls = (request_counts(reddit) - before)["listing"]
    result = _result(run_id, subreddit, via, started, api_calls, extraction, error)
    record_run(settings, result)
    _log(result)
    return result


def _result(
    run_id: str,
    subreddit: str,
    via: Via,
    started: datetime,
    api_calls: int,
    extraction: Extraction | None,
    error: str | None,
) -> CollectResult:
    finished = datetime.now(UTC)
    if extraction is None or error is not None:
        # fetched counts what was read before the failure
        return CollectResult(
            run_id, subreddit, via, "failed", started, finished, api_calls=api_calls,
            fetched=extraction.fetched if extraction else 0, error=error or "failed",
        )  # fmt: skip
    return CollectResult(
        run_id=run_id,
        subreddit=subreddit,
        via=via,
        status="ok",
        started_at=started,
        finished_at=finished,
        api_calls=api_calls,
        fetched=extraction.fetched,
        kept=len(extraction.loaded),
        new=len(extraction.new_ids),
        changed=len(extraction.changed_ids),
        malformed=extraction.malformed,
        to_score=extraction.to_score,
        skip_reasons=dict(extraction.skipped),
    )


def _log(result: CollectResult) -> None:
    if result.status == "failed":
        log.warning("r/%s via %s failed: %s", result.subreddit, result.via, result.error)
        return
    log.info(
        "r/%s via %s: %d calls, %d fetched, %d kept, %d new, %d changed, %d malformed in %.2fs",
        result.subreddit, result.via, result.api_calls, result.fetched, result.kept,
        result.new, result.changed, result.malformed, result.duration_s,
    )  # fmt: skip
    if result.skip_reasons:
        log.warning("r/%s: posts skipped: %s", result.subreddit, result.skip_reasons)
