"""The corpus: deterministic, ids in creation order, Reddit's paging and its 1000 cap."""

from __future__ import annotations

import pytest

from harbor.errors import ConfigError
from harbor.sandbox.config import SandboxConfig
from harbor.sandbox.corpus import LISTING_CAP, Corpus
from harbor.sandbox.ids import from_base36, to_base36
from harbor.sandbox.state import SandboxState

NOW = 1_800_000_000.0


def build(**changes: object) -> Corpus:
    config = SandboxConfig(subreddits=("SaaS", "startups"), initial_posts=300, rate=0)
    return Corpus.build(config.with_changes(changes), NOW)


def test_the_same_seed_gives_the_same_corpus_whenever_it_is_built() -> None:
    config = SandboxConfig(subreddits=("SaaS", "startups"), initial_posts=300, rate=0, seed=9)
    one, two = build(seed=9), Corpus.build(config, NOW + 3600.7)
    assert [p.id for p in one.subs["saas"].posts] == [p.id for p in two.subs["saas"].posts]
    assert [p.draft for p in one.subs["saas"].posts] == [p.draft for p in two.subs["saas"].posts]
    other = build(seed=10)
    assert [p.draft.title for p in other.subs["saas"].posts] != [
        p.draft.title for p in one.subs["saas"].posts
    ]


def test_ids_are_base36_and_grow_with_creation_time_across_subreddits() -> None:
    corpus = build()
    posts = sorted(corpus.by_num.values(), key=lambda p: p.num)
    assert all(from_base36(p.id) == p.num and to_base36(p.num) == p.id for p in posts)
    created = [p.created for p in posts]
    assert created == sorted(created)
    assert {p.sub.key for p in posts} == {"saas", "startups"}
    assert all(NOW - 31 * 86400 < p.created < NOW for p in posts)


def test_pages_are_newest_first_and_follow_after() -> None:
    corpus = build(initial_posts=250)
    first = corpus.listing("saas", limit=100)
    assert [p.num for p in first.posts] == sorted((p.num for p in first.posts), reverse=True)
    assert first.after == first.posts[-1].name and first.before is None
    second = corpus.listing("saas", limit=100, after=first.after)
    assert second.posts[0].num < first.posts[-1].num
    third = corpus.listing("saas", limit=100, after=second.after)
    assert len(third.posts) == 50 and third.after is None


def test_the_listing_stops_at_the_thousandth_post() -> None:
    corpus = build(initial_posts=1300)
    seen, after = [], None
    for _ in range(20):
        page = corpus.listing("saas", limit=100, after=after)
        seen.extend(page.posts)
        after = page.after
        if after is None:
            break
    assert len(seen) == LISTING_CAP
    assert corpus.listing("saas", limit=100, after=seen[-1].name).posts == []
    older = corpus.subs["saas"].posts[0]  # held, but out of reach of the listing
    assert corpus.listing("saas", after=older.name).posts == []


def test_before_gives_the_newer_posts_closest_to_the_anchor() -> None:
    corpus = build()
    newest = corpus.listing("saas", limit=100).posts
    page = corpus.listing("saas", limit=10, before=newest[50].name)
    assert page.posts == newest[40:50]
    assert page.after == newest[49].name and page.before == newest[40].name
    top = corpus.listing("saas", limit=10, before=newest[5].name)
    assert top.posts == newest[:5] and top.before is None


def test_before_is_reported_on_later_pages_only_with_a_count() -> None:
    corpus = build()
    first = corpus.listing("saas", limit=10)
    assert corpus.listing("saas", limit=10, after=first.after).before is None
    counted = corpus.listing("saas", limit=10, after=first.after, count=10)
    assert counted.before == counted.posts[0].name


def test_limit_is_clamped_to_one_hundred() -> None:
    corpus = build()
    assert len(corpus.listing("saas", limit=500).posts) == 100
    assert len(corpus.listing("saas", limit=0).posts) == 1


def test_unknown_anchor_gives_an_empty_page() -> None:
    corpus = build()
    assert corpus.listing("saas", after="t3_zzzzzzz").posts == []
    assert corpus.listing("saas", after="garbage").posts == []


def test_arrivals_materialise_from_the_clock_in_id_order() -> None:
    corpus = build(rate=6.0)  # six a minute per subreddit
    before = max(corpus.by_num)
    made = corpus.catch_up(NOW + 600)
    assert 60 <= made <= 180  # about 2 x 60
    new = sorted((p for p in corpus.by_num.values() if p.num > before), key=lambda p: p.num)
    assert [p.created for p in new] == sorted(p.created for p in new)
    assert all(NOW <= p.created <= NOW + 600 for p in new)


def test_advance_adds_the_newest_posts_of_the_asked_kind() -> None:
    corpus = build()
    posts = corpus.advance(["saas"], 3, "problem", NOW + 5)
    assert all(p.is_problem for p in posts)
    assert corpus.listing("saas", limit=3).posts == list(reversed(posts))
    assert not any(p.is_problem for p in corpus.advance(["saas"], 3, "ordinary", NOW + 6))


