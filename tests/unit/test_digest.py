"""The digest's two renderings: what they say, and Reddit's text escaped for each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from harbor.digest import (
    Digest,
    md_escape,
    parse_digest_format,
    render_html,
    render_markdown,
    write_digest,
)
from harbor.errors import ConfigError
from harbor.results.records import Opportunity
from harbor.theming.listing import ThemeRecord

MakeOpportunity = Callable[..., Opportunity]
AT = datetime(2026, 3, 4, 8, 30, tzinfo=UTC)


def _digest(items: list[Opportunity], since: timedelta = timedelta(days=1)) -> Digest:
    return Digest(since, AT, collected=120, matching=len(items) + 5, opportunities=items)


def test_markdown_lists_the_top_opportunities_with_scores_and_links(
    make_opportunity: MakeOpportunity,
) -> None:
    items = [make_opportunity(rank=1), make_opportunity(rank=2, post_id="x2", total=61.0)]
    text = render_markdown(_digest(items))
    assert text.startswith("# RedditHarbor digest: the last day\n")
    assert "2026-03-04 08:30 UTC · 120 posts collected · 7 opportunities · the top 2 below" in text
    link = "https://reddit.com/r/smallbusiness/comments/1abc23/chasing/"
    assert f"1. **[Chasing unpaid invoices eats my Friday]({link})** — 72/100" in text
    assert "2. **" in text and "61/100" in text
    assert "demand 7 · pain 8 · pay 7 · gap 6 · feasibility 8" in text


def test_markdown_shows_reddit_text_as_typed(make_opportunity: MakeOpportunity) -> None:
    hostile = "<script>x</script> [click](javascript:alert(1)) **bold** # head"
    text = render_markdown(_digest([make_opportunity(title=hostile, summary=hostile)]))
    assert "<script>" not in text and "](javascript" not in text and "**bold**" not in text
    assert r"&lt;script&gt;x&lt;/script&gt; \[click\]\(javascript:alert\(1\)\)" in text
    assert md_escape("a_b*c") == r"a\_b\*c"


def test_html_is_one_escaped_document(make_opportunity: MakeOpportunity) -> None:
    item = make_opportunity(title="<img src=x onerror=alert(1)>", link="javascript:alert(1)")
    html = render_html(_digest([item], since=timedelta(days=7)))
    assert html.startswith("<!doctype html>")
    assert "<title>RedditHarbor digest: the last week</title>" in html
    assert "<img" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_an_empty_period_says_so(make_opportunity: MakeOpportunity) -> None:
    assert "No opportunity was scored among the posts of the last 12 hours." in render_markdown(
        _digest([], since=timedelta(hours=12))
    )
    assert "No opportunity was scored" in render_html(_digest([]))


def test_formats_and_the_output_file(tmp_path: Path) -> None:
    assert parse_digest_format("MD") == "md" and parse_digest_format("html") == "html"
    with pytest.raises(ConfigError, match="--format: 'pdf' is not a digest format"):
        parse_digest_format("pdf")
    target = tmp_path / "digest.md"
    write_digest("# hello\n", target)
    assert target.read_text() == "# hello\n" and list(tmp_path.iterdir()) == [target]
    with pytest.raises(ConfigError, match="-o: the directory"):
        write_digest("x", tmp_path / "missing" / "d.md")


def test_rising_themes_follow_the_opportunities(make_opportunity: MakeOpportunity) -> None:
    theme = ThemeRecord(
        id="th_1", label="<b>invoices</b> / chasing", label_source="terms", posts=9,
        posts_total=9, authors=8, subreddits=["SaaS"], score=1, comments=1, mean_total=60.0,
        mean_scores={}, first_seen=AT, last_seen=AT, posts_per_day=1.0, posts_per_day_before=0,
        growth=None, trend="new", post_ids=[], best_title="", best_permalink="",
    )  # fmt: skip
    digest = Digest(timedelta(days=7), AT, 10, 1, [make_opportunity()], [theme])
    text = render_markdown(digest)
    assert "## Rising themes" in text and "9 posts (new), 8 authors, r/SaaS" in text
    assert "&lt;b&gt;invoices&lt;/b&gt; / chasing" in text
    html = render_html(digest)
    assert "<h2>Rising themes</h2>" in html and "&lt;b&gt;invoices" in html and "<b>" not in html
    assert "Rising themes" not in render_markdown(_digest([make_opportunity()]))
