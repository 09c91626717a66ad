"""Scoring benchmarks: LLM cost per 1000 posts, what a refresh saves, and throughput.

On the sandbox's OpenAI-compatible server over HTTP, with 1000 posts taken from its own
corpus (realistic titles and bodies) inserted as collected rows:
- LLM calls and tokens to score 1000 new posts (target: one call per post);
- a refresh in which 30% of the posts come back unchanged and 70% were edited: calls
  spent on the unchanged ones (target 0), and calls saved against scoring them all;
- a rerun with nothing changed (target: 0 calls);
- in-process throughput at 200 ms LLM latency with CONCURRENCY threads (the shared rate
  limiter is set high here so that the figure is the scorer's, not the account's), and
  the offline heuristic's throughput for comparison.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime
from typing import Any

from psycopg import sql

from bench.environment import bench_environment
from bench.figures import Figure
from harbor.db import bootstrap, connect, qualified
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import start_sandbox
from harbor.scoring import factory
from harbor.scoring.service import score_pending
from harbor.settings import SANDBOX_OPENAI_KEY, Settings

AREA = "scoring"
POSTS = 1000
UNCHANGED_SHARE = 0.30
LATENCY = 0.2
CONCURRENCY = 16
SUBREDDITS = ("Entrepreneur", "SaaS", "smallbusiness", "freelance")
_COLUMNS = ("id", "subreddit", "title", "selftext", "score", "num_comments", "permalink",
            "url", "created_utc")  # fmt: skip


def _calls(client: SandboxClient) -> tuple[int, int, int]:
    openai = client.stats()["openai"]
    calls = int(openai["by_endpoint"].get("chat.completions", 0))
    return calls, int(openai["prompt_tokens"]), int(openai["completion_tokens"])


def _created(value: Any) -> datetime | None:
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    return value if isinstance(value, datetime) else None


def _row(post: dict[str, Any]) -> dict[str, Any]:
    post_id, subreddit = str(post["id"]), str(post["subreddit"])
    permalink = post.get("permalink") or f"/r/{subreddit}/comments/{post_id}/"
    return {
        **post,
        "created_utc": _created(post.get("created_utc")),
        "permalink": permalink,
        "url": post.get("url") or f"https://www.reddit.com{permalink}",
        "score": post.get("score", sum(map(ord, post_id)) % 200),
        "num_comments": post.get("num_comments", sum(map(ord, post_id)) % 45),
    }


def _corpus_rows(client: SandboxClient) -> list[dict[str, Any]]:
    """POSTS rows as the collectors keep them: the corpus's problem posts first."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for subreddit in SUBREDDITS:
        for post in client.posts(subreddit):
            if post["id"] not in seen:
                seen.add(post["id"])
                rows.append(_row(post))
    rows.sort(key=lambda row: not row.get("is_problem"))
    if len(rows) < POSTS:
        raise RuntimeError(f"the sandbox corpus has {len(rows)} posts, {POSTS} are needed")
    return rows[:POSTS]


def _insert(settings: Settings, rows: list[dict[str, Any]]) -> None:
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        qualified(settings, "submissions"),
        sql.SQL(", ").join(sql.Identifier(c) for c in _COLUMNS),
        sql.SQL(", ").join(sql.Placeholder() for _ in _COLUMNS),
    )
    with connect(settings.dsn) as conn, conn.cursor() as cur:
        cur.executemany(query, [[row.get(c) for c in _COLUMNS] for row in rows])


def _edit(settings: Settings, ids: list[str]) -> None:
    query = sql.SQL("UPDATE {} SET selftext = selftext || %s WHERE id = ANY(%s)").format(
        qualified(settings, "submissions")
    )
    with connect(settings.dsn) as conn:
        conn.execute(query, ("\n\nEDIT: still looking for something that fixes this.", ids))


def run() -> list[Figure]:
    """Run the scoring benchmarks; see the module docstring."""
    args = ["--seed", "11", "--initial-posts", "1000", "--rate", "0",
            "--subreddits", ",".join(SUBREDDITS)]  # fmt: skip
    with start_sandbox(args) as running:
        client = running.client
        env = {
            "OPENAI_API_KEY": SANDBOX_OPENAI_KEY,
            "OPENAI_BASE_URL": f"http://127.0.0.1:{running.openai_port}/v1",
            "HARBOR_OPENAI_RPM": "100000",
            "HARBOR_OPENAI_TPM": "100000000",
        }
        with bench_environment("harbor_bench_scoring", 9, **env) as settings:
            bootstrap(settings)
            factory._scorers.clear()
            rows = _corpus_rows(client)
            _insert(settings, rows)
            ids = [row["id"] for row in rows]

            client.reset()
            client.configure(openai_latency=LATENCY)
            started = time.perf_counter()
            first = score_pending(settings, None, False, CONCURRENCY, None)
            elapsed = time.perf_counter() - started
            calls, prompt_tokens, completion_tokens = _calls(client)

            client.configure(openai_latency=0.0)
            unchanged = int(len(ids) * UNCHANGED_SHARE)
            _edit(settings, ids[unchanged:])
            refresh = score_pending(settings, None, False, CONCURRENCY, None)
            refresh_calls = _calls(client)[0] - calls
            edited = len(ids) - unchanged
            rerun = score_pending(settings, None, False, CONCURRENCY, None)
            rerun_calls = _calls(client)[0] - calls - refresh_calls

            heuristic = dataclasses.replace(settings, dataset="bench_heuristic",
                                            scorer="heuristic", openai_api_key=None)  # fmt: skip
            bootstrap(heuristic)
            _insert(heuristic, rows)
            h_started = time.perf_counter()
            h_summary = score_pending(heuristic, None, False, 4, None)
            h_elapsed = time.perf_counter() - h_started
            factory._scorers.clear()

    per_1000 = 1000 / max(1, first.scored)
    throughput = first.scored / elapsed
    return [
        Figure(AREA, "LLM calls per 1000 new posts", calls * per_1000, "calls",
               "1000 (one per post)", ok=calls == first.scored == POSTS),
        Figure(AREA, "prompt tokens per 1000 posts", prompt_tokens * per_1000, "tokens"),
        Figure(AREA, "completion tokens per 1000 posts", completion_tokens * per_1000, "tokens"),
        Figure(AREA, "refresh: calls for the 30% unchanged posts", refresh_calls - edited,
               "calls", "0", ok=refresh_calls - edited == 0 and refresh.scored == edited),
        Figure(AREA, "refresh: calls saved vs rescoring all", len(ids) - refresh_calls, "calls",
               f"{unchanged}", ok=len(ids) - refresh_calls == unchanged),
        Figure(AREA, "rerun with nothing changed: calls", rerun_calls, "calls", "0",
               ok=rerun_calls == 0 and rerun.selected == 0),
        Figure(AREA, f"throughput at {LATENCY * 1000:.0f} ms latency, {CONCURRENCY} threads",
               throughput, "posts/s", f">= {0.5 * CONCURRENCY / LATENCY:.0f} (half the ideal)",
               ok=throughput >= 0.5 * CONCURRENCY / LATENCY),
        Figure(AREA, "heuristic scorer throughput (offline)", h_summary.scored / h_elapsed,
               "posts/s"),
    ]  # fmt: skip