def test_posts_get_edited_deleted_and_removed_as_they_age() -> None:
    posts = build(initial_posts=1000).subs["saas"].posts
    later = NOW + 10 * 86400
    views = [p.view(later) for p in posts]
    edited = [v for v in views if v.edited is not None]
    assert edited and all(isinstance(v.edited, float) for v in edited)
    assert any(v.gone == "deleted" and v.selftext == "[deleted]" for v in views)
    assert any(v.gone == "removed" and v.selftext == "[removed]" for v in views)
    assert all(v.selftext in ("", "[deleted]", "[removed]") for v in views if v.gone)
    assert sum(v.gone is None for v in views) > 0.9 * len(views)


def test_engagement_grows_with_age_and_levels_off() -> None:
    post = build().subs["saas"].posts[0]
    young, old, older = (post.engagement(post.created + s) for s in (10, 86400, 10 * 86400))
    assert young.score <= old.score and young.num_comments <= old.num_comments
    assert old == older
    assert 0.0 <= old.upvote_ratio <= 1.0


def test_bad_settings_name_the_value() -> None:
    with pytest.raises(ConfigError, match="no-dashes"):
        SandboxConfig(subreddits=("no-dashes",))
    with pytest.raises(ConfigError, match="rate"):
        SandboxConfig().with_changes({"rate": "fast"})
    with pytest.raises(ConfigError, match="colour"):
        SandboxConfig().with_changes({"colour": 1})


def test_configure_keeps_the_corpus_and_refuses_corpus_settings() -> None:
    state = SandboxState(SandboxConfig(subreddits=("SaaS",), initial_posts=50, rate=0))
    ids = [p.id for p in state.corpus.subs["saas"].posts]
    state.configure({"latency": 0.5, "ratelimit": 10})
    assert state.config.latency == 0.5
    assert [p.id for p in state.corpus.subs["saas"].posts] == ids
    with pytest.raises(ConfigError, match="seed"):
        state.configure({"seed": 3})


def test_reset_starts_from_the_start_up_settings() -> None:
    state = SandboxState(SandboxConfig(subreddits=("SaaS",), initial_posts=50, rate=0))
    state.reset({"initial_posts": 70})
    assert len(state.corpus.subs["saas"].posts) == 70
    state.reset()
    assert len(state.corpus.subs["saas"].posts) == 50


def test_rate_limit_windows_count_per_token() -> None:
    clock = [1_800_000_100.0]
    state = SandboxState(
        SandboxConfig(subreddits=("SaaS",), initial_posts=1, ratelimit=2), clock=lambda: clock[0]
    )
    first, second, third = (state.count_request("a") for _ in range(3))
    assert (first.used, first.remaining) == (1, 1)
    assert second.remaining == 0 and not second.exceeded and third.exceeded
    assert state.count_request("b").used == 1
    assert first.headers()["x-ratelimit-remaining"] == "1.0"
    assert 0 < int(first.headers()["x-ratelimit-reset"]) <= 600
    clock[0] += 600
    assert state.count_request("a").used == 1


def test_tokens_of_one_client_id_share_its_window_as_on_reddit() -> None:
    clock = [1_800_000_100.0]
    state = SandboxState(
        SandboxConfig(subreddits=("SaaS",), initial_posts=1, ratelimit=3, ratelimit_window=60),
        clock=lambda: clock[0],
    )
    one, two = state.issue_token("harbor-sandbox"), state.issue_token("harbor-sandbox")
    assert [state.count_request(t).used for t in (one, two, one)] == [1, 2, 3]
    assert state.count_request(two).exceeded
    assert 0 < int(state.quota(one).headers()["x-ratelimit-reset"]) <= 60
    clock[0] += 60
    assert state.count_request(two).used == 1


def test_rates_vary_by_subreddit_and_busy_ones_get_their_own() -> None:
    subs = tuple(f"sub{i:02d}" for i in range(20))
    corpus = Corpus.build(
        SandboxConfig(subreddits=subs, initial_posts=5, rate=1.0, rate_spread=1.0,
                      busy=("sub00",), busy_rate=600.0),
        NOW,
    )  # fmt: skip
    rates = [corpus.rate_of(key, 1.0) for key in corpus.subs]
    assert rates[0] == 600.0
    assert min(rates[1:]) < 0.6 and max(rates[1:]) > 1.6  # spread both ways
    made = corpus.catch_up(NOW + 60)
    assert len(corpus.subs["sub00"].posts) - 5 > 0.8 * made  # the busy one dominates


def test_coverage_counts_what_arrived_and_when_it_was_first_listed() -> None:
    corpus = Corpus.build(SandboxConfig(subreddits=("SaaS",), initial_posts=10, rate=60.0), NOW)
    corpus.catch_up(NOW + 30)
    arrived = len(corpus.subs["saas"].posts) - 10
    assert arrived > 10
    corpus.listing("saas", limit=5, now=NOW + 40)  # five newest, first listed at +40 s
    corpus.listing("saas", limit=5, now=NOW + 50)  # again: first listing counts
    total = corpus.coverage()["total"]
    assert isinstance(total, dict)
    assert total["created"] == arrived and total["listed"] == 5
    assert total["never_listed"] == arrived - 5
    assert 10 <= total["freshness_p50"] <= 40 and total["freshness_p95"] <= 40
    corpus.reset_coverage(NOW + 60)
    assert corpus.coverage()["total"] == {**total, "created": 0, "listed": 0, "never_listed": 0,
                                          "freshness_p50": 0.0, "freshness_p95": 0.0,
                                          "freshness_max": 0.0}  # fmt: skip
