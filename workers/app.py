"""The Celery app: `celery -A workers worker|beat|flower`."""

from __future__ import annotations

import logging
import sys
from typing import Any

from celery import Celery, current_task
from celery.signals import setup_logging, worker_init, worker_process_shutdown

from harbor import db
from harbor.errors import ConfigError
from harbor.logs import setup_logging as harbor_logging
from harbor.settings import get_settings

try:
    get_settings()
except ConfigError as exc:
    # a bad setting stops every `celery -A workers ...` with one line that names it,
    # not with a traceback through Celery's command-line parsing
    print(f"error: {exc}", file=sys.stderr)
    raise SystemExit(2) from None

app = Celery("harbor")
app.config_from_object("workers.config")


class TaskIdFilter(logging.Filter):
    """Adds `task_id` to every record logged inside a task (any pool: the current task
    is per thread under -P threads, per process under prefork)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(current_task, "request", None)
        task_id = getattr(request, "id", None)
        if task_id and not getattr(record, "task_id", None):
            record.task_id = task_id
        return True


@setup_logging.connect
def _setup_logging(**_: Any) -> None:
    # harbor's handler masks secrets; Celery keeps its hands off the root logger
    settings = get_settings()
    harbor_logging(
        settings.log_level, settings.secret_values(), settings.log_format, [TaskIdFilter()]
    )


@worker_init.connect
def _load_detector(**_: Any) -> None:
    # a missing, corrupt or incompatible model file stops the worker now, with one line
    # naming it, instead of failing every collect and every offline score later
    from harbor.collect.service import detector_for

    try:
        detector = detector_for(get_settings())
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    logging.getLogger(__name__).info(
        "problem detector %s, threshold %.3f", detector.model_version, detector.threshold
    )


@worker_process_shutdown.connect
def _close_pools(**_: Any) -> None:
    db.close_pools()
