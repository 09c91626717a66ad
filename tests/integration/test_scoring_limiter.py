"""The shared Redis rate limiter: requests and tokens per minute across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
import redis
from scoring_support import insert_posts, llm_calls, openai_env, post_rows, score_rows

from harbor.errors import LLMUnavailable
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox
from harbor.scoring.limiter import RateLimiter
from harbor.settings import Settings


def test_requests_pass_one_second_burst_then_wait(redis_client: redis.Redis) -> None:
    limiter = RateLimiter(redis_client, rpm=600, tpm=10**9)  # one request per 0.1 s
    admitted = [limiter.try_acquire(1) for _ in range(10)]
    assert admitted == [0.0] * 10
    wait = limiter.try_acquire(1)
    assert 0.0 < wait <= 0.11


def test_tokens_are_charged_by_estimate_and_settled_to_actual(redis_client: redis.Redis) -> None:
    limiter = RateLimiter(redis_client, rpm=10**6, tpm=6000)  # 100 tokens per second
    assert limiter.try_acquire(100) == 0.0
    assert limiter.try_acquire(50) > 0.3  # the bucket is full: about half a second to wait
    limiter.settle(estimated=100, actual=0)  # the call used nothing after all
    assert limiter.try_acquire(50) == 0.0
    # one call bigger than the burst still goes through once the bucket is empty
    big = RateLimiter(redis_client, rpm=10**6, tpm=60)
    redis_client.flushdb()
    assert big.try_acquire(5000) == 0.0
    assert big.try_acquire(1) > 60


def test_acquire_gives_up_with_retry_after_rather_than_block_for_long(
    redis_client: redis.Redis,
) -> None:
    limiter = RateLimiter(redis_client, rpm=1, tpm=10**9)
    assert limiter.acquire(1, max_wait=5) == pytest.approx(0.0, abs=0.5)
    with pytest.raises(LLMUnavailable) as caught:
        limiter.acquire(1, max_wait=5)
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 50


def test_two_processes_together_stay_under_the_requests_per_minute(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    rpm = 120  # one call every half second, for both processes together
    ids = insert_posts(settings, post_rows(16))
    env = {**os.environ, **openai_env(settings, sandbox_process, HARBOR_OPENAI_RPM=str(rpm))}
    command = [sys.executable, "-m", "harbor", "score", "--json", "--concurrency", "4"]
    procs = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    samples: list[tuple[float, int]] = []
    deadline = time.monotonic() + 120
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        samples.append((time.monotonic(), llm_calls(sandbox)))
        time.sleep(0.2)
    outputs = [p.communicate(timeout=30) for p in procs]
    samples.append((time.monotonic(), llm_calls(sandbox)))

    assert [p.returncode for p in procs] == [0, 0], outputs
    summaries = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    assert all(s["scored"] > 0 for s in summaries), summaries  # both really scored
    assert sum(s["scored"] for s in summaries) == 16
    assert llm_calls(sandbox) == 16  # the claims kept them from paying twice
    assert sorted(score_rows(settings)) == sorted(ids)
    # in every window, calls stayed within the rate plus the one-second burst, with two
    # calls of slack (sampling, and a request held up between its admission and the
    # sandbox on a busy machine); without the limiter, 16 calls land within a second
    for i, (t1, c1) in enumerate(samples):
        for t2, c2 in samples[i + 1 :]:
            allowed = (t2 - t1) * rpm / 60 + rpm / 60 + 2
            assert c2 - c1 <= allowed, (t2 - t1, c2 - c1, allowed)
