"""Application metrics for Prometheus at /metrics, read from Postgres and Redis per scrape.

Nothing is counted in the web process itself: every figure comes from the tables and
Redis keys the pipeline already keeps, so any number of web apps report the same numbers,
and a restart loses nothing. A few aggregate queries per scrape (one connection, read
only), cached for CACHE_SECONDS so that many scrapers cost the same as one. A source
that does not answer is reported as `harbor_source_up{source=...} 0`, its figures left out.

    harbor_posts_stored                        rows in submissions
    harbor_collect_runs_total{via,status}      collect runs
    harbor_posts_fetched_total{via}            posts Reddit served to the collectors
    harbor_posts_kept_total{via}               of those, kept by the problem detector
    harbor_posts_new_total{via}                of those, new to the table
    harbor_reddit_api_calls_total{via}         Reddit requests the collectors made
    harbor_scores{status}                      score rows by status, plus 'pending'
    harbor_llm_tokens{direction,scorer}        tokens of the score rows stored
    harbor_llm_tokens_today                    tokens counted today (the daily budget's)
    harbor_llm_token_budget                    the daily budget (absent when unlimited)
    harbor_llm_call_seconds                    latency of LLM calls that gave a score
    harbor_llm_calls_failed_total              LLM calls that failed
    harbor_queue_depth{queue}                  messages waiting per Celery queue
    harbor_alerts{status}                      alerts by delivery status
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import redis
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from psycopg import sql

from harbor.db import qualified
from harbor.errors import DatabaseUnavailable
from harbor.redis_conn import redis_client
from harbor.results.queries import read_only
from harbor.runtime.broker import queue_depths
from harbor.scoring.budget import DailyBudget
from harbor.settings import Settings
from harbor.telemetry import read_llm_calls

__all__ = ["CACHE_SECONDS", "MetricsPage"]

log = logging.getLogger(__name__)

CACHE_SECONDS = 5.0


def _postgres(settings: Settings) -> Iterator[Metric]:
    def q(template: str, *tables: str) -> list[tuple[Any, ...]]:
        return conn.execute(
            sql.SQL(template).format(*(qualified(settings, t) for t in tables))
        ).fetchall()

    with read_only(settings) as conn:
        stored = q("SELECT count(*) FROM {}", "submissions")[0][0]
        runs = q(
            "SELECT via, status, count(*), coalesce(sum(fetched), 0), coalesce(sum(kept), 0), "
            "coalesce(sum(new), 0), coalesce(sum(api_calls), 0) FROM {} GROUP BY via, status",
            "collection_runs",
        )
        scores = q(
            "SELECT status, scorer, count(*), coalesce(sum(input_tokens), 0), "
            "coalesce(sum(output_tokens), 0) FROM {} GROUP BY status, scorer",
            "opportunity_scores",
        )
        pending = q(
            "SELECT count(*) FROM {} s "
            "WHERE NOT EXISTS (SELECT 1 FROM {} o WHERE o.post_id = s.id)",
            "submissions",
            "opportunity_scores",
        )[0][0]
        alerts = q("SELECT status, count(*) FROM {} GROUP BY status", "alerts")
    yield GaugeMetricFamily("harbor_posts_stored", "Posts stored in submissions", value=stored)
    run_count = CounterMetricFamily(
        "harbor_collect_runs", "Collect runs by collector and outcome", labels=["via", "status"]
    )
    sums = {
        name: CounterMetricFamily(f"harbor_{name}", text, labels=["via"])
        for name, text in (
            ("posts_fetched", "Posts Reddit served to the collectors"),
            ("posts_kept", "Posts the problem detector kept"),
            ("posts_new", "Posts new to the table"),
            ("reddit_api_calls", "Reddit requests made by the collectors"),
        )
    }
    by_via: dict[str, list[int]] = {}
    for via, status, count, fetched, kept, new, calls in runs:
        run_count.add_metric([via, status], count)
        totals = by_via.setdefault(via, [0, 0, 0, 0])
        for i, value in enumerate((fetched, kept, new, calls)):
            totals[i] += int(value)
    for via, totals in sorted(by_via.items()):
        for metric, value in zip(sums.values(), totals, strict=True):
            metric.add_metric([via], value)
    yield run_count
    yield from sums.values()
    by_status = GaugeMetricFamily("harbor_scores", "Score rows by status", labels=["status"])
    tokens = GaugeMetricFamily(
        "harbor_llm_tokens", "Tokens of the stored score rows", labels=["direction", "scorer"]
    )
    counts = {"pending": int(pending), "scored": 0, "failed": 0, "deferred": 0}
    token_sums: dict[tuple[str, str], int] = {}
    for status, scorer, count, tokens_in, tokens_out in scores:
        counts[status] = counts.get(status, 0) + int(count)
        for direction, value in (("input", tokens_in), ("output", tokens_out)):
            key = (direction, str(scorer))
            token_sums[key] = token_sums.get(key, 0) + int(value)
    for status, count in counts.items():
        by_status.add_metric([status], count)
    for (direction, scorer), value in sorted(token_sums.items()):
        tokens.add_metric([direction, scorer], value)
    yield by_status
    yield tokens
    alert_counts = {"pending": 0, "sending": 0, "sent": 0, "failed": 0}
    alert_counts.update({str(s): int(c) for s, c in alerts})
    alert_metric = GaugeMetricFamily("harbor_alerts", "Alerts by status", labels=["status"])
    for status, count in alert_counts.items():
        alert_metric.add_metric([status], count)
    yield alert_metric


def _redis(settings: Settings) -> Iterator[Metric]:
    depth = GaugeMetricFamily("harbor_queue_depth", "Messages waiting", labels=["queue"])
    for queue, count in queue_depths(settings).items():
        depth.add_metric([queue], count)
    yield depth
    budget = DailyBudget(redis_client(settings), settings.daily_token_budget)
    yield GaugeMetricFamily(
        "harbor_llm_tokens_today", "Tokens counted today (UTC)", value=budget.used()
    )
    if settings.daily_token_budget:
        yield GaugeMetricFamily(
            "harbor_llm_token_budget", "The daily token budget", value=settings.daily_token_budget
        )
    calls = read_llm_calls(settings)
    buckets = [(f"{bound:g}", count) for bound, count in calls.buckets]
    buckets.append(("+Inf", calls.count))
    yield HistogramMetricFamily(
        "harbor_llm_call_seconds",
        "Latency of the LLM calls that gave a score",
        buckets=buckets,
        sum_value=calls.total_seconds,
    )
    yield CounterMetricFamily(
        "harbor_llm_calls_failed", "LLM calls that failed", value=calls.failed
    )


class _Collector:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("harbor_source_up", "Whether a source answered", labels=["source"])
        for source, read, errors in (
            ("postgres", _postgres, (DatabaseUnavailable, psycopg.Error)),
            ("redis", _redis, (redis.RedisError,)),
        ):
            try:
                found = list(read(self.settings))
            except errors as exc:
                log.warning("metrics: %s did not answer: %s", source, type(exc).__name__)
                up.add_metric([source], 0)
                continue
            up.add_metric([source], 1)
            yield from found
        yield up


class MetricsPage:
    """The /metrics text of one app, built at most once per CACHE_SECONDS."""

    def __init__(self, settings: Settings) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(_Collector(settings))
        self._lock = threading.Lock()
        self._cached: tuple[float, bytes] | None = None

    def text(self) -> bytes:
        """The exposition text (cached briefly)."""
        with self._lock:
            now = time.monotonic()
            if self._cached is None or now - self._cached[0] > CACHE_SECONDS:
                self._cached = (now, generate_latest(self.registry))
            return self._cached[1]
