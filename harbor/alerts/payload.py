"""What an alert says: one JSON body that Slack's and Discord's incoming webhooks both take,
for an opportunity (`opportunity_payload`) or a rising theme (`theme_payload`).

Slack reads `text` (mrkdwn: `&`, `<` and `>` must be escaped, or a title holding
`<!channel>` would ping a whole channel); Discord reads `content` (markdown: escaped with
backslashes, at most 2000 characters) and `allowed_mentions` (none, so `@everyone` in a
title pings nobody). Each ignores the other's fields. The structured fields (`kind`, and
`opportunity` or `theme`) are for any other receiver. The destination is kept as a digest only.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from harbor.results.records import Opportunity, jsonable
from harbor.scoring.report import reddit_link
from harbor.theming.listing import ThemeRecord

__all__ = [
    "DISCORD_LIMIT",
    "destination_digest",
    "discord_escape",
    "one_line",
    "opportunity_payload",
    "slack_escape",
    "theme_payload",
]

DISCORD_LIMIT = 2000
TITLE_CHARS = 200
SUMMARY_CHARS = 300
_SPACES = re.compile(r"\s+")
_DISCORD_SPECIAL = re.compile(r"([\\*_~`|>\[\]()#:@<-])")


def destination_digest(url: str) -> str:
    """The sha256 of a webhook URL, as stored in `alerts.destination` (never the URL)."""
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()


def one_line(text: str, limit: int | None = None) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    flat = _SPACES.sub(" ", text or "").strip()
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


def slack_escape(text: str) -> str:
    """Text that Slack shows as typed: its three control characters escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def discord_escape(text: str) -> str:
    """Text that Discord shows as typed: markdown and mention characters escaped."""
    return _DISCORD_SPECIAL.sub(r"\\\1", text)


def _message(
    head: str, lines: list[str], link: str, kind: str, details: dict[str, Any]
) -> dict[str, Any]:
    """The body both services take: `head` in bold, then `lines` (escaped for each, as they
    may hold Reddit text), then the link; `details` under the key `kind`."""
    text = f"*{head}*: " + "\n".join(slack_escape(line) for line in lines) + f"\n{link}"
    # <link> keeps Discord from unfurling a preview of the post
    content = f"**{head}**: " + "\n".join(discord_escape(line) for line in lines) + f"\n<{link}>"
    if len(content) > DISCORD_LIMIT:
        content = content[: DISCORD_LIMIT - 1] + "…"
    return {
        "text": text,
        "content": content,
        "username": "RedditHarbor",
        "allowed_mentions": {"parse": []},
        "kind": kind,
        kind: jsonable(details),
    }


def opportunity_payload(opp: Opportunity) -> dict[str, Any]:
    """The webhook body announcing one opportunity."""
    title = one_line(opp.title, TITLE_CHARS) or "(no title)"
    summary = one_line(opp.summary, SUMMARY_CHARS)
    head = f"New opportunity {opp.total:.0f}/100 in r/{opp.subreddit}"
    dims = ", ".join(f"{k.split('_')[0]} {v}" for k, v in opp.dimensions().items())
    details = {
        "post_id": opp.post_id,
        "total": opp.total,
        "scores": opp.dimensions(),
        "category": opp.category,
        "subreddit": opp.subreddit,
        "title": opp.title,
        "summary": opp.summary,
        "link": opp.link,
        "created_utc": opp.created_utc,
        "scored_at": opp.scored_at,
    }
    return _message(head, [title, summary, dims], opp.link, "opportunity", details)


def theme_payload(theme: ThemeRecord, window_days: int) -> dict[str, Any]:
    """The webhook body announcing a theme that is growing fast."""
    label = one_line(theme.label or theme.id, TITLE_CHARS)
    growth = "new" if theme.growth is None else f"{theme.growth:+.0%}"
    where = ", ".join(f"r/{s}" for s in theme.subreddits[:5])
    head = f"Rising theme: {theme.posts} posts in {window_days} days ({growth})"
    best = one_line(theme.best_title, TITLE_CHARS)
    link = reddit_link(theme.best_permalink)
    details = {
        "id": theme.id,
        "label": theme.label,
        "posts": theme.posts,
        "window_days": window_days,
        "growth": theme.growth,
        "trend": theme.trend,
        "posts_per_day": theme.posts_per_day,
        "authors": theme.authors,
        "subreddits": theme.subreddits,
        "mean_total": theme.mean_total,
        "best_title": theme.best_title,
        "best_link": link,
    }
    return _message(head, [label, where, f"best: {best}"], link, "theme", details)
