"""What a comment says about the post's problem: agreement, the same problem, or other.

- agreement: a cue such as "same here", "me too", "+1", "following", "same boat",
  "exactly this", "not just me", "we have the same";
- same_problem: a comment with at least MIN_UPVOTES that speaks in the first person,
  shares at least MIN_SHARED content words with the post, and is neither a suggestion
  ("have you tried", "we use", "look into") nor a question;
- other: anything else. Deleted and removed comments are not read at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from harbor.theming.text import words

__all__ = ["GONE", "MIN_SHARED", "MIN_UPVOTES", "Kind", "classify", "is_gone"]

Kind = Literal["agreement", "same_problem", "other"]
MIN_UPVOTES = 2
MIN_SHARED = 2
GONE = ("[deleted]", "[removed]")

_AGREEMENT = re.compile(
    r"\b(?:same here|me too|me as well|us too|same (?:boat|problem|issue|situation|struggle)"
    r"|so relatable|exactly this|i feel this|not (?:just|only) (?:me|us)"
    r"|(?:we|i) have (?:the )?(?:exact )?same|following|subscrib\w*|commenting to follow)\b"
    r"|^\W*(?:ugh\W+)?same\b|^\W*\+1\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|we|we're|my|our|us)\b", re.IGNORECASE)
_SUGGESTION = re.compile(
    r"\b(?:have you tried|try|tried|we use|i use|use|look into|check out|recommend\w*|hire)\b",
    re.IGNORECASE,
)


def is_gone(body: str | None) -> bool:
    """A comment deleted by its author or removed by a moderator."""
    text = (body or "").strip()
    return not text or text in GONE


def classify(body: str, score: int, post_terms: Iterable[str]) -> Kind:
    """The kind of one (not deleted) comment under a post with these content words."""
    if _AGREEMENT.search(body):
        return "agreement"
    if score < MIN_UPVOTES or "?" in body or _SUGGESTION.search(body):
        return "other"
    if not _FIRST_PERSON.search(body):
        return "other"
    shared = len(set(words(body)) & set(post_terms))
    return "same_problem" if shared >= MIN_SHARED else "other"
