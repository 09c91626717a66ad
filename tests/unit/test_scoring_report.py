"""Parsing the report and export options, and links."""

from __future__ import annotations

from datetime import timedelta

import pytest

from harbor.errors import ConfigError
from harbor.scoring.report import parse_export_format, parse_since, reddit_link


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("12h", timedelta(hours=12)),
        ("30m", timedelta(minutes=30)),
        ("2w", timedelta(weeks=2)),
        ("90s", timedelta(seconds=90)),
        (" 1D ", timedelta(days=1)),
    ],
)
def test_since_accepts_a_number_and_a_unit(text: str, expected: timedelta) -> None:
    assert parse_since(text) == expected


@pytest.mark.parametrize("text", ["7x", "d7", "", "-1d", "0d", "1.5d", "7 days", "7d2h"])
def test_since_refuses_anything_else_and_names_it(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_since(text)
    assert "--since" in str(caught.value)
    assert repr(text) in str(caught.value)


def test_export_format_is_csv_or_jsonl() -> None:
    assert parse_export_format("csv") == "csv"
    assert parse_export_format("JSONL") == "jsonl"
    with pytest.raises(ConfigError) as caught:
        parse_export_format("xml")
    assert "--format" in str(caught.value)
    assert "'xml'" in str(caught.value)


def test_links_are_absolute_reddit_urls() -> None:
    assert reddit_link("/r/SaaS/comments/abc/x/") == "https://reddit.com/r/SaaS/comments/abc/x/"
    assert reddit_link("r/SaaS/comments/abc/") == "https://reddit.com/r/SaaS/comments/abc/"
    assert reddit_link("https://old.reddit.com/x") == "https://old.reddit.com/x"
    assert reddit_link(None) == ""
