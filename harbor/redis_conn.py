"""The process-wide Redis client and the names of every key RedditHarbor uses.

Operators touch the cutover keys with redis-cli, so those names are part of the contract
(docs/DESIGN.md); everything else lives under `harbor:` too so one SCAN shows it all.
"""

from __future__ import annotations

import threading

import redis
from redis.backoff import ExponentialWithJitterBackoff
from redis.retry import Retry

from harbor.settings import Settings

__all__ = [
    "BEAT_LEADER",
    "CUTOVER",
    "CUTOVER_OVERRIDE",
    "CUTOVER_ROLLBACK",
    "DLT_FAILURES",
    "FOLLOWUP_SWEEP",
    "LLM_CALLS",
    "SCHEDULE_QUOTA",
    "SCORE_SWEEP",
    "collect_lock",
    "followup_queued",
    "pending_collect",
    "reddit_budget_key",
    "redis_client",
    "score_queued",
    "scoring_claim",
    "tokens_today",
]

# the contract: operators type these
CUTOVER = "harbor:cutover"
CUTOVER_OVERRIDE = "harbor:cutover:override"
CUTOVER_ROLLBACK = "harbor:cutover:rollback"

# ours
DLT_FAILURES = "harbor:dlt:failures"  # hash subreddit -> consecutive failed dlt runs
SCHEDULE_QUOTA = "harbor:schedule:quota"  # what the last dispatch tick saw of the quota
BEAT_LEADER = "harbor:beat:leader"
SCORE_SWEEP = "harbor:sweep:score"  # held while one dispatcher sweeps for unscored posts
FOLLOWUP_SWEEP = "harbor:sweep:followups"  # themes and comment evidence, likewise
LLM_CALLS = "harbor:metrics:llm"  # hash: the LLM calls' latency histogram (harbor.telemetry)


def collect_lock(subreddit: str) -> str:
    return f"harbor:lock:collect:{subreddit.lower()}"


def pending_collect(subreddit: str) -> str:
    return f"harbor:pending:collect:{subreddit.lower()}"


def scoring_claim(post_id: str) -> str:
    return f"harbor:claim:score:{post_id}"


def reddit_budget_key(client_id: str) -> str:
    """The shared Reddit request budget of one OAuth client id (see harbor.reddit.budget)."""
    return f"harbor:reddit:budget:{client_id}"


def score_queued(post_id: str) -> str:
    """Set while a score task for the post is queued or running (the runtime's marker)."""
    return f"harbor:queued:score:{post_id}"


def followup_queued(kind: str, post_id: str) -> str:
    """Set while a theme or comments task for the post waits in the queue."""
    return f"harbor:queued:{kind}:{post_id}"


def tokens_today(day: str) -> str:
    return f"harbor:tokens:{day}"


_clients: dict[str, redis.Redis] = {}
_lock = threading.Lock()


def redis_client(settings: Settings) -> redis.Redis:
    """A shared client (thread-safe connection pool) with bounded, jittered reconnects."""
    url = settings.redis_url.get()
    with _lock:
        client = _clients.get(url)
        if client is None:
            client = redis.Redis.from_url(
                url,
                decode_responses=True,
                # operators write some keys by hand: a byte that is not UTF-8 must read as
                # a value that does not parse (a warning, the safe default), not an error
                encoding_errors="replace",
                socket_timeout=10,
                socket_connect_timeout=5,
                health_check_interval=15,
                retry=Retry(ExponentialWithJitterBackoff(base=0.05, cap=1.0), retries=3),
                retry_on_error=[redis.ConnectionError, redis.TimeoutError],
            )
            _clients[url] = client
        return client
