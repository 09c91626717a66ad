"""Themes: words, vectors, the index's centroids and topicality, the merge pass, labels,
trends."""

from __future__ import annotations

import numpy as np

from harbor.theming.consolidate import CONSOLIDATE_EVERY, Merge, due, plan
from harbor.theming.embedding import DENSE_DIMS, DIMS, HASHED_DIMS, embed, slot
from harbor.theming.index import LiveThemes, ThemeIndex, ThemeRow
from harbor.theming.label import terms_label
from harbor.theming.listing import trend_of
from harbor.theming.text import post_words, words


def test_words_drop_stop_words_links_and_short_tokens() -> None:
    assert words("I can't keep chasing my clients' invoices: https://x.io/a so frustrated!") == [
        "keep", "chasing", "clients", "invoices", "frustrated"
    ]  # fmt: skip
    assert post_words("Title here", "[removed]").body == []


def _vector(title: str, body: str) -> np.ndarray:
    found = post_words(title, body)
    df = dict.fromkeys(found.terms, 1)
    return embed(found, df, 10, None).vector


def test_a_post_vector_is_unit_length_and_the_same_text_gives_the_same_vector() -> None:
    a = _vector("Chasing unpaid invoices", "Clients ignore every reminder I send.")
    assert a.shape == (DIMS,) and abs(float(np.linalg.norm(a)) - 1) < 1e-5
    assert np.array_equal(
        a, _vector("Chasing unpaid invoices", "Clients ignore every reminder I send.")
    )
    near = _vector("Late invoices again", "Clients ignore the payment reminders I send.")
    far = _vector("Kiln cracks glazes", "The second firing cracks glaze on a third of pieces.")
    assert float(a @ near) > float(a @ far)


def _row(
    theme_id: str, vectors: list[np.ndarray], revision: int, merged: str | None = None
) -> ThemeRow:
    total = np.sum(vectors, axis=0).astype(np.float32)
    return ThemeRow(theme_id, len(vectors), total.tobytes(), merged, revision)


def test_the_index_scores_the_cosine_to_a_centroid_and_drops_merged_themes() -> None:
    e = np.eye(DIMS, dtype=np.float32)
    index = ThemeIndex(capacity=1)  # grows as themes come
    index.apply([_row("th_a", [e[0], e[0]], 1), _row("th_b", [e[1], e[2]], 2)])
    best = index.nearest(e[1])
    # the centroid of e1 and e2 is 45 degrees from each (average linkage would say 0.5)
    assert best is not None and best.theme_id == "th_b" and abs(best.score - 0.5**0.5) < 1e-6
    many = index.nearest((e[0] + e[3]) / np.float32(2**0.5))
    assert many is not None and many.theme_id == "th_a" and abs(many.score - 0.5**0.5) < 1e-6
    assert index.nearest(e[0], exclude={"th_a"}).theme_id == "th_b"  # type: ignore[union-attr]
    index.apply([_row("th_b", [e[1], e[2]], 3, merged="th_a")])
    assert len(index) == 1 and index.revision == 3
    assert index.nearest(e[1]).theme_id == "th_a"  # type: ignore[union-attr]
    index.reset()
    assert len(index) == 0 and index.nearest(e[0]) is None and index.revision == 0
    index.apply([ThemeRow("th_old", 3, np.zeros(1280, dtype=np.float32).tobytes(), None, 4)])
    assert len(index) == 0  # a vector of an earlier model is not compared with


def _hashed(slots: dict[int, float]) -> np.ndarray:
    vector = np.zeros(DIMS, dtype=np.float32)
    for k, w in slots.items():
        vector[DENSE_DIMS + k] = w
    return vector


