"""The score sweep against the real Redis and Postgres: which posts it enqueues again."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import redis
from runtime_support import pg

from harbor import db
from harbor.redis_conn import score_queued, scoring_claim
from harbor.runtime.scoring import QUEUED_GRACE_S, plan_scores, sweep_scores
from harbor.settings import get_settings


def test_sweep_enqueues_posts_without_a_task_and_messages_lost_on_the_way(
    dataset: str, redis_client: redis.Redis
) -> None:
    get_settings.cache_clear()
    settings = get_settings()
    db.bootstrap(settings)
    with pg(settings) as conn:
        for post_id in ("free", "lost", "running", "claimed"):
            conn.execute(
                f'INSERT INTO "{dataset}".submissions (id, subreddit, title, selftext, '
                "created_utc) VALUES (%s, 'SaaS', 'I struggle with invoices', 'help', %s)",
                (post_id, datetime.now(UTC)),
            )
    old = time.time() - QUEUED_GRACE_S - 5
    redis_client.set(score_queued("lost"), f"queued {old:.0f}")
    redis_client.set(score_queued("running"), "running host:1", ex=30)
    redis_client.set(scoring_claim("claimed"), "someone", ex=30)
    redis_client.lpush("score", "a score message still waiting")

    # while messages wait in the queue, an old queued marker may just be waiting too
    assert sweep_scores(settings, force=True) == ["free"]
    assert redis_client.get(score_queued("free")).startswith("queued ")
    # the queue ran empty and nobody took the message: it died on the way to a worker
    redis_client.delete("score")
    assert sweep_scores(settings, force=True) == ["lost"]
    assert sweep_scores(settings, force=True) == []  # now both have fresh markers
    # a post already marked is never enqueued twice by the collect fan-out either
    assert plan_scores(settings, ["free", "lost", "claimed"]) == ["claimed"]


def test_sweep_runs_once_per_interval_across_dispatchers(
    dataset: str, redis_client: redis.Redis
) -> None:
    get_settings.cache_clear()
    settings = get_settings()
    db.bootstrap(settings)
    with pg(settings) as conn:
        conn.execute(
            f'INSERT INTO "{dataset}".submissions (id, subreddit, title, selftext, created_utc) '
            "VALUES ('p1', 'SaaS', 'title', 'text', now())"
        )
    assert sweep_scores(settings) == ["p1"]
    redis_client.delete(score_queued("p1"))
    assert sweep_scores(settings) == []  # another tick within the interval does nothing
    assert redis_client.ttl("harbor:sweep:score") > 0
