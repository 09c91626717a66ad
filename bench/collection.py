"""Collection benchmarks: dlt vs legacy vs a raw baseline, incremental runs, memory.

All on the sandbox over HTTP, with Reddit-like latency per request (0.25 s) and again at
zero latency (which leaves dlt's own overhead). The sandbox is given a generous rate
limit so prawcore's pacing (which spreads requests over Reddit's 10-minute window) does
not stand in for our own cost.
"""

from __future__ import annotations

import dataclasses
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

import requests
from psycopg import sql

from bench.environment import bench_environment
from bench.figures import Figure
from harbor.collect.service import run_collection
from harbor.db import bootstrap, connect
from harbor.reddit.client import reddit_client, request_seconds
from harbor.sandbox.process import start_sandbox
from harbor.settings import SANDBOX_REDDIT_CLIENT_ID, SANDBOX_REDDIT_CLIENT_SECRET, Settings

AREA = "collection"
LATENCY = 0.25
MEMORY_SUBREDDITS = 10
MEMORY_PASSES = 20


def _dataset(settings: Settings, name: str) -> Settings:
    scoped = dataclasses.replace(settings, dataset=name)
    bootstrap(scoped)
    return scoped


def raw_baseline(settings: Settings, reddit_url: str, subreddit: str) -> tuple[float, int]:
    """Plain HTTP pages plus one COPY: the least any collector could do. (seconds, calls)"""
    started = time.perf_counter()
    session = requests.Session()
    session.headers["User-Agent"] = "harbor-bench raw baseline"
    token = session.post(
        f"{reddit_url}/api/v1/access_token",
        data={"grant_type": "client_credentials"},
        auth=(SANDBOX_REDDIT_CLIENT_ID, SANDBOX_REDDIT_CLIENT_SECRET),
        timeout=30,
    ).json()["access_token"]
    session.headers["Authorization"] = f"bearer {token}"
    posts: list[dict[str, Any]] = []
    after: str | None = None
    calls = 0
    while len(posts) < 1000:
        params: dict[str, str | int] = {"limit": 100, "raw_json": 1}
        if after:
            params["after"] = after
        page = session.get(f"{reddit_url}/r/{subreddit}/new", params=params, timeout=30).json()
        calls += 1
        posts += [child["data"] for child in page["data"]["children"]]
        after = page["data"]["after"]
        if not after:
            break
    with connect(settings.dsn) as conn:
        conn.execute(
            sql.SQL("CREATE TABLE IF NOT EXISTS {}.raw_posts (id text PRIMARY KEY, data jsonb)")
            .format(sql.Identifier(settings.dataset))
        )  # fmt: skip
        with (
            conn.cursor() as cur,
            cur.copy(
                sql.SQL("COPY {}.raw_posts (id, data) FROM STDIN").format(
                    sql.Identifier(settings.dataset)
                )
            ) as copy,
        ):
            for post in posts:
                copy.write_row((post["id"], json.dumps(post).replace("\\u0000", "")))
    return time.perf_counter() - started, calls


def _timed_collect(settings: Settings, subreddit: str, via: str) -> tuple[float, int, int]:
    elapsed, calls, kept, _, _ = _measured_collect(settings, subreddit, via)
    return elapsed, calls, kept


def _measured_collect(
    settings: Settings, subreddit: str, via: str
) -> tuple[float, int, int, float, float]:
    """(wall s, listing calls, kept, CPU s, s spent waiting on Reddit's answers)."""
    reddit = reddit_client(settings)
    waited = request_seconds(reddit).get("listing", 0.0)
    cpu = time.process_time()
    started = time.perf_counter()
    result = run_collection(settings, subreddit, "dlt" if via == "dlt" else "legacy")
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    waited = request_seconds(reddit).get("listing", 0.0) - waited
    if result.status != "ok":
        raise RuntimeError(f"{via} run of r/{subreddit} failed: {result.error}")
    return elapsed, result.api_calls, result.kept, cpu, waited


INCREMENTAL_RUNS = 5


def _own_cost_figures(settings: Settings, sandbox: Any) -> list[Figure]:
    """An incremental dlt run's own cost at zero latency: wall time beyond its wait on
    Reddit's answers, and CPU; the median of a few runs of 50 new posts each."""
    sandbox.client.reset(latency=0.0)
    # no look-back: the run reads exactly the one page its new posts are on
    scoped = dataclasses.replace(_dataset(settings, "own_cost"), lookback_seconds=0)
    subreddit = "benchspeed"
    _measured_collect(scoped, subreddit, "dlt")
    beyond, cpus = [], []
    for _ in range(INCREMENTAL_RUNS):
        time.sleep(1.0)  # the sandbox's clock has whole seconds: a new second per batch
        sandbox.client.advance(subreddit, 50)
        elapsed, _, _, cpu, waited = _measured_collect(scoped, subreddit, "dlt")
        beyond.append(elapsed - waited)
        cpus.append(cpu)
    over, cpu = statistics.median(beyond), statistics.median(cpus)
    return [
        Figure(AREA, "incremental +50 posts (1 call), dlt time beyond the API wait @0s", over,
               "s", "<= 0.15", over <= 0.15),
        Figure(AREA, "incremental +50 posts (1 call), dlt CPU @0s", cpu, "s", "<= 0.1",
               cpu <= 0.1),
    ]  # fmt: skip


