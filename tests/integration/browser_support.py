"""A real headless browser for the web tests: Debian's chromium, driven over the DevTools
protocol (its websocket, with aiohttp's client).

`Browser.visit(url)` opens the page in a fresh tab with the basic-auth header set, waits
for its load event, and returns what a person would have seen: the console's errors
(script errors, CSP violations, resources that failed), the HTTP status, the values of
the JavaScript expressions asked for (evaluated by DevTools, which the page's CSP does not
govern), and a full-page screenshot written where asked.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--no-first-run", "--no-default-browser-check",
    "--remote-debugging-port=0", "--window-size=1280,900",
)  # fmt: skip


def chromium_path() -> str:
    """The chromium binary; without one the test is skipped, except in CI (`.ci/run`
    installs it), where a browser test that cannot run fails."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "chromium is not installed (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Visit:
    """What one page load showed."""

    url: str
    status: int | None
    errors: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    screenshot: Path | None = None


class Browser:
    """One chromium process for a test module; a new tab per visit."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        profile = workdir / "chromium-profile"
        profile.mkdir(parents=True, exist_ok=True)
        self.log = (workdir / "chromium.log").open("wb")
        self.process = subprocess.Popen(
            [chromium_path(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.ws_url = self._endpoint(profile / "DevToolsActivePort")
        self._ids = itertools.count(1)

    def _endpoint(self, port_file: Path, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}")
            lines = port_file.read_text().splitlines() if port_file.is_file() else []
            if len(lines) >= 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            time.sleep(0.1)
        raise RuntimeError("chromium did not open its DevTools port")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def visit(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        evaluate: dict[str, str] | None = None,
        screenshot: Path | None = None,
        timeout: float = 30.0,
    ) -> Visit:
        """Load `url` in a new tab and report what happened (see the module docstring)."""
        return asyncio.run(
            asyncio.wait_for(
                self._visit(url, headers or {}, evaluate or {}, screenshot), timeout=timeout
            )
        )

    async def _visit(
        self,
        url: str,
        headers: dict[str, str],
        evaluate: dict[str, str],
        screenshot: Path | None,
    ) -> Visit:
        visit = Visit(url, None)
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(self.ws_url, max_msg_size=0) as ws,
        ):
            pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
            loaded = asyncio.Event()

            async def reader() -> None:
                async for message in ws:
                    data = json.loads(message.data)
                    if "id" in data and data["id"] in pending:
                        pending.pop(data["id"]).set_result(data)
                    else:
                        self._event(visit, data, loaded)

            async def send(method: str, session: str | None = None, **params: Any) -> Any:
                ident = next(self._ids)
                future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
                pending[ident] = future
                body: dict[str, Any] = {"id": ident, "method": method, "params": params}
                if session:
                    body["sessionId"] = session
                await ws.send_str(json.dumps(body))
                reply = await future
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

            task = asyncio.create_task(reader())
            try:
                target = (await send("Target.createTarget", url="about:blank"))["targetId"]
                session = (await send("Target.attachToTarget", targetId=target, flatten=True))[
                    "sessionId"
                ]
                for domain in ("Page", "Runtime", "Log", "Network"):
                    await send(f"{domain}.enable", session)
                await send("Network.setExtraHTTPHeaders", session, headers=headers)
                await send("Emulation.setDeviceMetricsOverride", session, width=1280,
                           height=900, deviceScaleFactor=1, mobile=False)  # fmt: skip
                await send("Page.navigate", session, url=url)
                await asyncio.wait_for(loaded.wait(), timeout=20)
                await asyncio.sleep(0.2)  # late console messages (a CSP report) arrive now
                for name, expression in evaluate.items():
                    result = await send("Runtime.evaluate", session, expression=expression,
                                        returnByValue=True)  # fmt: skip
                    visit.values[name] = result.get("result", {}).get("value")
                if screenshot is not None:
                    shot = await send("Page.captureScreenshot", session, format="png",
                                      captureBeyondViewport=True)  # fmt: skip
                    screenshot.write_bytes(base64.b64decode(shot["data"]))
                    visit.screenshot = screenshot
                await send("Target.closeTarget", targetId=target)
            finally:
                task.cancel()
        return visit

    def _event(self, visit: Visit, data: dict[str, Any], loaded: asyncio.Event) -> None:
        method, params = data.get("method"), data.get("params", {})
        if method == "Page.loadEventFired":
            loaded.set()
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            visit.errors.append(f"console.{params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            visit.errors.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            visit.errors.append(
                f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}"
            )
        elif (
            method == "Network.responseReceived"
            and params.get("type") == "Document"
            and params["response"]["url"] == visit.url
        ):
            visit.status = int(params["response"]["status"])
