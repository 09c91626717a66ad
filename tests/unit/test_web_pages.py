"""The pages as pure functions: what each shows, with Reddit's text always as text."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from harbor.results.queries import BestPost, RankPage
from harbor.results.records import Evidence, Opportunity, PostDetail, SetMember
from harbor.status import LastRun, Status, SubredditStatus
from harbor.theming.listing import ThemeRecord
from harbor.web.layout import CSP, STYLE, ago
from harbor.web.pages.opportunities import render_opportunities
from harbor.web.pages.post import render_not_found, render_post
from harbor.web.pages.status import render_status_page
from harbor.web.pages.themes import render_themes
from harbor.web.query import OpportunityQuery

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
MakeOpportunity = Callable[..., Opportunity]


def _no_markup_from_reddit(html: str) -> None:
    assert "<script" not in html and "<img" not in html


def test_the_opportunities_page_lists_each_with_scores_summary_and_links(
    make_opportunity: MakeOpportunity,
) -> None:
    items = [make_opportunity(rank=1, post_id="a1", total=81.0),
             make_opportunity(rank=2, post_id="b2", total=64.0, subreddit="SaaS")]  # fmt: skip
    query = OpportunityQuery.parse({"subreddit": "SaaS", "min_total": "60"})
    html = render_opportunities(query, RankPage(items, True, [0] * 6 + [1, 0, 1, 0], 0),
                                ["SaaS", "smallbusiness"], 70)  # fmt: skip
    assert html.count('<li class="opp card"') == 2
    assert 'href="/post/a1"' in html and 'href="/post/b2"' in html
    assert 'href="https://reddit.com/r/smallbusiness/comments/1abc23/chasing/"' in html
    assert "Chasing unpaid invoices takes a day a week" in html
    assert '<option value="SaaS" selected>' in html and 'value="60"' in html
    assert "1-2 of 2 opportunities" in html
    assert 'rel="next"' in html and "page=2" in html and "subreddit=SaaS" in html
    assert 'aria-label="demand 7, pain 8, pay 7, gap 6, feasibility 8"' in html
    assert html.count("<svg") == 3  # two rows' bars and the histogram


def test_a_hostile_title_and_summary_render_as_text(make_opportunity: MakeOpportunity) -> None:
    item = make_opportunity(title=HOSTILE, summary=HOSTILE, subreddit="x<b>y")
    html = render_opportunities(OpportunityQuery.parse({}), RankPage([item], False, [1] + [0] * 9,
                                0), [], 70)  # fmt: skip
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    _no_markup_from_reddit(html)
    assert "r/x&lt;b&gt;y" in html


def test_an_empty_ranking_says_what_to_do() -> None:
    html = render_opportunities(OpportunityQuery.parse({}), RankPage([], False, [], 0), [], 70)
    assert "Nothing matches these filters" in html and "no opportunities match" in html
    assert 'rel="next"' not in html and 'rel="prev"' not in html


def test_a_value_typed_in_the_url_shows_in_the_form_escaped() -> None:
    query = OpportunityQuery.parse({"since": "12h"})
    html = render_opportunities(query, RankPage([], False, [], 0), [], 70)
    assert '<option value="12h" selected>12h</option>' in html


def _post(**changes: object) -> PostDetail:
    values: dict[str, object] = {
        "post_id": "1abc23", "subreddit": "SaaS", "title": "Invoices", "selftext": "Body text",
        "author": "someone", "link": "https://reddit.com/r/SaaS/comments/1abc23/x/",
        "url": "https://reddit.com/r/SaaS/comments/1abc23/x/", "created_utc": None,
        "reddit_score": 5, "num_comments": 2, "filter_score": 0.87, "filter_model": "pc1-abc",
        "matched_keywords": ("is there a tool", "so frustrated"), "collected_via": "dlt",
        "score_status": "scored", "score_error": None, "total": 73.5,
        "dimensions": {"market_demand": 7, "pain_intensity": 8, "monetization_potential": 7,
                       "market_gap": 6, "technical_feasibility": 8},
        "category": "pain", "summary": "A short summary", "rationale": "Because it hurts.",
        "scorer": "openai", "model": "gpt-4o-mini", "prompt_version": "v1", "scored_at": None,
    }  # fmt: skip
    values.update(changes)
    return PostDetail(**values)  # type: ignore[arg-type]


def test_a_post_shows_five_scores_rationale_summary_filter_score_and_keywords() -> None:
    html = render_post(_post())
    for label in ("demand", "pain", "pay", "gap", "feasibility"):
        assert '<text class="label" x="0" y="' in html and f">{label}</text>" in html
    assert "Because it hurts." in html and "A short summary" in html
    assert "87%" in html and "pc1-abc" in html
    assert '<span class="chip">is there a tool</span>' in html
    assert 'href="https://reddit.com/r/SaaS/comments/1abc23/x/"' in html


def test_a_hostile_post_and_an_unscored_one() -> None:
    html = render_post(_post(title=HOSTILE, selftext=HOSTILE, matched_keywords=(HOSTILE,),
                             rationale=HOSTILE, author=HOSTILE))  # fmt: skip
    _no_markup_from_reddit(html)
    assert "<title>&lt;script&gt;" in html
    pending = render_post(_post(score_status="failed", score_error="HTTP 500", dimensions=None,
                                total=None, filter_score=None, matched_keywords=()))  # fmt: skip
    assert "Not scored" in pending and "failed" in pending and "HTTP 500" in pending
    assert "No filter score" in pending
    assert "&lt;b&gt;" in render_not_found("<b>")


def test_a_javascript_permalink_never_becomes_a_link() -> None:
    html = render_post(_post(link="javascript:alert(1)"))
    assert "javascript:" not in html and "open on Reddit" not in html


def test_the_status_page_shows_what_harbor_status_shows() -> None:
    now = datetime.now(UTC)
    run = LastRun("dlt", "ok", now, now, 12, 30, None)
    status = Status(
        at=now, share=100, rollback=True, table_present=True, problems=["garbled <x>"],
        pins={"saas": "legacy"},
        subreddits=[SubredditStatus("SaaS", 34, "legacy", "pinned", "legacy", False, 0, run,
                                    5.0, None)],
        queues={"collect": 0, "score": 3}, workers={"s1@host": {}, "celerybeat@host": {}},
        beat_leader="host:1", scores={"pending": 1, "scored": 9, "failed": 0, "deferred": 0},
        tokens_today=1234, token_budget=None, scorer="heuristic (offline)", errors=[],
    )  # fmt: skip
    html = render_status_page(status, [0] * 23 + [12], now)
    for text in ("100% of subreddits on dlt", "ON: everything goes legacy", "saas=legacy",
                 "collect 0, score 3", "s1@host", "celerybeat@host", "host:1", "9 scored",
                 "1,234", "heuristic (offline)", "r/SaaS", "legacy (pin)", "ok via dlt, 12 new",
                 "in 5s", "garbled &lt;x&gt;", "12</strong> new posts"):  # fmt: skip
        assert text in html, text


def test_the_policy_allows_exactly_the_inline_stylesheet_and_no_script() -> None:
    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in CSP
    assert "default-src 'none'" in CSP and "script-src" not in CSP
    html = render_not_found("x")
    [style] = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert style == STYLE
    assert "<script" not in html and " style=" not in html


def test_ages_read_naturally() -> None:
    now = datetime(2026, 1, 2, tzinfo=UTC)
    cases = {timedelta(seconds=10): "just now", timedelta(minutes=30): "30m ago",
             timedelta(hours=5): "5h ago", timedelta(days=9): "9d ago"}  # fmt: skip
    for delta, text in cases.items():
        assert ago(now - delta, now) == text
    assert ago(None) == "-"


def test_a_set_of_duplicates_shows_its_subreddits_copies_theme_and_agreement(
    make_opportunity: MakeOpportunity,
) -> None:
    item = make_opportunity(subreddits=("SaaS", "smallbusiness"), duplicates=2,
                            theme_id="th_1abc", theme_label=HOSTILE, agreeing=3)  # fmt: skip
    html = render_opportunities(OpportunityQuery.parse({}), RankPage([item], False, [], 0), [], 70)
    assert "r/SaaS, r/smallbusiness" in html and "2 copies" in html
    assert 'href="/themes#th_1abc"' in html and "+3 agreeing" in html
    _no_markup_from_reddit(html)


def test_a_post_lists_its_set_its_theme_and_the_comments_kept_as_evidence() -> None:
    members = (SetMember("orig1", "SaaS", HOSTILE, "https://reddit.com/r/SaaS/x/", True),)
    evidence = (Evidence("someone", "Same here, " + HOSTILE, 41, "agreement",
                         "https://reddit.com/r/SaaS/comments/x/c1/"),)  # fmt: skip
    html = render_post(_post(canonical_id="orig1", set_members=members, theme_id="th_9",
                             theme_label="invoices / chasing", evidence=evidence, agreeing=1,
                             demand_bonus=1))  # fmt: skip
    assert "A copy of" in html and 'href="/post/orig1"' in html and "the canonical post" in html
    assert 'href="/themes#th_9"' in html and "invoices / chasing" in html
    assert "1 agreeing, +1 market demand" in html and "41 points" in html
    _no_markup_from_reddit(html)


def _theme(**changes: object) -> ThemeRecord:
    now = datetime.now(UTC)
    values: dict[str, object] = {
        "id": "th_1abc", "label": "invoices / chasing / clients", "label_source": "terms",
        "posts": 12, "posts_total": 15, "authors": 11, "subreddits": ["SaaS", "freelance"],
        "score": 300, "comments": 80, "mean_total": 61.2, "mean_scores": {}, "first_seen": now,
        "last_seen": now, "posts_per_day": 0.4, "posts_per_day_before": 0.1, "growth": 3.0,
        "trend": "rising", "post_ids": ["p1", "p2", "p3", "p4"], "best_title": "t",
        "best_permalink": "/r/SaaS/comments/p1/t/",
    }  # fmt: skip
    values.update(changes)
    return ThemeRecord(**values)  # type: ignore[arg-type]


def test_the_themes_page_shows_label_size_growth_sparkline_and_best_posts() -> None:
    best = {p: BestPost(p, f"title {p}", "SaaS", 60.0) for p in ("p1", "p2", "p3", "p4")}
    html = render_themes([_theme(), _theme(id="th_2", label=HOSTILE, growth=None, trend="new")],
                         {"th_1abc": [0, 1, 3, 8]}, best, {"since": "7d"})  # fmt: skip
    assert html.count('<li class="card theme-row"') == 2
    assert 'id="th_1abc"' in html and "<strong>12</strong> posts" in html
    assert "+300% rising" in html and ">new<" in html
    assert html.count('href="/post/p') == 6  # the best three of each
    assert 'aria-label="0, 1, 3, 8"' in html  # the sparkline
    assert '<option value="7d" selected>' in html
    _no_markup_from_reddit(html)
    assert "No theme has posts" in render_themes([], {}, {}, {})
