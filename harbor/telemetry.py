"""What the metrics need that no table holds: how long LLM calls take, kept in Redis.

Every process that scores adds each call's duration to one cumulative histogram (a Redis
hash: a counter per bucket, the sum and the count), so the web app's /metrics reports the
whole cluster's latency without asking any worker. Recording is best effort: a Redis
error here is logged and never fails or slows a score beyond one pipelined round trip.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import redis

from harbor.redis_conn import LLM_CALLS, redis_client
from harbor.settings import Settings

__all__ = ["LATENCY_BUCKETS", "LlmCalls", "read_llm_calls", "record_llm_call"]

log = logging.getLogger(__name__)

# seconds; an LLM call ends within the score deadline (75-90 s)
LATENCY_BUCKETS = (0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 40.0, 90.0)


def _bucket_field(bound: float) -> str:
    return f"le:{bound:g}"


def record_llm_call(settings: Settings, seconds: float, ok: bool) -> None:
    """Count one LLM call that took `seconds` (ok: it gave a score; else it failed)."""
    try:
        pipe = redis_client(settings).pipeline(transaction=False)
        if ok:
            for bound in LATENCY_BUCKETS:
                if seconds <= bound:
                    pipe.hincrby(LLM_CALLS, _bucket_field(bound), 1)
            pipe.hincrby(LLM_CALLS, "count", 1)
            pipe.hincrbyfloat(LLM_CALLS, "sum", round(seconds, 6))
        else:
            pipe.hincrby(LLM_CALLS, "failed", 1)
        pipe.execute()
    except (redis.ConnectionError, redis.TimeoutError) as exc:
        log.debug("could not record an LLM call's latency: %s", exc)


@dataclass(frozen=True)
class LlmCalls:
    """The cluster's LLM calls so far: cumulative bucket counts, sum and count of the
    ones that gave a score, and how many failed."""

    buckets: list[tuple[float, int]]
    total_seconds: float
    count: int
    failed: int


def read_llm_calls(settings: Settings) -> LlmCalls:
    """The histogram as recorded (zeros when nothing was)."""
    raw = redis_client(settings).hgetall(LLM_CALLS)
    buckets = [(bound, int(raw.get(_bucket_field(bound), 0))) for bound in LATENCY_BUCKETS]
    return LlmCalls(
        buckets=buckets,
        total_seconds=float(raw.get("sum", 0.0)),
        count=int(raw.get("count", 0)),
        failed=int(raw.get("failed", 0)),
    )
