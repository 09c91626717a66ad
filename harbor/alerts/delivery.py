"""One POST of an alert to the webhook, and what to do after it.

A 2xx is delivered. A timeout, a connection error, a 408, a 429 or a 5xx may go away:
retry later, after the jittered exponential backoff or the receiver's Retry-After
(whichever is later, bounded). Any other answer (a 3xx, a 4xx: the URL or the body is
wrong) will not: the alert fails for good. Errors name the HTTP status or the kind of
failure only: the webhook URL is a secret, and requests' messages carry it.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
from dataclasses import dataclass
from typing import Any

import requests

__all__ = [
    "BACKOFF_BASE_S",
    "BACKOFF_CAP_S",
    "Delivery",
    "parse_retry_after",
    "post_alert",
    "retry_delay",
]

CONNECT_TIMEOUT_S = 3.05
READ_TIMEOUT_S = 10.0
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 600.0
# a receiver asking for more than this is taken at this
RETRY_AFTER_CAP_S = 3600.0
_RETRYABLE_STATUS = frozenset({408, 425, 429})
USER_AGENT = "RedditHarbor-alerts/0.1"


@dataclass(frozen=True)
class Delivery:
    """The outcome of one POST: delivered, or an error that is retryable or not."""

    delivered: bool
    retryable: bool
    http_status: int | None
    retry_after: float | None
    error: str | None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # nan
        return None
    return max(0.0, min(seconds, RETRY_AFTER_CAP_S))


def _body_retry_after(response: requests.Response) -> float | None:
    # Discord also says it in the body: {"retry_after": 1.234, ...}
    try:
        data = response.json()
    except (ValueError, json.JSONDecodeError):
        return None
    value = data.get("retry_after") if isinstance(data, dict) else None
    if isinstance(value, int | float) and value >= 0:
        return float(min(value, RETRY_AFTER_CAP_S))
    return None


def retry_delay(
    attempts: int, retry_after: float | None, rng: random.Random | None = None
) -> float:
    """Seconds before the next try after `attempts` failed ones (1 = the first failed):
    uniform in [b/2, b] for b = BASE * 2**(attempts-1) capped, and never before the
    receiver's Retry-After."""
    pick = (rng or random).uniform
    backoff = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1))
    delay = pick(backoff / 2, backoff)
    if retry_after is not None:
        # honour it, and spread the senders a little past it
        return max(retry_after + pick(0.0, 0.5), 0.5)
    return delay


def post_alert(
    session: requests.Session,
    url: str,
    payload: dict[str, Any],
    idempotency_key: str,
    timeout: float = READ_TIMEOUT_S,
) -> Delivery:
    """POST `payload` as JSON to `url` once (no redirects followed)."""
    try:
        response = session.post(
            url,
            data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": USER_AGENT,
                # a receiver that de-duplicates can tell a retry from a new alert
                "Idempotency-Key": idempotency_key,
            },
            timeout=(min(CONNECT_TIMEOUT_S, timeout), timeout),
            allow_redirects=False,
        )
    except requests.Timeout:
        return Delivery(False, True, None, None, "timed out")
    except requests.ConnectionError:
        return Delivery(False, True, None, None, "connection failed")
    except requests.RequestException as exc:
        return Delivery(False, False, None, None, f"request failed ({type(exc).__name__})")
    with response:
        status = response.status_code
        if 200 <= status < 300:
            return Delivery(True, False, status, None, None)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status == 429 and retry_after is None:
            retry_after = _body_retry_after(response)
        retryable = status >= 500 or status in _RETRYABLE_STATUS
        return Delivery(False, retryable, status, retry_after, f"HTTP {status}")
