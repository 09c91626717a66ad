"""What operators rely on: Flower, and two beats with one leader."""

from __future__ import annotations

import time

import pytest
import requests
from runtime_support import free_port, rows, wait_until

from harbor.redis_conn import BEAT_LEADER, redis_client

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SENT = "Sending due task"


def test_flower_lists_both_workers_and_refuses_anonymous_requests(system) -> None:  # type: ignore[no-untyped-def]
    _, procs, _ = system
    port = free_port()
    procs.worker("c1", "collect")
    procs.worker("s1", "score")
    procs.start("flower", "flower", f"--port={port}", "--address=127.0.0.1",
                env={"FLOWER_BASIC_AUTH": "ops:s3cret-pass"})  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return requests.get(f"{base}/healthcheck", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    wait_until(up, 60)

    def both_listed() -> dict[str, object] | None:
        reply = requests.get(f"{base}/api/workers", params={"refresh": "1"},
                             auth=("ops", "s3cret-pass"), timeout=30)  # fmt: skip
        assert reply.status_code == 200
        workers = reply.json()
        names = {n.split("@")[0] for n in workers}
        return workers if {"c1", "s1"} <= names else None

    wait_until(both_listed, 60, 1.0)
    assert requests.get(f"{base}/api/workers", timeout=10).status_code == 401
    wrong = requests.get(f"{base}/api/workers", auth=("ops", "guess"), timeout=10)
    assert wrong.status_code == 401
    metrics = requests.get(f"{base}/metrics", timeout=10)
    assert metrics.status_code == 200
    assert "flower_" in metrics.text
    assert "s3cret-pass" not in procs.log("flower")


def test_two_beats_one_sends_and_a_standby_takes_over_within_60s(system) -> None:  # type: ignore[no-untyped-def]
    settings, procs, _ = system
    client = redis_client(settings)
    procs.worker("c1", "collect")
    beats = {procs.beat("beat1").pid: "beat1", procs.beat("beat2").pid: "beat2"}
    wait_until(lambda: client.get(BEAT_LEADER), 60)
    time.sleep(8)
    leader = beats[int(str(client.get(BEAT_LEADER)).split(":")[1])]
    standby = "beat2" if leader == "beat1" else "beat1"
    assert procs.log(leader).count(SENT) >= 3
    assert procs.log(standby).count(SENT) == 0
    procs.kill9(leader)
    killed = time.monotonic()
    wait_until(lambda: SENT in procs.log(standby), 60, 0.2)
    assert time.monotonic() - killed < 60
    assert str(client.get(BEAT_LEADER)).split(":")[1] == str(
        next(pid for pid, name in beats.items() if name == standby)
    )
    before = len(rows(settings, "SELECT 1 FROM {schema}.collection_runs"))
    wait_until(lambda: len(rows(settings, "SELECT 1 FROM {schema}.collection_runs")) > before, 60)
