"""Alerts against a real webhook receiver (a local HTTP server that counts what it gets):
each qualifying opportunity is POSTed once across reruns and racing senders, a receiver
that answers 500 for a while still gets each once, and with real worker processes a dead
webhook never fails scoring. The URL, a secret, is never written anywhere."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fault_support import StartHarbor
from runtime_support import free_port, rows, unsettled, wait_until
from scoring_support import openai_settings
from webhook_support import SECRET_TOKEN, Receiver

from harbor.alerts import run_alerts
from harbor.collect.service import run_collection
from harbor.sandbox.process import RunningSandbox
from harbor.scoring.service import score_pending
from harbor.settings import Secret, Settings
from harbor.theming.listing import list_themes

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def _scored(settings: Settings, sandbox_process: RunningSandbox, receiver_url: str,
            min_total: float) -> Settings:  # fmt: skip
    """Two subreddits collected and scored on the sandbox; settings that alert `receiver_url`."""
    scoring = openai_settings(settings, sandbox_process, openai_rpm=1_000_000,
                              openai_tpm=1_000_000_000)  # fmt: skip
    for sub, via in (("SaaS", "dlt"), ("smallbusiness", "legacy")):
        assert run_collection(scoring, sub, via).status == "ok"
    assert score_pending(scoring, concurrency=8).failed == 0
    return dataclasses.replace(scoring, webhook_url=Secret(receiver_url), alert_min_total=min_total)


def _qualifying(settings: Settings) -> set[str]:
    """Opportunities at or above the bound, with their comment evidence, a set once."""
    found = rows(
        settings,
        "SELECT o.post_id FROM {schema}.opportunity_scores o "
        "JOIN {schema}.submissions s ON s.id = o.post_id "
        "LEFT JOIN {schema}.comment_fetches e ON e.post_id = o.post_id AND e.status = 'done' "
        "WHERE o.status = 'scored' AND s.duplicate_of IS NULL AND o.category <> 'other' "
        "AND least(100, o.total + coalesce(e.total_bonus, 0)) >= %s",
        settings.alert_min_total,
    )
    return {r[0] for r in found}


def _rising(settings: Settings) -> set[str]:
    """Themes over the growth bound, by the listing's own figures (the rule: 5 sets of
    posts in 7 days, doubled against the 7 days before, or new)."""
    return {
        t.id
        for t in list_themes(settings, 500, timedelta(days=7), name=False)
        if t.posts >= 5 and (t.growth is None or t.growth >= 1.0)
    }


def _nothing_secret_stored(settings: Settings) -> None:
    stored = rows(
        settings,
        "SELECT payload::text || coalesce(error, '') || destination FROM {schema}.alerts",
    )
    assert stored and not any(SECRET_TOKEN.split("/")[0] in r[0] for r in stored)


def test_each_qualifying_opportunity_is_posted_once_across_reruns_and_racing_senders(
    settings: Settings, sandbox_process: RunningSandbox, receiver: Receiver
) -> None:
    alerting = _scored(settings, sandbox_process, receiver.url, min_total=50)
    qualifying, rising = _qualifying(alerting), _rising(alerting)
    assert len(qualifying) > 5 and rising  # both kinds of alert are at stake
    copies = rows(alerting, "SELECT id FROM {schema}.submissions WHERE duplicate_of IS NOT NULL")
    assert not qualifying & {r[0] for r in copies}

    def send() -> None:
        run_alerts(alerting, interval_s=0.02)

    racers = [threading.Thread(target=send) for _ in range(3)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=60)
    for _ in range(3):  # the next ticks, a retried task: nothing more to send
        run_alerts(alerting, interval_s=0.02)

    delivered = receiver.delivered()
    assert set(delivered) == qualifying and set(delivered.values()) == {1}
    themes = receiver.delivered("theme")
    assert set(themes) == rising and set(themes.values()) == {1}
    sent = len(qualifying) + len(rising)
    assert receiver.answered(500) == 0 and len(receiver.received) == sent
    assert rows(alerting, "SELECT status, count(*) FROM {schema}.alerts GROUP BY 1") == [
        ("sent", sent)
    ]
    keys = {r.headers["Idempotency-Key"] for r in receiver.received}
    assert len(keys) == sent
    body = receiver.received[0].body
    assert body["text"] and body["content"] and body["allowed_mentions"] == {"parse": []}
    assert receiver.received[0].path == f"/hooks/{SECRET_TOKEN}"
    _nothing_secret_stored(alerting)


def test_a_receiver_that_fails_for_a_while_still_gets_each_alert_once(
    settings: Settings,
    sandbox_process: RunningSandbox,
    receiver: Receiver,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    alerting = _scored(settings, sandbox_process, receiver.url, min_total=56)
    qualifying, rising = _qualifying(alerting), _rising(alerting)
    assert qualifying
    receiver.fail_next = 3  # 500 with Retry-After: 1, three times

    first = run_alerts(alerting, interval_s=0.02)
    assert (first.sent, first.retrying) == (0, 1)  # one try, then the receiver is left alone

    def all_delivered() -> bool:
        run_alerts(alerting, interval_s=0.02)
        return (
            set(receiver.delivered()) == qualifying and set(receiver.delivered("theme")) == rising
        )

    wait_until(all_delivered, 40, interval=0.3)
    assert receiver.answered(500) == 3
    assert set(receiver.delivered().values()) == {1}
    assert set(receiver.delivered("theme").values()) <= {1}
    attempts = rows(alerting, "SELECT max(attempts), min(status), max(status) FROM {schema}.alerts")
    assert attempts == [(4, "sent", "sent")]  # the first alert took four tries, all sent once
    _nothing_secret_stored(alerting)
    assert SECRET_TOKEN.split("/")[0] not in caplog.text
    assert "HTTP 500" in caplog.text


def test_an_unreachable_webhook_is_retried_later_and_costs_one_request_per_backoff(
    settings: Settings, sandbox_process: RunningSandbox
) -> None:
    dead = f"http://127.0.0.1:{free_port()}/hooks/{SECRET_TOKEN}"
    alerting = _scored(settings, sandbox_process, dead, min_total=50)
    started = time.monotonic()
    first = run_alerts(alerting)
    again = run_alerts(alerting)  # within the backoff: nothing is tried
    assert time.monotonic() - started < 10
    assert (first.retrying, first.sent, again.retrying, again.sent) == (1, 0, 0, 0)
    assert rows(alerting, "SELECT sum(attempts), count(*) FILTER (WHERE status = 'pending') "
                "FROM {schema}.alerts")[0] == (1, len(_qualifying(alerting)) +
                                               len(_rising(alerting)))  # fmt: skip
    assert rows(alerting, "SELECT DISTINCT error FROM {schema}.alerts WHERE attempts > 0") == [
        ("connection failed",)
    ]


@pytest.mark.slow
def test_with_real_workers_a_dead_webhook_never_fails_scoring_and_each_alert_arrives_once(
    harbor: StartHarbor, receiver: Receiver
) -> None:
    receiver.failing = True
    h = harbor(HARBOR_WEBHOOK_URL=receiver.url, HARBOR_ALERT_MIN_TOTAL="50",
               HARBOR_OPENAI_RPM="1000000", HARBOR_OPENAI_TPM="1000000000")  # fmt: skip
    h.procs.worker("c1", "collect")
    h.procs.worker("s1", "score")
    h.procs.worker("a1", "alerts")
    h.procs.worker("a2", "alerts")
    h.procs.beat()

    def scored_while_the_webhook_fails() -> bool:
        return unsettled(h.settings, collects=False) is None and bool(
            rows(h.settings, "SELECT 1 FROM {schema}.alerts WHERE attempts > 0")
        )

    wait_until(scored_while_the_webhook_fails, 120)
    assert rows(h.settings, "SELECT DISTINCT status FROM {schema}.opportunity_scores") == [
        ("scored",)
    ]
    assert receiver.answered(200) == 0 and receiver.answered(500) >= 1
    qualifying, rising = _qualifying(h.settings), _rising(h.settings)
    assert qualifying

    receiver.failing = False
    wait_until(
        lambda: (
            (set(receiver.delivered()), set(receiver.delivered("theme"))) == (qualifying, rising)
        ),
        90,
    )
    time.sleep(3)  # a few more ticks of both alert workers: nothing is sent again
    assert set(receiver.delivered().values()) == {1}
    assert set(receiver.delivered("theme").values()) <= {1}
    assert rows(h.settings, "SELECT DISTINCT status FROM {schema}.alerts") == [("sent",)]
    assert SECRET_TOKEN.split("/")[0] not in h.logs()
    _nothing_secret_stored(h.settings)
    print(f"\nalerts: {len(qualifying)} opportunities and {len(rising)} themes delivered once "
          f"each by two alert workers, after "
          f"{receiver.answered(500)} answers of 500 while every post was scored")  # fmt: skip
