"""The problem detector: is this post problem-first? A learned classifier decides; the
lexicon explains.

    detector = load_detector(settings)       # once per process; refuses a bad model file
    verdicts = detector.judge([PostText.of(title, selftext, is_self, url), ...])
    verdicts[0].kept, verdicts[0].score, verdicts[0].matched, verdicts[0].kind

- `score` (stored as `submissions.filter_score`) is the classifier's calibrated
  probability that the post is problem-first; the post is kept when it reaches the
  threshold (HARBOR_FILTER_THRESHOLD, else the model's own). `model_version` is stored as
  `filter_model`.
- `matched` (stored as `matched_keywords`) lists what the lexicon in effect (the built-in
  one or HARBOR_KEYWORDS' file) matched: the explanation a person can read and edit. The
  classifier reads the lexicon it was trained with, kept inside its model file, so editing
  the lexicon changes the explanations at once and the decisions after `harbor filter train`.
- `kind` is the kind of problem the post would state (pain, solution_request, advice,
  money_talk) and `category` the same for a kept post, 'other' for one that is not:
  the offline scorer's category.

The shipped model (`harbor/detector/model/`) is trained on real Reddit posts labelled by
people (`harbor filter train`, see docs/DETECTOR.md for the command and its figures).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from harbor.collect.problem_filter import ProblemFilter, load_filter
from harbor.detector.artifact import ModelFileError, read_model
from harbor.detector.classifier import ProblemClassifier
from harbor.detector.features import PostText, lexicon_decisions
from harbor.settings import Settings

__all__ = [
    "ModelFileError",
    "PostText",
    "ProblemDetector",
    "Verdict",
    "builtin_model_path",
    "load_detector",
]

log = logging.getLogger(__name__)

MODEL_FILE = "problem-classifier.npz"


@dataclass(frozen=True)
class Verdict:
    """The detector's decision on one post, with what explains it."""

    kept: bool
    score: float
    matched: list[str] = field(default_factory=list)
    kind: str = "advice"

    @property
    def category(self) -> str:
        """The kind of a kept post; 'other' for a post that is not problem-first."""
        return self.kind if self.kept else "other"


class ProblemDetector:
    """A loaded classifier, the threshold in effect and the lexicon that explains."""

    def __init__(
        self,
        classifier: ProblemClassifier,
        explainer: ProblemFilter,
        threshold: float | None = None,
    ) -> None:
        self.classifier = classifier
        self.explainer = explainer
        self.threshold = classifier.threshold if threshold is None else threshold
        # the usual case: the lexicon in effect is the one the model was trained with, and
        # one match per post serves as signal and as explanation
        self._explained_by_model = explainer.lexicon == classifier.lexicon.lexicon

    @property
    def model_version(self) -> str:
        """The model's version string (stored in `filter_model`)."""
        return str(self.classifier.meta.get("version", "unversioned"))

    def judge(self, posts: Sequence[PostText]) -> list[Verdict]:
        """One verdict per post, in order; never raises for odd text."""
        if not posts:
            return []
        model = self.classifier
        decisions = lexicon_decisions(posts, model.lexicon)
        features = model.features(posts, decisions)
        scores = model.calibrate(model.raw(features))
        kinds = model.kinds_of(features)
        if not self._explained_by_model:
            decisions = lexicon_decisions(posts, self.explainer)
        return [
            Verdict(bool(score >= self.threshold), round(float(score), 6), d.matched, kind)
            for score, kind, d in zip(scores, kinds, decisions, strict=True)
        ]

    def kept_ids(self, rows: Iterable[Mapping[str, Any]]) -> set[str]:
        """The ids of the rows (Reddit's fields: id, title, selftext...) that would be kept."""
        batch = list(rows)
        verdicts = self.judge([PostText.from_row(row) for row in batch])
        return {str(row["id"]) for row, v in zip(batch, verdicts, strict=True) if v.kept}

    def judge_one(
        self, title: str, selftext: str, is_self: bool | None = None, url: str = ""
    ) -> Verdict:
        """The verdict on a single post."""
        return self.judge([PostText.of(title, selftext, is_self, url)])[0]


def builtin_model_path() -> Path:
    """Where the shipped model lives inside the package."""
    return Path(str(resources.files("harbor.detector").joinpath("model", MODEL_FILE)))


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, size: int) -> ProblemClassifier:
    classifier = read_model(Path(path))
    log.debug("problem classifier %s loaded from %s", classifier.meta.get("version"), path)
    return classifier


def load_classifier(path: Path) -> ProblemClassifier:
    """The classifier in `path`, read again only when the file changes."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ModelFileError(f"HARBOR_FILTER_MODEL: {str(path)!r} does not exist") from None
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def load_detector(settings: Settings) -> ProblemDetector:
    """The detector in effect: HARBOR_FILTER_MODEL (or the shipped model), the threshold of
    HARBOR_FILTER_THRESHOLD (or the model's), the lexicon of HARBOR_KEYWORDS (or the
    built-in one). A missing, corrupt or incompatible model raises ModelFileError."""
    classifier = load_classifier(settings.filter_model_path or builtin_model_path())
    return ProblemDetector(
        classifier, load_filter(settings.keywords_path), settings.filter_threshold
    )
