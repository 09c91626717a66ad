"""Helpers for runtime tests: redis-cli, Postgres reads, and real Celery processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from harbor.settings import Settings

REDIS_DB = int(os.environ.get("HARBOR_TEST_REDIS_DB", "15"))
CELERY = [sys.executable, "-m", "celery", "-A", "workers"]


def redis_cli(*args: str) -> str:
    """Run the real redis-cli against the test DB, as an operator would."""
    out = subprocess.run(
        ["redis-cli", "-n", str(REDIS_DB), *args], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


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

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        handle = (self.log_dir / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [*CELERY, *args],
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started[name] = process
        return process

    def worker(self, name: str, queue: str, *extra: str) -> subprocess.Popen[bytes]:
        pool = ["-P", "threads", "-c", "16"] if queue == "score" else ["-P", "prefork", "-c", "2"]
        return self.start(
            name, "worker", "-Q", queue, "-n", f"{name}@%h", *pool, "--without-mingle",
            "--without-gossip", *extra,
        )  # fmt: skip

    def beat(self, name: str = "beat") -> subprocess.Popen[bytes]:
        return self.start(name, "beat", "--pidfile=", "-s", str(self.log_dir / f"{name}.db"))

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
