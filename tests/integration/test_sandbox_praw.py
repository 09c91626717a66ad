"""The real praw against the sandbox sees what it would see from Reddit."""

from __future__ import annotations

import prawcore
import pytest
from sandbox_support import listing_requests, reddit

from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox

SUB = "SaaS"


def test_praw_lists_1000_posts_in_exactly_10_requests_and_stops(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.reset(initial_posts=1500)
    posts = list(reddit(sandbox_process.reddit_url).subreddit(SUB).new(limit=None))
    assert len(posts) == 1000
    assert len({p.id for p in posts}) == 1000
    stats = sandbox.stats()
    assert listing_requests(stats, SUB) == 10
    assert stats["reddit"]["by_endpoint"]["access_token"] == 1
    truth = sandbox.posts(SUB)
    assert [p.id for p in posts] == [t["id"] for t in truth[:1000]]
    created = [p.created_utc for p in posts]
    assert created == sorted(created, reverse=True)


def test_praw_reads_the_fields_as_reddit_sends_them(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    post = next(iter(reddit(sandbox_process.reddit_url).subreddit(SUB).new(limit=1)))
    fields = vars(post)
    assert fields["subreddit"].display_name == SUB
    assert isinstance(fields["created_utc"], float) and isinstance(fields["score"], int)
    assert fields["edited"] is False or isinstance(fields["edited"], float)
    for name in ("upvote_ratio", "all_awardings", "link_flair_richtext", "media_embed"):
        assert name in fields
    assert listing_requests(sandbox.stats(), SUB) == 1  # nothing was fetched lazily


def test_subreddit_names_are_case_insensitive_and_keep_their_spelling(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    client = reddit(sandbox_process.reddit_url)
    lower = [p.id for p in client.subreddit("saas").new(limit=5)]
    upper = list(client.subreddit("SAAS").new(limit=5))
    assert lower == [p.id for p in upper]
    assert upper[0].subreddit.display_name == "SaaS"
    assert client.subreddit("saas").subscribers > 0  # /about, a t5
    assert sandbox.stats()["reddit"]["by_subreddit"]["saas"] == {"new": 2, "about": 1}


def test_praw_sees_not_found_for_an_unknown_subreddit(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    with pytest.raises(prawcore.NotFound) as caught:
        list(reddit(sandbox_process.reddit_url).subreddit("nosuchplace").new(limit=5))
    assert caught.value.response.json() == {"message": "Not Found", "error": 404}


def test_praw_sees_forbidden_for_a_private_subreddit(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.configure(private=["Hushhush"])
    with pytest.raises(prawcore.Forbidden) as caught:
        list(reddit(sandbox_process.reddit_url).subreddit("hushhush").new(limit=5))
    assert caught.value.response.json() == {
        "reason": "private",
        "message": "Forbidden",
        "error": 403,
    }


def test_praw_sees_too_many_requests_with_retry_after_then_recovers(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.set_fault("reddit", "429", count=1, retry_after=1)
    client = reddit(sandbox_process.reddit_url)
    with pytest.raises(prawcore.TooManyRequests) as caught:
        list(client.subreddit(SUB).new(limit=5))
    assert caught.value.retry_after is not None and float(caught.value.retry_after) == 1.0
    assert listing_requests(sandbox.stats(), SUB) == 1  # prawcore does not retry a 429
    assert len(list(client.subreddit(SUB).new(limit=5))) == 5


def test_praw_retries_a_5xx_and_raises_server_error_when_it_persists(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    client = reddit(sandbox_process.reddit_url)
    sandbox.set_fault("reddit", "503", count=1)
    assert len(list(client.subreddit(SUB).new(limit=5))) == 5
    assert listing_requests(sandbox.stats(), SUB) == 2
    sandbox.set_fault("reddit", "500", count=3)
    with pytest.raises(prawcore.ServerError):
        list(client.subreddit(SUB).new(limit=5))
    assert listing_requests(sandbox.stats(), SUB) == 5  # 2 + three tries
    assert sandbox.stats()["reddit"]["faults"] == 4


def test_praw_is_refused_with_wrong_credentials(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    client = reddit(sandbox_process.reddit_url, client_secret="wrong")
    with pytest.raises(prawcore.ResponseException) as caught:
        list(client.subreddit(SUB).new(limit=5))
    assert caught.value.response.status_code == 401
    assert sandbox.stats()["reddit"]["by_endpoint"]["new"] == 0


def test_praw_sees_the_rate_limit_as_on_reddit(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    client = reddit(sandbox_process.reddit_url)
    list(client.subreddit(SUB).new(limit=5))
    core = client._core
    assert core is not None
    limiter = core._rate_limiter
    assert limiter.used == 1 and limiter.remaining == 999_999
    sandbox.configure(ratelimit=2)
    list(client.subreddit(SUB).new(limit=5))
    assert limiter.remaining == 0  # prawcore now waits for the window to reset


def test_new_posts_from_advance_come_first(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    ids = sandbox.advance(SUB, count=3, kind="problem")
    newest = [p.id for p in reddit(sandbox_process.reddit_url).subreddit(SUB).new(limit=4)]
    assert newest[:3] == list(reversed(ids))
    assert all(int(i, 36) > int(newest[3], 36) for i in ids)
    truth = {t["id"]: t for t in sandbox.posts(SUB)}
    assert all(truth[i]["is_problem"] for i in ids)


def test_edits_and_removals_are_visible_to_praw(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    edited, deleted, removed = sandbox.advance(SUB, count=3, kind="problem")
    sandbox.edit(edited, selftext="Update: still no tool for this.")
    sandbox.remove(deleted, how="deleted")
    sandbox.remove(removed, how="removed")
    posts = {p.id: p for p in reddit(sandbox_process.reddit_url).subreddit(SUB).new(limit=3)}
    assert posts[edited].selftext == "Update: still no tool for this."
    assert isinstance(posts[edited].edited, float)
    assert posts[deleted].author is None and posts[deleted].selftext == "[deleted]"
    assert vars(posts[deleted])["removed_by_category"] == "deleted"
    assert posts[removed].selftext == "[removed]"
    assert vars(posts[removed])["removed_by_category"] == "moderator"
