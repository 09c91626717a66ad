"""Child processes for `make run`: start them, say where they are, stop them cleanly.

Each child gets its own session (so a Ctrl-C in the terminal reaches only us, and we stop
the children in order) and a log file. Stopping sends SIGTERM to each child (Celery
finishes its running tasks: a warm shutdown), waits, then SIGKILLs the whole process
group of any child still alive (a prefork worker's pool processes included).

A child that exits on its own is started again after a jittered backoff, as compose's
`restart: unless-stopped` does for the same processes, but bounded: more than
`RESTARTS_PER_WINDOW` restarts of one child within `RESTART_WINDOW_S` mean it cannot run,
and `make run` stops. (Celery workers over Redis can die of a broker restart: kombu
raises from a channel it is closing while task threads still ack; nothing is lost, since
acks are late and the markers reconcile, but the process is gone.)
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

__all__ = ["Child", "Supervisor", "http_ready"]

log = logging.getLogger(__name__)

RESTARTS_PER_WINDOW = 5
RESTART_WINDOW_S = 600.0
RESTART_BACKOFF_S = 1.0


def http_ready(url: str) -> Callable[[], bool]:
    """A readiness check: the URL answers at all (any HTTP status counts as up)."""

    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback URL
                return True
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, OSError):
            return False

    return check


@dataclass
class Child:
    """One started process."""

    name: str
    argv: list[str]
    process: subprocess.Popen[bytes]
    log_path: Path
    url: str = ""
    note: str = ""
    env: dict[str, str] = field(default_factory=dict, repr=False)
    restarts: list[float] = field(default_factory=list, repr=False)  # when, monotonic
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None


class Supervisor:
    """Starts children, watches them, and stops them all on the way out."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.children: list[Child] = []
        log_dir.mkdir(parents=True, exist_ok=True)

    def start(
        self,
        name: str,
        argv: list[str],
        env: Mapping[str, str],
        *,
        url: str = "",
        note: str = "",
    ) -> Child:
        """Start `argv` with its output appended to `<log_dir>/<name>.log`."""
        log_path = self.log_dir / f"{name}.log"
        handle = log_path.open("ab")
        child = Child(name, argv, self._spawn(argv, env, handle), log_path, url, note, dict(env))
        child._log = handle
        self.children.append(child)
        log.info("started %s (pid %d), log %s", name, child.pid, log_path)
        return child

    @staticmethod
    def _spawn(
        argv: list[str], env: Mapping[str, str], handle: IO[bytes]
    ) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            argv,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def restart(self, child: Child, now: float | None = None) -> bool:
        """Start a child that exited on its own again, after a jittered backoff; False (and
        nothing started) when it was restarted RESTARTS_PER_WINDOW times in the window."""
        now = time.monotonic() if now is None else now
        child.restarts = [t for t in child.restarts if now - t < RESTART_WINDOW_S]
        if len(child.restarts) >= RESTARTS_PER_WINDOW:
            return False
        self._kill_group(child)  # what is left of it: a prefork pool process, say
        backoff = RESTART_BACKOFF_S * 2 ** len(child.restarts)
        time.sleep(backoff + random.uniform(0, backoff / 2))
        assert child._log is not None
        child.process = self._spawn(child.argv, child.env, child._log)
        child.restarts.append(now)
        log.warning(
            "%s restarted (pid %d), restart %d of %d in %.0f min",
            child.name, child.pid, len(child.restarts), RESTARTS_PER_WINDOW,
            RESTART_WINDOW_S / 60,
        )  # fmt: skip
        return True

    def wait_ready(self, child: Child, check: Callable[[], bool], timeout: float = 60.0) -> None:
        """Wait until `check()` is true; raise RuntimeError if the child dies or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not child.alive():
                raise RuntimeError(
                    f"{child.name} exited with {child.process.returncode}; see {child.log_path}"
                )
            if check():
                return
            time.sleep(0.2)
        raise RuntimeError(f"{child.name} was not ready after {timeout:.0f}s; see {child.log_path}")

    def first_dead(self) -> Child | None:
        """A child that exited on its own, if any."""
        return next((c for c in self.children if not c.alive()), None)

    def stop_all(self, grace: float = 20.0) -> None:
        """SIGTERM every child (last started first), wait up to `grace`, then SIGKILL."""
        for child in reversed(self.children):
            if child.alive():
                with contextlib.suppress(ProcessLookupError):
                    child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in reversed(self.children):
            remaining = max(0.1, deadline - time.monotonic())
            try:
                child.process.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop within %.0fs; killing it", child.name, grace)
            self._kill_group(child)
            if child._log is not None:
                child._log.close()

    @staticmethod
    def _kill_group(child: Child) -> None:
        # the group outlives its leader when a prefork pool process is still running
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        child.process.wait()
