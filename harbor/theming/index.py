"""The themes a process compares new posts with: every live theme's summed vector, in memory.

A theme's score for a post is the cosine between the post's vector and the theme's
centroid (its members' vectors summed: the direction of their mean). A post joins the
theme with the highest score when it reaches JOIN_BOUND. The centroid, unlike the mean
similarity to each member (average linkage, used before), does not fall as a theme
grows: a theme of 300 posts written four ways is as close to a fifth post as a theme of
three, so one problem does not split into a new theme every few hundred posts.

The index also knows, for each hashed slot, how its weight spreads over the themes
(`topicality`): the learned half of a word's weight (harbor.theming.embedding).

The index is a cache of the `themes` table: `apply` takes rows read from Postgres (only
those written since the last read, by revision), never a decision of its own, so a
transaction that did not commit leaves nothing behind in it. A stored vector of another
length (themes made by an earlier vector model) is left out: such a theme keeps its
members and its id, and new posts are compared only with themes of this model.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from harbor.theming.embedding import DENSE_DIMS, DIMS

__all__ = ["JOIN_BOUND", "LiveThemes", "Nearest", "ThemeIndex", "ThemeRow"]

JOIN_BOUND = 0.2


@dataclass(frozen=True)
class ThemeRow:
    """A theme as stored: what the index needs of it."""

    theme_id: str
    posts: int
    vector: bytes
    merged_into: str | None
    revision: int


@dataclass(frozen=True)
class Nearest:
    """The best theme for a vector and its score (cosine to the theme's centroid)."""

    theme_id: str
    score: float


@dataclass(frozen=True)
class LiveThemes:
    """A copy of the live themes: ids, member counts, summed vectors, last revisions."""

    ids: list[str]
    posts: np.ndarray
    sums: np.ndarray
    revisions: np.ndarray

    def updated(self, theme_id: str, posts: int, total: np.ndarray, revision: int) -> LiveThemes:
        """The same with `theme_id` at this size, sum and revision (added if not there)."""
        ids, counts = list(self.ids), self.posts.copy()
        sums, revisions = self.sums.copy(), self.revisions.copy()
        if theme_id in ids:
            k = ids.index(theme_id)
        else:
            ids.append(theme_id)
            k = len(ids) - 1
            counts = np.append(counts, np.float32(0))
            sums = np.vstack([sums, np.zeros((1, DIMS), dtype=np.float32)])
            revisions = np.append(revisions, np.int64(0))
        counts[k], sums[k], revisions[k] = posts, total, revision
        return LiveThemes(ids, counts, sums, revisions)


class ThemeIndex:
    """Summed member vectors of the live themes of one dataset (see the module docstring)."""

    def __init__(self, capacity: int = 256) -> None:
        self.lock = threading.Lock()
        self._capacity = capacity
        self.reset()

    def reset(self) -> None:
        """Forget everything (the tables were dropped and made again under the same name)."""
        self.revision = 0
        self.posts_seen = 0  # the themed posts of the dataset when last looked: never falls
        self._sums = np.zeros((self._capacity, DIMS), dtype=np.float32)
        self._norms = np.zeros(self._capacity, dtype=np.float32)
        self._counts = np.zeros(self._capacity, dtype=np.float32)
        self._revisions = np.zeros(self._capacity, dtype=np.int64)
        self._ids: list[str] = []
        self._slots: dict[str, int] = {}
        # per hashed slot, over the live themes: the sum of their weights and of their
        # squares; and the sum of the themes' sizes and of their squares (topicality)
        self._mass = np.zeros(DIMS - DENSE_DIMS, dtype=np.float64)
        self._mass_sq = np.zeros(DIMS - DENSE_DIMS, dtype=np.float64)
        self._size = 0.0
        self._size_sq = 0.0

    def __len__(self) -> int:
        return int(np.count_nonzero(self._counts[: len(self._ids)]))

    @property
    def nbytes(self) -> int:
        """Memory held by the vectors and the statistics."""
        arrays = (self._sums, self._norms, self._counts, self._revisions, self._mass)
        return int(sum(a.nbytes for a in arrays) + self._mass_sq.nbytes)

    def _slot(self, theme_id: str) -> int:
        slot = self._slots.get(theme_id)
        if slot is not None:
            return slot
        slot = len(self._ids)
        if slot == self._sums.shape[0]:
            grow = max(256, slot)
            self._sums = np.vstack([self._sums, np.zeros((grow, DIMS), dtype=np.float32)])
            self._norms = np.concatenate([self._norms, np.zeros(grow, dtype=np.float32)])
            self._counts = np.concatenate([self._counts, np.zeros(grow, dtype=np.float32)])
            self._revisions = np.concatenate([self._revisions, np.zeros(grow, dtype=np.int64)])
        self._ids.append(theme_id)
        self._slots[theme_id] = slot
        return slot

    def _account(self, slot: int, sign: float) -> None:
        posts = float(self._counts[slot])
        if posts <= 0:
            return
        hashed = self._sums[slot, DENSE_DIMS:].astype(np.float64)
        self._mass += sign * hashed
        self._mass_sq += sign * hashed * hashed
        self._size += sign * posts
        self._size_sq += sign * posts * posts

    def apply(self, rows: list[ThemeRow]) -> None:
        """Take stored rows (new or changed themes); a merged theme leaves the index."""
        for row in rows:
            slot = self._slot(row.theme_id)
            self._account(slot, -1.0)
            live = row.merged_into is None and row.posts > 0 and len(row.vector) == DIMS * 4
            if live:
                self._sums[slot] = np.frombuffer(row.vector, dtype=np.float32)
                self._counts[slot] = float(row.posts)
                self._norms[slot] = float(np.linalg.norm(self._sums[slot]))
            else:
                self._sums[slot] = 0.0
                self._counts[slot] = 0.0
                self._norms[slot] = 0.0
            self._account(slot, 1.0)
            self._revisions[slot] = row.revision
            self.revision = max(self.revision, row.revision)

    def nearest(self, vector: np.ndarray, exclude: Collection[str] = ()) -> Nearest | None:
        """The live theme whose centroid is closest to `vector` (a unit vector)."""
        n = len(self._ids)
        if n == 0:
            return None
        norms = self._norms[:n]
        scores = (self._sums[:n] @ vector) / np.maximum(norms, 1e-12)
        scores[self._counts[:n] == 0] = -np.inf
        for theme_id in exclude:
            if theme_id in self._slots:
                scores[self._slots[theme_id]] = -np.inf
        best = int(np.argmax(scores))
        if not np.isfinite(scores[best]):
            return None
        return Nearest(self._ids[best], float(scores[best]))

    def topicality(self) -> np.ndarray | None:
        """Per hashed slot, 0..1: how much more its weight gathers in a few themes than the
        themes' sizes alone would gather it (None before the first theme).

        With the slot's weights over the themes w_T, its concentration is
        sum(w_T^2) / sum(w_T)^2, and that of the themes' sizes n_T the same in n_T. A word
        used alike by every problem spreads like the sizes (topicality 0); a word held by
        one theme has concentration 1 (topicality 1). A slot no theme holds counts 1."""
        if self._size <= 0:
            return None
        expected = self._size_sq / (self._size * self._size)
        mass = np.maximum(self._mass, 0.0)
        held = mass > 1e-9
        concentration = np.divide(self._mass_sq, mass * mass, out=np.ones_like(mass), where=held)
        if expected >= 1.0 - 1e-9:  # one theme: no word tells one theme from another yet
            return np.where(held, 0.0, 1.0).astype(np.float32)
        topical = (concentration - expected) / (1.0 - expected)
        clipped: np.ndarray = np.clip(topical, 0.0, 1.0).astype(np.float32)
        return clipped

    def live(self) -> LiveThemes:
        """A copy of the live themes (what a merge pass works on)."""
        n = len(self._ids)
        keep = np.flatnonzero(self._counts[:n] > 0)
        return LiveThemes(
            [self._ids[i] for i in keep],
            self._counts[keep].copy(),
            self._sums[keep].copy(),
            self._revisions[keep].copy(),
        )
