"""The sandbox's comment threads: deterministic, realistic kinds, Reddit's shapes."""

from __future__ import annotations

from collections import Counter

from harbor.sandbox.comments import comments_listing, thread
from harbor.sandbox.config import SandboxConfig
from harbor.sandbox.corpus import Corpus

NOW = 1_800_000_000.0


def _corpus() -> Corpus:
    return Corpus.build(SandboxConfig(seed=3, initial_posts=200, rate=0.0), NOW)


def test_a_thread_is_the_same_every_time_and_grows_with_time() -> None:
    post = next(
        p for p in _corpus().by_num.values() if p.is_problem and p.engagement(NOW).num_comments > 8
    )
    again = next(p for p in _corpus().by_num.values() if p.id == post.id)
    assert [c.body for c in thread(post, NOW)] == [c.body for c in thread(again, NOW)]
    assert len(thread(post, post.created + 120)) <= len(thread(post, NOW))
    assert thread(post, post.created) == []


def test_problem_threads_hold_agreement_the_same_problem_and_gone_comments() -> None:
    kinds: Counter[str] = Counter()
    for post in _corpus().by_num.values():
        if post.is_problem:
            for top in thread(post, NOW):
                kinds.update(c.kind for c in (top, *top.replies))
    for kind in ("agreement", "same_problem", "suggestion", "deleted", "removed"):
        assert kinds[kind] > 0, kinds
    gone = [c for p in _corpus().by_num.values() for c in thread(p, NOW) if c.kind == "removed"]
    assert all(c.body == "[removed]" and c.author == "[deleted]" for c in gone)


def test_the_listing_is_reddit_shaped_with_a_more_past_the_limit() -> None:
    post = max(_corpus().by_num.values(), key=lambda p: len(thread(p, NOW)))
    listing = comments_listing(post, NOW, limit=3)
    children = listing["data"]["children"]
    assert [c["kind"] for c in children] == ["t1", "t1", "t1", "more"]
    first = children[0]["data"]
    assert first["link_id"] == post.name and first["parent_id"] == post.name
    assert first["score"] >= children[1]["data"]["score"]
    assert children[-1]["data"]["count"] == len(thread(post, NOW)) - 3
