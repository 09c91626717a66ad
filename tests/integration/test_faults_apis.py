"""Reddit and OpenAI misbehaving for a while under load, with the whole system running.

Each test switches its faults on for a window (the shape of a bad minute, shortened to fit
CI), keeps new posts arriving through it, switches them off, and checks that every kept
post is stored once with its one score row, that the cursor is sound, and that the
requests made stay within twice what the work needed (no retry storm).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fault_support import (
    SHARE,
    Harbor,
    StartHarbor,
    Tally,
    assert_idle_runs_find_nothing,
    assert_nothing_lost_or_duplicated,
    quiesce,
)
from runtime_support import wait_until

from harbor.runtime.broker import ping_workers

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

WINDOW_S = 12.0
ARRIVALS = 4  # batches of new posts (two per subreddit each) during the window
RETRY_AFTER_S = 2


def _answering(h: Harbor) -> set[str]:
    return {name.split("@")[0] for name in ping_workers(h.settings)}


def _under_faults(h: Harbor, switch_on: Callable[[], None]) -> Tally:
    h.redis_cli("HSET", "harbor:cutover", "dlt", SHARE)
    h.procs.worker("c1", "collect")
    h.procs.worker("c2", "collect")
    h.procs.worker("s1", "score")
    h.procs.beat()
    # the fault window starts once the workers answer: on a busy machine they take longer
    # to start than the window lasts, and it would pass with no request in it
    wait_until(lambda: {"c1", "c2", "s1"} <= _answering(h), 120)
    switch_on()
    for _ in range(ARRIVALS):
        h.sandbox.client.advance(None, 2)
        time.sleep(WINDOW_S / ARRIVALS)
    quiesce(h, datetime.now(UTC))
    h.procs.stop_all()
    tally = assert_nothing_lost_or_duplicated(h)
    assert_idle_runs_find_nothing(h)
    return tally


def test_reddit_answering_429_to_half_the_requests_is_waited_out_as_retry_after_says(
    harbor: StartHarbor,
) -> None:
    h = harbor()
    tally = _under_faults(
        h,
        lambda: h.sandbox.client.set_fault(
            "reddit", "429", ratio=0.5, retry_after=RETRY_AFTER_S, duration=WINDOW_S
        ),
    )
    assert tally.listing_faults >= 5
    assert tally.failed == 0
    waits = [
        float(w)
        for w in re.findall(
            r"failed \(TooManyRequests\), attempt \d+; retrying in ([\d.]+)s", h.logs()
        )
    ]
    assert waits
    assert min(waits) >= RETRY_AFTER_S  # Retry-After honoured, with jitter on top
    assert max(waits) <= RETRY_AFTER_S + 1.5
    assert len(set(waits)) > 1  # jittered: workers do not come back in lockstep


def test_openai_answering_429_500_and_timing_out_scores_every_post_once(
    harbor: StartHarbor,
) -> None:
    h = harbor(HARBOR_OPENAI_TIMEOUT="2")

    def switch_on() -> None:
        for kind, ratio in (("429", 0.25), ("500", 0.25)):
            h.sandbox.client.set_fault(
                "openai", kind, ratio=ratio, retry_after=1, duration=WINDOW_S
            )
        # answered after the client gave up: a timeout
        h.sandbox.client.set_fault("openai", "slow", ratio=0.1, delay=4, duration=WINDOW_S)

    tally = _under_faults(h, switch_on)
    assert tally.llm_faults >= 10
    assert tally.failed == 0
    # every post paid for once (a duplicate not at all): each faulted call was retried,
    # none answered twice
    assert tally.llm_calls - tally.llm_faults == tally.sets


def test_a_sandbox_that_drops_connections_loses_and_duplicates_nothing(
    harbor: StartHarbor,
) -> None:
    h = harbor()

    def switch_on() -> None:
        h.sandbox.client.set_fault("reddit", "drop", ratio=0.3, duration=WINDOW_S)
        h.sandbox.client.set_fault("openai", "drop", ratio=0.3, duration=WINDOW_S)

    tally = _under_faults(h, switch_on)
    assert tally.listing_faults >= 3
    assert tally.llm_faults >= 3
    assert tally.failed == 0
