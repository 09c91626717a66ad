"""The themes a process compares new posts with: every live theme's summed vector, in memory.

A theme's score for a post is average linkage: the mean similarity between the post and
the theme's members, which the sum of the members' vectors gives in one dot product
(`post . sum / members`). A post joins the theme with the highest score when it reaches
JOIN_BOUND; two themes merge when their own average linkage (`sum_a . sum_b / (n_a n_b)`)
reaches the same bound, the smaller going into the larger. The bound is one number on
one scale for both, so the order in which posts arrive matters little for what ends up
together.

The index is a cache of the `themes` table: `apply` takes rows read from Postgres (only
those written since the last read, by revision), never a decision of its own, so a
transaction that did not commit leaves nothing behind in it.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from harbor.themes.embedding import DIMS

__all__ = ["JOIN_BOUND", "Nearest", "ThemeIndex", "ThemeRow"]

JOIN_BOUND = 0.12


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
    """The best theme for a vector and its average-linkage score."""

    theme_id: str
    score: float


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
        self._counts = np.zeros(self._capacity, dtype=np.float32)
        self._ids: list[str] = []
        self._slots: dict[str, int] = {}

    def __len__(self) -> int:
        return int(np.count_nonzero(self._counts[: len(self._ids)]))

    @property
    def nbytes(self) -> int:
        """Memory held by the vectors."""
        return int(self._sums.nbytes + self._counts.nbytes)

    def _slot(self, theme_id: str) -> int:
        slot = self._slots.get(theme_id)
        if slot is not None:
            return slot
        slot = len(self._ids)
        if slot == self._sums.shape[0]:
            grow = max(256, slot)
            self._sums = np.vstack([self._sums, np.zeros((grow, DIMS), dtype=np.float32)])
            self._counts = np.concatenate([self._counts, np.zeros(grow, dtype=np.float32)])
        self._ids.append(theme_id)
        self._slots[theme_id] = slot
        return slot

    def apply(self, rows: list[ThemeRow]) -> None:
        """Take stored rows (new or changed themes); a merged theme leaves the index."""
        for row in rows:
            slot = self._slot(row.theme_id)
            if row.merged_into is not None or row.posts <= 0:
                self._counts[slot] = 0.0
                self._sums[slot] = 0.0
            else:
                self._sums[slot] = np.frombuffer(row.vector, dtype=np.float32)
                self._counts[slot] = float(row.posts)
            self.revision = max(self.revision, row.revision)

    def nearest(self, vector: np.ndarray, exclude: Collection[str] = ()) -> Nearest | None:
        """The live theme whose members are on average most similar to `vector`."""
        n = len(self._ids)
        if n == 0:
            return None
        counts = self._counts[:n]
        scores = (self._sums[:n] @ vector) / np.maximum(counts, 1.0)
        scores[counts == 0] = -np.inf
        for theme_id in exclude:
            if theme_id in self._slots:
                scores[self._slots[theme_id]] = -np.inf
        best = int(np.argmax(scores))
        if not np.isfinite(scores[best]):
            return None
        return Nearest(self._ids[best], float(scores[best]))

    def closest_theme(
        self, total: np.ndarray, posts: int, exclude: Collection[str]
    ) -> Nearest | None:
        """The live theme with the highest average linkage to a theme of `posts` members
        whose summed vector is `total` (`sum_a . sum_b / (n_a n_b)`), `exclude` left out."""
        return self.nearest(total / max(posts, 1), exclude=exclude)
