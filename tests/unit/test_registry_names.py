"""Registry input: names files and group names are checked whole, naming what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from harbor.errors import ConfigError
from harbor.registry import read_names_file, validate_group


def test_a_names_file_takes_lines_commas_comments_and_r_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "subs.txt"
    path.write_text("# saas\nSaaS, r/microsaas\n\n  startups  # early\nSaaS\n")
    assert read_names_file(path) == ["SaaS", "microsaas", "startups", "SaaS"]


def test_a_bad_name_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "subs.txt"
    path.write_text("SaaS\nno spaces allowed\n")
    with pytest.raises(ConfigError, match=r"line 2: 'no spaces allowed'"):
        read_names_file(path)
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n")
    with pytest.raises(ConfigError, match="no subreddit names"):
        read_names_file(empty)
    with pytest.raises(ConfigError, match="cannot be read"):
        read_names_file(tmp_path / "missing.txt")


@pytest.mark.parametrize("bad", ["", "has space", "-dash-first", "x" * 41, "semi;colon"])
def test_bad_group_names_are_refused(bad: str) -> None:
    with pytest.raises(ConfigError, match="not a valid group name"):
        validate_group(bad)


def test_group_names_are_case_insensitive() -> None:
    assert validate_group("SaaS") == "saas"
    assert validate_group("free-lancers_2") == "free-lancers_2"
