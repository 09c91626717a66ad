"""Fitting the problem classifier, with figures from cross-validation grouped by subreddit.

`train` does, in this order:
1. cross-validation over `FOLDS` folds in which no subreddit is both trained on and
   tested (a model that learns "r/pics is negative" gains nothing here), giving every
   post a held-out raw score;
2. a Platt calibration of those held-out scores over the question-like posts (a '?' in
   the title, or a body), weighted so that one post in five is problem-first: the kind
   of stream problem-oriented subreddits give, where the filter matters most;
3. the threshold: the lowest calibrated score whose held-out precision, estimated for
   that stream (see harbor.detector.metrics), stays at or above `PRECISION_GOAL`, so
   recall is as high as that precision allows;
4. the final fit on every post. The figures of steps 1-3 travel with the model.

Posts marked `unsure` weigh half, question-like posts double (the stream is made of
them, and telling a question about one's own problem from a question to the crowd is
the hard part). Hyper-parameters were chosen by the same grouped
cross-validation on shared/labels/dev.jsonl (see docs/DETECTOR.md).
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from harbor.collect.problem_filter import ProblemFilter
from harbor.detector.classifier import ProblemClassifier, fit_block, weigh
from harbor.detector.features import BLOCKS, block_counts, signal_matrix
from harbor.detector.labelled import LabelledPost
from harbor.detector.metrics import curve_figures, question_like, stream_precision
from harbor.errors import ConfigError

__all__ = ["PRECISION_GOAL", "TrainingResult", "id_digest", "train"]

log = logging.getLogger(__name__)

FOLDS = 5
MIN_DF = {"words": 2, "title": 2, "chars": 3}
C = 3.0
KIND_C = 0.3  # the kind model has 200-odd posts to learn from: a stronger prior
SIGNAL_WEIGHT = 0.05
UNSURE_WEIGHT = 0.5
QUESTION_WEIGHT = 2.0
TARGET_PREVALENCE = 0.2
PRECISION_GOAL = 0.82
START_RECALL = 0.25
MIN_POSITIVES = 20


@dataclass(frozen=True)
class TrainingResult:
    """The fitted classifier and the held-out figures it was chosen by."""

    classifier: ProblemClassifier
    figures: dict[str, Any]
    held_out: np.ndarray  # each post's calibrated score from the fold that held it out


def id_digest(post_id: str) -> int:
    """A 64-bit digest of a post id: the model remembers what it was trained on by these."""
    return int.from_bytes(hashlib.blake2b(post_id.encode(), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class _Inputs:
    counts: dict[str, csr_matrix]
    signals: np.ndarray
    y: np.ndarray
    kinds: np.ndarray
    weight: np.ndarray


def _fit(inputs: _Inputs, rows: np.ndarray, lexicon: ProblemFilter) -> ProblemClassifier:
    blocks = {b: fit_block(inputs.counts[b][rows], MIN_DF[b]) for b in BLOCKS}
    signals = inputs.signals[rows]
    mean = signals.mean(axis=0)
    scale = signals.std(axis=0)
    scale[scale == 0] = 1.0
    model = ProblemClassifier(
        blocks=blocks,
        signal_mean=mean,
        signal_scale=scale,
        signal_weight=SIGNAL_WEIGHT,
        coef=np.zeros(0),
        intercept=0.0,
        calibration=(1.0, 0.0),
        threshold=0.5,
        lexicon=lexicon,
    )
    x = _matrix(model, inputs, rows)
    y = inputs.y[rows]
    fitted = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    fitted.fit(x, y, sample_weight=inputs.weight[rows])
    model.coef = fitted.coef_.ravel()
    model.intercept = float(fitted.intercept_[0])
    positive = y == 1
    kinds = sorted(set(inputs.kinds[rows][positive]))
    if len(kinds) > 1:
        kind_model = LogisticRegression(C=KIND_C, class_weight="balanced", max_iter=5000)
        kind_model.fit(x[positive], inputs.kinds[rows][positive])
        model.kinds = tuple(str(k) for k in kind_model.classes_)
        model.kind_coef = kind_model.coef_
        model.kind_intercept = kind_model.intercept_
        if len(kinds) == 2:  # sklearn gives one row for two classes: make it two
            model.kind_coef = np.vstack([-kind_model.coef_, kind_model.coef_])
            model.kind_intercept = np.array([-kind_model.intercept_[0], kind_model.intercept_[0]])
    elif kinds:
        model.kinds = (str(kinds[0]),)
        model.kind_coef = np.zeros((1, x.shape[1]))
        model.kind_intercept = np.zeros(1)
    return model


def _matrix(model: ProblemClassifier, inputs: _Inputs, rows: np.ndarray) -> csr_matrix:
    parts = [weigh(inputs.counts[b][rows], model.blocks[b]) for b in BLOCKS]
    parts.append(csr_matrix(model.scaled_signals(inputs.signals[rows])))
    return csr_matrix(hstack(parts, format="csr"))


def _platt(raw: np.ndarray, y: np.ndarray, weight: np.ndarray) -> tuple[float, float]:
    fitted = LogisticRegression(C=1e6, max_iter=5000)
    fitted.fit(raw.reshape(-1, 1), y, sample_weight=weight)
    return float(fitted.coef_[0, 0]), float(fitted.intercept_[0])


def _stream_weights(y: np.ndarray, asks: np.ndarray) -> np.ndarray:
    """Weights over the question-like posts that make one in five of them positive."""
    pos, neg = (y == 1) & asks, (y == 0) & asks
    weight = np.zeros(len(y))
    weight[pos] = TARGET_PREVALENCE / max(pos.sum(), 1)
    weight[neg] = (1 - TARGET_PREVALENCE) / max(neg.sum(), 1)
    return weight * len(y)


def _threshold(score: np.ndarray, y: np.ndarray, asks: np.ndarray) -> float:
    """The lowest score down to which the estimated stream precision stays at or above
    PRECISION_GOAL. The scan starts once a quarter of the positives are kept (the first
    few posts say little) and stops at the first dip, so a lucky bump further down
    cannot pull the threshold below it."""
    positive = (y == 1) & asks
    candidates = np.unique(np.round(score[positive], 6))[::-1]
    best = float(candidates[0]) if len(candidates) else 0.5
    for t in candidates:
        kept = score >= t
        if kept[positive].mean() < START_RECALL:
            best = float(t)
            continue
        if stream_precision(kept, y, asks, TARGET_PREVALENCE) < PRECISION_GOAL:
            break
        best = float(t)
    return best


def train(
    posts: Sequence[LabelledPost], lexicon: ProblemFilter, *, seed: int = 0
) -> TrainingResult:
    """Cross-validate, calibrate, pick the threshold, fit on everything (see module doc)."""
    y = np.array([p.label for p in posts])
    positives = int(y.sum())
    if positives < MIN_POSITIVES or len(y) - positives < MIN_POSITIVES:
        raise ConfigError(
            f"training needs at least {MIN_POSITIVES} posts of each label "
            f"(got {positives} positive, {len(y) - positives} negative)"
        )
    groups = np.array([(p.subreddit or p.id).lower() for p in posts])
    texts = [p.text for p in posts]
    asks = np.array([question_like(t) for t in texts])
    inputs = _Inputs(
        counts={b: block_counts(b, texts) for b in BLOCKS},
        signals=signal_matrix(texts, lexicon),
        y=y,
        kinds=np.array([p.kind for p in posts]),
        weight=np.where([p.unsure for p in posts], UNSURE_WEIGHT, 1.0)
        * np.where(asks, QUESTION_WEIGHT, 1.0),
    )
    folds = min(FOLDS, len(set(groups)))
    if folds < 2:
        raise ConfigError("training needs posts from at least two subreddits (folds by subreddit)")
    raw = np.zeros(len(y))
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for number, (train_rows, test_rows) in enumerate(splitter.split(texts, y, groups), 1):
        model = _fit(inputs, train_rows, lexicon)
        raw[test_rows] = model.raw(_matrix(model, inputs, test_rows))
        log.info("fold %d of %d: %d posts held out", number, folds, len(test_rows))
    calibration = _platt(raw, y, _stream_weights(y, asks))
    final = _fit(inputs, np.arange(len(y)), lexicon)
    final.calibration = calibration
    held_out = final.calibrate(raw)
    final.threshold = _threshold(held_out, y, asks)
    figures = curve_figures(held_out, y, asks, final.threshold, TARGET_PREVALENCE)
    figures.update(
        n=len(y),
        positives=positives,
        unsure=int(sum(p.unsure for p in posts)),
        subreddits=len(set(groups)),
        folds=folds,
        kinds=dict(Counter(p.kind for p in posts if p.label == 1)),
        precision_goal=PRECISION_GOAL,
        target_prevalence=TARGET_PREVALENCE,
    )
    return TrainingResult(final, figures, held_out)
