"""Assign one scored opportunity to a theme, once, in one transaction.

The steps, under the dataset's theme lock (`store.lock`), in one transaction:
1. a post already assigned keeps its theme: nothing changes (a rerun changes no id);
2. only a scored opportunity (not `other`) that is the canonical post of its set joins;
3. the index catches up with every theme written since it last looked (by revision);
4. the post's vector (harbor.theming.embedding, weighted by what the themes so far say of
   each word) is compared with every live theme's centroid: it joins the closest one
   when the cosine reaches JOIN_BOUND; otherwise it founds theme 'th_<post id>' —
   unless it has no body of its own (empty, "[removed]", "[deleted]"): such a post may
   join a theme on its title but never starts one;
5. the term statistics and the running mean take the post;
6. every CONSOLIDATE_EVERY themed posts, the merge pass (harbor.theming.consolidate)
   merges themes that turned out to be one problem, each merge recorded in theme_merges
   (the absorbed id keeps pointing at the theme it went into).
A crash anywhere before the commit leaves nothing: no theme without its member, no
member without its theme, no half-done merge; the next try makes the same decision from
the same state.
The LLM label is not asked for here: themes are named when they are listed
(harbor.theming.label), so scoring never waits on it and unseen themes cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import psycopg

from harbor.db import connection
from harbor.settings import Settings
from harbor.theming import store
from harbor.theming.consolidate import consolidate, due
from harbor.theming.embedding import embed
from harbor.theming.index import JOIN_BOUND, ThemeIndex
from harbor.theming.label import terms_label
from harbor.theming.terms import MAX_TERMS, counted
from harbor.theming.text import PostWords, post_words

__all__ = ["MAX_TERMS", "Assignment", "assign_theme", "index_for", "theme_id_for"]

AssignStatus = Literal["joined", "founded", "known", "unthemed", "not_opportunity"]

_indexes: dict[tuple[str, str], ThemeIndex] = {}


@dataclass(frozen=True)
class Assignment:
    """What `assign_theme` did with a post."""

    post_id: str
    status: AssignStatus
    theme_id: str | None = None
    similarity: float | None = None
    merged: tuple[str, ...] = field(default=())  # themes the merge pass run with it absorbed


def theme_id_for(founder: str) -> str:
    """The id of the theme a post founds: stable, and never given twice."""
    return f"th_{founder}"


def index_for(settings: Settings) -> ThemeIndex:
    """The process's index of this dataset's themes."""
    key = (settings.dsn, settings.dataset)
    index = _indexes.get(key)
    if index is None:
        index = _indexes.setdefault(key, ThemeIndex())
    return index


def assign_theme(settings: Settings, post_id: str) -> Assignment:
    """Put a scored opportunity in a theme (see the module docstring)."""
    index = index_for(settings)
    with connection(settings) as conn, conn.transaction(), index.lock:
        store.lock(conn, settings)
        return _assign(conn, settings, index, post_id)


def _assign(
    conn: psycopg.Connection, settings: Settings, index: ThemeIndex, post_id: str
) -> Assignment:
    known = store.member_of(conn, settings, post_id)
    if known is not None:
        return Assignment(post_id, "known", known[0])
    opportunity = store.load_opportunity(conn, settings, post_id)
    if opportunity is None:
        return Assignment(post_id, "not_opportunity")
    words = post_words(opportunity.title, opportunity.selftext)
    if words.empty:
        store.add_member(conn, settings, post_id, None, None)
        return Assignment(post_id, "unthemed")

    space = store.space(conn, settings)
    if space.posts < index.posts_seen:  # fewer than before: not the tables we knew
        index.reset()
    index.posts_seen = space.posts
    index.apply(store.changed_themes(conn, settings, index.revision))
    posts = space.posts + 1
    df = {t: n + 1 for t, n in store.term_counts(conn, settings, words.terms).items()}
    df.update({t: 1 for t in words.terms - df.keys()})
    embedded = embed(words, df, posts, space.dense_sum, index.topicality())

    best = index.nearest(embedded.vector)
    if best is not None and best.score >= JOIN_BOUND:
        theme_id = best.theme_id
        grown = _join(conn, settings, theme_id, embedded.vector, words, posts)
        store.add_member(conn, settings, post_id, theme_id, round(best.score, 4))
        done = Assignment(post_id, "joined", theme_id, best.score)
    elif words.body:
        theme_id = theme_id_for(post_id)
        terms = counted({}, words)
        label = terms_label(terms, df, posts)
        store.create_theme(conn, settings, theme_id, post_id, embedded.vector, terms, label)
        store.add_member(conn, settings, post_id, theme_id, None)
        grown = (1, embedded.vector)
        done = Assignment(post_id, "founded", theme_id)
    else:
        store.add_member(conn, settings, post_id, None, None)
        return Assignment(post_id, "unthemed")
    store.add_terms(conn, settings, words.terms)
    space.posts = posts
    space.dense_sum = space.dense_sum + embedded.dense
    store.save_space(conn, settings, space)
    if due(posts):
        # the index holds committed rows only: the pass sees this post's theme as it is
        # now in this transaction, as the newest
        themes = index.live().updated(theme_id, grown[0], grown[1], index.revision + 1)
        merges = consolidate(conn, settings, themes, posts)
        done = replace(done, merged=tuple(m.absorbed for m in merges))
    return done


def _join(
    conn: psycopg.Connection,
    settings: Settings,
    theme_id: str,
    vector: np.ndarray,
    words: PostWords,
    posts_seen: int,
) -> tuple[int, np.ndarray]:
    """Add the post's vector and words to `theme_id`; its new size and summed vector."""
    count, total, terms = store.theme_state(conn, settings, theme_id)
    count, total, terms = count + 1, total + vector, counted(terms, words)
    df = store.term_counts(conn, settings, terms)
    label = terms_label(terms, df, posts_seen)
    store.grow_theme(conn, settings, theme_id, count, total, terms, label)
    return count, total
