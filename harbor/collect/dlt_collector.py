"""The dlt path: the Reddit source, incremental on created_utc, merged on id into Postgres.

Each run gets a fresh pipeline working directory, so everything dlt knows (cursor,
schema) is restored from the destination: a worker on any host continues where any
other stopped, and a run that failed leaves nothing behind that a later run could load
by mistake. dlt restores only state whose load completed (`_dlt_loads.status = 0`), so
the cursor never passes a post that was not loaded.

Two runs must not share dlt's merge staging tables (a load truncates them when it
starts), so each run borrows one of a few staging slots (`<dataset>_staging_<n>`)
through a Redis lock. A schema change (a new field from Reddit) is applied under a
Postgres advisory lock, so two runs never race on the same ALTER TABLE.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

import dlt
import psycopg
from dlt.common.destination import Destination, DestinationCapabilitiesContext
from dlt.common.normalizers.naming import NamingConvention
from dlt.destinations import postgres
from dlt.pipeline.exceptions import PipelineStepFailed
from psycopg import sql

from harbor.collect import dlt_tuning
from harbor.collect.extraction import Extraction
from harbor.db import connect
from harbor.errors import DatabaseUnavailable, HarborError, LockBusy
from harbor.locks import HeartbeatLock
from harbor.reddit import reddit_source
from harbor.redis_conn import redis_client
from harbor.settings import Settings

__all__ = ["STAGING_SLOTS", "load_with_dlt", "pipeline_name"]

log = logging.getLogger(__name__)
dlt_tuning.apply()

STAGING_SLOTS = 16
SLOT_WAIT_SECONDS = 120.0


def pipeline_name(subreddit: str) -> str:
    """One dlt pipeline (and so one cursor) per subreddit."""
    return f"harbor_{subreddit.lower()}"


def dlt_credentials(dsn: str) -> str:
    """The DSN with a password field, which dlt requires even where Postgres trusts us."""
    parts = psycopg.conninfo.conninfo_to_dict(dsn)
    if not parts.get("password"):
        parts["password"] = os.environ.get("PGPASSWORD", "unused")
    user = parts.get("user") or "postgres"
    host = parts.get("host") or "127.0.0.1"
    port = parts.get("port") or 5432
    from urllib.parse import quote

    return (
        f"postgresql://{quote(str(user), safe='')}:{quote(str(parts['password']), safe='')}"
        f"@{host}:{port}/{parts.get('dbname')}"
    )


@contextlib.contextmanager
def _staging_slot(settings: Settings, dataset: str, owner: str) -> Iterator[int]:
    client = redis_client(settings)
    deadline = time.monotonic() + SLOT_WAIT_SECONDS
    while True:
        for slot in range(STAGING_SLOTS):
            lock = HeartbeatLock(client, f"harbor:lock:staging:{dataset}:{slot}", owner=owner)
            if lock.acquire():
                try:
                    yield slot
                finally:
                    lock.release()
                return
        if time.monotonic() > deadline:
            raise LockBusy(f"no free dlt staging slot in {dataset} after {SLOT_WAIT_SECONDS}s")
        time.sleep(0.2)


_destinations: dict[tuple[str, int], Destination[Any, Any]] = {}


def _destination(settings: Settings, slot: int) -> Destination[Any, Any]:
    """The Postgres destination of one staging slot, made once per process.

    dlt asks a destination for its capabilities a few dozen times per run, and each time
    resolves a partial configuration from every config provider: a quarter of a small
    run's CPU. The answer depends only on the destination's arguments and the naming
    convention, so each is computed once here and copied on later calls.
    """
    key = (settings.dsn, slot)
    destination = _destinations.get(key)
    if destination is None:
        destination = postgres(
            credentials=dlt_credentials(settings.dsn),
            staging_dataset_name_layout=f"%s_staging_{slot}",
        )
        raw = destination.capabilities
        cache: dict[tuple[type, int | None, bool], DestinationCapabilitiesContext] = {}

        def capabilities(
            config: Any = None, naming: NamingConvention | None = None
        ) -> DestinationCapabilitiesContext:
            if config is not None:
                return raw(config, naming)
            naming_key = (
                type(naming),
                naming.max_length if naming else None,
                naming.is_case_sensitive if naming else False,
            )
            caps = cache.get(naming_key)
            if caps is None:
                caps = cache[naming_key] = raw(None, naming)
            return copy.copy(caps)

        destination.capabilities = capabilities  # type: ignore[method-assign]
        _destinations[key] = destination
    return destination


def _schema_is_stored(conn: psycopg.Connection, dataset: str, version_hash: str) -> bool:
    query = sql.SQL("SELECT 1 FROM {}.{} WHERE version_hash = %s LIMIT 1").format(
        sql.Identifier(dataset), sql.Identifier("_dlt_version")
    )
    try:
        with conn.transaction():
            return conn.execute(query, (version_hash,)).fetchone() is not None
    except psycopg.errors.UndefinedTable:
        return False


def load_with_dlt(
    settings: Settings,
    subreddit: str,
    extraction: Extraction,
    *,
    dataset: str,
    guard: Callable[[], None],
    lookback_seconds: float | None = None,
) -> None:
    """Run one incremental load of `extraction` into `dataset.submissions`.

    `lookback_seconds`: what is re-read before the cursor (default: HARBOR_LOOKBACK_SECONDS).
    """
    lookback = settings.lookback_seconds if lookback_seconds is None else lookback_seconds
    owner = f"{socket.gethostname()}:{os.getpid()}"
    settings.dlt_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="run-", dir=settings.dlt_dir))
    extraction.prefetch()
    try:
        with _staging_slot(settings, dataset, owner) as slot:
            pipeline = dlt.pipeline(
                pipeline_name=pipeline_name(subreddit),
                pipelines_dir=str(workdir),
                destination=_destination(settings, slot),
                dataset_name=dataset,
            )
            # a fresh working dir: this restores the cursor and schema from Postgres
            pipeline.sync_destination()
            source = reddit_source(extraction.pages(), lookback_seconds=lookback)
            # placed after the cursor step explicitly (dlt keeps its incremental last by
            # default): the cursor must see every post, kept or not, to stop paging at the
            # first old one; only then drop what the filter rejects and note what is loaded
            resource = source.resources["submissions"]
            resource.add_filter(extraction.keep, insert_at=len(resource._pipe))
            resource.add_map(extraction.passed, insert_at=len(resource._pipe))
            pipeline.extract(source)
            pipeline.normalize()
            guard()
            _load(settings, pipeline, dataset)
    except HarborError:
        raise
    except Exception as exc:
        raise _unwrap(exc) from exc
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _load(settings: Settings, pipeline: dlt.Pipeline, dataset: str) -> None:
    version_hash = pipeline.default_schema.version_hash
    with connect(settings.dsn) as conn:
        if _schema_is_stored(conn, dataset, version_hash):
            pipeline.load()
            return
        # a new schema version: migrate one run at a time (released if we die)
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (f"harbor-dlt-schema:{dataset}",))
        try:
            pipeline.load()
        finally:
            conn.execute(
                "SELECT pg_advisory_unlock(hashtext(%s))", (f"harbor-dlt-schema:{dataset}",)
            )


def _unwrap(exc: Exception) -> Exception:
    """The cause dlt wrapped, as one of our errors when we know it."""
    step = exc.step if isinstance(exc, PipelineStepFailed) else "sync"
    cause: BaseException | None = exc
    seen: set[int] = set()
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, HarborError):
            return cause
        # dlt talks to Postgres through psycopg2, we through psycopg 3: match both
        if type(cause).__name__ in _CONNECTION_ERRORS:
            first = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
            return DatabaseUnavailable(f"Postgres unavailable during the dlt {step}: {first}")
        cause = cause.__cause__ or cause.__context__
    return exc


_CONNECTION_ERRORS = frozenset(
    {"OperationalError", "InterfaceError", "DatabaseTransientException", "AdminShutdown"}
)
