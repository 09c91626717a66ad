"""Helpers every integration test may use: redis-cli, Postgres reads, real Celery processes,
and the one check of whether a system has settled (`unsettled`)."""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from harbor.redis_conn import redis_client
from harbor.runtime.queues import Queue, broker_lists
from harbor.sandbox.process import RunningSandbox
from harbor.settings import SANDBOX_OPENAI_KEY, Settings

PG_SERVER = os.environ.get("HARBOR_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS_DB = int(os.environ.get("HARBOR_TEST_REDIS_DB", "15"))
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
CELERY = [sys.executable, "-m", "celery", "-A", "workers"]


def redis_cli(*args: str) -> str:
    """Run the real redis-cli against the test DB, as an operator would."""
    out = subprocess.run(
        ["redis-cli", "-n", str(REDIS_DB), *args], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def harbor_command(
    settings: Settings | None, *args: str, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """`python -m harbor ARGS...` in a new process, as a user runs it: with `settings`'
    database, Redis and dataset when given, then `env`; wide enough that rich never wraps
    a table (it wraps at 80 columns without a terminal)."""
    chosen = {}
    if settings is not None:
        chosen = {
            "DATABASE_URL": settings.dsn,
            "REDIS_URL": settings.redis_url.get(),
            "HARBOR_DATASET": settings.dataset,
        }
    return subprocess.run(
        [sys.executable, "-m", "harbor", *args],
        env={**os.environ, "COLUMNS": "250", **chosen, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg(settings: Settings) -> psycopg.Connection:
    return psycopg.connect(settings.dsn, autocommit=True)


def rows(settings: Settings, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Run `query` with {schema} replaced by the test dataset."""
    with pg(settings) as conn:
        text = sql.SQL(query).format(schema=sql.Identifier(settings.dataset))  # type: ignore[arg-type]
        return conn.execute(text, params).fetchall()


def wait_until(check: Callable[[], Any], timeout: float, interval: float = 0.5) -> Any:
    """Poll `check` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout:.0f}s: {check.__name__}")
        time.sleep(interval)


class Processes:
    """Celery processes started for one test, each in its own process group."""

    def __init__(self, log_dir: Path, env: dict[str, str]) -> None:
        self.log_dir = log_dir
        self.env = env
        self.started: dict[str, subprocess.Popen[bytes]] = {}

    def start(
        self, name: str, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        handle = (self.log_dir / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [*CELERY, *args],
            env={**self.env, **(env or {})},
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started[name] = process
        return process

    def worker(self, name: str, queue: str, *extra: str) -> subprocess.Popen[bytes]:
        """A worker named `name@host` with its own dlt working dir (as on its own host)."""
        pool = ["-P", "threads", "-c", "16"] if queue == "score" else ["-P", "prefork", "-c", "2"]
        return self.start(
            name, "worker", "-Q", queue, "-n", f"{name}@%h", *pool, "--without-mingle",
            "--without-gossip", *extra, env={"HARBOR_DLT_DIR": str(self.log_dir / f"dlt-{name}")},
        )  # fmt: skip

    def beat(self, name: str = "beat") -> subprocess.Popen[bytes]:
        return self.start(name, "beat", "--pidfile=", "-s", str(self.log_dir / f"{name}.db"))

    def stop(self, name: str, timeout: float = 30) -> None:
        """SIGTERM (Celery's warm shutdown: running tasks finish) and wait."""
        process = self.started.pop(name)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        finally:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def kill9(self, name: str) -> None:
        """SIGKILL the process and every process of its group (a dead host, in effect)."""
        process = self.started.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.started.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self.started.values():
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.started.clear()


@contextmanager
def processes(log_dir: Path, env: dict[str, str]) -> Iterator[Processes]:
    procs = Processes(log_dir, env)
    try:
        yield procs
    finally:
        procs.stop_all()


SUBS = [
    "Entrepreneur", "SaaS", "smallbusiness", "startups", "freelance", "productivity",
    "sideproject", "webdev", "marketing", "ecommerce", "consulting", "nocode", "indiehackers",
    "digitalnomad", "sysadmin", "devops", "accounting", "realestate", "teachers", "nursing",
]  # fmt: skip


def system_env(
    sandbox: RunningSandbox, tmp_path: Path, subs: Sequence[str], collect_every: int
) -> dict[str, str]:
    """The environment of a test system: its subreddits on the sandbox, a 1 s tick."""
    return {
        "HARBOR_SUBREDDITS": ",".join(subs),
        "HARBOR_DISPATCH_SECONDS": "1",
        "HARBOR_COLLECT_EVERY_SECONDS": str(collect_every),
        "HARBOR_SANDBOX_REDDIT_PORT": str(sandbox.reddit_port),
        "HARBOR_SANDBOX_OPENAI_PORT": str(sandbox.openai_port),
        "OPENAI_API_KEY": SANDBOX_OPENAI_KEY,
        "OPENAI_BASE_URL": sandbox.openai_url,
        "HARBOR_OPENAI_RPM": "1000000",
        "HARBOR_OPENAI_TPM": "1000000000",
        "HARBOR_DLT_DIR": str(tmp_path / "dlt-test"),
        "HARBOR_LOG_LEVEL": "INFO",
    }


def runs(settings: Settings) -> list[dict[str, Any]]:
    names = ("subreddit", "via", "status", "started_at", "finished_at", "new", "error")
    found = rows(settings, f"SELECT {', '.join(names)} FROM {{schema}}.collection_runs")
    return [dict(zip(names, r, strict=True)) for r in found]


def ok_runs_per_sub(settings: Settings, since: datetime | None = None) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for run in runs(settings):
        if run["status"] == "ok" and (since is None or run["started_at"] >= since):
            counts[run["subreddit"]] += 1
    return counts


def unsettled(
    settings: Settings, *, collects: bool = True, final: tuple[str, ...] = ("scored", "failed")
) -> str | None:
    """What is still moving, or None when nothing is: messages waiting in any queue's
    priority lists, pending collects (unless not `collects`), score markers, stored posts
    whose score row is missing or not in `final` (a failed row is final unless left out)."""
    client = redis_client(settings)
    pipe = client.pipeline(transaction=False)
    queues = list(Queue) if collects else [Queue.SCORE]
    names = [name for queue in queues for name in broker_lists(queue)]
    for name in names:
        pipe.llen(name)
    waiting = {n: d for n, d in zip(names, pipe.execute(), strict=True) if d}
    if waiting:
        return f"messages waiting: {waiting}"
    pending = sorted(client.scan_iter("harbor:pending:collect:*", count=1000))
    if collects and pending:
        return f"collects pending: {pending}"
    markers = {k: client.get(k) for k in client.scan_iter("harbor:queued:score:*", count=1000)}
    if markers:
        return f"{len(markers)} score markers, e.g. {sorted(markers.items())[:3]}"
    left = rows(
        settings,
        "SELECT s.id, o.status FROM {schema}.submissions s LEFT JOIN {schema}.opportunity_scores o "
        "ON o.post_id = s.id WHERE o.post_id IS NULL OR NOT (o.status = ANY(%s))",
        list(final),
    )
    if left:
        claims = [client.get(f"harbor:claim:score:{post_id}") for post_id, _ in left[:3]]
        return f"{len(left)} posts without a final score, e.g. {left[:3]} (claims {claims})"
    return None


def all_scored(settings: Settings) -> bool:
    """Nothing moving, and every stored post has a 'scored' row."""
    return unsettled(settings, final=("scored",)) is None


def assert_stored_once_and_scored_once(settings: Settings, sandbox: RunningSandbox) -> int:
    total, distinct = rows(
        settings, "SELECT count(*), count(DISTINCT id) FROM {schema}.submissions"
    )[0]
    assert total == distinct > 0
    served = {p["id"] for sub in SUBS for p in sandbox.client.posts(sub)}
    stored = {r[0] for r in rows(settings, "SELECT id FROM {schema}.submissions")}
    assert stored <= served
    scores = rows(settings, "SELECT status, count(*) FROM {schema}.opportunity_scores GROUP BY 1")
    assert dict(scores) == {"scored": total}
    return int(total)


def assert_runs_never_overlap(settings: Settings) -> None:
    by_sub: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for run in runs(settings):
        by_sub[run["subreddit"]].append(run)
    for sub, sub_runs in by_sub.items():
        sub_runs.sort(key=lambda r: r["started_at"])
        for before, after in itertools.pairwise(sub_runs):
            assert after["started_at"] >= before["finished_at"], f"r/{sub} runs overlap"
