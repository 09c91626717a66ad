"""Precision, recall and friends for a detector's scores on labelled posts.

Two views are reported. `precision` and `recall` are what the labelled file itself says
at the threshold. `stream_precision` and `stream_recall` estimate them for a stream of
question-like posts (a '?' in the title, or a body) in which one post in five is
problem-first, the mix of problem-oriented subreddits: from the file's question-like
posts only, the recall among its positives (R) and the false positive rate among its
negatives (F), precision = 0.2 R / (0.2 R + 0.8 F). A file of mostly pictures and links
makes easy negatives look solved and the prevalence look low; the stream estimate is the
figure to hold a detector to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from harbor.detector.features import PostText

__all__ = [
    "curve_figures",
    "grouped_figures",
    "precision_at_recall",
    "question_like",
    "stream_precision",
    "stream_recall",
]

QUESTION_BODY_CHARS = 30


def question_like(post: PostText) -> bool:
    """A post that asks something or says something: '?' in the title, or a body."""
    return "?" in post.title or len(post.body.strip()) > QUESTION_BODY_CHARS


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b else 0.0


def stream_precision(kept: np.ndarray, y: np.ndarray, asks: np.ndarray, prevalence: float) -> float:
    """Estimated precision of `kept` on a question-like stream with this prevalence."""
    tpr = stream_recall(kept, y, asks)
    negatives = (y == 0) & asks
    fpr = kept[negatives].mean() if negatives.any() else 0.0
    return _ratio(tpr * prevalence, tpr * prevalence + fpr * (1 - prevalence))


def stream_recall(kept: np.ndarray, y: np.ndarray, asks: np.ndarray) -> float:
    """Recall among the question-like positives."""
    positives = (y == 1) & asks
    return float(kept[positives].mean()) if positives.any() else 0.0


def precision_at_recall(
    score: np.ndarray,
    y: np.ndarray,
    goal: float,
    asks: np.ndarray | None = None,
    prevalence: float = 0.2,
) -> float:
    """The best precision at any threshold that keeps at least `goal` of the positives
    (the stream estimates, over question-like posts, when `asks` is given)."""
    best = 0.0
    positive = (y == 1) if asks is None else (y == 1) & asks
    if not positive.any():
        return 0.0
    for t in np.unique(score[positive]):
        kept = score >= t
        if kept[positive].mean() < goal:
            continue
        if asks is None:
            value = _ratio(float((kept & (y == 1)).sum()), float(kept.sum()))
        else:
            value = stream_precision(kept, y, asks, prevalence)
        best = max(best, value)
    return best


def _average_precision(score: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(-score, kind="stable")
    hits = (y[order] == 1).astype(float)
    if not hits.sum():
        return 0.0
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def curve_figures(
    score: np.ndarray,
    y: np.ndarray,
    asks: np.ndarray,
    threshold: float,
    prevalence: float = 0.2,
) -> dict[str, Any]:
    """The figures at `threshold` and over the whole curve, as plain numbers."""
    kept = score >= threshold
    tp = float((kept & (y == 1)).sum())
    precision = _ratio(tp, float(kept.sum()))
    recall = _ratio(tp, float((y == 1).sum()))
    return {
        "threshold": round(float(threshold), 6),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_ratio(2 * precision * recall, precision + recall), 4),
        "keep_rate": round(float(kept.mean()) if len(kept) else 0.0, 4),
        "stream_precision": round(stream_precision(kept, y, asks, prevalence), 4),
        "stream_recall": round(stream_recall(kept, y, asks), 4),
        "average_precision": round(_average_precision(score, y), 4),
        "precision_at_recall": {
            "0.6": round(precision_at_recall(score, y, 0.6), 4),
            "0.8": round(precision_at_recall(score, y, 0.8), 4),
        },
        "stream_precision_at_recall": {
            "0.6": round(precision_at_recall(score, y, 0.6, asks, prevalence), 4),
            "0.8": round(precision_at_recall(score, y, 0.8, asks, prevalence), 4),
        },
    }


def grouped_figures(
    kept: np.ndarray, y: np.ndarray, keys: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """n, positives, kept, precision and recall for each key (a kind, a subreddit)."""
    out: dict[str, dict[str, Any]] = {}
    labels = np.array(keys)
    for key in sorted(set(keys)):
        mask = labels == key
        tp = float((kept[mask] & (y[mask] == 1)).sum())
        out[key] = {
            "n": int(mask.sum()),
            "positives": int((y[mask] == 1).sum()),
            "kept": int(kept[mask].sum()),
            "precision": round(_ratio(tp, float(kept[mask].sum())), 4),
            "recall": round(_ratio(tp, float((y[mask] == 1).sum())), 4),
        }
    return out
