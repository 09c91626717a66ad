"""The shared Reddit budget against the real Redis and the sandbox over HTTP: processes on
one client id stay under Reddit's limit, a 429 pauses everyone, background requests never
take what collection needs, and a Redis outage pauses callers for a bounded time."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from harbor.errors import RedditBusy, RedditUnavailable
from harbor.reddit.budget import RedditBudget, budget_policy
from harbor.redis_conn import pending_collect
from harbor.runtime.collect import collect_and_plan
from harbor.runtime.dispatch import dispatch
from harbor.runtime.pending import Pending
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox
from harbor.settings import Settings, get_settings

# each process lists r/SaaS this many times, one request each, as fast as it is let
REQUESTS_PER_PROCESS = 18
_LISTER = """
import sys
from harbor.reddit.client import reddit_client
from harbor.settings import get_settings
reddit = reddit_client(get_settings())
for _ in range(int(sys.argv[1])):
    list(reddit.subreddit("SaaS").new(limit=5))
"""


def test_two_processes_on_one_client_id_stay_under_the_limit_without_a_429(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    # Reddit's rule at 1/15 the scale: 20 requests per 4 s window for the client id. The
    # budget alone (4/s, a burst of 8) would allow 24 in one window: Reddit's headers are
    # what keeps the two processes inside it
    sandbox.configure(ratelimit=20, ratelimit_window=4)
    env = {**os.environ, "HARBOR_REDDIT_QPM": "240", "HARBOR_DATASET": settings.dataset}
    started = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _LISTER, str(REQUESTS_PER_PROCESS)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    elapsed = time.monotonic() - started
    assert [p.returncode for p in procs] == [0, 0], errors
    stats = sandbox.stats()["reddit"]
    assert stats["by_endpoint"]["new"] == 2 * REQUESTS_PER_PROCESS
    assert "429" not in stats["by_status"], stats["by_status"]
    # paced, not serial: 36 requests at 20 per 4 s take at least two more windows
    assert elapsed >= 4.0


def test_a_429_empties_the_bucket_until_its_retry_after(redis_client: redis.Redis) -> None:
    budget = RedditBudget(redis_client, "test-client", qpm=600)
    assert budget.try_take() == 0.0
    budget.observe(
        429, {"retry-after": "3", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "3"}
    )
    wait = budget.try_take()
    assert 2.5 < wait <= 3.0
    with pytest.raises(RedditBusy) as caught:
        budget.take(max_wait=1.0)
    assert caught.value.retry_after is not None and caught.value.retry_after > 2.0
    assert budget.snapshot()["throttled"] == 1


def test_reddits_window_stops_grants_before_it_runs_out(redis_client: redis.Redis) -> None:
    budget = RedditBudget(redis_client, "test-window", qpm=6000)
    # another app on the client id used most of the window: 3 left for the next 5 s
    budget.observe(200, {"x-ratelimit-remaining": "3.0", "x-ratelimit-reset": "5"})
    assert budget.try_take() == 0.0  # 3 left, 2 kept in reserve for answers in flight
    assert budget.try_take() > 4.0  # then nothing until the window resets


def test_background_requests_only_take_what_collection_leaves(redis_client: redis.Redis) -> None:
    budget = RedditBudget(redis_client, "test-priority", qpm=60)  # 1/s, a bucket of 2
    assert budget.try_take("background") == 0.0  # a full bucket: spare
    assert budget.try_take("background") > 0.5  # one token left: it is collection's
    assert budget.try_take("collect") == 0.0
    with budget_policy("background", max_wait=0.1), pytest.raises(RedditBusy):
        budget.take()


def test_an_unreachable_redis_pauses_callers_for_a_bounded_time() -> None:
    dead = redis.Redis(port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    slept: list[float] = []
    budget = RedditBudget(dead, "test-dead", qpm=90, sleep=slept.append, redis_pause_s=0.5)
    started = time.monotonic()
    with pytest.raises(RedditUnavailable, match="unreachable"):
        budget.take()
    assert slept and all(s <= 0.5 for s in slept)  # paused rather than went on unpaced
    assert time.monotonic() - started < 5


def test_a_collect_without_budget_is_deferred_and_not_redispatched(
    settings: Settings, sandbox: SandboxClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARBOR_SUBREDDITS", "SaaS")
    get_settings.cache_clear()
    one = get_settings()
    now = time.time()
    [item] = dispatch(one, now)
    budget = RedditBudget(redis.Redis.from_url(one.redis_url.get()), one.reddit_client_id, 90)
    budget.block(40.0)  # Reddit said 429, Retry-After 40 s
    with pytest.raises(RedditBusy) as caught:
        collect_and_plan(one, "SaaS", item.via, token=item.token)
    countdown = caught.value.retry_after
    assert countdown is not None and 35 < countdown < 60
    client = redis.Redis.from_url(one.redis_url.get(), decode_responses=True)
    marker = Pending.loads(client.get(pending_collect("SaaS")))
    assert marker is not None and marker.state == "deferred" and marker.token == item.token
    assert dispatch(one, time.time() + 30) == []  # its retry is on the way
    assert sandbox.stats()["reddit"]["by_endpoint"]["new"] == 0  # nothing was asked
    get_settings.cache_clear()
