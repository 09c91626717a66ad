"""Themes: words, vectors, the index's average linkage, labels, trends."""

from __future__ import annotations

import numpy as np

from harbor.themes.embedding import DIMS, embed
from harbor.themes.index import ThemeIndex, ThemeRow
from harbor.themes.label import terms_label
from harbor.themes.listing import trend_of
from harbor.themes.text import post_words, words


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


def test_the_index_scores_average_linkage_and_drops_merged_themes() -> None:
    e = np.eye(DIMS, dtype=np.float32)
    index = ThemeIndex(capacity=1)  # grows as themes come
    index.apply([_row("th_a", [e[0], e[0]], 1), _row("th_b", [e[1], e[2]], 2)])
    best = index.nearest(e[1])
    assert best is not None and best.theme_id == "th_b" and abs(best.score - 0.5) < 1e-6
    assert index.nearest(e[0], exclude={"th_a"}).theme_id == "th_b"  # type: ignore[union-attr]
    index.apply([_row("th_b", [e[1], e[2]], 3, merged="th_a")])
    assert len(index) == 1 and index.revision == 3
    assert index.nearest(e[1]).theme_id == "th_a"  # type: ignore[union-attr]
    index.reset()
    assert len(index) == 0 and index.nearest(e[0]) is None and index.revision == 0


def test_a_label_names_the_terms_frequent_in_the_theme_and_rare_elsewhere() -> None:
    terms = {"invoices": 9, "clients": 9, "reminders": 6, "week": 9}
    df = {"invoices": 12, "clients": 400, "reminders": 10, "week": 900}
    assert terms_label(terms, df, 1000) == "invoices / reminders / clients"


def test_growth_against_the_window_before() -> None:
    assert trend_of(3, 0) == (None, "new")
    assert trend_of(10, 4) == (1.5, "rising")
    assert trend_of(4, 10) == (-0.6, "falling")
    assert trend_of(11, 10) == (0.1, "steady")
