"""Assign one scored opportunity to a theme, once, in one transaction.

The steps, under the dataset's theme lock (`store.lock`), in one transaction:
1. a post already assigned keeps its theme: nothing changes (a rerun changes no id);
2. only a scored opportunity (not `other`) that is the canonical post of its set joins;
3. the index catches up with every theme written since it last looked (by revision);
4. the post's vector (harbor.themes.embedding) is compared with every live theme: it
   joins the best one when the average linkage reaches JOIN_BOUND; otherwise it founds
   theme 'th_<post id>' — unless it has no body of its own (empty, "[removed]",
   "[deleted]"): such a post may join a theme on its title but never starts one;
5. a theme that grew is merged with any other theme within the same bound (the smaller
   into the larger, recorded in theme_merges; the absorbed id keeps pointing at it);
6. the term statistics and the running mean take the post.
A crash anywhere before the commit leaves nothing: no theme without its member, no
member without its theme; the next try makes the same decision from the same state.
The LLM label is not asked for here: themes are named when they are listed
(harbor.themes.label), so scoring never waits on it and unseen themes cost nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import psycopg

from harbor.db import connection
from harbor.settings import Settings
from harbor.themes import store
from harbor.themes.embedding import embed
from harbor.themes.index import JOIN_BOUND, ThemeIndex
from harbor.themes.label import terms_label
from harbor.themes.text import PostWords, post_words

__all__ = ["MAX_TERMS", "Assignment", "assign_theme", "index_for", "theme_id_for"]

log = logging.getLogger(__name__)

MAX_TERMS = 60  # words kept per theme, the most used, for its label
AssignStatus = Literal["joined", "founded", "known", "unthemed", "not_opportunity"]

_indexes: dict[tuple[str, str], ThemeIndex] = {}


@dataclass(frozen=True)
class Assignment:
    """What `assign_theme` did with a post."""

    post_id: str
    status: AssignStatus
    theme_id: str | None = None
    similarity: float | None = None
    merged: tuple[str, ...] = field(default=())


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


def _counted(terms: dict[str, int], words: PostWords) -> dict[str, int]:
    merged = dict(terms)
    for term in words.terms:
        merged[term] = merged.get(term, 0) + 1
    return _pruned(merged)


def _pruned(terms: dict[str, int]) -> dict[str, int]:
    if len(terms) <= MAX_TERMS:
        return terms
    kept = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    return dict(kept)


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
    embedded = embed(words, df, posts, space.dense_sum)

    best = index.nearest(embedded.vector)
    if best is not None and best.score >= JOIN_BOUND:
        merged = _join(conn, settings, index, best.theme_id, embedded.vector, words, posts)
        store.add_member(conn, settings, post_id, best.theme_id, round(best.score, 4))
        done = Assignment(post_id, "joined", best.theme_id, best.score, merged)
    elif words.body:
        theme_id = theme_id_for(post_id)
        terms = _counted({}, words)
        label = terms_label(terms, df, posts)
        store.create_theme(conn, settings, theme_id, post_id, embedded.vector, terms, label)
        store.add_member(conn, settings, post_id, theme_id, None)
        done = Assignment(post_id, "founded", theme_id)
    else:
        store.add_member(conn, settings, post_id, None, None)
        return Assignment(post_id, "unthemed")
    store.add_terms(conn, settings, words.terms)
    space.posts = posts
    space.dense_sum = space.dense_sum + embedded.dense
    store.save_space(conn, settings, space)
    return done


def _join(
    conn: psycopg.Connection,
    settings: Settings,
    index: ThemeIndex,
    theme_id: str,
    vector: np.ndarray,
    words: PostWords,
    posts_seen: int,
) -> tuple[str, ...]:
    """Add the post to `theme_id`, then merge what came within the bound; the ids that
    the grown theme went into, in order (empty when it stayed itself)."""
    count, total, terms = store.theme_state(conn, settings, theme_id)
    count, total, terms = count + 1, total + vector, _counted(terms, words)
    current, into = theme_id, []
    seen = {theme_id}
    while True:
        other = index.closest_theme(total, count, exclude=seen)
        if other is None or other.score < JOIN_BOUND:
            break
        o_count, o_total, o_terms = store.theme_state(conn, settings, other.theme_id)
        seen.add(other.theme_id)
        merged_terms = dict(terms)
        for term, n in o_terms.items():
            merged_terms[term] = merged_terms.get(term, 0) + n
        # the larger keeps its id; the absorbed one records where it went
        if o_count > count:
            absorbed, absorbed_count, current = current, count, other.theme_id
            into.append(current)
        else:
            absorbed, absorbed_count = other.theme_id, o_count
        store.merge(conn, settings, absorbed, current, round(other.score, 4), absorbed_count)
        log.info("themes: %s merged into %s (similarity %.3f)", absorbed, current, other.score)
        count, total, terms = count + o_count, total + o_total, _pruned(merged_terms)
    df = store.term_counts(conn, settings, terms)
    label = terms_label(terms, df, posts_seen)
    store.grow_theme(conn, settings, current, count, total, terms, label)
    return tuple(into)
