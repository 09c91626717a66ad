"""One alert run: plan what qualifies, then send what is due, within a time budget.

What qualifies: an opportunity scored at or above HARBOR_ALERT_MIN_TOTAL (the canonical
post of its set, not `other`, scored within ALERT_WINDOW), and a theme that crosses the
growth bound (see rising_themes). Each once per destination.

Runs off the scoring path (the alerts task on its own queue, every tick): scoring never
waits for a webhook, and a dead webhook costs one request per backoff period, never a
score. A run sends at most MAX_SENDS_PER_RUN alerts, SEND_INTERVAL_S apart (Slack and
Discord both rate-limit webhooks near one message a second), and starts no POST after
RUN_BUDGET_S. When the receiver fails (timeout, 429, 5xx) the run stops and every pending
alert of that destination waits out the same backoff; after MAX_ATTEMPTS the alert fails
for good (and is never sent by itself again: the row stays).
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

import requests

from harbor.alerts import store
from harbor.alerts.delivery import Delivery, post_alert, retry_delay
from harbor.alerts.payload import destination_digest, opportunity_payload, theme_payload
from harbor.db import connection
from harbor.settings import Settings
from harbor.theming.listing import ThemeRecord, list_themes

__all__ = [
    "ALERT_WINDOW",
    "MAX_ATTEMPTS",
    "MAX_SENDS_PER_RUN",
    "RUN_BUDGET_S",
    "SEND_INTERVAL_S",
    "THEME_MIN_GROWTH",
    "THEME_MIN_POSTS",
    "THEME_WINDOW",
    "AlertRun",
    "plan_alerts",
    "rising_themes",
    "run_alerts",
]

log = logging.getLogger(__name__)

# only opportunities scored this recently are announced: a new webhook URL gets what is
# new, not the whole history
ALERT_WINDOW = timedelta(days=2)
# a theme is announced once, when it first grows fast: THEME_MIN_POSTS sets of posts in
# THEME_WINDOW, doubled (+100%) against the window before, or new
THEME_WINDOW = timedelta(days=7)
THEME_MIN_POSTS = 5
THEME_MIN_GROWTH = 1.0
THEME_CANDIDATES = 200
MAX_ATTEMPTS = 10
MAX_SENDS_PER_RUN = 20
SEND_INTERVAL_S = 0.4
RUN_BUDGET_S = 20.0
PLAN_LIMIT = 500


@dataclass
class AlertRun:
    """What one run did."""

    planned: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    lapsed: int = 0  # outcomes not written: the claim had lapsed and another sender took it
    skipped: str | None = None
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def rising_themes(settings: Settings) -> list[ThemeRecord]:
    """The themes that cross the growth bound now: at least THEME_MIN_POSTS sets of posts
    in the last THEME_WINDOW, and at least THEME_MIN_GROWTH more than in the window before
    (a theme with nothing before is new, and crosses it)."""
    found = list_themes(settings, THEME_CANDIDATES, THEME_WINDOW, name=False)
    return [
        t for t in found
        if t.posts >= THEME_MIN_POSTS and (t.growth is None or t.growth >= THEME_MIN_GROWTH)
    ]  # fmt: skip


def plan_alerts(settings: Settings, destination: str) -> int:
    """Add a pending alert for each qualifying opportunity and each theme that crosses the
    growth bound, unless it has one already; how many were added."""
    days = round(THEME_WINDOW.total_seconds() / 86400)
    themes = {t.id: theme_payload(t, days) for t in rising_themes(settings)}
    with connection(settings) as conn:
        found = store.qualifying_opportunities(
            conn, settings, destination, min_total=settings.alert_min_total,
            window=ALERT_WINDOW, limit=PLAN_LIMIT,
        )  # fmt: skip
        payloads = {opp.post_id: opportunity_payload(opp) for opp in found}
        added = store.insert_alerts(conn, settings, destination, "opportunity", payloads)
        return added + store.insert_alerts(conn, settings, destination, "theme", themes)


def _record(settings: Settings, claim: store.Claimed, outcome: Delivery, run: AlertRun) -> bool:
    """Write the outcome; True when the run should go on to the next alert."""
    destination = destination_digest(settings.webhook_url.get()) if settings.webhook_url else ""
    with connection(settings) as conn:
        if outcome.delivered:
            written = store.mark_sent(conn, settings, claim, outcome.http_status or 200)
            run.sent += written
        elif outcome.retryable and claim.attempts < MAX_ATTEMPTS:
            delay = retry_delay(claim.attempts, outcome.retry_after)
            written = store.mark_retry(conn, settings, claim, delay, outcome.http_status,
                                       outcome.error or "failed")  # fmt: skip
            store.defer_destination(conn, settings, destination, delay)
            run.retrying += written
            log.warning(
                "alert %s %s: %s (attempt %d); next try in %.1fs",
                claim.subject_kind, claim.subject_id, outcome.error, claim.attempts, delay,
            )  # fmt: skip
        else:
            why = outcome.error or "failed"
            if outcome.retryable:
                why = f"{why}; gave up after {claim.attempts} attempts"
            written = store.mark_failed(conn, settings, claim, outcome.http_status, why)
            run.failed += written
            log.warning(
                "alert %s %s failed for good: %s", claim.subject_kind, claim.subject_id, why
            )
    if not written:
        run.lapsed += 1
    if outcome.error and len(run.errors) < 5:
        run.errors.append(f"{claim.subject_kind} {claim.subject_id}: {outcome.error}")
    # a receiver in trouble gets nothing more this run; a 4xx is that alert's own problem
    return outcome.delivered or not outcome.retryable


def run_alerts(
    settings: Settings,
    *,
    budget_s: float = RUN_BUDGET_S,
    max_sends: int = MAX_SENDS_PER_RUN,
    interval_s: float = SEND_INTERVAL_S,
) -> AlertRun:
    """Plan and send; idempotent (the alerts table decides what is due)."""
    run = AlertRun()
    if settings.webhook_url is None:
        run.skipped = "HARBOR_WEBHOOK_URL is not set"
        return run
    url = settings.webhook_url.get()
    destination = destination_digest(url)
    started = time.monotonic()
    run.planned = plan_alerts(settings, destination)
    with requests.Session() as session:
        attempts = 0
        while attempts < max_sends:
            left = budget_s - (time.monotonic() - started)
            if left <= 0:
                break
            with connection(settings) as conn:
                claim = store.claim_next(conn, settings, destination)
            if claim is None:
                break
            if attempts:
                time.sleep(interval_s)
            attempts += 1
            key = f"harbor-{claim.subject_kind}-{claim.subject_id}-{destination[:12]}"
            outcome = post_alert(session, url, claim.payload, key)
            if not _record(settings, claim, outcome, run):
                break
    if run.planned or run.sent or run.retrying or run.failed:
        log.info(
            "alerts: %d planned, %d sent, %d to retry, %d failed",
            run.planned, run.sent, run.retrying, run.failed,
        )  # fmt: skip
    return run
