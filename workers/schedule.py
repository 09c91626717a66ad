"""The beat schedule: one dispatch tick every HARBOR_DISPATCH_SECONDS."""

from __future__ import annotations

from typing import Any

from harbor.runtime.queues import DISPATCH_PRIORITY, Queue, TaskName
from harbor.settings import Settings

__all__ = ["beat_schedule"]


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """The periodic entries for `settings` (Celery's beat_schedule format)."""
    tick = settings.dispatch_seconds
    return {
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
