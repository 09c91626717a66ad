"""The fleet benchmark: many subreddits on one Reddit client at 100 requests a minute.

"200 subreddits at a 3-minute cadence on one client at 100 requests a minute" puts the
pressure of 1,000 subreddits at 15 minutes on the quota and the CPU (1.5 calls per
subreddit per cycle, 1.1 collects a second). The sandbox enforces Reddit's limit per client
id (100 a minute, 429 past it); two of its subreddits post far faster than the listing cap
allows at a 3-minute cadence (600 a minute: 1,800 posts between two runs, the cap is 1,000);
the others vary around a quiet rate.

Two collect worker processes (two hosts, as far as the quota knows) and a beat run the dlt
route. After a warm-up that backfills every subreddit (its own generous limits, not
measured) and one cadence under the real limits, the sandbox counts afresh for MINUTES
minutes; then
posts stop arriving and the collectors get one cadence to catch up. The sandbox is the
judge: every post it created in the window against every post it ever listed (missed), and
how long after its creation each was first listed (freshness). Beside it, on a sandbox and
a Redis and a database of its own, the same load routed to legacy.

Run alone: `python -m bench fleet` (FLEET_MINUTES=8 by default). Not part of CI.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import redis
from psycopg import sql

from bench.environment import PG_SERVER, bench_environment, private_redis
from bench.figures import Figure
from harbor import db
from harbor.runtime.processes import Supervisor
from harbor.sandbox.process import RunningSandbox, start_sandbox
from harbor.settings import Settings
from harbor.settings.areas import default_dlt_dir

AREA = "fleet"
# FLEET_SUBREDDITS and FLEET_DRAIN (seconds) shrink the run for a quick look
SUBREDDITS = [f"fleet{i:03d}" for i in range(int(os.environ.get("FLEET_SUBREDDITS", "200")))]
BUSY = SUBREDDITS[:2]
BUSY_RATE = 600.0  # posts a minute
QUIET_RATE = 0.3  # posts a minute, spread log-normally
CADENCE = 180
TICK = 10
QPM = 90
# both sides on a Redis server of the benchmark's own (see bench.environment.private_redis)
DLT_REDIS_DB, LEGACY_REDIS_DB = 0, 1
CELERY = [sys.executable, "-m", "celery", "-A", "workers"]
WARMUP_TIMEOUT = 600.0


def _minutes() -> float:
    return float(os.environ.get("FLEET_MINUTES", "8"))


def _sandbox_args(seed: int) -> list[str]:
    return [
        "--seed", str(seed), "--subreddits", ",".join(SUBREDDITS), "--initial-posts", "1000",
        "--rate", str(QUIET_RATE), "--rate-spread", "1.0", "--busy", ",".join(BUSY),
        "--busy-rate", str(BUSY_RATE), "--ratelimit", "100", "--ratelimit-window", "60",
    ]  # fmt: skip


def _env(sandbox: RunningSandbox, **extra: str) -> dict[str, str]:
    return {
        "HARBOR_SUBREDDITS": ",".join(SUBREDDITS),
        "HARBOR_SANDBOX_REDDIT_PORT": str(sandbox.reddit_port),
        "HARBOR_SANDBOX_OPENAI_PORT": str(sandbox.openai_port),
        "HARBOR_COLLECT_EVERY_SECONDS": str(CADENCE),
        "HARBOR_COLLECT_MIN_SECONDS": "60",
        "HARBOR_DISPATCH_SECONDS": str(TICK),
        "HARBOR_REDDIT_QPM": str(QPM),
        "HARBOR_LOG_LEVEL": "WARNING",
        **extra,
    }


@contextmanager
def _legacy_side(
    sandbox: RunningSandbox, base: Mapping[str, str], server: str
) -> Iterator[dict[str, str]]:
    """The environment of the legacy side: its own database, Redis DB and dlt dir."""
    name = "harbor_bench_fleet_legacy"
    url = f"{server}/{LEGACY_REDIS_DB}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    redis.Redis.from_url(url).flushdb()
    with tempfile.TemporaryDirectory(prefix="harbor-bench-", dir=default_dlt_dir().parent) as tmp:
        env = {**base, **_env(sandbox), "DATABASE_URL": f"{PG_SERVER}/{name}", "REDIS_URL": url,
               "HARBOR_DLT_DIR": tmp}  # fmt: skip
        try:
            yield env
        finally:
            db.close_pools()
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            redis.Redis.from_url(url).flushdb()


def _start(sup: Supervisor, side: str, env: Mapping[str, str]) -> None:
    for i in range(2):
        name = f"{side}-collect{i}"
        sup.start(name, [*CELERY, "worker", "-Q", "collect", "-n", f"{name}@%h", "-c", "1",
                         "--without-gossip", "--without-mingle"], env)  # fmt: skip
    sup.start(f"{side}-beat", [*CELERY, "beat"], env)


def _query(settings: Settings, query: str, *args: Any) -> list[tuple[Any, ...]]:
    text = sql.SQL(query).format(runs=db.qualified(settings, "collection_runs"))
    with db.connect(settings.dsn) as conn:
        return conn.execute(text, args).fetchall()


def _collected(settings: Settings) -> int:
    rows = _query(
        settings, "SELECT count(DISTINCT lower(subreddit)) FROM {runs} WHERE status = 'ok'"
    )
    return int(rows[0][0])


def _runs(settings: Settings, since: float) -> tuple[int, int, int]:
    """(ok runs, failed runs, runs with a gap) started since `since`."""
    rows = _query(
        settings,
        "SELECT count(*) FILTER (WHERE status = 'ok'), count(*) FILTER (WHERE status = 'failed'), "
        "count(*) FILTER (WHERE gap) FROM {runs} WHERE started_at >= to_timestamp(%s)",
        since,
    )
    return int(rows[0][0]), int(rows[0][1]), int(rows[0][2])


def _cpu_seconds(sup: Supervisor, side: str) -> float:
    """CPU time of the side's collect workers: every process of their groups."""
    leaders = {c.pid for c in sup.children if c.name.startswith(f"{side}-collect") and c.alive()}
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) in leaders:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _wait(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(2)
    raise RuntimeError(f"{what}: not done after {timeout:.0f}s")


def _check_routes(dlt_side: Settings, legacy: Settings, since: float) -> None:
    for side, want in ((dlt_side, "dlt"), (legacy, "legacy")):
        rows = _query(side, "SELECT DISTINCT via FROM {runs} WHERE started_at >= to_timestamp(%s)",
                      since)  # fmt: skip
        if {r[0] for r in rows} != {want}:
            raise RuntimeError(f"the {want} side ran {sorted(r[0] for r in rows)}: not measured")


def _stop_arrivals(sandbox: RunningSandbox) -> None:
    sandbox.client.configure(rate=0, busy_rate=0)


def run() -> list[Figure]:
    """Run the fleet benchmark; see the module docstring."""
    minutes = _minutes()
    figures: list[Figure] = []
    with (
        tempfile.TemporaryDirectory(prefix="harbor-bench-fleet-") as tmp,
        private_redis() as server,
        start_sandbox(_sandbox_args(31)) as dlt_box,
        start_sandbox(_sandbox_args(31)) as legacy_box,
    ):
        log_dir = Path(tmp)
        # warm-up: every subreddit backfilled once, under limits of its own
        warm = _env(dlt_box, HARBOR_REDDIT_QPM="1000000")
        with bench_environment(
            "harbor_bench_fleet_dlt", DLT_REDIS_DB, redis_server=server, **warm
        ) as warm_settings:
            db.bootstrap(warm_settings)
            redis.Redis.from_url(warm_settings.redis_url.get()).hset("harbor:cutover", "dlt", 100)
            dlt_box.client.configure(ratelimit=10_000_000)
            sup = Supervisor(log_dir)
            try:
                _start(sup, "warm", dict(os.environ))
                _wait(lambda: _collected(warm_settings) >= len(SUBREDDITS), WARMUP_TIMEOUT,
                      "warm-up: every subreddit collected once")  # fmt: skip
            finally:
                sup.stop_all()
            dlt_box.client.configure(ratelimit=100)
            # the warm-up's requests count in the sandbox's current window: start in a new one
            time.sleep(60.5 - time.time() % 60)
            os.environ["HARBOR_REDDIT_QPM"] = str(QPM)
            settings = dataclasses.replace(warm_settings, reddit_qpm=QPM)
            base_env = dict(os.environ)
            with _legacy_side(legacy_box, base_env, server) as legacy_env:
                legacy = Settings.from_env(legacy_env)
                db.bootstrap(legacy)
                redis.Redis.from_url(legacy.redis_url.get()).set("harbor:cutover:rollback", "1")
                sup = Supervisor(log_dir)
                try:
                    _start(sup, "dlt", base_env)
                    _start(sup, "legacy", legacy_env)
                    # one cadence under the real limits before counting: the switch from the
                    # warm-up leaves some subreddits late, which is not the steady state
                    time.sleep(CADENCE)
                    for box in (dlt_box, legacy_box):
                        box.client.reset_coverage()
                        box.client.reset_stats()
                    started = time.time()
                    cpu0 = {side: _cpu_seconds(sup, side) for side in ("dlt", "legacy")}
                    time.sleep(minutes * 60)
                    measured = time.time()
                    cpu = {s: _cpu_seconds(sup, s) - cpu0[s] for s in ("dlt", "legacy")}
                    _check_routes(settings, legacy, started)
                    runs = {"dlt": _runs(settings, started), "legacy": _runs(legacy, started)}
                    for box in (dlt_box, legacy_box):
                        _stop_arrivals(box)
                    # a cadence to list what arrived last
                    time.sleep(float(os.environ.get("FLEET_DRAIN", CADENCE + 6 * TICK)))
                finally:
                    sup.stop_all()
                figures += _figures(minutes, measured - started, dlt_box, legacy_box, cpu, runs)
    return figures


def _figures(
    minutes: float,
    window: float,
    dlt_box: RunningSandbox,
    legacy_box: RunningSandbox,
    cpu: dict[str, float],
    runs: dict[str, tuple[int, int, int]],
) -> list[Figure]:
    label = (
        f"{len(SUBREDDITS)} subs, {CADENCE // 60} min cadence, 100 req/min, 2 workers, "
        f"{minutes:g} min"
    )
    out: list[Figure] = []
    seen: dict[str, dict[str, Any]] = {}
    for side, box in (("dlt", dlt_box), ("legacy", legacy_box)):
        stats = box.client.stats()["reddit"]
        cover = box.client.coverage()["total"]
        seen[side] = {"stats": stats, "cover": cover}
    d, leg = seen["dlt"], seen["legacy"]
    missed = int(d["cover"]["never_listed"])
    throttled = int(d["stats"]["by_status"].get("429", 0))
    requests = int(d["stats"]["by_endpoint"]["new"])
    ok, failed, gaps = runs["dlt"]
    p95 = float(d["cover"]["freshness_p95"])
    # every subreddit at its longest cadence, the busy ones every minute
    asked = (len(SUBREDDITS) - len(BUSY)) / CADENCE + len(BUSY) / 60
    out += [
        Figure(AREA, f"requests made ({label})", requests, "requests",
               f"<= {int(100 * (minutes + CADENCE / 60 + 1))}"),
        Figure(AREA, "429s from the sandbox", throttled, "requests", "0", throttled == 0),
        Figure(AREA, f"posts created in the window (busy: {len(BUSY)} at {BUSY_RATE:g}/min)",
               int(d["cover"]["created"]), "posts"),
        Figure(AREA, "posts missed (never listed), counted by the server", missed, "posts", "0",
               missed == 0),
        Figure(AREA, "freshness p50 (first listed - created)", float(d["cover"]["freshness_p50"]),
               "s"),
        Figure(AREA, "freshness p95", p95, "s", f"<= {CADENCE}", p95 <= CADENCE),
        Figure(AREA, "collects (ok / failed / with a gap)", ok, "runs", f"{failed} failed, "
               f"{gaps} gaps"),
        Figure(AREA, "collects per second (1,000 subs at 15 min: 1.1)", ok / window, "/s",
               f">= {0.95 * asked:.2f} (95% of {asked:.2f})", ok / window >= 0.95 * asked),
        Figure(AREA, "CPU per collect (worker processes)", cpu["dlt"] / max(ok, 1) * 1000, "ms"),
    ]  # fmt: skip
    lok, lfailed, _ = runs["legacy"]
    # how far behind: the cadence legacy achieved against the one asked for
    achieved = window / max(lok / len(SUBREDDITS), 1e-9)
    lmissed = int(leg["cover"]["never_listed"])
    out += [
        Figure(AREA, "legacy, same load: collects (ok)", lok, "runs", f"{lfailed} failed"),
        Figure(AREA, "legacy: cadence achieved / asked", achieved / CADENCE, "x", "(behind)"),
        Figure(AREA, "legacy: posts missed", lmissed, "posts"),
        Figure(AREA, "legacy: freshness p95", float(leg["cover"]["freshness_p95"]), "s"),
        Figure(AREA, "legacy: 429s", int(leg["stats"]["by_status"].get("429", 0)), "requests"),
        Figure(AREA, "legacy: CPU per collect", cpu["legacy"] / max(lok, 1) * 1000, "ms"),
    ]
    return out
