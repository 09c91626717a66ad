"""The duplicate rule on texts: same words, nearly the same words, too short to tell."""

from __future__ import annotations

import numpy as np

from harbor.duplicates.fingerprint import (
    MIN_WORDS,
    NEAR_DUPLICATE_JACCARD,
    fingerprint,
    jaccard,
    normalised_words,
)

TITLE = "Chasing unpaid invoices eats my whole Friday"
BODY = (
    "Every week I spend hours emailing clients about late payments. I tried QuickBooks "
    "reminders but they feel robotic and clients ignore them. Is there a tool that does "
    "polite follow-ups and escalates on its own? I'd happily pay for it."
)


def test_case_punctuation_and_links_do_not_make_a_text_different() -> None:
    loud = fingerprint(TITLE.upper() + "!!!", BODY.replace(".", " .") + " https://x.example/a")
    assert loud.text_hash == fingerprint(TITLE, BODY).text_hash


def test_a_repost_with_a_line_added_is_a_near_duplicate_and_another_post_is_not() -> None:
    original = fingerprint(TITLE, BODY)
    repost = fingerprint(TITLE, BODY + "\n\nEdit: also asked in r/smallbusiness, no luck.")
    other = fingerprint(
        "Scheduling shifts for 12 part-timers is a nightmare",
        "Every Sunday I rebuild the rota by hand because someone can't make it. Apps I "
        "tried are built for big chains and cost a fortune, and nobody on my team uses them.",
    )
    assert original.minhash and repost.minhash and other.minhash
    assert repost.text_hash != original.text_hash
    assert jaccard(original.minhash, repost.minhash) >= NEAR_DUPLICATE_JACCARD
    assert set(original.bands) & set(repost.bands)  # found as candidates
    assert jaccard(original.minhash, other.minhash) < 0.3


def test_short_texts_are_never_linked_by_their_words() -> None:
    short = fingerprint("How much do you pay yourself?", "Curious how others do it.")
    assert short.words < MIN_WORDS and not short.linkable
    assert short.minhash is None and short.bands == ()


def test_a_removed_or_deleted_body_is_no_text() -> None:
    assert normalised_words("A title", "[removed]") == ["a", "title"]
    assert normalised_words("A title", "[deleted]") == normalised_words("A title", "")


def test_the_fingerprint_is_the_same_in_every_process_and_release() -> None:
    # a signature stored by one worker is compared with one computed by another, maybe
    # years later: the hash functions are pinned (changing them needs a migration)
    found = fingerprint(TITLE, BODY)
    assert found.minhash is not None
    assert list(np.frombuffer(found.minhash, dtype=np.uint32)[:4]) == [
        28772804,
        182300398,
        134229928,
        213685099,
    ]
    assert found.bands[0] == 6118225671278533633