def _speed_figures(settings: Settings, sandbox: Any, latency: float) -> list[Figure]:
    client = sandbox.client
    client.reset(latency=latency)
    tag = f"@{latency:g}s"
    subreddit = "benchspeed"
    dlt_settings = _dataset(settings, f"speed_dlt_{int(latency * 1000)}")
    legacy_settings = _dataset(settings, f"speed_legacy_{int(latency * 1000)}")
    raw_settings = _dataset(settings, f"speed_raw_{int(latency * 1000)}")

    dlt_s, dlt_calls, _ = _timed_collect(dlt_settings, subreddit, "dlt")
    legacy_s, legacy_calls, _ = _timed_collect(legacy_settings, subreddit, "legacy")
    raw_s, raw_calls = raw_baseline(raw_settings, sandbox.reddit_url, subreddit)

    client.advance(subreddit, 50)
    inc_dlt_s, inc_dlt_calls, _ = _timed_collect(dlt_settings, subreddit, "dlt")
    inc_legacy_s, inc_legacy_calls, _ = _timed_collect(legacy_settings, subreddit, "legacy")
    idle_s, idle_calls, _ = _timed_collect(dlt_settings, subreddit, "dlt")

    ratio = dlt_s / raw_s
    speedup = inc_legacy_s / inc_dlt_s
    real = latency > 0
    return [
        Figure(AREA, f"initial 1000 posts, raw baseline {tag}", raw_s, "s", f"{raw_calls} calls"),
        Figure(AREA, f"initial 1000 posts, dlt {tag}", dlt_s, "s", f"{dlt_calls} calls"),
        Figure(AREA, f"initial 1000 posts, legacy {tag}", legacy_s, "s", f"{legacy_calls} calls"),
        Figure(AREA, f"dlt / raw baseline {tag}", ratio, "x", "<= 1.3" if real else "overhead",
               ratio <= 1.3 if real else None),
        Figure(AREA, f"dlt overhead over raw {tag}", dlt_s - raw_s, "s"),
        Figure(AREA, f"incremental +50 posts, dlt calls {tag}", inc_dlt_calls, "calls", "<= 2",
               inc_dlt_calls <= 2),
        Figure(AREA, f"incremental +50 posts, legacy calls {tag}", inc_legacy_calls, "calls",
               "10", inc_legacy_calls == 10),
        Figure(AREA, f"incremental +50 posts, dlt {tag}", inc_dlt_s, "s"),
        Figure(AREA, f"incremental +50 posts, legacy {tag}", inc_legacy_s, "s"),
        Figure(AREA, f"incremental legacy / dlt wall time {tag}", speedup, "x",
               ">= 5" if real else "", speedup >= 5 if real else None),
        Figure(AREA, f"idle run, dlt calls {tag}", idle_calls, "calls", "1", idle_calls == 1),
        Figure(AREA, f"idle run, dlt {tag}", idle_s, "s"),
    ]  # fmt: skip


def _memory_figures(settings: Settings) -> list[Figure]:
    """Peak RSS of one fresh process collecting 10 subreddits x 1000 posts, 20 passes."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.collection_memory", str(MEMORY_SUBREDDITS),
         str(MEMORY_PASSES)],
        env=dict(os.environ), capture_output=True, text=True, check=True, timeout=1800,
    ).stdout  # fmt: skip
    report = json.loads(output.strip().splitlines()[-1])
    rss = report["rss_mb"]
    growth = 100.0 * (rss[-1] - rss[1]) / rss[1]
    return [
        Figure(AREA, "peak RSS, 10 subreddits x 1000 posts, 20 passes", report["peak_mb"], "MB",
               "<= 250", report["peak_mb"] <= 250),
        Figure(AREA, "RSS growth, pass 2 -> pass 20", growth, "%", "<= 10", growth <= 10),
        Figure(AREA, "memory run: calls per pass of 10 subs, +20 posts each (30-min look-back)",
               report["calls_per_pass"], "calls"),
    ]  # fmt: skip


def run() -> list[Figure]:
    """All collection figures, measured in this one run."""
    figures: list[Figure] = []
    subreddits = ["benchspeed"] + [f"benchmem{i}" for i in range(MEMORY_SUBREDDITS)]
    with start_sandbox(
        ["--seed", "7", "--initial-posts", "1000", "--rate", "0", "--ratelimit", "10000000",
         "--subreddits", ",".join(subreddits)]
    ) as sandbox, bench_environment(
        "harbor_bench_collection", 7,
        HARBOR_SANDBOX_REDDIT_PORT=str(sandbox.reddit_port),
        HARBOR_SANDBOX_OPENAI_PORT=str(sandbox.openai_port),
    ) as settings:  # fmt: skip
        bootstrap(settings)
        # warm-up: imports and the first connection are not what is measured
        _timed_collect(_dataset(settings, "warmup"), "benchmem0", "dlt")
        for latency in (LATENCY, 0.0):
            figures += _speed_figures(settings, sandbox, latency)
        figures += _own_cost_figures(settings, sandbox)
        sandbox.client.reset(latency=0.0)
        figures += _memory_figures(settings)
    return figures
