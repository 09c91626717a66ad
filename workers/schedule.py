"""The beat schedule: one dispatch tick every HARBOR_DISPATCH_SECONDS, and an alert run
as often (at least 5 s apart) when HARBOR_WEBHOOK_URL is set."""

from __future__ import annotations

from typing import Any

from harbor.runtime.queues import DISPATCH_PRIORITY, Queue, TaskName
from harbor.settings import Settings

__all__ = ["alerts_interval", "beat_schedule"]


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """The periodic entries for `settings` (Celery's beat_schedule format)."""
    tick = settings.dispatch_seconds
    entries: dict[str, dict[str, Any]] = {
        "dispatch": {
            "task": TaskName.DISPATCH.value,
            "schedule": tick,
            "options": {
                "queue": Queue.COLLECT.value,
                "priority": DISPATCH_PRIORITY,
                # a later tick does the same work: an old one waiting in the queue is dropped
                "expires": max(3 * tick, 30.0),
            },
        },
    }
    if settings.webhook_url is not None:
        every = alerts_interval(settings)
        entries["alerts"] = {
            "task": TaskName.ALERTS.value,
            "schedule": every,
            "options": {"queue": Queue.ALERTS.value, "expires": max(3 * every, 30.0)},
        }
    return entries


def alerts_interval(settings: Settings) -> float:
    """How often an alert run is sent: every tick, and at least 5 s apart."""
    return max(5.0, settings.dispatch_seconds)
