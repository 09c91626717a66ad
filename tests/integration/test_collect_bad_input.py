"""Malformed posts served by the sandbox: stored with what is valid, or skipped and counted."""

from __future__ import annotations

import pytest
from collect_support import runs, stored

from harbor.collect.compare import compare_collectors
from harbor.collect.service import run_collection
from harbor.sandbox.client import SandboxClient
from harbor.settings import Settings

SUB = "freelance"


@pytest.mark.parametrize("via", ["dlt", "legacy"])
def test_bad_posts_are_stored_with_what_is_valid_or_skipped_with_a_reason(
    settings: Settings, sandbox: SandboxClient, via: str
) -> None:
    ids = sandbox.advance(SUB, 9, kind="problem")
    huge = "I am so frustrated with invoicing, is there a tool for it? " * 17_000
    sandbox.tamper(ids[0], fields={"id": None})
    sandbox.tamper(ids[1], unset=["created_utc"])
    sandbox.tamper(ids[2], fields={"score": "lots", "num_comments": [1], "over_18": "nope"})
    sandbox.tamper(ids[3], fields={"selftext": "null\x00bytes: is there a tool for this?\x00"})
    sandbox.tamper(ids[4], fields={"selftext": huge})
    sandbox.tamper(ids[5], raw={"selftext": '"broken \\ud800 escape, is there a tool for it?"'})
    sandbox.tamper(
        ids[6], fields={"title": "Is there a tool 😤 לניהול חשבוניות?", "author": "[deleted]"}
    )
    sandbox.tamper(ids[7], fields={"selftext": "[removed]", "edited": 1_760_000_000.5})
    sandbox.tamper(ids[8], fields={"brand_new_field": "hello", "another_new_one": 3})

    result = run_collection(settings, SUB, "dlt" if via == "dlt" else "legacy", apply_filter=False)
    assert result.status == "ok", result.error
    assert result.skip_reasons == {
        "missing or malformed id": 1,
        "missing or malformed created_utc": 1,
    }
    assert result.malformed >= 3  # two skipped, one stored with values dropped
    rows = {r["id"]: r for r in stored(settings)}
    assert ids[0] not in rows
    assert ids[1] not in rows
    assert (rows[ids[2]]["score"], rows[ids[2]]["num_comments"], rows[ids[2]]["over_18"]) == (
        None, None, None
    )  # fmt: skip
    assert rows[ids[3]]["selftext"] == "nullbytes: is there a tool for this?"
    assert rows[ids[4]]["selftext"] == huge
    assert "escape, is there a tool for it?" in rows[ids[5]]["selftext"]
    assert rows[ids[6]]["title"] == "Is there a tool 😤 לניהול חשבוניות?"
    assert rows[ids[6]]["author"] == "[deleted]"
    assert rows[ids[7]]["selftext"] == "[removed]"
    assert rows[ids[7]]["edited"] == 1_760_000_000.5
    assert rows[ids[8]]["brand_new_field"] == "hello"
    assert rows[ids[8]]["another_new_one"] == 3
    assert runs(settings)[-1]["malformed"] == result.malformed


def test_bad_posts_never_harm_what_was_stored_before(
    settings: Settings, sandbox: SandboxClient
) -> None:
    ids = sandbox.advance(SUB, 3, kind="problem")
    assert run_collection(settings, SUB, "dlt", apply_filter=False).status == "ok"
    before = {r["id"]: r for r in stored(settings, "id, title, selftext, score")}
    sandbox.tamper(ids[0], fields={"title": None, "selftext": 12, "score": "n/a"})
    sandbox.tamper(ids[1], unset=["created_utc"])
    result = run_collection(settings, SUB, "dlt", apply_filter=False)
    assert result.status == "ok", result.error
    after = {r["id"]: r for r in stored(settings, "id, title, selftext, score")}
    assert set(after) == set(before)
    assert after[ids[1]] == before[ids[1]]  # skipped: the stored row stays as it was
    assert after[ids[0]]["selftext"] == "12"


def test_the_collectors_agree_on_malformed_posts_too(
    settings: Settings, sandbox: SandboxClient
) -> None:
    ids = sandbox.advance(SUB, 4, kind="problem")
    sandbox.tamper(ids[0], fields={"score": 7.0, "upvote_ratio": 1, "edited": True})
    sandbox.tamper(ids[1], fields={"preview": "not an object", "thumbnail_height": "12"})
    sandbox.tamper(ids[2], fields={"selftext": "nul\x00 and 😤 and \u202eRTL"})
    sandbox.tamper(ids[3], fields={"new_scalar": 1.5, "new_object": {"a": [1, 2]}})
    comparison = compare_collectors(settings, SUB, apply_filter=False)
    assert comparison.rows_diff_pct == 0.0
    assert comparison.fields_different == 0, comparison.examples