def test_topicality_is_zero_for_a_word_spread_like_the_themes_and_one_for_a_held_word() -> None:
    index = ThemeIndex()
    assert index.topicality() is None
    # slot 1: in every theme in proportion to its size; slot 2: only in th_b; 3: nowhere
    index.apply([
        ThemeRow("th_a", 30, _hashed({1: 3.0, 5: 9.0}).tobytes(), None, 1),
        ThemeRow("th_b", 10, _hashed({1: 1.0, 2: 4.0}).tobytes(), None, 2),
        ThemeRow("th_c", 20, _hashed({1: 2.0, 5: 1.0}).tobytes(), None, 3),
    ])  # fmt: skip
    topical = index.topicality()
    assert topical is not None and topical.shape == (HASHED_DIMS,)
    assert abs(topical[1]) < 1e-6 and abs(topical[2] - 1.0) < 1e-6 and topical[3] == 1.0
    assert 0.5 < topical[5] < 1.0  # mostly in one theme
    # a merged theme's weights leave the statistics with it
    index.apply([ThemeRow("th_b", 10, _hashed({1: 1.0, 2: 4.0}).tobytes(), "th_a", 4)])
    after = index.topicality()
    assert after is not None and after[2] == 1.0 and abs(after[1]) < 1e-6


def test_a_stock_phrase_weighs_less_once_the_themes_show_it_everywhere() -> None:
    found = post_words("Quick question about unpaid invoices", "Clients ignore reminders.")
    df = dict.fromkeys(found.terms, 3)
    plain = embed(found, df, 30, None).vector
    topical = np.ones(HASHED_DIMS, dtype=np.float32)
    topical[[slot("quick"), slot("question")]] = 0.0
    weighed = embed(found, df, 30, None, topical).vector
    for word, lighter in (("quick", True), ("invoices", False)):
        k = DENSE_DIMS + slot(word)
        assert bool(weighed[k] < plain[k]) is lighter, word


def _live(themes: dict[str, list[np.ndarray]], revisions: dict[str, int]) -> LiveThemes:
    ids = list(themes)
    return LiveThemes(
        ids,
        np.array([len(themes[t]) for t in ids], dtype=np.float32),
        np.stack([np.sum(themes[t], axis=0) for t in ids]).astype(np.float32),
        np.array([revisions[t] for t in ids], dtype=np.int64),
    )


def test_the_merge_pass_merges_close_themes_smaller_into_larger_and_never_distant_ones() -> None:
    e = np.eye(DIMS, dtype=np.float32)
    near = (e[0] + 0.4 * e[1]) / np.float32(np.linalg.norm([1, 0.4]))
    themes = _live(
        {"th_big": [e[0]] * 5, "th_small": [near], "th_far": [e[2], e[3]], "th_old": [e[0]]},
        {"th_big": 1, "th_small": 9, "th_far": 8, "th_old": 2},
    )
    small = Merge("th_small", "th_big", round(float(near @ e[0]), 4), 1)
    old = Merge("th_old", "th_big", 1.0, 1)
    assert plan(themes) == [old, small]  # the closest pair first; th_far stays apart
    # only pairs with one of the `recent` newest themes are looked at, and a theme that
    # grew in the pass: th_big, once it took th_small, meets th_old
    grown = 5 * e[0] + near
    later = Merge("th_old", "th_big", round(float(grown @ e[0] / np.linalg.norm(grown)), 4), 1)
    assert plan(themes, recent=1) == [small, later]
    assert plan(themes, bound=0.99) == [old]
    # the same themes in another order in memory: the same merges
    flipped = LiveThemes(themes.ids[::-1], themes.posts[::-1], themes.sums[::-1],
                         themes.revisions[::-1])  # fmt: skip
    assert plan(flipped) == plan(themes)
    assert [due(n) for n in (0, 1, CONSOLIDATE_EVERY, CONSOLIDATE_EVERY + 1)] == [
        False, False, True, False,
    ]  # fmt: skip


def test_a_label_names_the_terms_frequent_in_the_theme_and_rare_elsewhere() -> None:
    terms = {"invoices": 9, "clients": 9, "reminders": 6, "week": 9}
    df = {"invoices": 12, "clients": 400, "reminders": 10, "week": 900}
    assert terms_label(terms, df, 1000) == "invoices / reminders / clients"


def test_growth_against_the_window_before() -> None:
    assert trend_of(3, 0) == (None, "new")
    assert trend_of(10, 4) == (1.5, "rising")
    assert trend_of(4, 10) == (-0.6, "falling")
    assert trend_of(11, 10) == (0.1, "steady")
