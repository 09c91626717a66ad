"""The merge pass: themes that turned out to be one problem become one, recorded.

A post's theme is decided once, when it arrives, from what is known then; early on,
with few posts and little learned of which words matter, two posts about one problem
written in different words found two themes. Every CONSOLIDATE_EVERY themed posts, in
the same transaction and under the same lock as the assignment that made the count, a
pass looks at the RECENT most recently written live themes (what changed since the pass
before is among them) against every live theme:
- the closest pair, by cosine between their centroids, merges when it reaches
  MERGE_BOUND: the smaller into the larger (the larger keeps its id; on equal sizes the
  older), recorded in theme_merges; the absorbed id keeps pointing at the theme it went
  into, so no id is renumbered and none changes meaning;
- the merged theme takes the place of the two, and the next closest pair is looked at,
  until no pair reaches the bound.
The bound is the purity guard: two themes whose centroids disagree (below it) never
merge, however small, and a merge is never undone. Which themes the pass starts from
depends only on the stored revisions, so the same state gives the same merges.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import psycopg

from harbor.settings import Settings
from harbor.theming import store
from harbor.theming.index import LiveThemes
from harbor.theming.label import terms_label
from harbor.theming.terms import combined

__all__ = ["CONSOLIDATE_EVERY", "MERGE_BOUND", "RECENT", "Merge", "consolidate", "due", "plan"]

log = logging.getLogger(__name__)

CONSOLIDATE_EVERY = 50  # themed posts between two passes
MERGE_BOUND = 0.25
RECENT = 100  # the most recently written themes a pass starts from


@dataclass(frozen=True)
class Merge:
    """One merge of a pass: `absorbed` went into `into` at `similarity`."""

    absorbed: str
    into: str
    similarity: float
    posts: int  # the absorbed theme's members


def due(themed_posts: int) -> bool:
    """Whether the assignment that brought the themed posts to this count runs a pass."""
    return themed_posts > 0 and themed_posts % CONSOLIDATE_EVERY == 0


def plan(themes: LiveThemes, bound: float = MERGE_BOUND, recent: int = RECENT) -> list[Merge]:
    """The merges of a pass over `themes`, in order (see the module docstring)."""
    # in id order, so that the result does not depend on where each process keeps a theme
    order = sorted(range(len(themes.ids)), key=lambda k: themes.ids[k])
    ids = [themes.ids[k] for k in order]
    posts = themes.posts[order].astype(np.float64)
    revisions = themes.revisions[order]
    n = len(ids)
    if n < 2:
        return []
    # one copy of the vectors, made unit length in place; a theme grown in this pass keeps
    # its new sum apart
    unit = themes.sums[order].astype(np.float32)
    norms = np.maximum(np.linalg.norm(unit, axis=1), 1e-12)
    unit /= norms[:, None]
    grown: dict[int, np.ndarray] = {}

    def total(k: int) -> np.ndarray:
        summed: np.ndarray = grown[k] if k in grown else unit[k] * norms[k]
        return summed

    alive = np.ones(n, dtype=bool)
    # the rows looked at: the newest themes, then every theme that grew in this pass
    watched = sorted(range(n), key=lambda k: (-int(revisions[k]), ids[k]))[:recent]
    scores = unit[watched] @ unit.T

    def mask() -> None:
        scores[:, ~alive] = -np.inf
        for r, k in enumerate(watched):
            scores[r, k] = -np.inf
            if not alive[k]:
                scores[r] = -np.inf

    mask()
    merges: list[Merge] = []
    while True:
        r, j = divmod(int(np.argmax(scores)), n)
        similarity = float(scores[r, j])
        if not similarity >= bound:
            return merges
        i = watched[r]
        # the larger keeps its id; on equal sizes, the one first in id order
        keep, gone = (i, j) if (posts[i], -i) > (posts[j], -j) else (j, i)
        merges.append(Merge(ids[gone], ids[keep], round(similarity, 4), int(posts[gone])))
        grown[keep] = total(keep) + total(gone)
        posts[keep] += posts[gone]
        alive[gone] = False
        unit[keep] = grown[keep] / max(float(np.linalg.norm(grown[keep])), 1e-12)
        if keep not in watched:
            watched.append(keep)
            scores = np.vstack([scores, np.zeros((1, n), dtype=scores.dtype)])
        scores[watched.index(keep)] = unit @ unit[keep]
        scores[:, keep] = unit[watched] @ unit[keep]
        mask()


def consolidate(
    conn: psycopg.Connection, settings: Settings, themes: LiveThemes, themed_posts: int
) -> tuple[Merge, ...]:
    """Run a pass on the live `themes` and store its merges (each recorded, and each grown
    theme's new size, vector, terms and label)."""
    merges = plan(themes)
    if not merges:
        return ()
    slot = {theme_id: k for k, theme_id in enumerate(themes.ids)}
    state = {m: store.theme_state(conn, settings, m) for m in _involved(merges)}
    for merge in merges:
        count, total, terms = state.pop(merge.absorbed)
        into_count, into_total, into_terms = state[merge.into]
        state[merge.into] = (into_count + count, into_total + total, combined(into_terms, terms))
        store.merge(conn, settings, merge.absorbed, merge.into, merge.similarity, merge.posts)
        log.info(
            "themes: %s (%d posts) merged into %s (similarity %.3f)",
            merge.absorbed, merge.posts, merge.into, merge.similarity,
        )  # fmt: skip
    for theme_id, (count, total, terms) in state.items():
        if count != themes.posts[slot[theme_id]]:
            df = store.term_counts(conn, settings, terms)
            label = terms_label(terms, df, themed_posts)
            store.grow_theme(conn, settings, theme_id, count, total, terms, label)
    return tuple(merges)


def _involved(merges: list[Merge]) -> list[str]:
    seen: dict[str, None] = {}
    for merge in merges:
        seen.setdefault(merge.absorbed)
        seen.setdefault(merge.into)
    return list(seen)
