"""The Reddit side over raw HTTP: auth, paging, escaping, stats, admin, reset."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import requests
from sandbox_support import get, token

from harbor.sandbox.client import SandboxClient, SandboxClientError
from harbor.sandbox.process import RunningSandbox

SUB = "startups"


def names(response: requests.Response) -> list[str]:
    return [c["data"]["name"] for c in response.json()["data"]["children"]]


def test_access_token_needs_the_right_client_credentials(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    url = f"{sandbox_process.reddit_url}/api/v1/access_token"
    form = {"grant_type": "client_credentials"}
    wrong = requests.post(url, auth=("harbor-sandbox", "nope"), data=form, timeout=10)
    assert wrong.status_code == 401 and wrong.json() == {"message": "Unauthorized", "error": 401}
    assert requests.post(url, data=form, timeout=10).status_code == 401
    body = token(sandbox_process.reddit_url)
    assert len(body) > 20
    assert sandbox.stats()["reddit"]["by_endpoint"]["access_token"] == 3


def test_api_requests_without_a_valid_token_get_401(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    url = sandbox_process.reddit_url
    for bearer in (None, "made-up"):
        response = get(url, f"/r/{SUB}/new", bearer)
        assert response.status_code == 401
        assert "invalid_token" in response.headers["www-authenticate"]
    assert get(url, f"/r/{SUB}/new", token(url)).status_code == 200


def test_limit_defaults_to_25_and_is_capped_at_100(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    url, bearer = sandbox_process.reddit_url, token(sandbox_process.reddit_url)
    assert len(names(get(url, f"/r/{SUB}/new", bearer))) == 25
    assert len(names(get(url, f"/r/{SUB}/new", bearer, limit=500))) == 100


def test_after_and_before_page_through_the_listing_like_reddit(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    url, bearer = sandbox_process.reddit_url, token(sandbox_process.reddit_url)
    truth = [f"t3_{p['id']}" for p in sandbox.posts(SUB)]
    first = get(url, f"/r/{SUB}/new", bearer, limit=10).json()["data"]
    assert [c["data"]["name"] for c in first["children"]] == truth[:10]
    assert first["after"] == truth[9] and first["before"] is None and first["dist"] == 10
    second = get(url, f"/r/{SUB}/new", bearer, limit=10, after=first["after"], count=10)
    assert names(second) == truth[10:20]
    assert second.json()["data"]["before"] == truth[10]
    back = get(url, f"/r/{SUB}/new", bearer, limit=10, before=truth[10])
    assert names(back) == truth[:10]


def test_the_listing_ends_after_the_thousandth_post(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.reset(initial_posts=1100)
    url, bearer = sandbox_process.reddit_url, token(sandbox_process.reddit_url)
    truth = [f"t3_{p['id']}" for p in sandbox.posts(SUB)]
    assert len(truth) == 1100
    last = get(url, f"/r/{SUB}/new", bearer, limit=100, after=truth[899]).json()["data"]
    assert [c["data"]["name"] for c in last["children"]] == truth[900:1000]
    assert last["after"] is None
    beyond = get(url, f"/r/{SUB}/new", bearer, limit=100, after=truth[999]).json()["data"]
    assert beyond["children"] == [] and beyond["after"] is None


def test_raw_json_decides_whether_entities_are_escaped(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    [post_id] = sandbox.advance(SUB, 1, kind="problem")
    sandbox.edit(post_id, title="Q&A: <tools> for invoices", selftext="A & B > C")
    url, bearer = sandbox_process.reddit_url, token(sandbox_process.reddit_url)
    raw = get(url, f"/r/{SUB}/new", bearer, limit=1, raw_json=1).json()
    legacy = get(url, f"/r/{SUB}/new", bearer, limit=1).json()
    raw_post, legacy_post = (d["data"]["children"][0]["data"] for d in (raw, legacy))
    assert raw_post["title"] == "Q&A: <tools> for invoices"
    assert legacy_post["title"] == "Q&amp;A: &lt;tools&gt; for invoices"
    assert raw_post["selftext"] == "A & B > C" and legacy_post["selftext"] == "A &amp; B &gt; C"


def test_every_answer_carries_the_rate_limit_headers(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    url, bearer = sandbox_process.reddit_url, token(sandbox_process.reddit_url)
    one = get(url, f"/r/{SUB}/new", bearer).headers
    two = get(url, f"/r/{SUB}/about", bearer).headers
    assert (one["x-ratelimit-used"], two["x-ratelimit-used"]) == ("1", "2")
    assert float(one["x-ratelimit-remaining"]) - float(two["x-ratelimit-remaining"]) == 1
    assert 0 < int(two["x-ratelimit-reset"]) <= 600
    sandbox.configure(ratelimit=2)
    refused = get(url, f"/r/{SUB}/new", bearer)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


def test_stats_count_requests_by_endpoint_and_subreddit(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    url, bearer = sandbox_process.reddit_url, token(sandbox_process.reddit_url)
    for path in (f"/r/{SUB}/new", f"/r/{SUB}/new", "/r/SaaS/about", "/r/unknown/new"):
        get(url, path, bearer)
    stats = sandbox.stats()["reddit"]
    assert stats["total"] == 5
    assert stats["by_endpoint"] == {"access_token": 1, "new": 3, "about": 1}
    assert stats["by_subreddit"][SUB] == {"new": 2, "about": 0}
    assert stats["by_subreddit"]["saas"] == {"new": 0, "about": 1}
    assert stats["by_subreddit"]["unknown"] == {"new": 1, "about": 0}
    sandbox.reset_stats()
    assert sandbox.stats()["reddit"]["total"] == 0


def test_admin_endpoints_answer_on_both_ports_and_are_not_counted(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    other = SandboxClient(sandbox_process.openai_url)
    assert other.health()["ok"] and sandbox.health()["ports"] == {
        "reddit": sandbox_process.reddit_port,
        "openai": sandbox_process.openai_port,
    }
    assert other.posts(SUB) == sandbox.posts(SUB)
    stats = other.stats()
    assert stats["reddit"]["total"] == 0 and stats["openai"]["total"] == 0
    assert set(stats["openai"]) >= {"total", "by_endpoint", "prompt_tokens", "faults"}


def test_reset_brings_back_the_seeded_corpus(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    before = [p["id"] for p in sandbox.posts(SUB)]
    added = sandbox.advance(SUB, 5)
    sandbox.set_fault("reddit", "503")
    sandbox.configure(latency=0.01)
    sandbox.reset()
    assert [p["id"] for p in sandbox.posts(SUB)] == before
    assert not set(added) & set(before)
    assert sandbox.faults() == [] and sandbox.health()["config"]["latency"] == 0.0


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.configure(seed=3),
        lambda s: s.set_fault("reddit", "refusal"),
        lambda s: s.advance("nosuch"),
        lambda s: s.edit("zzzzzz", selftext="x"),
        lambda s: s.reset(subreddits=["bad-name"]),
    ],
    ids=["corpus-setting", "openai-only-fault", "unknown-sub", "unknown-post", "bad-name"],
)
def test_bad_admin_calls_are_refused_with_their_reason(
    sandbox: SandboxClient, call: Callable[[SandboxClient], object]
) -> None:
    with pytest.raises(SandboxClientError, match=r": (400|404) "):
        call(sandbox)
    assert sandbox.health()["config"]["seed"] == 42


def test_posts_keep_arriving_at_the_configured_rate(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    newest = sandbox.posts(SUB)[0]["id"]
    sandbox.configure(rate=6000)  # a hundred a second per subreddit
    time.sleep(0.5)
    bearer = token(sandbox_process.reddit_url)
    page = names(get(sandbox_process.reddit_url, f"/r/{SUB}/new", bearer, limit=100))
    arrived = [n for n in page if int(n[3:], 36) > int(newest, 36)]
    assert arrived and page[: len(arrived)] == arrived
    sandbox.configure(rate=0)
    settled = [p["id"] for p in sandbox.posts(SUB)]
    time.sleep(0.2)
    assert [p["id"] for p in sandbox.posts(SUB)] == settled


def test_advance_without_a_subreddit_adds_to_every_one(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    subs = sandbox.health()["posts"]
    ids = sandbox.advance(count=2)
    assert len(ids) == 2 * len(subs)
    assert {name: n + 2 for name, n in subs.items()} == sandbox.health()["posts"]
