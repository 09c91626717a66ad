"""The sandbox writes varied, natural posts: many ways to describe a pain, and ordinary
posts that use problem words in passing."""

from __future__ import annotations

import re
import time
from random import Random

import pytest

from harbor.sandbox.config import SandboxConfig
from harbor.sandbox.corpus import Corpus
from harbor.sandbox.post import Post
from harbor.sandbox.text import expand, selftext_html, slug, write_post

# what a naive keyword filter would look for
NAIVE = re.compile(
    r"struggl|frustrat|is there a tool|looking for|problem|hate|annoy|tired of|nightmare", re.I
)


@pytest.fixture(scope="module")
def posts() -> list[Post]:
    corpus = Corpus.build(SandboxConfig(subreddits=("SaaS",), initial_posts=1000, rate=0), 1.8e9)
    return corpus.subs["saas"].posts


def test_a_thousand_posts_have_several_hundred_distinct_titles(posts: list[Post]) -> None:
    titles = {p.draft.title for p in posts}
    assert len(titles) >= 600


def test_problem_posts_open_in_many_different_ways(posts: list[Post]) -> None:
    openings = {p.draft.selftext.split(".")[0] for p in posts if p.is_problem}
    assert len(openings) >= 150


def test_about_a_third_of_posts_are_problem_posts(posts: list[Post]) -> None:
    share = sum(p.is_problem for p in posts) / len(posts)
    assert 0.28 <= share <= 0.40


def test_many_problem_posts_avoid_the_obvious_keywords(posts: list[Post]) -> None:
    problems = [p.draft for p in posts if p.is_problem]
    plain = [d for d in problems if not NAIVE.search(f"{d.title} {d.selftext}")]
    assert len(plain) / len(problems) >= 0.25


def test_some_ordinary_posts_use_problem_words_in_passing(posts: list[Post]) -> None:
    ordinary = [p.draft for p in posts if not p.is_problem]
    noisy = [d for d in ordinary if NAIVE.search(f"{d.title} {d.selftext}")]
    assert 0.05 <= len(noisy) / len(ordinary) <= 0.6
    assert {d.genre for d in ordinary} >= {"news", "showcase", "success", "tutorial", "meme"}


def test_ordinary_posts_include_link_image_and_self_posts(posts: list[Post]) -> None:
    media = {p.draft.media for p in posts if not p.is_problem}
    assert {"self", "link", "image"} <= media
    links = [p.draft for p in posts if p.draft.media == "link"]
    assert all(d.url and d.url.startswith("https://") and d.selftext == "" for d in links)


def test_the_same_seed_writes_the_same_post() -> None:
    assert write_post(Random(5), True) == write_post(Random(5), True)
    assert write_post(Random(5), True) != write_post(Random(6), True)


def test_expand_picks_choices_and_fills_capitalised_slots() -> None:
    text = expand("[a|a] {Tool} and {tool}", Random(1), {"tool": "notion"})
    assert text == "a Notion and notion"
    with pytest.raises(KeyError):
        expand("{missing}", Random(1), {})


def test_selftext_html_is_reddits_markdown_wrapper() -> None:
    html = selftext_html("Tom & Jerry's <b>\n\nsecond")
    assert html == (
        '<!-- SC_OFF --><div class="md"><p>Tom &amp; Jerry&#39;s &lt;b&gt;</p>\n\n'
        "<p>second</p>\n</div><!-- SC_ON -->"
    )
    assert selftext_html("") is None


def test_slug_is_lower_case_words_joined_by_underscores() -> None:
    assert slug("Is there a tool that chases invoices?") == "is_there_a_tool_that_chases_invoices"


def test_twenty_subreddits_of_a_thousand_posts_build_quickly() -> None:
    subs = tuple(f"sub_{i}" for i in range(20))
    started = time.perf_counter()
    corpus = Corpus.build(SandboxConfig(subreddits=subs, initial_posts=1000, rate=0), 1.8e9)
    assert len(corpus.by_num) == 20_000
    assert time.perf_counter() - started < 5.0  # typically well under 0.2 s
