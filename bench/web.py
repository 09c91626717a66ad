"""Web and alert benchmarks: page render times and alert delivery, on the sandbox's data.

Three subreddits of 1000 posts are collected and scored on the sandbox (about 950 kept),
`harbor web` runs as its own process, and each page is requested REQUESTS times in a row
(p50 and p95 of the whole request, as a browser's first byte to last would see it over
loopback); /metrics is built afresh each time (its 5 s cache bypassed). Then the alerts of
every opportunity at or above ALERT_MIN_TOTAL, and of every rising theme, are delivered
to a local receiver that counts what it gets, at the production pacing, with the receiver
answering 500 to the first FAILURES requests: requests made per alert, duplicates, and
alerts sent per second.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests
from psycopg import sql

from bench.environment import bench_environment
from bench.figures import Figure
from harbor.alerts import run_alerts
from harbor.collect.service import run_collection
from harbor.db import bootstrap, connect, qualified
from harbor.sandbox.process import start_sandbox
from harbor.scoring import factory
from harbor.scoring.service import score_pending
from harbor.settings import SANDBOX_OPENAI_KEY, Secret
from harbor.web.metrics import MetricsPage

AREA = "web"
REQUESTS = 40
ALERT_MIN_TOTAL = 55.0
FAILURES = 3
SUBREDDITS = ("Entrepreneur", "SaaS", "smallbusiness")
AUTH = ("bench", "bench-password")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _timed(url: str, n: int) -> list[float]:
    session = requests.Session()
    seconds = []
    for _ in range(n):
        started = time.perf_counter()
        answer = session.get(url, auth=AUTH, timeout=30)
        seconds.append(time.perf_counter() - started)
        if answer.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {answer.status_code}")
    return seconds


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


@dataclasses.dataclass
class _Tally:
    """What the receiver got: requests, alerts answered 200 by post id."""

    fail_next: int = FAILURES
    requests: int = 0
    delivered: Counter[str] = dataclasses.field(default_factory=Counter)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)


def _receiver(tally: _Tally) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the http.server API
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            with tally.lock:
                tally.requests += 1
                fail = tally.fail_next > 0
                tally.fail_next -= 1 if fail else 0
                if not fail:
                    kind = body["kind"]
                    subject = body[kind]["post_id" if kind == "opportunity" else "id"]
                    tally.delivered[f"{kind}:{subject}"] += 1
            self.send_response(500 if fail else 200)
            if fail:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def _web(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "harbor", "web", "--port", str(port)],
        env={**env, "HARBOR_WEB_BASIC_AUTH": ":".join(AUTH)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("harbor web did not start")


def run() -> list[Figure]:
    """Run the web and alert benchmarks; see the module docstring."""
    args = ["--seed", "5", "--initial-posts", "1000", "--rate", "0", "--ratelimit", "10000000",
            "--subreddits", ",".join(SUBREDDITS)]  # fmt: skip
    figures: list[Figure] = []
    with start_sandbox(args) as running:
        env = {
            "HARBOR_SANDBOX_REDDIT_PORT": str(running.reddit_port),
            "HARBOR_SANDBOX_OPENAI_PORT": str(running.openai_port),
            "OPENAI_API_KEY": SANDBOX_OPENAI_KEY,
            "OPENAI_BASE_URL": running.openai_url,
            "HARBOR_OPENAI_RPM": "1000000",
            "HARBOR_OPENAI_TPM": "1000000000",
            "HARBOR_SUBREDDITS": ",".join(SUBREDDITS),
        }
        with bench_environment("harbor_bench_web", 5, **env) as settings:
            bootstrap(settings)
            factory._scorers.clear()
            for sub in SUBREDDITS:
                run_collection(settings, sub, "dlt")
            scored = score_pending(settings, None, False, 16, None).scored
            with connect(settings.dsn) as conn:
                row = conn.execute(
                    sql.SQL("SELECT post_id FROM {} ORDER BY total DESC LIMIT 1").format(
                        qualified(settings, "opportunity_scores")
                    )
                ).fetchone()
            top_id = str(row[0]) if row else ""
            port = _free_port()
            web = _web(dict(os.environ), port)
            base = f"http://127.0.0.1:{port}"
            try:
                pages = {
                    "opportunities page (25 of all)": "/",
                    "opportunities page, filtered": "/?subreddit=SaaS&min_total=50&since=30d",
                    "post page": f"/post/{top_id}",
                    "JSON, 100 opportunities": "/api/opportunities?per_page=100",
                }
                _timed(base + "/", 3)  # warm-up: imports, the pool's first connection
                for name, path in pages.items():
                    seconds = _timed(base + path, REQUESTS)
                    figures.append(Figure(AREA, f"{name}: p50", statistics.median(seconds) * 1000,
                                          "ms", f"{scored} scored posts"))  # fmt: skip
                    figures.append(Figure(AREA, f"{name}: p95", _p95(seconds) * 1000, "ms",
                                          "< 250", ok=_p95(seconds) < 0.25))  # fmt: skip
                status = _timed(base + "/status", 3)
                figures.append(Figure(AREA, "status page (pings the workers): p50",
                                      statistics.median(status) * 1000, "ms"))  # fmt: skip
            finally:
                web.send_signal(signal.SIGTERM)
                web.wait(timeout=10)
            builds = []
            for _ in range(10):
                started = time.perf_counter()
                MetricsPage(settings).text()
                builds.append(time.perf_counter() - started)
            figures.append(Figure(AREA, "/metrics built from the tables: p50",
                                  statistics.median(builds) * 1000, "ms", "< 100",
                                  ok=statistics.median(builds) < 0.1))  # fmt: skip
            figures += _alerts(settings)
    return figures


def _alerts(settings: Any) -> list[Figure]:
    tally = _Tally()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _receiver(tally))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hooks/bench"
    alerting = dataclasses.replace(
        settings, webhook_url=Secret(url), alert_min_total=ALERT_MIN_TOTAL
    )
    try:
        started = time.perf_counter()
        planned = 0
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            run = run_alerts(alerting)
            planned += run.planned
            if planned and sum(tally.delivered.values()) >= planned:
                break
            if not run.sent:
                time.sleep(0.5)  # waiting out a Retry-After, as the next tick would
        elapsed = time.perf_counter() - started
    finally:
        server.shutdown()
        server.server_close()
    delivered = tally.delivered
    twice = sum(1 for n in delivered.values() if n > 1)
    return [
        Figure(AREA, f"alerts (opportunities at or above {ALERT_MIN_TOTAL:g}, rising themes): "
               "delivered / planned",
               len(delivered), "alerts", f"{planned}", ok=len(delivered) == planned),
        Figure(AREA, "alerts delivered twice", twice, "alerts", "0", ok=twice == 0),
        Figure(AREA, f"webhook requests per alert ({FAILURES} answered 500 first)",
               tally.requests / max(1, len(delivered)), "requests/alert",
               f"1 + {FAILURES}/{len(delivered)}",
               ok=tally.requests == len(delivered) + FAILURES),
        Figure(AREA, "alerts delivered per second (paced, Retry-After waited)",
               len(delivered) / elapsed, "alerts/s", "<= 2.5 (Discord's webhook limit)"),
    ]  # fmt: skip
