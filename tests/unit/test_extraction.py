"""Extraction (map, filter, classify) and the Reddit retry policy, without any network."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from prawcore import exceptions as praw_errors

from harbor.collect.extraction import Extraction, Known, text_digest
from harbor.collect.problem_filter import default_filter
from harbor.detector import ProblemDetector, builtin_model_path, load_classifier
from harbor.errors import RedditUnavailable, SubredditUnavailable
from harbor.reddit.listing import RecordedListing
from harbor.reddit.retry import call_with_retries

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
DETECTOR = ProblemDetector(load_classifier(builtin_model_path()), default_filter())
EARLIER = datetime(2026, 11, 1, tzinfo=UTC)


def fields(
    post_id: str, title: str, selftext: str = "", created: float = 1_760_000_000.0
) -> dict[str, Any]:
    return {"id": post_id, "title": title, "selftext": selftext, "created_utc": created}


PAIN = "Is there a tool that chases unpaid invoices? I'm so tired of doing it by hand"
NEWS = "Our quarterly newsletter is out"


def extraction(pages: list[list[dict[str, Any]]], known: dict[str, Known]) -> Extraction:
    return Extraction(
        RecordedListing(pages),
        via="dlt",
        detector=DETECTOR,
        lookup=lambda ids: {i: known[i] for i in ids if i in known},
        seen_at=NOW,
    )


def test_rows_are_classified_new_changed_or_unchanged_and_stamped() -> None:
    known = {
        "b": Known(EARLIER, text_digest(PAIN), text_digest("")),
        "c": Known(EARLIER, text_digest(PAIN), text_digest("old body")),
    }
    ex = extraction(
        [[fields("a", PAIN), fields("b", PAIN), fields("c", PAIN), fields("d", NEWS)]], known
    )
    rows = [row for page in ex.pages() for row in page]
    kept = [ex.passed(row) for row in rows if ex.keep(row)]
    assert [r["id"] for r in kept] == ["a", "b", "c"]
    assert ex.new_ids == ["a"]
    assert ex.changed_ids == ["c"]
    assert ex.to_score == ["a", "c"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["a"]["first_seen_at"] == NOW
    assert by_id["b"]["first_seen_at"] == EARLIER
    assert all(r["last_seen_at"] == NOW and r["collected_via"] == "dlt" for r in rows)
    assert by_id["a"]["matched_keywords"]
    assert by_id["d"]["matched_keywords"] == []
    assert by_id["a"]["filter_score"] >= DETECTOR.threshold > by_id["d"]["filter_score"]
    assert {r["filter_model"] for r in rows} == {DETECTOR.model_version}


def test_a_post_repeated_on_the_next_page_is_taken_once_and_bad_ones_are_counted() -> None:
    ex = extraction(
        [[fields("a", PAIN)], [fields("a", PAIN), {"id": None}, fields("z", PAIN, created=-1)]], {}
    )
    rows = [row for page in ex.pages() for row in page]
    assert [r["id"] for r in rows] == ["a"]
    assert ex.fetched == 4
    assert dict(ex.skipped) == {
        "missing or malformed id": 1,
        "missing or malformed created_utc": 1,
    }
    assert ex.malformed == 2


def test_without_a_filter_every_post_is_kept_and_still_scored() -> None:
    ex = Extraction(
        RecordedListing([[fields("a", NEWS), fields("b", PAIN)]]),
        via="legacy",
        detector=DETECTOR,
        lookup=lambda ids: {},
        seen_at=NOW,
        apply_filter=False,
    )
    rows = [row for page in ex.pages() for row in page]
    assert all(ex.keep(row) for row in rows)
    assert rows[0]["filter_score"] < DETECTOR.threshold <= rows[1]["filter_score"]


def test_prefetch_reads_the_first_page_early_and_raises_its_error_in_the_consumer() -> None:
    class Failing:
        def pages(self) -> Any:
            raise SubredditUnavailable("gone", 404, "not found")
            yield []  # pragma: no cover

    ok = extraction([[fields("a", PAIN)], [fields("b", PAIN)]], {})
    ok.prefetch()
    assert [r["id"] for page in ok.pages() for r in page] == ["a", "b"]
    broken = Extraction(Failing(), via="dlt", detector=DETECTOR, lookup=dict, seen_at=NOW)
    broken.prefetch()
    with pytest.raises(SubredditUnavailable):
        list(broken.pages())


def _response(status: int, headers: dict[str, str] | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.headers.update(headers or {})
    response._content = b"{}"
    return response


def test_a_429_is_retried_after_its_retry_after_and_the_call_succeeds() -> None:
    slept: list[float] = []
    calls = iter([praw_errors.TooManyRequests(_response(429, {"retry-after": "3"})), "page"])

    def fetch() -> str:
        item = next(calls)
        if isinstance(item, Exception):
            raise item
        return item

    assert call_with_retries(fetch, "SaaS", sleep=slept.append) == "page"
    assert len(slept) == 1
    assert 3.0 <= slept[0] <= 4.0


def test_retries_are_bounded_and_end_in_our_errors() -> None:
    slept: list[float] = []

    def always_503() -> str:
        raise praw_errors.ServerError(_response(503))

    with pytest.raises(RedditUnavailable):
        call_with_retries(always_503, "SaaS", sleep=slept.append)
    assert len(slept) == 2  # three attempts in all, prawcore already retried each

    def long_retry_after() -> str:
        raise praw_errors.TooManyRequests(_response(429, {"retry-after": "3600"}))

    with pytest.raises(RedditUnavailable) as raised:
        call_with_retries(long_retry_after, "SaaS", sleep=slept.append)
    assert raised.value.retry_after == 3600.0


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (praw_errors.NotFound(_response(404)), 404),
        (praw_errors.Forbidden(_response(403)), 403),
    ],
)
def test_refused_subreddits_are_never_retried(error: Exception, status: int) -> None:
    attempts = []

    def refused() -> str:
        attempts.append(1)
        raise error

    with pytest.raises(SubredditUnavailable) as raised:
        call_with_retries(refused, "private_one", sleep=lambda _: None)
    assert raised.value.status == status
    assert len(attempts) == 1
