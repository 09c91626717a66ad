"""`harbor digest`: the period's top opportunities and rising themes, readable as an email
or a post.

`build_digest` reads (one connection, read only); `render_markdown` and `render_html` are
pure. Reddit's text is escaped for each format: in Markdown its markup characters are
backslash-escaped and `<`, `>`, `&` written as entities (renderers pass raw HTML through),
in HTML everything goes through harbor.web.html.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from psycopg import sql

from harbor.db import qualified
from harbor.errors import ConfigError
from harbor.results.queries import rank_page, read_only
from harbor.results.records import Opportunity
from harbor.scoring.store import RankFilter
from harbor.settings import Settings
from harbor.theming.listing import ThemeRecord, list_themes
from harbor.web.html import Html, external_href, join, render

__all__ = [
    "Digest",
    "DigestFormat",
    "build_digest",
    "md_escape",
    "parse_digest_format",
    "render_digest",
    "render_html",
    "render_markdown",
    "write_digest",
]

DigestFormat = Literal["md", "html"]
THEMES_SHOWN = 5
THEME_CANDIDATES = 50
SHORT = {"market_demand": "demand", "pain_intensity": "pain", "monetization_potential": "pay",
         "market_gap": "gap", "technical_feasibility": "feasibility"}  # fmt: skip


@dataclass(frozen=True)
class Digest:
    """What one digest says: the period, its counts and its best opportunities."""

    since: timedelta
    generated_at: datetime
    collected: int  # posts first stored in the period
    matching: int  # opportunities of the period (every one, not only those shown)
    opportunities: list[Opportunity]
    # themes with posts in the period that grew against the period before, or are new
    themes: list[ThemeRecord] = field(default_factory=list)


def parse_digest_format(text: str) -> DigestFormat:
    """'md' (or 'markdown') or 'html'; anything else is a ConfigError naming it."""
    value = text.strip().lower()
    if value in ("md", "markdown"):
        return "md"
    if value == "html":
        return "html"
    raise ConfigError(f"--format: {text!r} is not a digest format (md or html)")


def build_digest(settings: Settings, since: timedelta, top: int = 10) -> Digest:
    """The digest of the posts created in the last `since`."""
    if top < 1:
        raise ConfigError(f"--top: {top} must be at least 1")
    with read_only(settings) as conn:
        page = rank_page(conn, settings, RankFilter(since=since), limit=top)
        row = conn.execute(
            sql.SQL("SELECT count(*) FROM {} WHERE first_seen_at >= now() - %s::interval").format(
                qualified(settings, "submissions")
            ),
            (since,),
        ).fetchone()
    collected = int(row[0]) if row else 0
    found = list_themes(settings, THEME_CANDIDATES, since, name=False)
    rising = [t for t in found if t.trend in ("rising", "new")][:THEMES_SHOWN]
    return Digest(since, datetime.now(UTC), collected, page.matching, page.items, rising)


def _period(since: timedelta) -> str:
    seconds = int(since.total_seconds())
    for unit, size in (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return unit if count == 1 else f"{count} {unit}s"
    return f"{seconds} seconds"


def _dims(opp: Opportunity) -> str:
    return " · ".join(f"{SHORT[k]} {v}" for k, v in opp.dimensions().items())


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[](){}#+-.!|~"})


def md_escape(text: str) -> str:
    """`text` shown as typed in Markdown: no markup, no raw HTML, on one line."""
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return flat.translate(_MD_SPECIAL)


def _md_url(url: str) -> str:
    return quote(external_href(url), safe=":/?&=#%~+,;@!$'*")


def render_markdown(digest: Digest) -> str:
    """The digest as Markdown (GitHub, Slack posts, most email tools)."""
    period = _period(digest.since)
    lines = [
        f"# RedditHarbor digest: the last {period}",
        "",
        f"{digest.generated_at:%Y-%m-%d %H:%M} UTC · {digest.collected} posts collected · "
        f"{digest.matching} opportunities · the top {len(digest.opportunities)} below",
        "",
        "## Top opportunities",
        "",
    ]
    if not digest.opportunities:
        lines.append(f"No opportunity was scored among the posts of the last {period}.")
    for opp in digest.opportunities:
        title = md_escape(opp.title or "(no title)")
        link = _md_url(opp.link)
        head = f"[{title}]({link})" if link else title
        lines.append(
            f"{opp.rank}. **{head}** — {opp.total:.0f}/100 · r/{md_escape(opp.subreddit)} · "
            f"{md_escape(opp.category.replace('_', ' '))}"
        )
        if opp.summary:
            lines.append(f"   {md_escape(opp.summary)}")
        lines.append(f"   {_dims(opp)}")
        lines.append("")
    if digest.themes:
        lines += ["## Rising themes", ""]
        for theme in digest.themes:
            lines.append(
                f"- **{md_escape(theme.label or theme.id)}** — {theme.posts} posts "
                f"({_growth(theme)}), {theme.authors} authors, "
                f"{md_escape(', '.join('r/' + s for s in theme.subreddits[:4]))}"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _growth(theme: ThemeRecord) -> str:
    return "new" if theme.growth is None else f"{theme.growth:+.0%} on the period before"


_STYLE = (
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2433;"
    "max-width:720px;margin:24px auto;padding:0 16px}h1{font-size:22px}h2{font-size:17px}"
    "li{margin-bottom:14px}.total{font-weight:700}.muted{color:#5b6475;font-size:13px}"
    "a{color:#2f6fde}"
)


def render_html(digest: Digest) -> str:
    """The digest as one self-contained HTML document (an email body)."""
    period = _period(digest.since)
    items = []
    for opp in digest.opportunities:
        href = external_href(opp.link)
        title = opp.title or "(no title)"
        head = render('<a href="{h}">{t}</a>', h=href, t=title) if href else render("{t}", t=title)
        items.append(
            render(
                '<li><strong>{head}</strong><br><span class="total">{total}/100</span> · '
                'r/{sub} · {cat}<br>{summary}<br><span class="muted">{dims}</span></li>',
                head=head,
                total=f"{opp.total:.0f}",
                sub=opp.subreddit,
                cat=opp.category.replace("_", " "),
                summary=opp.summary,
                dims=_dims(opp),
            )
        )
    listing = (
        render("<ol>{items}</ol>", items=join(items))
        if items
        else render("<p>No opportunity was scored among the posts of the last {p}.</p>", p=period)
    )
    themes = Html("")
    if digest.themes:
        themes = render(
            "<h2>Rising themes</h2><ul>{items}</ul>",
            items=join(
                render("<li><strong>{label}</strong> — {posts} posts ({growth}), {authors} "
                       "authors, {subs}</li>", label=t.label or t.id, posts=t.posts,
                       growth=_growth(t), authors=t.authors,
                       subs=", ".join("r/" + s for s in t.subreddits[:4]))
                for t in digest.themes
            ),
        )  # fmt: skip
    return render(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>RedditHarbor digest: the last {period}</title><style>{style}</style></head>"
        "<body><h1>RedditHarbor digest: the last {period}</h1>"
        '<p class="muted">{at} UTC · {collected} posts collected · {matching} opportunities · '
        "the top {shown} below</p><h2>Top opportunities</h2>{listing}{themes}</body></html>\n",
        period=period,
        style=Html(_STYLE),
        at=f"{digest.generated_at:%Y-%m-%d %H:%M}",
        collected=digest.collected,
        matching=digest.matching,
        shown=len(digest.opportunities),
        listing=listing,
        themes=themes,
    )


def render_digest(digest: Digest, fmt: DigestFormat) -> str:
    """The digest in `fmt`."""
    return render_markdown(digest) if fmt == "md" else render_html(digest)


def write_digest(text: str, path: Path) -> None:
    """Write `text` to `path` atomically (a temporary file beside it, then renamed)."""
    target = path.expanduser()
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise ConfigError(f"-o: the directory {str(directory)!r} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
