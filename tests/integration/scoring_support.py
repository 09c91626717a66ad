"""Helpers for the scoring integration tests: posts inserted with plain SQL, sandbox settings."""

from __future__ import annotations

import dataclasses
import zlib
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


# what makes posts of one problem different people's posts: who they are, what happened,
# what they tried, what they ask (post i takes a different mix of these than any other)
CONTEXTS = (
    "I run a two-person design studio and do the admin on Sundays.",
    "We are a family bakery with three shops across town and one office laptop.",
    "I freelance as a copywriter for a dozen agencies at any one time.",
    "Our plumbing company has four vans and a part-time office manager.",
    "I am the only ops person at a small language school.",
    "We sell handmade candles on Shopify and at weekend markets.",
    "I manage a physio clinic with eight therapists and a shared front desk.",
    "My partner and I run a wedding photography business out of our flat.",
    "I do bookkeeping for local restaurants on the side of a day job.",
    "We are a nine-person B2B SaaS team selling to dental practices.",
)
HAPPENINGS = (
    "Last month it cost us a client who had been with us for years.",
    "Twice this quarter it ate a whole weekend I had promised my kids.",
    "My accountant asked why the numbers never line up, and I had no answer.",
    "It got bad enough that I cancelled a holiday to catch up.",
    "A customer called us out publicly over it, which still stings.",
    "We hired a temp for it once and spent longer training them than it saved.",
    "I stayed up past midnight three nights in a row sorting it out.",
    "It is the first thing I dread every Monday morning.",
    "The backlog doubled after we took on our biggest contract.",
    "I keep a sticky note on my monitor that just says fix this.",
)
TRIES = (
    "Spreadsheets worked when we were smaller but now they break weekly.",
    "Zapier chains kept silently failing whenever a field name changed.",
    "The enterprise tools want annual contracts and a week of onboarding calls.",
    "A shared Google Doc lasted about a fortnight before nobody updated it.",
    "Three different apps later I am back to doing it by hand.",
    "Our intern built a macro for it, and then our intern left.",
    "The free plans cap out long before we get any real use from them.",
    "Every tutorial assumes a full-time admin person, which we do not have.",
    "I paid for an annual plan and stopped opening it after a month.",
    "Email reminders to myself get snoozed until they are useless.",
)
ASKS = (
    "What does your setup look like?",
    "Would anyone else pay for something that just handles this?",
    "Is there a boring, reliable way to do this that I am missing?",
    "How do teams our size keep on top of it?",
    "Open to apps, processes or hiring someone, honestly.",
    "Any recommendations under fifty dollars a month?",
    "Do I just accept this as part of running a business?",
    "What would you do in my position?",
    "Has anyone built their own fix for this?",
    "Please tell me there is a better way.",
)


def post_rows(
    count: int, prefix: str = "t", subreddit: str = "smallbusiness"
) -> list[dict[str, Any]]:
    """`count` realistic problem posts with distinct ids and texts, newest first.

    No two share their text (at most about two thirds of their word triples), so the
    duplicate check counts each as its own post; up to 5000 of them per prefix.
    """
    now = datetime.now(UTC)
    rows = []
    # another prefix, another mix: its posts start far from the default prefix's ones
    shift = 0 if prefix == "t" else 300 + zlib.crc32(prefix.encode()) % 600
    for i in range(count):
        title, pain = PAIN_POSTS[i % len(PAIN_POSTS)]
        j = (i // len(PAIN_POSTS) + shift) % 1000
        digits = (j % 10, j // 10 % 10, j // 100 % 10)
        k = i % len(PAIN_POSTS)  # and posts of other problems other sentences
        # the ask is a check digit: two posts that differ in one part differ in two
        body = " ".join((
            pain,
            CONTEXTS[(digits[0] + 3 * k) % 10],
            HAPPENINGS[(digits[1] + 7 * k) % 10],
            TRIES[(digits[2] + 9 * k) % 10],
            ASKS[(sum(digits) + k) % 10],
        ))  # fmt: skip
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
