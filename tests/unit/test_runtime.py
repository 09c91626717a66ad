"""Pure pieces of the runtime: markers, retry delays, the lost-collect rule, the status view."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from rich.console import Console

from harbor.cli.status_view import render_status
from harbor.runtime.dispatch import QUEUED_GRACE_S, RECONCILE_GRACE_S, RESERVED_GRACE_S, _lost
from harbor.runtime.pending import Pending
from harbor.runtime.queues import MAX_SCORE_RETRIES
from harbor.runtime.scoring import retry_delay
from harbor.status import Gap, LastRun, Quota, Status, SubredditStatus


def test_pending_marker_round_trips_and_reads_as_redis_cli_shows_it() -> None:
    marker = Pending("tok", "dlt", "reserved", 1700000000.5, "bucket 3 < share 50")
    raw = marker.dumps()
    assert json.loads(raw)["state"] == "reserved"
    assert Pending.loads(raw) == marker


def test_unreadable_pending_markers_read_as_absent() -> None:
    for raw in (None, "", "garbage", "{}", '{"token": "t"}', "[1, 2]"):
        assert Pending.loads(raw) is None
    odd = Pending.loads('{"token": "t", "via": "???", "state": "???", "at": 1}')
    assert odd is not None and odd.via == "legacy" and odd.state == "queued"


def test_a_collect_is_lost_only_when_its_worker_cannot_be_running_it() -> None:
    now = 10_000.0
    queued = Pending("t", "dlt", "queued", now - 3600)
    assert not _lost(queued, locked=False, now=now, queue_empty=False)  # still waiting
    assert _lost(queued, locked=False, now=now, queue_empty=True)  # gone without a taker
    fresh = Pending("t", "dlt", "queued", now - QUEUED_GRACE_S + 5)
    assert not _lost(fresh, locked=False, now=now, queue_empty=True)  # being sent now
    started = Pending("t", "dlt", "started", now - RECONCILE_GRACE_S - 1)
    assert _lost(started, locked=False, now=now, queue_empty=False)
    assert not _lost(started, locked=True, now=now, queue_empty=True)  # its lock beats
    assert not _lost(Pending("t", "dlt", "started", now - 1), False, now, queue_empty=True)
    reserved = Pending("t", "dlt", "reserved", now - RESERVED_GRACE_S - 1)
    assert _lost(reserved, locked=False, now=now, queue_empty=False)
    assert not _lost(Pending("t", "dlt", "reserved", now - 10), False, now, queue_empty=True)
    # a deferred collect's `at` is when its retry is due: waiting for it is not lost
    assert not _lost(Pending("t", "dlt", "deferred", now + 300), False, now, queue_empty=True)
    assert _lost(Pending("t", "dlt", "deferred", now - RESERVED_GRACE_S - 1), False, now, True)


def test_retry_delays_are_bounded_jittered_and_honour_retry_after() -> None:
    for attempt in range(MAX_SCORE_RETRIES + 1):
        delays = {retry_delay(attempt, None) for _ in range(50)}
        assert len(delays) > 1  # jittered
        assert all(0 < d <= 300 for d in delays)
    assert max(retry_delay(0, None) for _ in range(50)) <= 5
    assert all(20 <= retry_delay(0, 20.0) <= 21 for _ in range(50))
    assert retry_delay(3, 10_000.0) <= 600


def _status() -> Status:
    now = datetime.now(UTC)
    run = LastRun("dlt", "ok", now - timedelta(seconds=30), now, 7, 40, None)
    subs = [
        SubredditStatus(
            "SaaS",
            34,
            "legacy",
            "pinned legacy",
            "legacy",
            True,
            0,
            run,
            12.0,
            None,
            posts_per_hour=45.0,
            cadence_s=120.0,
            group="saas",
        ),
        SubredditStatus(
            "startups",
            54,
            "dlt",
            "bucket 54 < share 60",
            None,
            False,
            2,
            None,
            None,
            "started via dlt",
            unavailable="HTTP 403 (private), retried in 900s",
        ),
    ]
    return Status(
        at=now, share=60, rollback=True, table_present=True,
        problems=["harbor:cutover:rollback='maybe' is not 1 or 0"], pins={"saas": "legacy"},
        subreddits=subs, queues={"collect": 3, "score": 120},
        workers={"collect@h1": {"ok": "pong"}, "celerybeat@h1": {"ok": "pong"}},
        beat_leader="h1:42:abc", scores={"pending": 5, "scored": 90, "failed": 1, "deferred": 2},
        tokens_today=12345, token_budget=100000, scorer="heuristic (no OpenAI key)",
        quota=Quota(90, 130.0, 40, 12, 75.0, 0, 0.0),
        gaps=[Gap("busy_one", now, 1000)],
    )  # fmt: skip


def test_status_view_shows_everything_at_a_glance() -> None:
    console = Console(width=160, record=True)
    console.print(render_status(_status()))
    text = console.export_text()
    for expected in (
        "60% of subreddits on dlt", "ON: everything goes legacy", "auto-pinned", "SaaS",
        "collect 3, score 120", "collect@h1", "celerybeat@h1", "h1:42:abc",
        "5 pending, 90 scored, 1 failed, 2 deferred", "12,345 of 100,000", "is not 1 or 0",
        "started via dlt", "ok via dlt, 7 new", "saas", "45/h, every 120s",
        "130 requests/min planned of 90/min", "12 due subreddits wait", "r/busy_one",
        "r/startups: HTTP 403 (private)",
    ):  # fmt: skip
        assert expected in text, expected


def test_status_json_is_plain_json() -> None:
    data = json.loads(json.dumps(_status().as_json()))
    assert data["subreddits"][0]["last_run"]["status"] == "ok"
    assert data["workers"]["collect@h1"] == {"ok": "pong"}


def test_the_library_never_imports_celery() -> None:
    import subprocess
    import sys

    code = (
        "import sys, harbor.cli, harbor.status, harbor.cutover, harbor.runtime.dispatch, "
        "harbor.runtime.collect, harbor.runtime.scoring, harbor.runtime.broker, "
        "harbor.runtime.leader, harbor.runtime.processes; "
        "print(sorted(m for m in sys.modules if m == 'celery' or m.startswith('celery.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_make_run_points_everything_at_the_sandbox_without_credentials() -> None:
    import pytest

    from harbor.errors import ConfigError
    from harbor.settings import SANDBOX_OPENAI_KEY, Settings
    from workers.run import _environment

    env, login, web_login = _environment(Settings.from_env({"HARBOR_SANDBOX_OPENAI_PORT": "9999"}))
    assert env["OPENAI_API_KEY"] == SANDBOX_OPENAI_KEY
    assert env["OPENAI_BASE_URL"] == "http://127.0.0.1:9999/v1"
    user, _, password = env["FLOWER_BASIC_AUTH"].partition(":")
    assert user == "harbor" and len(password) >= 12 and password in login
    web_user, _, web_password = env["HARBOR_WEB_BASIC_AUTH"].partition(":")
    assert web_user == "harbor" and web_password in web_login and web_password != password
    _, other, _ = _environment(Settings.from_env({}))
    assert other != login  # a new password every run

    reddit = {"REDDIT_CLIENT_ID": "id", "REDDIT_CLIENT_SECRET": "secret"}
    with pytest.raises(ConfigError, match="FLOWER_BASIC_AUTH"):
        _environment(Settings.from_env(reddit))
    with pytest.raises(ConfigError, match="HARBOR_WEB_BASIC_AUTH: required outside the sandbox"):
        _environment(Settings.from_env({**reddit, "FLOWER_BASIC_AUTH": "ops:pw12"}))
    env, login, web_login = _environment(
        Settings.from_env(
            {**reddit, "FLOWER_BASIC_AUTH": "ops:pw12", "HARBOR_WEB_BASIC_AUTH": "u:pw34"}
        )
    )
    assert "pw12" not in login and "pw34" not in web_login
