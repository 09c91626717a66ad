"""The model file: the shipped one loads fast and decides as recorded; bad files are refused."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from harbor.collect.problem_filter import default_filter
from harbor.detector import (
    ModelFileError,
    PostText,
    ProblemDetector,
    builtin_model_path,
    load_classifier,
    load_detector,
)
from harbor.detector.artifact import read_model, write_model
from harbor.detector.labelled import parse_labelled
from harbor.settings import Settings

DATA = Path(__file__).parents[1] / "data"
SAMPLE = DATA / "detector_sample.jsonl"
RECORDED = DATA / "detector_sample.decisions.json"


def sample_posts() -> list[PostText]:
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    posts = parse_labelled((json.dumps({**r, "label": 0}) for r in rows), str(SAMPLE))
    return [p.text for p in posts]


def test_the_shipped_model_loads_in_well_under_a_second() -> None:
    started = time.perf_counter()
    model = read_model(builtin_model_path())
    assert time.perf_counter() - started < 1.0
    assert model.meta["version"].startswith("pc")
    assert 0.0 < model.threshold < 1.0


def test_the_shipped_model_reproduces_its_recorded_decisions() -> None:
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    detector = ProblemDetector(load_classifier(builtin_model_path()), default_filter())
    assert detector.model_version == recorded["model"], (
        "the shipped model changed: run `make model` to train it and record its decisions"
    )
    verdicts = detector.judge(sample_posts())
    for (post_id, expected), verdict in zip(recorded["posts"].items(), verdicts, strict=True):
        assert verdict.score == pytest.approx(expected["score"], abs=1e-5), post_id
        assert (verdict.kept, verdict.category) == (expected["kept"], expected["category"])
    # the sample was written to have both: a test that cannot fail would keep all or none
    assert {v.kept for v in verdicts} == {True, False}


def test_a_model_file_round_trips_and_holds_no_text(tmp_path: Path) -> None:
    model = read_model(builtin_model_path())
    path = tmp_path / "copy.npz"
    trained_on = model.meta["trained_on"].tolist()
    version = write_model(model, path, figures={"n": 1}, trained_on=trained_on)
    again = read_model(path)
    posts = sample_posts()
    assert np.allclose(again.scores(posts), model.scores(posts))
    assert version == again.meta["version"] == model.meta["version"]
    assert json.loads(path.with_suffix(".json").read_text())["figures"] == {"n": 1}
    with np.load(path, allow_pickle=False) as archive:
        # numbers only: no strings, no objects (and so no pickles), no vocabulary
        assert {archive[name].dtype.kind for name in archive.files} <= set("iuf")
    # and no word of the text of a post, anywhere in the file, even compressed away
    with zipfile.ZipFile(path) as archive:
        raw = b"".join(archive.read(name) for name in archive.namelist() if name != "meta.npy")
    for word in (b"invoice", b"router", b"please", b"wifi"):
        assert word not in raw
    assert again.meta["trained_on"].tolist() == sorted(trained_on)
    # the version names the weights and the training posts: other posts, another version
    assert write_model(model, tmp_path / "b.npz", figures={}, trained_on=[1]) != version


def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _npz(tmp_path: Path, name: str, **arrays: np.ndarray) -> Path:
    path = tmp_path / name
    with path.open("wb") as handle:
        np.savez(handle, **arrays)  # type: ignore[arg-type]
    return path


def test_a_missing_corrupt_or_foreign_model_file_is_refused_by_name(tmp_path: Path) -> None:
    good = builtin_model_path().read_bytes()
    meta = json.loads(bytes(np.load(builtin_model_path())["meta"]).decode())
    cases = {
        tmp_path / "absent.npz": "does not exist",
        _bad(tmp_path, "text.npz", b"not a model at all"): "not a NumPy .npz archive",
        _bad(tmp_path, "cut.npz", good[: len(good) // 2]): "not a NumPy .npz archive",
        _npz(tmp_path, "other.npz", weights=np.zeros(3)): "no header",
        _npz(
            tmp_path,
            "old.npz",
            meta=np.frombuffer(json.dumps({**meta, "features_version": 0}).encode(), np.uint8),
        ): "train it again",
        _npz(
            tmp_path,
            "foreign.npz",
            meta=np.frombuffer(json.dumps({"format": "something-else"}).encode(), np.uint8),
        ): "is not a redditharbor-problem-classifier model",
        _npz(tmp_path, "hollow.npz", meta=np.frombuffer(json.dumps(meta).encode(), np.uint8)): (
            "is corrupt"
        ),
    }
    for path, why in cases.items():
        with pytest.raises(ModelFileError) as raised:
            load_classifier(path)
        message = str(raised.value)
        assert message.startswith(f"HARBOR_FILTER_MODEL: {str(path)!r}"), message
        assert why in message, message


def test_the_threshold_in_effect_decides_and_can_be_set(tmp_path: Path) -> None:
    posts = sample_posts()
    shipped = load_detector(Settings.from_env({}))
    scores = [v.score for v in shipped.judge(posts)]
    assert shipped.threshold == shipped.classifier.threshold
    assert [v.kept for v in shipped.judge(posts)] == [s >= shipped.threshold for s in scores]
    strict = load_detector(Settings.from_env({"HARBOR_FILTER_THRESHOLD": "0.999"}))
    assert strict.threshold == 0.999
    assert [v.kept for v in strict.judge(posts)] == [s >= 0.999 for s in scores]
    everything = load_detector(Settings.from_env({"HARBOR_FILTER_THRESHOLD": "0"}))
    assert all(v.kept for v in everything.judge(posts))


def test_another_model_file_is_used_when_harbor_filter_model_names_it(tmp_path: Path) -> None:
    model = read_model(builtin_model_path())
    model.threshold = 0.05
    path = tmp_path / "mine.npz"
    version = write_model(model, path, figures={}, trained_on=[])
    detector = load_detector(Settings.from_env({"HARBOR_FILTER_MODEL": str(path)}))
    assert detector.threshold == 0.05
    assert detector.model_version == version


def test_the_lexicon_in_effect_explains_but_does_not_decide(tmp_path: Path) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("threshold = 1\n1 pain [sunset] sunset\n", encoding="utf-8")
    edited = load_detector(Settings.from_env({"HARBOR_KEYWORDS": str(mine)}))
    shipped = load_detector(Settings.from_env({}))
    post = PostText.of("Sunset over the harbour last night", "", False, "https://i.redd.it/a.jpg")
    [mine_verdict], [shipped_verdict] = edited.judge([post]), shipped.judge([post])
    assert mine_verdict.matched == ["sunset"]
    assert (mine_verdict.score, mine_verdict.kept) == (shipped_verdict.score, shipped_verdict.kept)
