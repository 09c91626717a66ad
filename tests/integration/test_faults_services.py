"""Postgres and Redis restarted under load, for real, on private servers of the test's own.

Postgres restarts (every connection cut, down for seconds) while collects and scores run:
the runs it broke fail and are done again, the pools reconnect, nothing is lost or stored
twice. Redis restarts empty (queues, markers, locks, the cutover table, the beat lock all
gone): routing falls back to legacy with a warning, beat takes its lock again, the same
worker processes reconnect and go on, and the sweep and dispatch rebuild what was lost.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fault_support import (
    SHARE,
    PrivatePostgres,
    PrivateRedis,
    StartHarbor,
    assert_idle_runs_find_nothing,
    assert_nothing_lost_or_duplicated,
    busy_collect,
    every_sub_collected_since,
    quiesce,
)
from runtime_support import rows, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def test_postgres_restarted_during_loads_loses_and_duplicates_nothing(
    private_postgres: PrivatePostgres, harbor: StartHarbor
) -> None:
    h = harbor(DATABASE_URL=private_postgres.dsn("harbor_faults"))
    h.redis_cli("HSET", "harbor:cutover", "dlt", SHARE)
    h.sandbox.client.configure(latency=0.3, openai_latency=0.3)
    h.procs.worker("c1", "collect")
    h.procs.worker("c2", "collect")
    h.procs.worker("s1", "score")
    h.procs.beat()
    wait_until(lambda: every_sub_collected_since(h.settings, datetime.min.replace(tzinfo=UTC)), 120)
    for down_for in (3.0, 1.0):  # twice, each while a collect holds its lock
        h.sandbox.client.advance(None, 5)
        wait_until(lambda: busy_collect(h), 60, 0.05)
        private_postgres.restart(down_for)
    restarted = datetime.now(UTC)
    h.sandbox.client.advance(None, 3)
    quiesce(h, restarted)
    h.procs.stop_all()

    # the restarts did break work in flight, and it was done again
    assert "failed: Postgres unavailable" in h.logs()
    tally = assert_nothing_lost_or_duplicated(h)
    assert tally.failed == 0, tally.errors
    assert_idle_runs_find_nothing(h)


def test_redis_restarted_empty_routes_legacy_and_everything_recovers(
    private_redis: PrivateRedis, harbor: StartHarbor
) -> None:
    h = harbor(REDIS_URL=private_redis.url(0))
    h.redis_cli("HSET", "harbor:cutover", "dlt", "100")
    h.sandbox.client.configure(latency=0.2)
    workers = {name: h.procs.worker(name, q) for name, q in (("c1", "collect"), ("s1", "score"))}
    h.procs.beat()
    wait_until(lambda: every_sub_collected_since(h.settings, datetime.min.replace(tzinfo=UTC)), 120)
    h.sandbox.client.advance(None, 5)
    wait_until(lambda: busy_collect(h), 60, 0.05)
    private_redis.restart_empty(down_for=2.0)
    # the data is gone (the workers and beat reconnect at once and write their own keys
    # again, so the table, which only an operator writes, is what tells)
    assert private_redis.cli("EXISTS", "harbor:cutover") == "0"
    restarted = datetime.now(UTC)
    h.sandbox.client.advance(None, 3)
    quiesce(h, restarted)
    h.procs.stop_all()

    # the same processes went on: no worker had to be started again
    for name, process in workers.items():
        assert process.returncode is not None and process.returncode <= 0, name
    after = rows(
        h.settings,
        "SELECT DISTINCT via FROM {schema}.collection_runs WHERE started_at >= %s",
        restarted,
    )
    assert after == [("legacy",)]
    logs = h.logs()
    assert "harbor:cutover is gone" in logs
    assert h.procs.log("beat").count("leader harbor:beat:leader: acquired by") >= 2
    tally = assert_nothing_lost_or_duplicated(h)
    assert tally.failed == 0, tally.errors
    assert_idle_runs_find_nothing(h)
