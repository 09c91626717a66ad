"""One collection of one subreddit: lock, fetch, filter, load, record.

`run_collection` is what `harbor collect` and the Celery collect task call. It never
raises for a failed collection: the run is recorded as failed with its error and the
caller decides what to do (the next tick retries). Two exceptions: bad input (a subreddit
name that breaks the rule) raises ConfigError; and RedditBusy, raised when the shared
Reddit budget cannot grant the run's first request within `defer_after`, before anything
was done (no run recorded), so that a task can come back later instead of waiting.

A run waits for Reddit (budget, 429s, retries) only until `REDDIT_DEADLINE_S` after it
started, well inside the collect task's time limit, so it never holds its subreddit's lock
past the time it was given. What the run saw feeds the registry: the post rate and the
cadence planned from it, a possible gap, or Reddit's refusal of the subreddit.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from harbor import cadence, registry
from harbor.collect.extraction import Extraction, Known
from harbor.collect.runs import CollectResult, record_run
from harbor.collect.store import lookup_known
from harbor.db import bootstrap, connection
from harbor.errors import (
    ConfigError,
    DatabaseUnavailable,
    HarborError,
    LockBusy,
    RedditBusy,
    SubredditUnavailable,
)
from harbor.locks import HeartbeatLock
from harbor.reddit.client import reddit_client, request_counts
from harbor.reddit.listing import PageSource, SubredditListing
from harbor.redis_conn import collect_lock, redis_client
from harbor.settings import Settings, validate_subreddit

if TYPE_CHECKING:
    from harbor.detector import ProblemDetector

__all__ = [
    "REDDIT_DEADLINE_S",
    "CollectResult",
    "collect_into",
    "detector_for",
    "new_extraction",
    "run_collection",
]

log = logging.getLogger(__name__)

Via = Literal["dlt", "legacy"]
LOCK_TTL_SECONDS = 30.0
# the longest a run waits on Reddit in all (budget, Retry-After, backoff): well inside the
# collect task's soft time limit (harbor.runtime.queues), with time left to load
REDDIT_DEADLINE_S = 240.0


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
    lookback_seconds: float | None = None,
) -> None:
    """Run the extraction's collector into `dataset`; raises on failure.

    `lookback_seconds`: what the dlt path re-reads before its cursor (default: the setting).
    """
    if extraction.via == "dlt":
        # imported here: dlt takes a second or two to import, and only this path needs it
        from harbor.collect.dlt_collector import load_with_dlt

        load_with_dlt(
            settings,
            subreddit,
            extraction,
            dataset=dataset,
            guard=guard,
            lookback_seconds=lookback_seconds,
        )
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
    defer_after: float | None = None,
) -> CollectResult:
    """Collect one subreddit now with the given collector, and record the run.

    `started` is when the caller began the run (when it chose `via`); now by default.
    `defer_after`: raise RedditBusy rather than wait longer for the first request.
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
    listing: SubredditListing | None = None
    error: str | None = None
    refused: SubredditUnavailable | None = None
    try:
        bootstrap(settings)
        listing = SubredditListing(
            reddit,
            subreddit,
            settings.listing_limit,
            deadline=time.monotonic() + REDDIT_DEADLINE_S,
            defer_after=defer_after,
        )
        extraction = new_extraction(
            settings,
            listing,
            via,
            dataset=settings.dataset,
            apply_filter=apply_filter,
            seen_at=started,
        )
        lookback = cadence.lookback_for(
            registry.posts_per_hour(settings, subreddit), settings.lookback_seconds
        )
        collect_into(
            settings,
            subreddit,
            extraction,
            dataset=settings.dataset,
            guard=guard,
            lookback_seconds=lookback,
        )
    except RedditBusy as exc:
        if listing is not None and listing.requests > 1:
            error = str(exc)  # pages were read: the run failed, it is not deferred
        else:
            log.info("r/%s: deferred, %s", subreddit, exc)
            raise
    except SubredditUnavailable as exc:
        error, refused = str(exc), exc
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
    result = _learn(settings, result, extraction, listing, refused)
    record_run(settings, result)
    _log(result)
    return result


def _learn(
    settings: Settings,
    result: CollectResult,
    extraction: Extraction | None,
    listing: SubredditListing | None,
    refused: SubredditUnavailable | None,
) -> CollectResult:
    """Feed the registry what the run saw; the result, with its gap noted."""
    try:
        if refused is not None:
            until = registry.mark_unavailable(
                settings, result.subreddit, refused.status, refused.reason
            )
            log.warning("r/%s: refused by Reddit; left alone until %s", result.subreddit, until)
            return result
        if result.status != "ok" or extraction is None or listing is None:
            return result
        posts, span = extraction.rate_sample
        learned = registry.learn_from_run(
            settings,
            result.subreddit,
            started=result.started_at,
            observation=cadence.Observation(posts, span),
            newest_listed=extraction.newest_created,
            oldest_listed=extraction.oldest_created,
            exhausted=listing.exhausted,
        )
    except DatabaseUnavailable as exc:
        log.error("r/%s: schedule not updated: %s", result.subreddit, exc)
        return result
    if learned.gap:
        log.warning(
            "r/%s: the listing reached its end before the posts seen last time: posts may "
            "be missing; cadence now %.0fs",
            result.subreddit,
            learned.cadence_s,
        )
        return dataclasses.replace(result, gap=True)
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
