"""What the broker can tell without Celery: queue depths and a ping of the workers.

The ping speaks Celery's remote-control protocol through kombu (a broadcast `ping` on
the `celery` pidbox exchange, replies collected for `timeout` seconds), so `harbor status`
sees exactly the workers that `celery inspect ping` would, and the library still never
imports Celery.
"""

from __future__ import annotations

import logging
from typing import Any

from kombu.connection import Connection
from kombu.exceptions import KombuError
from kombu.pidbox import Mailbox

from harbor.redis_conn import redis_client
from harbor.runtime.queues import Queue, broker_lists
from harbor.settings import Settings

__all__ = ["CONTROL_EXCHANGE", "ping_workers", "queue_depths"]

log = logging.getLogger(__name__)

CONTROL_EXCHANGE = "celery"  # Celery's default control_exchange


def queue_depths(settings: Settings) -> dict[str, int]:
    """Messages waiting in each queue (all priority lists; reserved ones not included)."""
    pipe = redis_client(settings).pipeline(transaction=False)
    for queue in Queue:
        for name in broker_lists(queue):
            pipe.llen(name)
    sizes = iter(pipe.execute(raise_on_error=False))
    depths: dict[str, int] = {}
    for queue in Queue:
        total = 0
        for _ in broker_lists(queue):
            size = next(sizes)
            total += size if isinstance(size, int) else 0
        depths[queue.value] = total
    return depths


def ping_workers(settings: Settings, timeout: float = 1.0) -> dict[str, dict[str, Any]]:
    """Workers that answered a ping within `timeout` seconds, by node name."""
    mailbox = Mailbox(CONTROL_EXCHANGE, type="fanout", accept=["json"], serializer="json")
    replies: dict[str, dict[str, Any]] = {}
    try:
        with Connection(
            settings.redis_url.get(), connect_timeout=3, transport_options={"max_retries": 1}
        ) as conn:
            answers = mailbox(conn).multi_call("ping", timeout=timeout) or []
    except (OSError, KombuError) as exc:
        log.warning("ping: the broker did not answer: %s", exc)
        return replies
    for answer in answers:
        if isinstance(answer, dict):
            for name, body in answer.items():
                replies[str(name)] = body if isinstance(body, dict) else {"reply": body}
    return replies
