"""First run: a brand-new install starts on the dlt path, once; a table lost later means legacy."""

from __future__ import annotations

import dataclasses

import redis
from runtime_support import rows

from harbor import cutover, db
from harbor.settings import Settings


def _events(settings: Settings) -> list[tuple[object, ...]]:
    return rows(
        settings,
        "SELECT actor, action, subreddit, old_value, new_value FROM {schema}.cutover_events",
    )


def test_the_bootstrap_that_creates_the_tables_sets_the_share_to_100_once(
    settings: Settings, redis_client: redis.Redis
) -> None:
    new_install = dataclasses.replace(settings, first_run_dlt=100)  # the default
    report = db.bootstrap(new_install)
    assert report is not None and report.fresh
    assert redis_client.hget("harbor:cutover", "dlt") == "100"
    assert _events(new_install) == [("bootstrap", "set", None, None, "100")]
    assert {cutover.route(new_install, s).via for s in new_install.subreddits} == {"dlt"}

    # the table is lost later (Redis restarted empty): legacy, and nothing sets it again
    redis_client.delete("harbor:cutover")
    again = db.bootstrap(new_install, force=True)
    assert again is not None and not again.fresh
    assert redis_client.exists("harbor:cutover") == 0
    assert {cutover.route(new_install, s).via for s in new_install.subreddits} == {"legacy"}
    assert len(_events(new_install)) == 1


def test_a_share_an_operator_set_before_the_first_run_is_kept(
    settings: Settings, redis_client: redis.Redis
) -> None:
    redis_client.hset("harbor:cutover", "dlt", "30")
    report = db.bootstrap(dataclasses.replace(settings, first_run_dlt=100))
    assert report is not None and report.fresh
    assert redis_client.hget("harbor:cutover", "dlt") == "30"
    assert _events(settings) == []


def test_first_run_share_0_leaves_the_table_unset(
    settings: Settings, redis_client: redis.Redis
) -> None:
    report = db.bootstrap(dataclasses.replace(settings, first_run_dlt=0))
    assert report is not None and report.fresh
    assert redis_client.exists("harbor:cutover") == 0
    assert _events(settings) == []
