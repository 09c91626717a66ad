"""Runtime benchmarks: real Celery processes, the real Redis and Postgres, the sandbox.

- rollback latency: from `redis-cli SET harbor:cutover:rollback 1` to the start of the
  first collection that goes legacy, with a 5 s dispatch tick (several flips);
- score throughput through Celery: 2000 posts, sandbox LLM latency 200 ms, one score
  worker process, then two;
- dispatch cost: one tick over 500 subreddits, the decision alone and with the 500
  collect messages sent to the broker.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from psycopg import sql

from bench.environment import bench_environment
from bench.figures import Figure
from harbor.db import bootstrap, connect, qualified
from harbor.runtime.processes import Supervisor
from harbor.sandbox.process import start_sandbox
from harbor.settings import SANDBOX_OPENAI_KEY, Settings

AREA = "runtime"
DB_NAME = "harbor_bench_runtime"
REDIS_DB = 8
CELERY = [sys.executable, "-m", "celery", "-A", "workers"]
TICK = 5.0
FLIPS = 3
POSTS = 2000
LATENCY = 0.2
SCORE_THREADS = 48
SCORE_SUBS = ("Entrepreneur", "SaaS", "smallbusiness", "freelance")
ROLLBACK_SUBS = ("Entrepreneur", "SaaS", "smallbusiness", "startups", "freelance", "webdev")
_COLUMNS = ("id", "subreddit", "title", "selftext", "score", "num_comments", "permalink",
            "url", "created_utc")  # fmt: skip


def _redis_cli(*args: str) -> None:
    subprocess.run(["redis-cli", "-n", str(REDIS_DB), *args], check=True, capture_output=True)


def _wait(check: Any, timeout: float, what: str, interval: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise RuntimeError(f"{what}: not done after {timeout:.0f}s")


def _worker(sup: Supervisor, name: str, queue: str) -> None:
    pool = ["-P", "threads", "-c", str(SCORE_THREADS)] if queue == "score" else ["-c", "2"]
    sup.start(name, [*CELERY, "worker", "-Q", queue, "-n", f"{name}@%h", *pool,
                     "--without-gossip", "--without-mingle"], os.environ)  # fmt: skip


# --- rollback latency ---------------------------------------------------------------------


def _first_run_after(settings: Settings, via: str, since: datetime) -> datetime | None:
    query = sql.SQL("SELECT min(started_at) FROM {} WHERE via = %s AND started_at >= %s").format(
        qualified(settings, "collection_runs")
    )
    with connect(settings.dsn) as conn:
        row = conn.execute(query, (via, since)).fetchone()
    return row[0] if row else None


def _runs_between(settings: Settings, via: str, start: datetime, end: datetime) -> int:
    query = sql.SQL(
        "SELECT count(*) FROM {} WHERE via = %s AND started_at >= %s AND started_at < %s"
    ).format(qualified(settings, "collection_runs"))
    with connect(settings.dsn) as conn:
        row = conn.execute(query, (via, start, end)).fetchone()
    return int(row[0]) if row else 0


def _rollback_latencies(settings: Settings, log_dir: Path) -> tuple[list[float], int]:
    """Seconds from each flip to the first legacy run, and dlt runs started while rolled back."""
    sup = Supervisor(log_dir)
    try:
        _worker(sup, "collect", "collect")
        _worker(sup, "score", "score")
        sup.start("beat", [*CELERY, "beat"], os.environ)
        _redis_cli("HSET", "harbor:cutover", "dlt", "100")
        start = datetime.now(UTC)
        _wait(lambda: _first_run_after(settings, "dlt", start), 120, "a first dlt run", 0.5)
        latencies = []
        leaked = 0
        for _ in range(FLIPS):
            # latency counts from before the command; a leak is a dlt run that started
            # (read its route) after the command returned, when the flag was surely set
            flipped = datetime.now(UTC)
            _redis_cli("SET", "harbor:cutover:rollback", "1")
            written = datetime.now(UTC)
            first = _wait(lambda f=flipped: _first_run_after(settings, "legacy", f), 60, "legacy")
            latencies.append((first - flipped).total_seconds())
            time.sleep(TICK)  # a full tick rolled back: every run in it must be legacy
            resumed = datetime.now(UTC)
            _redis_cli("DEL", "harbor:cutover:rollback")
            leaked += _runs_between(settings, "dlt", written, resumed)
            _wait(lambda r=resumed: _first_run_after(settings, "dlt", r), 60, "dlt again")
        return latencies, leaked
    finally:
        sup.stop_all()


# --- score throughput ---------------------------------------------------------------------


def _insert_posts(settings: Settings, client: Any) -> list[str]:
    rows: list[list[Any]] = []
    for subreddit in SCORE_SUBS:
        for post in client.posts(subreddit):
            created = post.get("created_utc")
            post["created_utc"] = (
                datetime.fromtimestamp(created, UTC) if isinstance(created, int | float) else None
            )
            rows.append([post.get(c) for c in _COLUMNS])
    rows = rows[:POSTS]
    if len(rows) < POSTS:
        raise RuntimeError(f"the sandbox served {len(rows)} posts, {POSTS} are needed")
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        qualified(settings, "submissions"),
        sql.SQL(", ").join(sql.Identifier(c) for c in _COLUMNS),
        sql.SQL(", ").join(sql.Placeholder() for _ in _COLUMNS),
    )
    tables = [qualified(settings, t) for t in ("submissions", "opportunity_scores")]
    with connect(settings.dsn) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("TRUNCATE {}").format(sql.SQL(", ").join(tables)))
        cur.executemany(query, rows)
    return [str(r[0]) for r in rows]


def _scored(settings: Settings) -> int:
    query = sql.SQL("SELECT count(*) FROM {} WHERE status = 'scored'").format(
        qualified(settings, "opportunity_scores")
    )
    with connect(settings.dsn) as conn:
        row = conn.execute(query).fetchone()
    return int(row[0]) if row else 0


def _score_span(settings: Settings) -> float:
    query = sql.SQL("SELECT extract(epoch FROM max(scored_at) - min(scored_at)) FROM {}").format(
        qualified(settings, "opportunity_scores")
    )
    with connect(settings.dsn) as conn:
        row = conn.execute(query).fetchone()
    return float(row[0]) if row and row[0] else 0.0


def _score_rate(settings: Settings, ids: list[str], workers: int, log_dir: Path) -> float:
    """Posts per second the workers score: first to last score of a queue of len(ids).

    The queue is filled before the workers start, so the figure is the workers' own rate,
    not the producer's (a collect task enqueues its posts as it finds them).
    """
    from harbor.runtime.scoring import plan_scores
    from workers.tasks import app, score

    if app.conf.broker_url != settings.redis_url.get():
        raise RuntimeError("workers was imported before the bench environment was set")
    with connect(settings.dsn) as conn:
        conn.execute(sql.SQL("TRUNCATE {}").format(qualified(settings, "opportunity_scores")))
    with app.producer_or_acquire() as producer:
        for post_id in plan_scores(settings, ids):
            score.apply_async((post_id,), producer=producer)
    sup = Supervisor(log_dir)
    try:
        for i in range(workers):
            _worker(sup, f"score{i}", "score")
        _wait(lambda: _scored(settings) >= len(ids), 600, "all posts scored", 0.5)
        return (len(ids) - 1) / max(_score_span(settings), 1e-3)
    finally:
        sup.stop_all()


# --- dispatch cost ------------------------------------------------------------------------


def _dispatch_costs(settings: Settings, count: int) -> tuple[float, float, float, float]:
    """One tick over `count` registered subreddits: (all due, none due, all due + sending
    their collect messages, all due at the default quota + sending what it lets through),
    medians of a few ticks, in seconds."""
    from harbor.registry import add_subreddits
    from harbor.runtime.dispatch import dispatch
    from workers.tasks import app, collect

    # the quota is not what is measured here: room for every subreddit in one tick
    many = dataclasses.replace(settings, reddit_qpm=10_000_000)
    names = [f"bench{i:04d}" for i in range(count)]
    add_subreddits(many, names)
    reset = sql.SQL("UPDATE {} SET next_due_at = NULL").format(qualified(many, "subreddits"))

    def all_due() -> None:
        _redis_cli("FLUSHDB")
        with connect(many.dsn) as conn:
            conn.execute(reset)

    decide, idle, full = [], [], []
    for _ in range(5):
        all_due()
        t0 = time.perf_counter()
        planned = dispatch(many, time.time())
        decide.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assert dispatch(many, time.time()) == []
        idle.append(time.perf_counter() - t0)
        all_due()
        t0 = time.perf_counter()
        planned = dispatch(many, time.time())
        with app.producer_or_acquire() as producer:
            for item in planned:
                collect.apply_async((item.subreddit, item.via, item.token), producer=producer)
        full.append(time.perf_counter() - t0)
        assert len(planned) >= count
    quota = dataclasses.replace(settings, reddit_qpm=90, dispatch_seconds=15.0)
    paced = []
    for _ in range(5):
        all_due()
        t0 = time.perf_counter()
        planned = dispatch(quota, time.time())
        with app.producer_or_acquire() as producer:
            for item in planned:
                collect.apply_async((item.subreddit, item.via, item.token), producer=producer)
        paced.append(time.perf_counter() - t0)
        assert 0 < len(planned) < count
    _redis_cli("FLUSHDB")
    with connect(many.dsn) as conn:
        conn.execute(sql.SQL("DELETE FROM {}").format(qualified(many, "subreddits")))
    return (
        statistics.median(decide),
        statistics.median(idle),
        statistics.median(full),
        statistics.median(paced),
    )


def run() -> list[Figure]:
    """Run the runtime benchmarks; see the module docstring."""
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="harbor-bench-runtime-") as tmp:
        log_dir = Path(tmp)
        args = [
            "--seed",
            "5",
            "--initial-posts",
            "500",
            "--rate",
            "2",
            "--ratelimit",
            "1000000",
            "--subreddits",
            ",".join(sorted({*SCORE_SUBS, *ROLLBACK_SUBS})),
        ]
        with start_sandbox(args) as sandbox:
            env = {
                "OPENAI_API_KEY": SANDBOX_OPENAI_KEY,
                "OPENAI_BASE_URL": sandbox.openai_url,
                "HARBOR_OPENAI_RPM": "1000000",
                "HARBOR_OPENAI_TPM": "1000000000",
                "HARBOR_SANDBOX_REDDIT_PORT": str(sandbox.reddit_port),
                "HARBOR_SANDBOX_OPENAI_PORT": str(sandbox.openai_port),
                "HARBOR_SUBREDDITS": ",".join(ROLLBACK_SUBS),
                "HARBOR_DISPATCH_SECONDS": str(TICK),
                "HARBOR_COLLECT_EVERY_SECONDS": str(TICK),
                "HARBOR_LOG_LEVEL": "WARNING",
            }
            with bench_environment(DB_NAME, REDIS_DB, **env) as settings:
                bootstrap(settings)
                latencies, leaked = _rollback_latencies(settings, log_dir)
                worst = max(latencies)
                figures.append(
                    Figure(
                        AREA,
                        f"rollback latency, worst of {FLIPS} flips ({TICK:g} s tick)",
                        worst,
                        "s",
                        f"<= {TICK:g} s (legacy design: 30 s)",
                        worst <= TICK,
                    )
                )
                figures.append(
                    Figure(AREA, "rollback latency, median", statistics.median(latencies), "s")
                )
                figures.append(
                    Figure(
                        AREA, "dlt runs started while rolled back", leaked, "rows", "0", leaked == 0
                    )
                )

                _redis_cli("FLUSHDB")
                ids = _insert_posts(settings, sandbox.client)
                sandbox.client.configure(openai_latency=LATENCY)
                one = _score_rate(settings, ids, 1, log_dir)
                _redis_cli("FLUSHDB")
                two = _score_rate(settings, ids, 2, log_dir)
                sandbox.client.configure(openai_latency=0.0)
                label = f"{POSTS} posts, {LATENCY * 1000:.0f} ms LLM, {SCORE_THREADS} threads"
                figures.append(
                    Figure(
                        AREA,
                        f"score throughput, 1 worker ({label})",
                        one,
                        "posts/s",
                        ">= 100",
                        one >= 100,
                    )
                )
                figures.append(Figure(AREA, "score throughput, 2 workers", two, "posts/s"))
                figures.append(
                    Figure(
                        AREA,
                        "score speed-up, 2 workers vs 1",
                        two / one,
                        "x",
                        ">= 1.6",
                        two / one >= 1.6,
                    )
                )

                for count in (500, 5000):
                    decide, idle, full, paced = _dispatch_costs(settings, count)
                    figures += [
                        Figure(AREA, f"dispatch tick, {count} subreddits all due (decision)",
                               decide * 1000, "ms", "< 1000", decide < 1.0),
                        Figure(AREA, f"dispatch tick, {count} subreddits none due", idle * 1000,
                               "ms", "< 1000", idle < 1.0),
                        Figure(AREA, f"dispatch tick, {count} due + {count} collect messages sent",
                               full * 1000, "ms", "< 1000" if count <= 500 else "",
                               full < 1.0 if count <= 500 else None),
                        Figure(AREA, f"dispatch tick, {count} due at 90 req/min (what the quota "
                               "lets through, messages sent)", paced * 1000, "ms", "< 1000",
                               paced < 1.0),
                    ]  # fmt: skip
    return figures
