"""The cutover table: stable buckets, share, pins, rollback, and garbage in the keys."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections import Counter

import pytest
import redis

from harbor.cutover import CutoverTable, bucket, parse_table

NAMES = [f"sub{i}" for i in range(2000)]


def test_bucket_is_stable_across_processes_and_releases() -> None:
    # pinned values: a change of hash would silently move subreddits between collectors
    assert {n: bucket(n) for n in ("Entrepreneur", "SaaS", "startups")} == {
        "Entrepreneur": 9,
        "SaaS": 34,
        "startups": 54,
    }
    # a fresh interpreter with another hash seed agrees (Python's hash() would not)
    code = "from harbor.cutover import bucket; print(bucket('smallbusiness'))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert int(out.stdout) == bucket("smallbusiness")


def test_bucket_ignores_case_and_spreads_evenly() -> None:
    assert bucket("SaaS") == bucket("saas") == bucket("SAAS")
    counts = Counter(bucket(n) for n in NAMES)
    assert set(counts) == set(range(100))
    assert max(counts.values()) < 3 * len(NAMES) / 100


def test_raising_the_share_only_moves_subreddits_to_dlt() -> None:
    previous: set[str] = set()
    for share in range(0, 101, 5):
        table = parse_table({"dlt": str(share)}, {}, None)
        on_dlt = {n for n in NAMES if table.route(n).via == "dlt"}
        assert previous <= on_dlt
        previous = on_dlt
    assert previous == set(NAMES)


def test_share_routes_by_bucket() -> None:
    table = parse_table({"dlt": "50"}, {}, None)
    for name in NAMES[:200]:
        assert table.route(name).via == ("dlt" if bucket(name) < 50 else "legacy")
    assert "bucket" in table.route("SaaS").reason


def test_missing_table_means_legacy() -> None:
    table = parse_table({}, {}, None)
    assert not table.present
    assert table.problems == ()
    assert {table.route(n).via for n in NAMES} == {"legacy"}
    assert CutoverTable().route("SaaS").via == "legacy"


def test_pins_beat_the_share_and_match_any_case() -> None:
    table = parse_table({"dlt": "100"}, {"saas": "legacy", "Startups": "DLT"}, None)
    assert table.route("SaaS").via == "legacy"
    assert table.route("SaaS").reason == "pinned legacy"
    assert table.route("startups").via == "dlt"
    assert parse_table({"dlt": "0"}, {"entrepreneur": "dlt"}, None).route("Entrepreneur").via == (
        "dlt"
    )


def test_rollback_sends_everything_to_legacy_pins_included() -> None:
    table = parse_table({"dlt": "100"}, {"saas": "dlt"}, "1")
    assert table.rollback
    assert {table.route(n).via for n in [*NAMES[:50], "SaaS"]} == {"legacy"}
    assert table.route("SaaS").reason == "rollback"
    assert not parse_table({"dlt": "100"}, {}, "0").rollback


@pytest.mark.parametrize("value", ["abc", "150", "-1", "12.5", "", "fifty"])
def test_unparsable_share_falls_back_to_legacy_with_a_warning(
    value: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="harbor.cutover"):
        table = parse_table({"dlt": value}, {}, None)
    assert table.share == 0
    assert {table.route(n).via for n in NAMES[:100]} == {"legacy"}
    assert table.problems
    assert any(value in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


def test_a_share_with_spaces_or_a_percent_sign_parses() -> None:
    assert parse_table({"dlt": " 40 "}, {}, None).share == 40
    assert parse_table({"dlt": "40%"}, {}, None).share == 40


def test_unparsable_pin_means_legacy_for_that_subreddit_only() -> None:
    table = parse_table({"dlt": "100"}, {"saas": "maybe"}, None)
    assert table.route("SaaS").via == "legacy"
    assert table.route("startups").via == "dlt"
    assert any("maybe" in p for p in table.problems)


def test_unparsable_rollback_flag_is_a_rollback() -> None:
    table = parse_table({"dlt": "100"}, {}, "please")
    assert table.rollback
    assert table.problems


def test_keys_of_the_wrong_type_fall_back_to_legacy() -> None:
    wrong = redis.ResponseError("WRONGTYPE Operation against a key holding the wrong kind")
    table = parse_table(wrong, {}, None)
    assert table.route("startups").via == "legacy"
    assert any("not a hash" in p for p in table.problems)
    assert parse_table({"dlt": "100"}, {}, wrong).route("startups").via == "legacy"
    assert parse_table({"dlt": "100"}, wrong, None).route("startups").via == "legacy"
