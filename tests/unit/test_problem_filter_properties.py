"""Properties of the problem filter over arbitrary text (hypothesis)."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harbor.collect.lexicon import builtin_lexicon
from harbor.collect.problem_filter import ProblemFilter, default_filter

FILTER = default_filter()
LABELS = FILTER.labels()

# words the lexicon knows, so that generated posts do match patterns, plus noise
LEXICON_WORDS = sorted(
    {w for e in builtin_lexicon().entries for w in e.phrase.replace("{", " ").replace("}", " ")
     .replace("|", " ").split() if w.isalpha()}
)  # fmt: skip
NOISE = ["\x00", "😤", "מתוסכל", "\u202e", "\n", "?", "!", ".", "$10k", "1,000", "[deleted]", "*"]

posts_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(LEXICON_WORDS + NOISE), max_size=60).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=posts_text, body=posts_text)
def test_decisions_are_deterministic_well_formed_and_never_raise(title: str, body: str) -> None:
    first = FILTER.match(title, body)
    assert FILTER.match(title, body) == first
    assert ProblemFilter(FILTER.lexicon).match(title, body) == first  # no hidden state
    assert set(first.matched) <= LABELS
    assert set(first.excluded) <= LABELS
    assert first.kept == (first.score >= FILTER.lexicon.threshold)
    assert len(first.matched) == len(set(first.matched))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    piece=st.lists(st.sampled_from(LEXICON_WORDS + NOISE), min_size=1, max_size=20).map(" ".join),
    title=st.text(max_size=100),
)
def test_work_is_bounded_on_a_megabyte_of_selftext(piece: str, title: str) -> None:
    huge = (piece + " ") * (1_000_000 // (len(piece) + 1) + 1)
    started = time.perf_counter()
    decision = FILTER.match(title, huge)
    elapsed = time.perf_counter() - started
    # only the first body_chars are read, so the rest cannot change the decision
    assert decision == FILTER.match(title, huge[: FILTER.lexicon.body_chars])
    assert elapsed < 5.0  # about 0.05 s in practice; the bound is for a pathological blow-up
