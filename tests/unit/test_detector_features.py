"""What the problem classifier reads of a post, and how n-grams are weighed."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from harbor.collect.problem_filter import default_filter
from harbor.detector.classifier import fit_block, weigh
from harbor.detector.features import (
    BLOCKS,
    BODY_CHARS,
    HASH_BUCKETS,
    TITLE_CHARS,
    PostText,
    block_counts,
    signal_matrix,
    signal_names,
)

LEXICON = default_filter()


def signals(title: str, body: str = "", **kw: object) -> dict[str, float]:
    post = PostText.of(title, body, kw.get("is_self"), kw.get("url"))
    row = signal_matrix([post], LEXICON)[0]
    return dict(zip(signal_names(LEXICON.lexicon.groups), row, strict=True))


def test_post_text_cleans_what_reddit_sends() -> None:
    assert PostText.of(None, 42) == PostText("", "", True, "")
    assert PostText.of("T", "[removed]").body == ""
    assert PostText.of("T", " [Deleted] ").body == ""
    assert PostText.of("x" * 5000, "y" * 9000).title == "x" * TITLE_CHARS
    assert len(PostText.of("t", "y" * 9000).body) == BODY_CHARS
    # every apostrophe is dropped, as the lexicon does: can't = can’t = cant
    assert PostText.of("I can’t", "won't").title == PostText.of("I can't", "").title == "I cant"
    assert not PostText.of("pic", "", None, "https://i.redd.it/x.jpg").is_self
    assert PostText.of("q", "a body", None, "https://x").is_self
    assert PostText.from_row({"title": "a", "selftext": "b", "is_self": False}).is_self is False


def test_every_signal_has_a_name_and_the_lexicons_groups_come_last() -> None:
    names = signal_names(LEXICON.lexicon.groups)
    assert len(set(names)) == len(names)
    assert names[-len(LEXICON.lexicon.groups) :] == [
        f"lexicon_group_{g}" for g in LEXICON.lexicon.groups
    ]
    matrix = signal_matrix([PostText.of("a", "b"), PostText.of("", "")], LEXICON)
    assert matrix.shape == (2, len(names))
    assert np.isfinite(matrix).all()


def test_signals_tell_a_question_about_ones_own_problem_from_one_to_the_crowd() -> None:
    own = signals("How do I stop my router dropping out?", "It drops every night and I need help.")
    crowd = signals("What is your favourite movie of all time?")
    assert own["first_person_asks"] == own["first_person_requests"] == 1.0
    assert own["describes_a_problem"] == 1.0
    assert own["addresses_the_crowd"] == 0.0
    assert crowd["addresses_the_crowd"] == crowd["bare_question_to_the_crowd"] == 1.0
    assert crowd["poll_in_title"] == crowd["poll_without_a_need"] == 1.0
    assert crowd["first_person_asks"] == 0.0


def test_signals_see_stories_links_and_tables() -> None:
    story = "I went to the lake with my dad and my dog. " * 10
    assert signals("My weekend", story)["story_without_a_question"] == 1.0
    link = signals("Sunset", "", is_self=False, url="https://i.redd.it/a.jpg")
    assert link["links_to_media"] == 1.0 and link["is_self"] == 0.0
    assert signals("Stats", "|a|b|\n|:-:|--:|\n|1|2|")["table_symbol_rate"] > 0.3


def test_lexicon_matches_are_signals_too() -> None:
    hit = signals("Is there a tool that chases unpaid invoices?")
    miss = signals("Lovely weather today")
    assert hit["lexicon_matches"] >= 1 and hit["lexicon_group_request"] == 1.0
    assert miss["lexicon_matches"] == 0 and miss["lexicon_score"] <= 0


@pytest.mark.parametrize("block", BLOCKS)
def test_ngrams_are_hashed_into_the_bucket_range_deterministically(block: str) -> None:
    posts = [PostText.of("My invoices are late", "Clients pay late again"), PostText.of("", "")]
    first, second = block_counts(block, posts), block_counts(block, posts)
    assert (first != second).nnz == 0
    assert first.shape == (2, HASH_BUCKETS)
    # the words block marks where the title ends and the body starts, even in an empty post
    assert first[0].nnz > 1 and first[1].nnz == (1 if block == "words" else 0)
    assert first.data.min() >= 1


def test_weigh_matches_scikit_learns_sublinear_tfidf_with_min_df() -> None:
    docs = [
        "late invoices late payments",
        "late clients never pay",
        "pay invoices on time",
        "a unique word here",
        "",
    ]
    posts = [PostText.of(d, "") for d in docs]
    # the title block reads word 1- to 3-grams of the title: compare with the same analyzer
    from harbor.detector.features import _title  # the block's own analyzer

    counts = block_counts("title", posts)
    mine = weigh(counts, fit_block(counts, min_df=2)).toarray()
    reference = TfidfVectorizer(analyzer=_title, sublinear_tf=True, min_df=2)
    theirs = reference.fit_transform(posts).toarray()
    # same values per row (the columns are hashed buckets here, vocabulary entries there)
    for a, b in zip(mine, theirs, strict=True):
        assert np.allclose(np.sort(a[a != 0]), np.sort(b[b != 0]))
    assert np.allclose(np.linalg.norm(mine[:3], axis=1), 1.0)
    assert not mine[4].any()


def test_weigh_ignores_buckets_it_was_not_fitted_on() -> None:
    fitted_on = block_counts("title", [PostText.of("late invoices", ""), PostText.of("late", "")])
    weights = fit_block(fitted_on, min_df=1)
    unseen = weigh(block_counts("title", [PostText.of("completely different words", "")]), weights)
    assert unseen.nnz == 0
    seen = weigh(block_counts("title", [PostText.of("late words", "")]), weights)
    assert seen.nnz == 1 and np.isclose(seen.data[0], 1.0)
