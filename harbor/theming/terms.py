"""A theme's term counts: the words its members use most, kept for its label."""

from __future__ import annotations

from collections.abc import Mapping

from harbor.theming.text import PostWords

__all__ = ["MAX_TERMS", "combined", "counted"]

MAX_TERMS = 60  # words kept per theme, the most used, for its label


def counted(terms: Mapping[str, int], words: PostWords) -> dict[str, int]:
    """`terms` with each distinct word of a post counted once more."""
    merged = dict(terms)
    for term in words.terms:
        merged[term] = merged.get(term, 0) + 1
    return _pruned(merged)


def combined(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    """The term counts of two themes made one."""
    merged = dict(a)
    for term, n in b.items():
        merged[term] = merged.get(term, 0) + n
    return _pruned(merged)


def _pruned(terms: dict[str, int]) -> dict[str, int]:
    if len(terms) <= MAX_TERMS:
        return terms
    kept = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    return dict(kept)
