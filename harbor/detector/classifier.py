"""The learned problem classifier: linear weights over the features, calibrated to 0..1.

Each n-gram block is weighed like scikit-learn's TfidfVectorizer(sublinear_tf=True): a
bucket counts 1 + log(count) times its idf, buckets seen in fewer than `min_df` training
posts count nothing, and every block is scaled to unit length on its own. Signals are
standardised with the training posts' mean and spread, clipped to +-10 and scaled down
by `signal_weight` (a stronger prior on them than on the n-grams). A logistic regression
over all of it gives the raw score; a Platt calibration turns that into `filter_score`.
`weigh` is the one function both training and scoring use, so they cannot disagree.

A second, smaller linear model over the same features names the kind of a kept post
(advice, solution_request, pain, money_talk), which is the offline scorer's category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack

from harbor.collect.problem_filter import FilterDecision, ProblemFilter
from harbor.detector.features import BLOCKS, PostText, block_counts, signal_matrix

__all__ = ["BlockWeights", "ProblemClassifier", "fit_block", "weigh"]

SIGNAL_CLIP = 10.0


@dataclass(frozen=True)
class BlockWeights:
    """The buckets of one n-gram block that count (sorted), with their idf."""

    index: np.ndarray  # int64, sorted bucket numbers
    idf: np.ndarray  # float64, one per bucket in `index`


def fit_block(counts: csr_matrix, min_df: int) -> BlockWeights:
    """The buckets seen in at least `min_df` of the posts of `counts`, with smoothed idf."""
    present = counts.copy()
    present.data = np.ones_like(present.data)
    df = np.asarray(present.sum(axis=0)).ravel()
    index = np.flatnonzero(df >= min_df)
    n = counts.shape[0]
    idf = np.log((1.0 + n) / (1.0 + df[index])) + 1.0
    return BlockWeights(index.astype(np.int64), idf.astype(np.float64))


def weigh(counts: csr_matrix, weights: BlockWeights) -> csr_matrix:
    """`counts` as unit-length tf-idf rows over the buckets of `weights` (one column each)."""
    counts = counts.tocsr()
    counts.sum_duplicates()
    cols = counts.indices.astype(np.int64)
    pos = np.searchsorted(weights.index, cols)
    pos = np.minimum(pos, max(len(weights.index) - 1, 0))
    hit = weights.index[pos] == cols if len(weights.index) else np.zeros(len(cols), bool)
    values = (1.0 + np.log(counts.data)) * np.where(hit, weights.idf[pos], 0.0)
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=counts.shape[0]))
    keep = hit & (values != 0)
    scaled = values[keep] / norms[rows[keep]]
    return csr_matrix(
        (scaled, (rows[keep], pos[keep])), shape=(counts.shape[0], len(weights.index))
    )


@dataclass
class ProblemClassifier:
    """Everything needed to score posts; built by training or read from a model file."""

    blocks: dict[str, BlockWeights]
    signal_mean: np.ndarray
    signal_scale: np.ndarray
    signal_weight: float
    coef: np.ndarray  # over [blocks in BLOCKS order..., signals]
    intercept: float
    calibration: tuple[float, float]  # filter_score = sigmoid(a * raw + b)
    threshold: float
    lexicon: ProblemFilter
    kinds: tuple[str, ...] = ()
    kind_coef: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    kind_intercept: np.ndarray = field(default_factory=lambda: np.zeros(0))
    meta: dict[str, Any] = field(default_factory=dict)

    def features(
        self, posts: Sequence[PostText], decisions: Sequence[FilterDecision] | None = None
    ) -> csr_matrix:
        """The feature matrix the weights apply to, one row per post (`decisions`: this
        model's lexicon's decisions on the posts, when the caller has them already)."""
        parts = [weigh(block_counts(b, posts), self.blocks[b]) for b in BLOCKS]
        signals = signal_matrix(posts, self.lexicon, decisions)
        parts.append(csr_matrix(self.scaled_signals(signals)))
        return csr_matrix(hstack(parts, format="csr"))

    def scaled_signals(self, signals: np.ndarray) -> np.ndarray:
        """Signals standardised as in training, clipped, scaled by `signal_weight`."""
        z = (signals - self.signal_mean) / self.signal_scale
        scaled: np.ndarray = np.clip(z, -SIGNAL_CLIP, SIGNAL_CLIP) * self.signal_weight
        return scaled

    def raw(self, features: csr_matrix) -> np.ndarray:
        """The logistic regression's decision value of each row."""
        return np.asarray(features @ self.coef).ravel() + self.intercept

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        """Raw decision values as calibrated probabilities (filter_score)."""
        a, b = self.calibration
        return 1.0 / (1.0 + np.exp(-(a * raw + b)))

    def scores(self, posts: Sequence[PostText]) -> np.ndarray:
        """filter_score of each post, 0..1."""
        if not posts:
            return np.zeros(0)
        return self.calibrate(self.raw(self.features(posts)))

    def kinds_of(self, features: csr_matrix) -> list[str]:
        """The most likely kind of each row (meaningful for kept posts only)."""
        if not self.kinds:
            return ["advice"] * features.shape[0]
        logits = np.asarray(features @ self.kind_coef.T) + self.kind_intercept
        return [self.kinds[i] for i in np.argmax(logits, axis=1)]
