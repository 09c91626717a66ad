"""`harbor web` as a real subprocess for the web tests, and a timed GET against it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import requests
from runtime_support import free_port, wait_until

USER, PASSWORD = "analyst", "web-Pass-7731"


@dataclass
class WebApp:
    """The running app: its base URL, its log, and the time each timed GET took."""

    base: str
    log: Path
    timings: dict[str, float] = field(default_factory=dict)

    def get(self, path: str, *, auth: tuple[str, str] | None = (USER, PASSWORD),
            method: str = "GET") -> requests.Response:  # fmt: skip
        """Request `path` (with the right credentials unless told otherwise), timed."""
        started = time.perf_counter()
        response = requests.request(method, self.base + path, auth=auth, timeout=30)
        self.timings.setdefault(path, time.perf_counter() - started)
        return response


@contextmanager
def web_app(env: dict[str, str], log_dir: Path) -> Iterator[WebApp]:
    """`python -m harbor web` on a free port with basic auth, until the block ends."""
    port = free_port()
    log = log_dir / "web.log"
    handle = log.open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "harbor", "web", "--port", str(port)],
        env={**env, "HARBOR_WEB_BASIC_AUTH": f"{USER}:{PASSWORD}"},
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    app = WebApp(f"http://127.0.0.1:{port}", log)

    def up() -> bool:
        assert process.poll() is None, log.read_text()
        try:
            return requests.get(app.base + "/healthz", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    try:
        wait_until(up, 30, interval=0.2)
        yield app
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        finally:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            handle.close()
