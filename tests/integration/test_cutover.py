"""The cutover table as operators use it: redis-cli, `harbor cutover`, and the guard."""

from __future__ import annotations

import logging
import os

import pytest
import redis
from runtime_support import harbor_command, pg, redis_cli

from harbor import cutover
from harbor.settings import get_settings

SUBS = "Entrepreneur,SaaS,startups,smallbusiness,freelance,productivity,sideproject,webdev"


@pytest.fixture
def ops_settings(dataset: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HARBOR_SUBREDDITS", SUBS)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_redis_cli_share_pins_and_rollback_route_as_documented(ops_settings) -> None:  # type: ignore[no-untyped-def]
    s = ops_settings
    assert {cutover.route(s, n).via for n in s.subreddits} == {"legacy"}  # no table yet
    redis_cli("HSET", "harbor:cutover", "dlt", "100")
    assert {cutover.route(s, n).via for n in s.subreddits} == {"dlt"}
    redis_cli("HSET", "harbor:cutover:override", "SaaS", "legacy")
    assert cutover.route(s, "SaaS").via == "legacy"
    assert cutover.route(s, "startups").via == "dlt"
    redis_cli("SET", "harbor:cutover:rollback", "1")
    assert {cutover.route(s, n).via for n in s.subreddits} == {"legacy"}
    assert cutover.route(s, "startups").reason == "rollback"
    redis_cli("DEL", "harbor:cutover:rollback")
    assert cutover.route(s, "startups").via == "dlt"
    redis_cli("HSET", "harbor:cutover", "dlt", "0")
    redis_cli("HSET", "harbor:cutover:override", "startups", "dlt")
    assert cutover.route(s, "startups").via == "dlt"
    assert cutover.route(s, "freelance").via == "legacy"


@pytest.mark.parametrize(
    "command",
    [
        ("HSET", "harbor:cutover", "dlt", "lots"),
        ("SET", "harbor:cutover", "100"),
        ("SET", "harbor:cutover:rollback", "maybe"),
        ("SET", "harbor:cutover:override", "dlt"),
    ],
)
def test_garbage_in_the_keys_means_legacy_with_a_warning(
    ops_settings, caplog: pytest.LogCaptureFixture, command: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    redis_cli("HSET", "harbor:cutover:override", "startups", "dlt")
    if command[1] != "harbor:cutover":
        redis_cli("HSET", "harbor:cutover", "dlt", "100")
    redis_cli(*command)
    cutover._warned.clear()
    with caplog.at_level(logging.WARNING, logger="harbor.cutover"):
        table = cutover.read_table(ops_settings)
    if command[1] == "harbor:cutover":
        # only the share is bad: the valid pin still holds, everything else is legacy
        assert {table.route(n).via for n in ops_settings.subreddits} == {"legacy", "dlt"}
        assert [n for n in ops_settings.subreddits if table.route(n).via == "dlt"] == ["startups"]
    else:
        assert {table.route(n).via for n in ops_settings.subreddits} == {"legacy"}
    assert table.problems
    assert any("legacy" in r.getMessage() for r in caplog.records)


def test_harbor_cutover_commands_change_redis_and_record_events(ops_settings) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("set", "--dlt", "30"),
        ("set", "--dlt", "60"),
        ("pin", "SaaS", "legacy"),
        ("unpin", "SaaS"),
        ("rollback",),
        ("resume",),
    ):
        done = harbor_command(None, "cutover", *args)
        assert done.returncode == 0, done.stderr
    assert redis_cli("HGET", "harbor:cutover", "dlt") == "60"
    assert redis_cli("HGET", "harbor:cutover:override", "saas") == ""
    assert redis_cli("EXISTS", "harbor:cutover:rollback") == "0"
    with pg(ops_settings) as conn:
        rows = conn.execute(
            f"SELECT actor, action, subreddit, old_value, new_value FROM "
            f'"{ops_settings.dataset}".cutover_events ORDER BY event_id'
        ).fetchall()
    actor = cutover.current_actor()
    assert rows == [
        (actor, "set", None, None, "30"),
        (actor, "set", None, "30", "60"),
        (actor, "pin", "saas", None, "legacy"),
        (actor, "unpin", "saas", "legacy", None),
        (actor, "rollback", None, None, "1"),
        (actor, "resume", None, "1", None),
    ]
    shown = harbor_command(None, "cutover", "show")
    assert shown.returncode == 0, shown.stderr
    assert "60%" in shown.stdout
    assert "resume" in shown.stdout


def test_harbor_cutover_refuses_bad_input(ops_settings) -> None:  # type: ignore[no-untyped-def]
    assert harbor_command(None, "cutover", "set", "--dlt", "101").returncode == 2
    bad = harbor_command(None, "cutover", "pin", "no/such", "dlt")
    assert bad.returncode == 2
    assert "no/such" in bad.stderr
    assert harbor_command(None, "cutover", "pin", "SaaS", "sometimes").returncode != 0
    assert redis_cli("EXISTS", "harbor:cutover", "harbor:cutover:override") == "0"


def test_guard_pins_after_consecutive_failed_dlt_runs(
    ops_settings, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    s = ops_settings
    redis_cli("HSET", "harbor:cutover", "dlt", "100")
    assert not cutover.feed_guard(s, "SaaS", "dlt", "failed")
    assert not cutover.feed_guard(s, "SaaS", "dlt", "failed")
    assert not cutover.feed_guard(s, "SaaS", "dlt", "ok")  # the streak ends
    assert not cutover.feed_guard(s, "SaaS", "legacy", "failed")  # legacy runs do not count
    assert not cutover.feed_guard(s, "SaaS", "dlt", "skipped")
    assert not cutover.feed_guard(s, "SaaS", "dlt", "failed")
    assert not cutover.feed_guard(s, "SaaS", "dlt", "failed")
    with caplog.at_level(logging.WARNING, logger="harbor.cutover"):
        assert cutover.feed_guard(s, "SaaS", "dlt", "failed")
    assert cutover.route(s, "SaaS").via == "legacy"
    assert cutover.route(s, "startups").via == "dlt"
    assert any("saas" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    assert "saas" in cutover.auto_pinned(s)
    with pg(s) as conn:
        row = conn.execute(
            f'SELECT actor, action, subreddit, new_value, reason FROM "{s.dataset}".cutover_events'
        ).fetchone()
    assert row == ("guard", "auto-pin", "saas", "legacy", "3 consecutive failed dlt runs")
    cutover.unpin(s, "SaaS")
    assert cutover.auto_pinned(s) == {}
    assert cutover.failure_streaks(s) == {}


def test_wrong_type_keys_do_not_break_reading(ops_settings) -> None:  # type: ignore[no-untyped-def]
    client = redis.Redis.from_url(os.environ["REDIS_URL"], decode_responses=True)
    client.rpush("harbor:cutover", "100")
    assert cutover.route(ops_settings, "SaaS").via == "legacy"
