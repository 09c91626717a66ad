"""Logging set-up shared by the CLI, the sandbox and the workers.

A filter on the handler replaces every configured secret with *** before a record is
written, as a last line of defence: code never formats secrets on purpose. The same
filter renders the message once, so a malformed call (a %-argument too many or too few)
is written as what it was given instead of raising or printing a traceback.

Two formats (HARBOR_LOG_FORMAT): `text`, one readable line per record, and `json`, one
JSON object per line (ts, level, logger, message, and task_id / exc when there are).
A record that carries a `task_id` attribute (the Celery app adds it inside a task) shows
it in both.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Literal

__all__ = ["JsonFormatter", "RedactingFilter", "TextFormatter", "setup_logging"]

FORMAT = "%(asctime)s %(levelname)-7s %(name)s%(task)s: %(message)s"
LogFormat = Literal["text", "json"]


def _message(record: logging.LogRecord) -> str:
    """The record's final message; a malformed call is shown as it was made."""
    try:
        return record.getMessage()
    except Exception:  # noqa: BLE001 - a log call must never take its caller down
        try:
            return f"{record.msg!s} (log arguments that did not fit: {record.args!r})"
        except Exception:  # noqa: BLE001 - a msg or argument whose str() itself fails
            return f"unprintable log message from {record.pathname}:{record.lineno}"


class RedactingFilter(logging.Filter):
    """Masks the given secret strings in every record's final message and traceback."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # longest first, so a secret that contains another is masked whole
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def _mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        # rendered once here: the formatter then has nothing left that can fail
        record.msg, record.args = self._mask(_message(record)), None
        if not self.secrets:
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self._mask(record.stack_info)
        return True


class TextFormatter(logging.Formatter):
    """One readable line: time, level, logger, [task id], message."""

    def __init__(self) -> None:
        super().__init__(FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        task_id = getattr(record, "task_id", None)
        record.task = f" [{task_id}]" if task_id else ""
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines inside values are escaped)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record),
        }
        task_id = getattr(record, "task_id", None)
        if task_id:
            entry["task_id"] = str(task_id)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(
    level: str = "INFO",
    secrets: Iterable[str] = (),
    log_format: LogFormat = "text",
    filters: Iterable[logging.Filter] = (),
) -> None:
    """Send harbor's records (and the libraries') to stderr, with secrets masked.

    `filters` run before the redaction (the Celery app adds the task id with one).
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    for extra in filters:
        handler.addFilter(extra)
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_harbor", False):
            root.removeHandler(old)
    handler._harbor = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # these libraries are chatty at INFO and say nothing an operator needs
    for noisy in ("httpx", "httpx2", "openai", "urllib3", "prawcore", "dlt", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
