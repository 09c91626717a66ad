"""The duplicate decision for one post: is it a crosspost or a near-duplicate of a post we
hold, and which post is the canonical one of its set."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import psycopg

from harbor.db import connection
from harbor.duplicates import store
from harbor.duplicates.fingerprint import NEAR_DUPLICATE_JACCARD, fingerprint, jaccard
from harbor.settings import Settings

__all__ = ["CANDIDATES", "Link", "decide", "resolve"]

log = logging.getLogger(__name__)

CANDIDATES = 50  # posts sharing the most bands, compared by their MinHash
_CROSSPOST_DEPTH = 2  # a crosspost of a crosspost is followed this far


@dataclass(frozen=True)
class Link:
    """The post's set: its canonical post (itself when canonical) and why."""

    post_id: str
    canonical_id: str
    reason: str
    similarity: float | None = None

    @property
    def duplicate(self) -> bool:
        return self.canonical_id != self.post_id


def resolve(settings: Settings, post_id: str) -> Link | None:
    """Decide (once per text) whether `post_id` is a duplicate; None if the post is gone."""
    with connection(settings) as conn, conn.transaction():
        store.lock(conn, settings)
        return decide(conn, settings, post_id)


def decide(
    conn: psycopg.Connection, settings: Settings, post_id: str, depth: int = 0
) -> Link | None:
    """The decision inside the caller's transaction, which holds `store.lock`."""
    post = store.load_text(conn, settings, post_id)
    if post is None:
        return None
    title, selftext = post.title, post.selftext
    if post.crosspost_parent and not selftext.strip() and post.parent_title is not None:
        # a crosspost carries no body of its own: its parent's text is what it says
        title, selftext = post.parent_title, post.parent_selftext or ""
    fp = fingerprint(title, selftext)
    known = store.recorded(conn, settings, post_id)
    if known is not None and known.text_hash == fp.text_hash:
        reason = "canonical" if known.canonical_id == post_id else "known"
        return Link(post_id, known.canonical_id, reason)
    if known is not None:
        store.forget(conn, settings, post_id)  # edited since: decided again for the new text

    link = _crosspost(conn, settings, post_id, post.crosspost_parent, depth)
    if link is None and fp.linkable:
        same = store.same_text(conn, settings, fp.text_hash, post_id)
        if same is not None:
            link = Link(post_id, same, "same_text", 1.0)
        elif fp.minhash is not None:
            link = _nearest(conn, settings, post_id, fp.minhash, fp.bands)
    if link is None or link.canonical_id == post_id:
        link = Link(post_id, post_id, "canonical")
    store.record(conn, settings, post_id, fp, link.canonical_id, link.reason, link.similarity)
    if known is not None and known.canonical_id == post_id and link.duplicate:
        # a canonical post edited into a copy of another: its set follows it
        store.repoint(conn, settings, post_id, link.canonical_id)
    if link.duplicate:
        log.info("post %s: %s of %s", post_id, link.reason, link.canonical_id)
    return link


def _crosspost(
    conn: psycopg.Connection, settings: Settings, post_id: str, parent: str | None, depth: int
) -> Link | None:
    if not parent or parent == post_id or depth >= _CROSSPOST_DEPTH:
        return None
    decided = decide(conn, settings, parent, depth + 1)
    if decided is None:  # the parent is not stored: the text decides
        return None
    return Link(post_id, decided.canonical_id, "crosspost", 1.0)


def _nearest(
    conn: psycopg.Connection,
    settings: Settings,
    post_id: str,
    minhash: bytes,
    bands: tuple[int, ...],
) -> Link | None:
    best: tuple[float, str] | None = None
    for candidate in store.band_candidates(conn, settings, bands, post_id, CANDIDATES):
        similarity = jaccard(minhash, candidate.minhash)
        if similarity >= NEAR_DUPLICATE_JACCARD and (best is None or similarity > best[0]):
            best = (similarity, candidate.canonical_id)
    if best is None:
        return None
    return Link(post_id, best[1], "near_text", round(best[0], 3))
