"""Dispatch against the real Redis: due times, one pending collect per subreddit,
reconciling a collect whose worker died, routes read once per tick, and the leader lock."""

from __future__ import annotations

import json
import time

import pytest
import redis
from runtime_support import redis_cli

from harbor.cutover import read_table
from harbor.redis_conn import BEAT_LEADER, collect_lock, pending_collect
from harbor.runtime.dispatch import (
    QUEUED_GRACE_S,
    RECONCILE_GRACE_S,
    RESERVED_GRACE_S,
    dispatch,
)
from harbor.runtime.leader import LeaderLock
from harbor.runtime.pending import Pending, clear_pending, mark_collect_reserved, mark_started
from harbor.settings import Settings, get_settings

SUBS = [f"sub{i:02d}" for i in range(12)]


@pytest.fixture
def rt(dataset: str, monkeypatch: pytest.MonkeyPatch, redis_client: redis.Redis):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HARBOR_SUBREDDITS", ",".join(SUBS))
    monkeypatch.setenv("HARBOR_COLLECT_EVERY_SECONDS", "60")
    # dispatch only writes markers here; this stands for the collect messages that a real
    # dispatch task would have sent and that still wait in the queue
    redis_client.lpush("collect\x06\x166", "a collect message still waiting")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_first_tick_dispatches_everything_once(rt: Settings, redis_client: redis.Redis) -> None:
    now = time.time()
    first = dispatch(rt, now)
    assert sorted(d.subreddit for d in first) == SUBS
    assert dispatch(rt, now + 1) == []  # all pending
    marker = Pending.loads(redis_client.get(pending_collect("sub03")))
    assert marker is not None and marker.state == "queued"
    assert redis_client.ttl(pending_collect("sub03")) > 0


def test_a_finished_subreddit_waits_until_it_is_due(rt: Settings) -> None:
    now = time.time()
    items = {d.subreddit: d for d in dispatch(rt, now)}
    item = items["sub05"]
    assert mark_started(rt, "sub05", item.token, item.via, now)
    assert clear_pending(rt, "sub05", item.token)
    assert dispatch(rt, now + 30) == []  # not due for 60 s
    again = dispatch(rt, now + 61)
    assert [d.subreddit for d in again] == ["sub05"]


def test_a_tick_that_runs_a_little_early_still_finds_the_subreddit_due(rt: Settings) -> None:
    now = time.time()
    item = {d.subreddit: d for d in dispatch(rt, now)}["sub08"]
    clear_pending(rt, "sub08", item.token)
    # the next tick runs 10 ms "early" relative to the recorded due time
    assert [d.subreddit for d in dispatch(rt, now + 60 - 0.01)] == ["sub08"]


def test_a_stale_token_cannot_start_or_clear_the_marker(rt: Settings) -> None:
    items = {d.subreddit: d for d in dispatch(rt, time.time())}
    assert not mark_started(rt, "sub01", "not-the-token", "dlt", time.time())
    assert not clear_pending(rt, "sub01", "not-the-token")
    assert mark_started(rt, "sub01", items["sub01"].token, "legacy", time.time())


def test_routes_follow_the_table_read_once_per_tick(rt: Settings) -> None:
    redis_cli("HSET", "harbor:cutover", "dlt", "50")
    redis_cli("HSET", "harbor:cutover:override", "sub07", "dlt")
    table = read_table(rt)
    planned = dispatch(rt, time.time())
    assert {d.subreddit: d.via for d in planned} == {s: table.route(s).via for s in SUBS}
    assert {d.via for d in planned} == {"dlt", "legacy"}


