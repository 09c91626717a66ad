"""Fault selection: count, ratio, subreddit, duration, and how faults combine."""

from __future__ import annotations

import pytest

from harbor.errors import ConfigError
from harbor.sandbox.faults import FaultBook, make_fault, parse_fault_spec


def kinds(
    book: FaultBook, n: int, subreddit: str | None = None, now: float = 0.0
) -> list[str | None]:
    out: list[str | None] = []
    for _ in range(n):
        fault = book.decide("reddit", subreddit, now).fault
        out.append(fault.kind if fault else None)
    return out


def test_a_counted_fault_hits_exactly_the_next_requests() -> None:
    book = FaultBook()
    book.add(make_fault("reddit", "503", count=2))
    assert kinds(book, 4) == ["503", "503", None, None]
    assert book.active(0.0) == []


def test_a_fault_without_count_or_ratio_hits_until_cleared() -> None:
    book = FaultBook()
    book.add(make_fault("reddit", "500"))
    assert kinds(book, 5) == ["500"] * 5
    assert book.clear() == 1
    assert kinds(book, 2) == [None, None]


def test_a_ratio_hits_that_share_of_requests_the_same_way_every_time() -> None:
    runs = []
    for _ in range(2):
        book = FaultBook()
        book.add(make_fault("reddit", "429", ratio=0.25))
        runs.append(kinds(book, 1000))
    assert runs[0] == runs[1]
    assert 240 <= runs[0].count("429") <= 260


def test_a_subreddit_fault_hits_only_that_subreddit() -> None:
    book = FaultBook()
    book.add(make_fault("reddit", "503", subreddit="SaaS"))
    assert kinds(book, 2, "startups") == [None, None]
    assert kinds(book, 2, "saas") == ["503", "503"]
    assert book.decide("openai", None, 0.0).fault is None


def test_a_fault_with_a_duration_expires() -> None:
    book = FaultBook()
    book.add(make_fault("reddit", "502", duration=10, now=100.0))
    assert kinds(book, 1, now=105.0) == ["502"]
    assert kinds(book, 1, now=111.0) == [None]


def test_latency_adds_to_another_fault() -> None:
    book = FaultBook()
    book.add(make_fault("reddit", "latency", delay=0.3))
    book.add(make_fault("reddit", "slow", delay=2))
    book.add(make_fault("reddit", "500", count=1))
    first = book.decide("reddit", None, 0.0)
    assert first.fault is not None and first.fault.kind == "slow"
    assert first.delay == pytest.approx(2.3) and first.applied == 2
    second = book.decide("reddit", None, 0.0)  # slow hits one request only
    assert second.fault is not None and second.fault.kind == "500"
    assert second.delay == pytest.approx(0.3)


def test_fault_specs_from_the_command_line() -> None:
    fault = parse_fault_spec("reddit:429:count=3,retry-after=2.5,subreddit=SaaS")
    assert (fault.kind, fault.count, fault.retry_after, fault.subreddit) == ("429", 3, 2.5, "saas")
    assert parse_fault_spec("openai:quota").count is None
    assert parse_fault_spec("openai:latency:delay=0.5,ratio=0.5").ratio == 0.5


@pytest.mark.parametrize(
    "spec",
    [
        "reddit",
        "reddit:refusal",
        "mail:500",
        "reddit:500:count=0",
        "reddit:500:ratio=2",
        "reddit:500:colour=red",
        "reddit:500:count=many",
    ],
)
def test_bad_fault_specs_are_refused(spec: str) -> None:
    with pytest.raises(ConfigError):
        parse_fault_spec(spec)
