"""Record the shipped detector's decisions on tests/data/detector_sample.jsonl.

Run after training a new shipped model (`make model` does both): the unit test
tests/unit/test_detector_model.py checks that the shipped model file reproduces them.
"""

from __future__ import annotations

import json
from pathlib import Path

from harbor.collect.problem_filter import default_filter
from harbor.detector import ProblemDetector, builtin_model_path, load_classifier
from harbor.detector.labelled import parse_labelled

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "detector_sample.jsonl"
RECORDED = ROOT / "tests" / "data" / "detector_sample.decisions.json"


def main() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    posts = parse_labelled((json.dumps({**r, "label": 0}) for r in rows), str(SAMPLE))
    detector = ProblemDetector(load_classifier(builtin_model_path()), default_filter())
    verdicts = detector.judge([p.text for p in posts])
    decisions = {
        p.id: {"score": v.score, "kept": v.kept, "category": v.category}
        for p, v in zip(posts, verdicts, strict=True)
    }
    record = {"model": detector.model_version, "threshold": detector.threshold, "posts": decisions}
    RECORDED.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"recorded {len(decisions)} decisions of {detector.model_version} in {RECORDED}")


if __name__ == "__main__":
    main()
