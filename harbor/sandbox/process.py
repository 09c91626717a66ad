"""Start the sandbox as a subprocess on free ports and stop it again.

with start_sandbox(["--seed", "7", "--initial-posts", "300"]) as sandbox:
    sandbox.reddit_url, sandbox.openai_url, sandbox.client.stats()
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO

from harbor.sandbox.client import SandboxClient

__all__ = ["RunningSandbox", "SandboxStartError", "start_sandbox"]

READY_PREFIX = "SANDBOX READY "
STOP_GRACE = 10.0


class SandboxStartError(RuntimeError):
    """The sandbox process exited or stayed silent instead of announcing it was ready."""


@dataclass
class RunningSandbox:
    """A sandbox subprocess that has announced its ports."""

    reddit_url: str
    openai_url: str  # ends in /v1
    reddit_port: int
    openai_port: int
    client: SandboxClient
    process: subprocess.Popen[bytes]


def _tail(log: IO[bytes]) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-3000:]


def _wait_ready(
    process: subprocess.Popen[bytes], timeout: float, log: IO[bytes]
) -> dict[str, int | str]:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    buffer = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SandboxStartError(
                    f"the sandbox did not start within {timeout:g} s:\n{_tail(log)}"
                )
            if not selector.select(left):
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                process.wait(timeout=5)
                raise SandboxStartError(
                    f"the sandbox exited with {process.returncode}:\n{_tail(log)}"
                )
            buffer += chunk
            for line in buffer.decode("utf-8", "replace").splitlines():
                if line.startswith(READY_PREFIX):
                    info: dict[str, int | str] = json.loads(line[len(READY_PREFIX) :])
                    return info


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_GRACE)
    if process.stdout is not None:
        process.stdout.close()


@contextlib.contextmanager
def start_sandbox(
    args: list[str], env: Mapping[str, str] | None = None, timeout: float = 30
) -> Iterator[RunningSandbox]:
    """Run `python -m harbor sandbox --reddit-port 0 --openai-port 0 *args` until exit.

    `env` adds to (or overrides) this process's environment. Waits for the READY line
    (SandboxStartError after `timeout` seconds, with the process's stderr); on exit sends
    SIGTERM, then SIGKILL after a grace period.
    """
    command = [
        sys.executable,
        "-m",
        "harbor",
        "sandbox",
        "--reddit-port",
        "0",
        "--openai-port",
        "0",
        *args,
    ]
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, env=environment
        )
        try:
            info = _wait_ready(process, timeout, log)
            client = SandboxClient(str(info["reddit"]))
            try:
                yield RunningSandbox(
                    reddit_url=str(info["reddit"]),
                    openai_url=str(info["openai"]),
                    reddit_port=int(info["reddit_port"]),
                    openai_port=int(info["openai_port"]),
                    client=client,
                    process=process,
                )
            finally:
                client.close()
        finally:
            _stop(process)
