"""A cutover table that disappears (Redis restarted empty) routes legacy, with a warning."""

from __future__ import annotations

import logging

import pytest

from harbor.cutover import parse_table

GONE = "is gone"


def test_a_table_that_disappears_routes_legacy_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert parse_table({"dlt": "100"}, {"saas": "dlt"}, None).route("SaaS").via == "dlt"
    with caplog.at_level(logging.WARNING, logger="harbor.cutover"):
        table = parse_table({}, {}, None)
        again = parse_table({}, {}, None)
    assert table.route("SaaS").via == again.route("SaaS").via == "legacy"
    assert [r.getMessage() for r in caplog.records].count(
        "cutover table: harbor:cutover is gone (Redis restarted empty or flushed?); "
        "every subreddit goes legacy until it is set again"
    ) == 1


def test_a_table_never_set_is_the_quiet_default(caplog: pytest.LogCaptureFixture) -> None:
    parse_table({}, {}, None)
    with caplog.at_level(logging.WARNING, logger="harbor.cutover"):
        assert parse_table({}, {}, None).route("SaaS").via == "legacy"
    assert GONE not in caplog.text


def test_a_rollback_flag_alone_is_a_table_that_can_disappear(
    caplog: pytest.LogCaptureFixture,
) -> None:
    parse_table({}, {}, "1")
    with caplog.at_level(logging.WARNING, logger="harbor.cutover"):
        parse_table({}, {}, None)
    assert GONE in caplog.text
