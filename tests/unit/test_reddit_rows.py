"""Post -> row mapping: types, drift, bad values, praw objects (no network)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import praw
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from praw.models import Submission

from harbor.columns import FIELD_TYPES
from harbor.reddit.helpers import coerce, submission_fields, to_row

CREATED = 1_760_000_000.0


def post(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "1abcde",
        "name": "t3_1abcde",
        "subreddit": "SaaS",
        "title": "Is there a tool that reconciles Stripe payouts?",
        "selftext": "I spend hours every month on this.",
        "author": "someone",
        "created_utc": CREATED,
        "score": 12,
        "num_comments": 3,
        "upvote_ratio": 0.93,
        "edited": False,
        "over_18": False,
        "preview": {"images": [{"source": {"url": "https://i.redd.it/x.png", "width": 10}}]},
        "all_awardings": [],
    }
    base.update(overrides)
    return base


def test_known_fields_get_their_declared_types() -> None:
    row = to_row(post()).row
    assert row is not None
    assert row["created_utc"] == datetime.fromtimestamp(CREATED, UTC)
    assert row["score"] == 12 and isinstance(row["score"], int)
    assert row["upvote_ratio"] == 0.93
    assert row["preview"]["images"][0]["source"]["width"] == 10
    assert row["all_awardings"] == []


def test_edited_false_is_null_and_a_timestamp_is_kept() -> None:
    assert to_row(post(edited=False)).row["edited"] is None  # type: ignore[index]
    assert to_row(post(edited=1_760_000_500.0)).row["edited"] == 1_760_000_500.0  # type: ignore[index]


def test_integral_floats_become_integers_and_ints_become_doubles() -> None:
    row = to_row(post(score=12.0, upvote_ratio=1)).row
    assert row is not None
    assert row["score"] == 12 and isinstance(row["score"], int)
    assert row["upvote_ratio"] == 1.0 and isinstance(row["upvote_ratio"], float)


def test_a_value_of_the_wrong_type_is_dropped_and_counted_not_the_post() -> None:
    mapped = to_row(post(score="lots", over_18="no", preview="not an object"))
    assert mapped.row is not None
    assert mapped.row["score"] is None and mapped.row["over_18"] is None
    assert mapped.row["preview"] is None
    assert sorted(mapped.nulled) == ["over_18", "preview", "score"]


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"id": None}, "missing or malformed id"),
        ({"id": ""}, "missing or malformed id"),
        ({"id": "../etc"}, "missing or malformed id"),
        ({"created_utc": None}, "missing or malformed created_utc"),
        ({"created_utc": "yesterday"}, "missing or malformed created_utc"),
        ({"created_utc": math.inf}, "missing or malformed created_utc"),
        ({"created_utc": 12.0}, "missing or malformed created_utc"),
    ],
)
def test_a_post_without_id_or_time_is_skipped_with_a_reason(
    overrides: dict[str, object], reason: str
) -> None:
    mapped = to_row(post(**overrides))
    assert mapped.row is None
    assert mapped.skip_reason == reason


def test_missing_fields_are_simply_absent() -> None:
    mapped = to_row({"id": "abc", "created_utc": CREATED})
    assert mapped.row == {"id": "abc", "created_utc": datetime.fromtimestamp(CREATED, UTC)}


def test_nul_bytes_and_lone_surrogates_are_made_storable_and_the_rest_kept() -> None:
    text = "pay\x00ment \ud800 broken 😤 שלום"
    row = to_row(post(selftext=text, preview={"k\x00": ["a\x00b"]})).row
    assert row is not None
    assert "\x00" not in row["selftext"]
    row["selftext"].encode("utf-8")
    assert "😤" in row["selftext"] and "שלום" in row["selftext"]
    assert row["preview"] == {"k": ["ab"]}


def test_a_megabyte_selftext_is_kept_whole() -> None:
    row = to_row(post(selftext="x" * 1_000_000)).row
    assert row is not None and len(row["selftext"]) == 1_000_000


def test_unknown_fields_are_kept_with_a_dlt_style_name() -> None:
    row = to_row(post(newFieldName=3, shiny_object={"a": 1}, nothing=None)).row
    assert row is not None
    assert row["new_field_name"] == 3
    assert row["shiny_object"] == {"a": 1}
    assert row["nothing"] is None


def test_praw_objects_become_the_names_reddit_sent() -> None:
    reddit = praw.Reddit(
        client_id="x", client_secret="y", user_agent="harbor unit tests", check_for_updates=False
    )
    data = post(author="alice", subreddit="SaaS")
    submission = Submission(reddit, _data=data)
    fields = submission_fields(submission)
    assert fields["author"] == "alice"
    assert fields["subreddit"] == "SaaS"
    assert "comment_limit" not in fields and "_reddit" not in fields
    deleted = submission_fields(Submission(reddit, _data=post(author="[deleted]")))
    assert deleted["author"] == "[deleted]"


def test_every_catalogued_field_has_a_coercer() -> None:
    for kind in set(FIELD_TYPES.values()):
        assert coerce(kind, None) is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(
    fields=st.dictionaries(
        st.sampled_from([*sorted(FIELD_TYPES), "unknown_a", "Odd Name"]), json_values, max_size=25
    ),
    post_id=st.one_of(
        st.none(), st.text(max_size=12), st.from_regex(r"[0-9a-z]{4,8}", fullmatch=True)
    ),
    created=st.one_of(st.none(), st.floats(), st.integers(), st.text(max_size=5)),
)
def test_mapping_never_raises_and_rows_are_storable(
    fields: dict[str, object], post_id: object, created: object
) -> None:
    fields = {**fields, "id": post_id, "created_utc": created}
    mapped = to_row(fields)
    if mapped.row is None:
        assert mapped.skip_reason
        return
    row = mapped.row
    assert isinstance(row["id"], str) and isinstance(row["created_utc"], datetime)

    def storable(value: object) -> None:
        if isinstance(value, str):
            assert "\x00" not in value
            value.encode("utf-8")
        elif isinstance(value, float):
            assert math.isfinite(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                storable(key)
                storable(item)
        elif isinstance(value, list):
            for item in value:
                storable(item)

    for name, value in row.items():
        storable(value)
        kind = FIELD_TYPES.get(name)
        if kind is not None and value is not None:
            assert coerce(kind, value) == value
