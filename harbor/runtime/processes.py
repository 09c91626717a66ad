"""Child processes for `make run`: start them, say where they are, stop them cleanly.

Each child gets its own session (so a Ctrl-C in the terminal reaches only us, and we stop
the children in order) and a log file. Stopping sends SIGTERM to each child (Celery
finishes its running tasks: a warm shutdown), waits, then SIGKILLs the whole process
group of any child still alive (a prefork worker's pool processes included).
"""

from __future__ import annotations

import contextlib
import logging
import os
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
        process = subprocess.Popen(
            argv,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        child = Child(name, argv, process, log_path, url, note, handle)
        self.children.append(child)
        log.info("started %s (pid %d), log %s", name, process.pid, log_path)
        return child

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
