"""Signal benchmarks: how well each problem filter keeps the right real posts, and its cost.

On shared/labels/dev.jsonl (real Reddit posts labelled by people; HARBOR_LABELS points
elsewhere), with cross-validation grouped by subreddit: a subreddit is never both trained
on and tested. Three filters side by side:
- the seed's substring filter: keep a post whose lower-cased text contains one of its
  PROBLEM_KEYWORDS and none of its FILTER_OUT words (the project RedditHarbor grew from;
  the two lists are reproduced below as the baseline they were);
- the lexicon (harbor/collect/lexicon.txt) on its own, as release 0.1 filtered;
- the detector: in each fold, `harbor.detector.training.train` on the other folds (which
  picks its threshold by its own inner cross-validation) and applied to the held-out fold,
  so the threshold is chosen without ever seeing the posts it is measured on.
Precision and recall are reported as the file says and as estimated for a question-like
stream with one post in five problem-first (see harbor.detector.metrics). Then the
classifier's cost: per post in pages of 100 and one at a time, model load, memory added.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from bench.figures import Figure
from harbor.collect.problem_filter import default_filter
from harbor.detector import ProblemDetector, builtin_model_path, load_classifier
from harbor.detector.labelled import LabelledPost, read_labelled
from harbor.detector.metrics import question_like, stream_precision, stream_recall
from harbor.detector.training import TARGET_PREVALENCE, train

AREA = "signal"
LABELS = Path(__file__).resolve().parents[2] / "shared" / "labels" / "dev.jsonl"
FOLDS = 5

# the seed's lists, as it shipped them (its "I use"/"I do" never matched lower-cased text)
SEED_PROBLEM_KEYWORDS = (
    "struggle", "struggling", "struggled", "problem", "problems", "frustrated",
    "frustrating", "annoying", "annoyed", "difficult", "hard", "complicated", "confusing",
    "waste", "wasting", "manual process", "tedious", "tired of", "sick of", "i wish",
    "wish there was", "if only", "i need", "looking for", "any tool", "any app",
    "any solution", "pain point", "pain", "hate", "irksome", "aggravating", "irks",
    "can't figure out", "can't find", "unable to", "impossible", "time consuming", "slow",
    "workaround", "I use", "I do", "manual", "DIY", "I created", "I built", "I made",
)  # fmt: skip
SEED_FILTER_OUT = (
    "guide", "tutorial", "how to", "success", "success story", "I did it", "I achieved",
    "tips", "advice", "lessons learned", "my experience", "story time",
)  # fmt: skip


def seed_keeps(post: LabelledPost) -> bool:
    """The seed's rule: a problem keyword anywhere, no filter-out word anywhere."""
    text = f"{post.title} {post.selftext}".lower()
    return any(k in text for k in SEED_PROBLEM_KEYWORDS) and not any(
        k in text for k in SEED_FILTER_OUT
    )


def _figures(name: str, kept: np.ndarray, y: np.ndarray, asks: np.ndarray) -> list[Figure]:
    tp = float((kept & (y == 1)).sum())
    precision = tp / kept.sum() if kept.sum() else 0.0
    recall = tp / (y == 1).sum()
    sp = stream_precision(kept, y, asks, TARGET_PREVALENCE)
    sr = stream_recall(kept, y, asks)
    return [
        Figure(AREA, f"{name}: precision (the file as it is)", precision, "ratio"),
        Figure(AREA, f"{name}: recall", recall, "ratio"),
        Figure(AREA, f"{name}: keep rate", float(kept.mean()), "ratio"),
        Figure(AREA, f"{name}: stream precision (question-like, 1 in 5)", sp, "ratio",
               ">= 0.8 (detector)", sp >= 0.8 if name == "detector" else None),
        Figure(AREA, f"{name}: stream recall", sr, "ratio",
               ">= 0.6 (detector)", sr >= 0.6 if name == "detector" else None),
    ]  # fmt: skip


def _held_out_detector(posts: list[LabelledPost], y: np.ndarray) -> np.ndarray:
    kept = np.zeros(len(posts), dtype=bool)
    groups = np.array([(p.subreddit or p.id).lower() for p in posts])
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=1)
    lexicon = default_filter()
    for number, (train_rows, test_rows) in enumerate(splitter.split(posts, y, groups), 1):
        print(f"  signal: fold {number} of {FOLDS}", file=sys.stderr, flush=True)
        result = train([posts[i] for i in train_rows], lexicon)
        detector = ProblemDetector(result.classifier, lexicon)
        verdicts = detector.judge([posts[i].text for i in test_rows])
        kept[test_rows] = [v.kept for v in verdicts]
    return kept


_MEMORY_PROBE = """
import json, resource, sys
def rss():
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) for l in f if l.startswith('VmRSS')) / 1024
import harbor.collect.service  # what a collect worker has imported anyway
before = rss()
from harbor.collect.problem_filter import default_filter
from harbor.detector import ProblemDetector, PostText, builtin_model_path, load_classifier
detector = ProblemDetector(load_classifier(builtin_model_path()), default_filter())
posts = [PostText.of(f"How do I fix issue {i} with my invoices?", "It breaks " * 200)
         for i in range(100)]
for _ in range(20):
    detector.judge(posts)
print(json.dumps({"added_mb": rss() - before}))
"""


def _cost(posts: list[LabelledPost]) -> list[Figure]:
    started = time.perf_counter()
    classifier = load_classifier(builtin_model_path())
    load_s = time.perf_counter() - started
    detector = ProblemDetector(classifier, default_filter())
    texts = [p.text for p in posts]
    detector.judge(texts[:100])  # warm
    started = time.process_time()
    for i in range(0, len(texts), 100):
        detector.judge(texts[i : i + 100])
    per_post_ms = (time.process_time() - started) / len(texts) * 1000
    started = time.process_time()
    for text in texts[:300]:
        detector.judge([text])
    single_ms = (time.process_time() - started) / 300 * 1000
    probe = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE], capture_output=True, text=True, check=True
    )
    added = json.loads(probe.stdout)["added_mb"]
    size_mb = builtin_model_path().stat().st_size / 1e6
    name = "detector:"
    return [
        Figure(AREA, f"{name} CPU per post, pages of 100", per_post_ms, "ms", "<= 1",
               per_post_ms <= 1),
        Figure(AREA, f"{name} CPU per post, one at a time", single_ms, "ms"),
        Figure(AREA, f"{name} model load", load_s, "s", "<= 1", load_s <= 1),
        Figure(AREA, f"{name} worker RSS added (load + score)", added, "MB", "<= 150",
               added <= 150),
        Figure(AREA, f"{name} model file", size_mb, "MB"),
    ]  # fmt: skip


def run() -> list[Figure]:
    """The signal table; skipped with a line when the labelled file is not there."""
    path = Path(os.environ.get("HARBOR_LABELS", LABELS))
    if not path.is_file():
        print(f"signal: no labelled file at {path} (set HARBOR_LABELS)", file=sys.stderr)
        return []
    posts = read_labelled(path)
    y = np.array([p.label for p in posts])
    asks = np.array([question_like(p.text) for p in posts])
    lexicon = default_filter()
    figures = [Figure(AREA, "labelled real posts (problem-first)", len(posts), "posts")]
    figures += _figures("seed keywords", np.array([seed_keeps(p) for p in posts]), y, asks)
    lexicon_kept = np.array([lexicon.match(p.title, p.selftext).kept for p in posts])
    figures += _figures("lexicon", lexicon_kept, y, asks)
    figures += _figures("detector", _held_out_detector(posts, y), y, asks)
    figures += _cost(posts)
    return figures
