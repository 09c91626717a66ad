"""The two servers (Reddit and OpenAI) on one asyncio event loop, and their lifecycle.

When both listen, `run` prints exactly one line to stdout and flushes it:
`SANDBOX READY {"reddit": "http://127.0.0.1:P", "openai": "http://127.0.0.1:Q/v1",
"reddit_port": P, "openai_port": Q}`. SIGINT and SIGTERM stop it cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sys
from collections.abc import Callable, Iterable
from typing import Any

from aiohttp import web

from harbor.sandbox.admin import add_admin_routes
from harbor.sandbox.config import SandboxConfig
from harbor.sandbox.faults import Fault
from harbor.sandbox.openai_api import add_openai_routes
from harbor.sandbox.reddit_api import add_reddit_routes
from harbor.sandbox.state import SandboxState

__all__ = ["READY_PREFIX", "build_apps", "ready_line", "run", "serve"]

log = logging.getLogger(__name__)

READY_PREFIX = "SANDBOX READY "
SHUTDOWN_GRACE = 1.0  # seconds given to in-flight requests (a `slow` fault may be sleeping)


def build_apps(
    state: SandboxState, ports: dict[str, int]
) -> tuple[web.Application, web.Application]:
    """The Reddit app and the OpenAI app, both with the admin endpoints."""
    reddit = web.Application()
    add_reddit_routes(reddit, state)
    add_admin_routes(reddit, state, ports)
    openai = web.Application(client_max_size=16 * 1024 * 1024)
    add_openai_routes(openai, state)
    add_admin_routes(openai, state, ports)
    return reddit, openai


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):  # noqa: S104 - only turns a wildcard bind into a usable URL
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def ready_line(host: str, reddit_port: int, openai_port: int) -> str:
    """The line announcing that the sandbox listens (without the newline)."""
    base = f"http://{_url_host(host)}"
    info: dict[str, Any] = {
        "reddit": f"{base}:{reddit_port}",
        "openai": f"{base}:{openai_port}/v1",
        "reddit_port": reddit_port,
        "openai_port": openai_port,
    }
    return READY_PREFIX + json.dumps(info)


async def _start(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_GRACE)
    await runner.setup()
    site = web.TCPSite(runner, host, port, backlog=1024)
    await site.start()
    bound = runner.addresses[0][1]
    return runner, int(bound)


async def serve(
    config: SandboxConfig,
    host: str,
    reddit_port: int,
    openai_port: int,
    *,
    faults: Iterable[Fault] = (),
    stop: asyncio.Event,
    on_ready: Callable[[int, int], None],
) -> None:
    """Serve both APIs until `stop` is set."""
    state = SandboxState(config)
    for fault in faults:
        state.faults.add(fault)
    ports: dict[str, int] = {}
    reddit_app, openai_app = build_apps(state, ports)
    runners: list[web.AppRunner] = []
    try:
        runner, ports["reddit"] = await _start(reddit_app, host, reddit_port)
        runners.append(runner)
        runner, ports["openai"] = await _start(openai_app, host, openai_port)
        runners.append(runner)
        log.info(
            "sandbox: reddit on port %d, openai on port %d, %d subreddits x %d posts, seed %d",
            ports["reddit"],
            ports["openai"],
            len(config.subreddits),
            config.initial_posts,
            config.seed,
        )
        on_ready(ports["reddit"], ports["openai"])
        await stop.wait()
    finally:
        for runner in reversed(runners):
            await runner.cleanup()
        log.info("sandbox: stopped")


def run(
    config: SandboxConfig,
    host: str = "127.0.0.1",
    reddit_port: int = 8765,
    openai_port: int = 8766,
    faults: Iterable[Fault] = (),
) -> None:
    """Run the sandbox in the foreground until SIGINT or SIGTERM."""

    def announce(reddit: int, openai: int) -> None:
        sys.stdout.write(ready_line(host, reddit, openai) + "\n")
        sys.stdout.flush()

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # not on every platform
                loop.add_signal_handler(signum, stop.set)
        await serve(
            config, host, reddit_port, openai_port, faults=faults, stop=stop, on_ready=announce
        )

    asyncio.run(main())
