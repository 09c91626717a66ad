"""Helpers for the scoring integration tests: posts inserted with plain SQL, sandbox settings."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from harbor import db
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox
from harbor.scoring import factory
from harbor.settings import SANDBOX_OPENAI_KEY, Secret, Settings

PAIN_POSTS = (
    (
        "Chasing unpaid invoices eats my whole Friday",
        "Every week I spend hours emailing clients about late payments. I tried QuickBooks "
        "reminders but they feel robotic and clients ignore them. Is there a tool that does "
        "polite follow-ups and escalates on its own? I'd happily pay for it.",
    ),
    (
        "How do you keep track of client feedback across email, Slack and calls?",
        "I run a small design agency. Feedback is scattered everywhere and we keep missing "
        "requests. It's costing us revisions and goodwill. Spreadsheets didn't stick.",
    ),
    (
        "Scheduling shifts for 12 part-timers is a nightmare",
        "Every Sunday I rebuild the rota by hand because someone can't make it. Apps I tried "
        "are built for big chains and cost a fortune.",
    ),
    (
        "Tired of copying orders from Etsy into my accounting by hand",
        "Daily I export CSVs, fix columns and paste them into Xero. Takes 40 minutes a day.",
    ),
    (
        "Anyone else struggling to get reviews from happy customers?",
        "We do great work but only angry people leave reviews. Is there a simple way to ask "
        "at the right moment without being spammy?",
    ),
)


def post_rows(
    count: int, prefix: str = "t", subreddit: str = "smallbusiness"
) -> list[dict[str, Any]]:
    """`count` realistic problem posts with distinct ids and texts, newest first."""
    now = datetime.now(UTC)
    rows = []
    for i in range(count):
        title, body = PAIN_POSTS[i % len(PAIN_POSTS)]
        rows.append({
            "id": f"{prefix}{i:04d}",
            "subreddit": subreddit,
            "title": f"{title} ({i})" if i >= len(PAIN_POSTS) else title,
            "selftext": body,
            "score": 3 + (i * 7) % 120,
            "num_comments": (i * 3) % 40,
            "permalink": f"/r/{subreddit}/comments/{prefix}{i:04d}/post_{i}/",
            "url": f"https://www.reddit.com/r/{subreddit}/comments/{prefix}{i:04d}/post_{i}/",
            "created_utc": now - timedelta(minutes=i),
        })  # fmt: skip
    return rows


def insert_posts(settings: Settings, rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Insert (or overwrite) submissions rows with plain SQL; return their ids."""
    db.bootstrap(settings)
    columns = ("id", "subreddit", "title", "selftext", "score", "num_comments", "permalink",
               "url", "created_utc")  # fmt: skip
    ids = []
    with db.connect(settings.dsn) as conn:
        for row in rows:
            conn.execute(
                f'INSERT INTO "{settings.dataset}".submissions ({", ".join(columns)}) '
                f"VALUES ({', '.join(['%s'] * len(columns))}) "
                "ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, "
                "selftext = EXCLUDED.selftext",
                [row.get(c) for c in columns],
            )
            ids.append(str(row["id"]))
    return ids


def edit_post(settings: Settings, post_id: str, selftext: str) -> None:
    """Change a post's selftext, as a collector does after an edit on Reddit."""
    with db.connect(settings.dsn) as conn:
        conn.execute(
            f'UPDATE "{settings.dataset}".submissions SET selftext = %s WHERE id = %s',
            (selftext, post_id),
        )


def score_rows(settings: Settings) -> dict[str, dict[str, Any]]:
    """Every opportunity_scores row by post_id."""
    with db.connect(settings.dsn) as conn, conn.cursor() as cur:
        cur.execute(f'SELECT * FROM "{settings.dataset}".opportunity_scores')
        names = [d.name for d in cur.description or ()]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}


def openai_settings(settings: Settings, running: RunningSandbox, **changes: Any) -> Settings:
    """`settings` scoring with OpenAI at the sandbox; scorers built afresh."""
    factory._scorers.clear()
    return dataclasses.replace(
        settings,
        openai_api_key=Secret(SANDBOX_OPENAI_KEY),
        openai_base_url=f"http://127.0.0.1:{running.openai_port}/v1",
        scorer="openai",
        **changes,
    )


def openai_env(settings: Settings, running: RunningSandbox, **extra: str) -> dict[str, str]:
    """Environment variables that make a `harbor` subprocess score against the sandbox."""
    return {
        "DATABASE_URL": settings.dsn,
        "REDIS_URL": settings.redis_url.get(),
        "HARBOR_DATASET": settings.dataset,
        "OPENAI_API_KEY": SANDBOX_OPENAI_KEY,
        "OPENAI_BASE_URL": f"http://127.0.0.1:{running.openai_port}/v1",
        **extra,
    }


def llm_calls(sandbox: SandboxClient) -> int:
    """Chat completion requests the sandbox has answered (or faulted) since its reset."""
    return int(sandbox.stats()["openai"]["by_endpoint"].get("chat.completions", 0))
