"""`harbor filter eval`: the detector in effect against a labelled file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from harbor.detector import ProblemDetector
from harbor.detector.labelled import LabelledPost
from harbor.detector.metrics import curve_figures, grouped_figures, question_like
from harbor.detector.training import TARGET_PREVALENCE, id_digest

__all__ = ["evaluate"]


def evaluate(detector: ProblemDetector, posts: Sequence[LabelledPost]) -> dict[str, Any]:
    """Precision, recall, f1 and the rest at the threshold in effect; per kind and subreddit.

    `seen_in_training` counts the posts the model was trained on: figures over those are
    optimistic, and the report says so.
    """
    texts = [p.text for p in posts]
    verdicts = detector.judge(texts)
    score = np.array([v.score for v in verdicts])
    kept = np.array([v.kept for v in verdicts])
    y = np.array([p.label for p in posts])
    asks = np.array([question_like(t) for t in texts])
    figures = curve_figures(score, y, asks, detector.threshold, TARGET_PREVALENCE)
    trained_on = detector.classifier.meta.get("trained_on")
    known = set(trained_on.tolist()) if trained_on is not None else set()
    positives = [i for i, p in enumerate(posts) if p.label == 1]
    by_kind = {
        kind: {
            "positives": len(members),
            "kept": int(kept[members].sum()),
            "recall": round(float(kept[members].mean()), 4),
        }
        for kind in sorted({posts[i].kind for i in positives})
        if (members := [i for i in positives if posts[i].kind == kind])
    }
    figures.update(
        n=len(posts),
        positives=int(y.sum()),
        model=detector.model_version,
        seen_in_training=sum(id_digest(p.id) in known for p in posts),
        by_kind=by_kind,
        by_subreddit=grouped_figures(kept, y, [p.subreddit or "(none)" for p in posts]),
    )
    return figures
