"""Celery settings for RedditHarbor, in one place (loaded by workers/app.py).

Broker and everything else come from harbor's settings, so `celery -A workers ...` reads
the same environment as the `harbor` command. No result backend: tasks write their
results to Postgres, and Flower follows task states through events.
"""

from __future__ import annotations

from kombu.entity import Queue as KombuQueue

from harbor.runtime.queues import (
    COLLECT_HARD_LIMIT_S,
    COLLECT_PRIORITY,
    COLLECT_SOFT_LIMIT_S,
    COMMENTS_PRIORITY,
    DISPATCH_PRIORITY,
    FOLLOWUP_HARD_LIMIT_S,
    FOLLOWUP_SOFT_LIMIT_S,
    MAX_COLLECT_DEFERRALS,
    MAX_SCORE_RETRIES,
    PRIORITY_SEP,
    PRIORITY_STEPS,
    SCORE_HARD_LIMIT_S,
    SCORE_SOFT_LIMIT_S,
    Queue,
    TaskName,
)
from harbor.settings import get_settings
from workers import schedule

_settings = get_settings()

broker_url = _settings.redis_url.get()
broker_connection_retry_on_startup = True
broker_transport_options = {
    # an unacknowledged message comes back after this; longer than the longest task
    # (a collect's hard limit) and the longest retry countdown, or a task that is merely
    # slow would run twice. Tasks lost with a dead worker come back sooner through
    # dispatch's reconcile and the score sweep.
    "visibility_timeout": 2 * 3600,
    "priority_steps": list(PRIORITY_STEPS),
    "sep": PRIORITY_SEP,
}
include = ["workers.tasks"]

task_serializer = "json"
result_serializer = "json"
accept_content = ["json"]
task_ignore_result = True
task_track_started = True

task_queues = tuple(KombuQueue(queue.value) for queue in Queue)
task_default_queue = Queue.COLLECT.value
task_routes = {
    TaskName.DISPATCH.value: {"queue": Queue.COLLECT.value, "priority": DISPATCH_PRIORITY},
    TaskName.COLLECT.value: {"queue": Queue.COLLECT.value, "priority": COLLECT_PRIORITY},
    TaskName.SCORE.value: {"queue": Queue.SCORE.value},
    TaskName.THEME.value: {"queue": Queue.SCORE.value},
    TaskName.COMMENTS.value: {"queue": Queue.SCORE.value, "priority": COMMENTS_PRIORITY},
    TaskName.ALERTS.value: {"queue": Queue.ALERTS.value},
}

task_annotations = {
    # dispatch is cheap and the next tick replaces a lost one: acknowledged on receipt
    TaskName.DISPATCH.value: {"acks_late": False, "soft_time_limit": 30, "time_limit": 60},
    # collect is idempotent: both collectors merge on the post id, dlt's cursor lives in
    # Postgres, and the per-subreddit lock keeps two runs apart; re-running one that a
    # dead worker left half done loses nothing and duplicates nothing
    TaskName.COLLECT.value: {
        "acks_late": True,
        "reject_on_worker_lost": True,
        "soft_time_limit": COLLECT_SOFT_LIMIT_S,
        "time_limit": COLLECT_HARD_LIMIT_S,
        # a collect deferred by the Reddit budget comes back this many times at most
        "max_retries": MAX_COLLECT_DEFERRALS,
    },
    # score is idempotent: the result merges on post_id, and a post already scored for
    # the same content costs no LLM call the second time
    TaskName.SCORE.value: {
        "acks_late": True,
        "reject_on_worker_lost": True,
        "soft_time_limit": SCORE_SOFT_LIMIT_S,
        "time_limit": SCORE_HARD_LIMIT_S,
        "max_retries": MAX_SCORE_RETRIES,
    },
    # theme assigns a post once (a second run finds it assigned); comments claims its post
    # in Postgres (a second run finds it claimed or done). A run lost with its worker is
    # planned again by the dispatch tick's follow-up sweep
    TaskName.THEME.value: {
        "acks_late": True,
        "reject_on_worker_lost": True,
        "soft_time_limit": FOLLOWUP_SOFT_LIMIT_S,
        "time_limit": FOLLOWUP_HARD_LIMIT_S,
    },
    TaskName.COMMENTS.value: {
        "acks_late": True,
        "reject_on_worker_lost": True,
        "soft_time_limit": FOLLOWUP_SOFT_LIMIT_S,
        "time_limit": FOLLOWUP_HARD_LIMIT_S,
    },
    # alerts: the next tick does the same work, and the alerts table (not the message)
    # says what is due, so a lost run loses nothing; the library keeps its own time
    # budget (-P threads enforces no limit)
    TaskName.ALERTS.value: {"acks_late": False, "soft_time_limit": 60, "time_limit": 90},
}

# a collect runs for seconds to minutes: a worker takes one task per process at a time,
# so idle processes elsewhere get the rest. Score workers take one per thread too.
# Pools (chosen on the command line, see workers/run.py and docker-compose.yml):
# collect workers are prefork (dlt is CPU-heavy and keeps per-process state); score
# workers are threads with high concurrency (`-P threads -c 32`), because a score task
# spends nearly all its time waiting on the LLM, and psycopg's pool, redis-py and the
# openai client (httpx) are thread-safe; gevent would need psycopg monkey-patched.
worker_prefetch_multiplier = 1
# with acks_late, a task still running when the broker connection drops is redelivered;
# stop it here rather than run it twice
worker_cancel_long_running_tasks_on_connection_loss = True
worker_send_task_events = True
task_send_sent_event = True
worker_hijack_root_logger = False

beat_scheduler = "workers.beat:LeaderScheduler"
beat_schedule = schedule.beat_schedule(_settings)
# beat wakes at least this often, so the leader renews its lock well within its TTL
beat_max_loop_interval = 5
# beats answer `celery inspect ping` (and `harbor status`) as celerybeat@<host>
beat_enable_remote_control = True
