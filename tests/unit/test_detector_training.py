"""Training the classifier and the figures it reports, on the project's own written posts.

tests/data/labelled_posts.jsonl was written by the project: fine for checking that
training works, never for judging the detector (the figures that matter come from real
posts, see docs/DETECTOR.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from harbor.collect.problem_filter import default_filter
from harbor.detector.artifact import read_model, write_model
from harbor.detector.labelled import LabelledPost
from harbor.detector.metrics import precision_at_recall, stream_precision
from harbor.detector.training import train
from harbor.errors import ConfigError

WRITTEN = Path(__file__).parents[1] / "data" / "labelled_posts.jsonl"


def written_posts() -> list[LabelledPost]:
    rows = [json.loads(line) for line in WRITTEN.read_text(encoding="utf-8").splitlines()]
    return [
        LabelledPost(
            id=r["id"],
            title=r["title"],
            selftext=r["selftext"],
            label=int(r["pain"]),
            subreddit=r["subreddit"],
            kind="pain" if r["pain"] else "none",
        )
        for r in rows
    ]


@pytest.fixture(scope="module")
def trained() -> tuple[list[LabelledPost], object]:
    posts = written_posts()
    return posts, train(posts, default_filter())


def test_training_reports_held_out_figures_and_picks_a_threshold(trained: tuple) -> None:
    posts, result = trained
    figures = result.figures
    for key in ("precision", "recall", "f1", "threshold", "n", "positives", "keep_rate"):
        assert key in figures
    assert figures["n"] == len(posts)
    assert figures["positives"] == sum(p.label for p in posts)
    assert 0.0 < figures["threshold"] < 1.0
    assert figures["threshold"] == result.classifier.threshold
    assert set(figures["precision_at_recall"]) == {"0.6", "0.8"}
    # held-out scores, one per post, and every one a probability
    assert result.held_out.shape == (len(posts),)
    assert ((result.held_out >= 0) & (result.held_out <= 1)).all()
    # the written set is easy: a classifier that learned nothing would be near 0.5 here
    assert figures["average_precision"] > 0.8


def test_training_is_reproducible(trained: tuple, tmp_path: Path) -> None:
    posts, first = trained
    second = train(posts, default_filter())
    a = write_model(first.classifier, tmp_path / "a.npz", figures={}, trained_on=[])
    b = write_model(second.classifier, tmp_path / "b.npz", figures={}, trained_on=[])
    assert a == b
    assert np.array_equal(first.held_out, second.held_out)
    assert read_model(tmp_path / "a.npz").threshold == first.classifier.threshold


def test_training_refuses_too_few_positives_or_a_single_subreddit() -> None:
    posts = written_posts()
    negatives = [p for p in posts if p.label == 0]
    with pytest.raises(ConfigError, match="at least 20 posts of each label"):
        train([*negatives, *[p for p in posts if p.label][:5]], default_filter())
    one_subreddit = [LabelledPost(**{**p.__dict__, "subreddit": "same"}) for p in posts]
    with pytest.raises(ConfigError, match="at least two subreddits"):
        train(one_subreddit, default_filter())


def test_stream_precision_is_recall_weighed_against_question_like_false_positives() -> None:
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    asks = np.array([True, True, True, True, True, True, True, True, False, False])
    kept = np.array([True, True, True, False, True, False, False, False, True, True])
    # recall 3/4 among question-like positives; 1 of 4 question-like negatives kept
    expected = 0.75 * 0.2 / (0.75 * 0.2 + 0.25 * 0.8)
    assert stream_precision(kept, y, asks, 0.2) == pytest.approx(expected)


def test_precision_at_recall_is_the_best_precision_that_keeps_enough_positives() -> None:
    y = np.array([1, 0, 1, 0, 1, 0])
    score = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.1])
    assert precision_at_recall(score, y, 0.6) == pytest.approx(2 / 3)
    assert precision_at_recall(score, y, 1.0) == pytest.approx(3 / 5)
    assert precision_at_recall(score, y, 0.3) == pytest.approx(1.0)