def test_a_started_collect_without_its_lock_is_redispatched(
    rt: Settings, redis_client: redis.Redis
) -> None:
    now = time.time()
    items = {d.subreddit: d for d in dispatch(rt, now)}
    for sub in ("sub02", "sub04"):
        assert mark_started(rt, sub, items[sub].token, items[sub].via, now)
    redis_client.set(collect_lock("sub04"), "alive", px=30_000)  # sub04's worker still runs
    assert dispatch(rt, now + 5) == []  # within the grace period nothing is decided
    later = dispatch(rt, now + RECONCILE_GRACE_S + 1)
    assert [(d.subreddit, d.redispatched) for d in later] == [("sub02", True)]
    marker = Pending.loads(redis_client.get(pending_collect("sub02")))
    assert marker is not None
    assert marker.token == later[0].token and marker.state == "queued"
    # the lost task, if the broker ever redelivers it, is now stale
    assert not mark_started(rt, "sub02", items["sub02"].token, "dlt", now)


def test_a_collect_reserved_by_a_worker_that_died_is_redispatched(rt: Settings) -> None:
    now = time.time()
    items = {d.subreddit: d for d in dispatch(rt, now)}
    assert mark_collect_reserved(rt, "sub09", items["sub09"].token, items["sub09"].via, now)
    # waiting for a free process is normal for a while
    assert dispatch(rt, now + RESERVED_GRACE_S - 5) == []
    later = dispatch(rt, now + RESERVED_GRACE_S + 1)
    assert [(d.subreddit, d.redispatched) for d in later] == [("sub09", True)]
    assert not mark_started(rt, "sub09", items["sub09"].token, "dlt", now)


def test_a_queued_collect_gone_from_the_queue_without_a_taker_is_redispatched(
    rt: Settings, redis_client: redis.Redis
) -> None:
    now = time.time()
    items = {d.subreddit: d for d in dispatch(rt, now)}
    for sub in SUBS:
        if sub != "sub10":
            clear_pending(rt, sub, items[sub].token)
    later = now + QUEUED_GRACE_S + 1
    assert [d.subreddit for d in dispatch(rt, later) if d.redispatched] == []
    redis_client.delete("collect\x06\x166")
    again = [d for d in dispatch(rt, later + 1) if d.redispatched]
    assert [d.subreddit for d in again] == ["sub10"]


def test_an_unreadable_marker_is_replaced(rt: Settings, redis_client: redis.Redis) -> None:
    redis_client.set(pending_collect("sub06"), "garbage")
    redis_client.hset("harbor:schedule:next", "sub06", str(time.time() + 3600))
    planned = dispatch(rt, time.time())
    assert "sub06" in {d.subreddit for d in planned}
    assert Pending.loads(redis_client.get(pending_collect("sub06"))) is not None


def test_dispatch_handles_500_subreddits_in_one_tick(
    dataset: str, monkeypatch: pytest.MonkeyPatch, redis_client: redis.Redis
) -> None:
    names = [f"s{i:03d}" for i in range(500)]
    monkeypatch.setenv("HARBOR_SUBREDDITS", ",".join(names))
    get_settings.cache_clear()
    settings = get_settings()
    now = time.time()
    assert sorted(d.subreddit for d in dispatch(settings, now)) == names
    assert dispatch(settings, now + 1) == []
    assert len(redis_client.keys("harbor:pending:collect:*")) == 500
    get_settings.cache_clear()


def test_leader_lock_has_one_holder_and_fails_over(redis_client: redis.Redis) -> None:
    a = LeaderLock(redis_client, BEAT_LEADER, ttl_s=1.0, token="a")
    b = LeaderLock(redis_client, BEAT_LEADER, ttl_s=1.0, token="b")
    assert a.hold()
    assert not b.hold()
    assert a.hold()  # renewal
    time.sleep(1.3)  # a stops renewing: its lock expires
    assert b.hold()
    assert not a.hold()
    redis_client.flushdb()  # Redis lost everything: whoever asks first leads again
    assert b.hold()
    b.release()
    assert redis_client.get(BEAT_LEADER) is None
    assert a.hold()
    assert json.dumps(a.holder()) == '"a"'
