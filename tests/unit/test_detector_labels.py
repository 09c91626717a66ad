"""Reading labelled posts and people's verdicts: clear errors that name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from harbor.detector.feedback import LabelRecord, label_record, read_label_file
from harbor.detector.labelled import parse_labelled, read_labelled
from harbor.errors import ConfigError


def test_the_shared_labels_format_is_read_with_its_optional_fields() -> None:
    lines = [
        '{"id": "a1", "subreddit": "SaaS", "title": "T", "selftext": "B", "is_self": true,'
        ' "url": "https://x", "label": 1, "kind": "advice", "unsure": true}',
        "",
        '{"id": "a2", "title": "T2", "selftext": "", "label": 0, "kind": "none"}',
        '{"post_id": "a3", "title": "T3", "label": 1}',
    ]
    a1, a2, a3 = parse_labelled(lines, "x.jsonl")
    assert (a1.kind, a1.unsure, a1.is_self, a1.subreddit) == ("advice", True, True, "SaaS")
    assert (a2.label, a2.kind, a2.is_self) == (0, "none", None)
    assert (a3.id, a3.selftext, a3.kind) == ("a3", "", "advice")


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("not json", "line 1: not JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"title": "t", "label": 1}', "'id' must be a non-empty string"),
        ('{"id": "x", "label": 2}', "'label' must be 0 or 1, not 2"),
        ('{"id": "x", "label": true}', "'label' must be 0 or 1"),
        ('{"id": "x", "label": 1, "kind": "rant"}', "'kind' 'rant' is not one of"),
        ('{"id": "x", "label": 1, "title": 7}', "'title' must be a string"),
    ],
)
def test_a_bad_labelled_line_is_refused_naming_file_and_line(line: str, why: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_labelled([line], "x.jsonl")
    assert str(raised.value).startswith("x.jsonl, line 1")
    assert why in str(raised.value)


def test_an_unreadable_or_empty_labels_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        read_labelled(tmp_path / "missing.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    with pytest.raises(ConfigError, match="no labelled posts"):
        read_labelled(empty)


def test_a_verdict_is_validated_and_kind_is_none_exactly_for_a_zero() -> None:
    assert label_record("abc", "1", "pain", "x") == LabelRecord("abc", 1, "pain")
    assert label_record(" abc ", 0, None, "x") == LabelRecord("abc", 0, "none")
    assert label_record("abc", 1, None, "x") == LabelRecord("abc", 1, "")  # read later
    for args, why in (
        (("", 1, None), "a post id is required"),
        (("abc", "yes", None), "label must be 1"),
        (("abc", 0, "pain"), "a post labelled 0 has no kind"),
        (("abc", 1, "rant"), "kind 'rant' is not one of"),
    ):
        with pytest.raises(ConfigError, match=why):
            label_record(*args, "x")


def test_a_file_of_verdicts_may_be_json_lines_or_csv(tmp_path: Path) -> None:
    jsonl = tmp_path / "v.jsonl"
    jsonl.write_text('{"id": "a", "label": 1, "kind": "pain"}\n{"post_id": "b", "label": 0}\n')
    assert read_label_file(jsonl) == [LabelRecord("a", 1, "pain"), LabelRecord("b", 0, "none")]
    table = tmp_path / "v.csv"
    table.write_text("post_id,label,kind\na,1,advice\nb,0,\na,0,\n")
    # the last verdict for an id wins
    assert read_label_file(table) == [LabelRecord("a", 0, "none"), LabelRecord("b", 0, "none")]


def test_a_bad_file_of_verdicts_is_named_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("post_id,label\na,1\nb,maybe\n")
    with pytest.raises(ConfigError, match=r"bad\.csv, line 3: label must be"):
        read_label_file(bad)
    headless = tmp_path / "headless.csv"
    headless.write_text("a,1\n")
    with pytest.raises(ConfigError, match="needs a header with post_id and label"):
        read_label_file(headless)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "label": 1}\n{oops\n')
    with pytest.raises(ConfigError, match=r"broken\.jsonl, line 2: not JSON"):
        read_label_file(broken)
