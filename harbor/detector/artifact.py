"""The model file: a NumPy .npz archive of weights with a JSON header, and nothing else.

What it holds: per n-gram block the bucket numbers that count, their idf and weights; the
signals' means, spreads and weights; the kind model; the calibration and threshold; the
lexicon the signals were computed with (our text, not Reddit's); the training figures;
and 64-bit digests of the training posts' ids (so `harbor filter eval` can say when it is
shown posts the model learned from). No Reddit text: the n-grams are hashed.

It is read without pickle (`allow_pickle=False`), so a model file cannot run code. Any
problem reading it raises ModelFileError, which names the file and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import sklearn

from harbor.collect.lexicon import parse_lexicon, render_lexicon
from harbor.collect.problem_filter import ProblemFilter
from harbor.detector.classifier import BlockWeights, ProblemClassifier
from harbor.detector.features import BLOCKS, FEATURES_VERSION, HASH_BUCKETS, signal_names
from harbor.errors import ConfigError

__all__ = ["FORMAT", "FORMAT_VERSION", "ModelFileError", "read_model", "write_model"]

FORMAT = "redditharbor-problem-classifier"
FORMAT_VERSION = 1


class ModelFileError(ConfigError):
    """The classifier's model file is missing, unreadable, corrupt or of another version."""


def _arrays(model: ProblemClassifier) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    start = 0
    for block in BLOCKS:
        weights = model.blocks[block]
        end = start + len(weights.index)
        arrays[f"{block}_index"] = weights.index.astype(np.int32)
        arrays[f"{block}_idf"] = weights.idf.astype(np.float32)
        arrays[f"{block}_coef"] = model.coef[start:end].astype(np.float32)
        arrays[f"{block}_kind_coef"] = model.kind_coef[:, start:end].astype(np.float32)
        start = end
    arrays["signal_mean"] = model.signal_mean.astype(np.float64)
    arrays["signal_scale"] = model.signal_scale.astype(np.float64)
    arrays["signal_coef"] = model.coef[start:].astype(np.float64)
    arrays["signal_kind_coef"] = model.kind_coef[:, start:].astype(np.float64)
    return arrays


def write_model(
    model: ProblemClassifier, path: Path, *, figures: dict[str, Any], trained_on: list[int]
) -> str:
    """Write `model` to `path` (atomically) and its figures beside it; return its version."""
    arrays = _arrays(model)
    arrays["trained_on"] = np.array(sorted(trained_on), dtype=np.uint64)
    digest = hashlib.sha256()
    for name in sorted(arrays):
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(arrays[name]).tobytes())
    version = f"pc{FEATURES_VERSION}-{digest.hexdigest()[:10]}"
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "features_version": FEATURES_VERSION,
        "hash_buckets": HASH_BUCKETS,
        "version": version,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scikit_learn": sklearn.__version__,
        "intercept": model.intercept,
        "calibration": list(model.calibration),
        "threshold": model.threshold,
        "signal_weight": model.signal_weight,
        "signals": signal_names(model.lexicon.lexicon.groups),
        "kinds": list(model.kinds),
        "kind_intercept": [float(v) for v in model.kind_intercept],
        "lexicon": render_lexicon(model.lexicon.lexicon),
        "figures": figures,
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as handle:
        np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]
    tmp.replace(path)
    summary = {k: meta[k] for k in ("version", "created_at", "threshold", "scikit_learn")}
    figures_path = path.with_suffix(".json")
    figures_path.write_text(json.dumps({**summary, "figures": figures}, indent=1) + "\n")
    return version


def _fail(path: Path, why: str) -> ModelFileError:
    return ModelFileError(f"HARBOR_FILTER_MODEL: {str(path)!r} {why}")


def _meta(path: Path, archive: Any) -> dict[str, Any]:
    if "meta" not in archive.files:
        raise _fail(path, f"is not a {FORMAT} model (no header)")
    try:
        meta = json.loads(bytes(archive["meta"]).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _fail(path, "has a corrupt header") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise _fail(path, f"is not a {FORMAT} model")
    if meta.get("format_version") != FORMAT_VERSION or meta.get("features_version") != (
        FEATURES_VERSION
    ):
        raise _fail(
            path,
            f"was made for format {meta.get('format_version')} / features "
            f"{meta.get('features_version')}; this release reads format {FORMAT_VERSION} / "
            f"features {FEATURES_VERSION}: train it again with `harbor filter train`",
        )
    return meta


def read_model(path: Path) -> ProblemClassifier:
    """Load a model file; ModelFileError names the file and the problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "does not exist") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror})") from None
    try:
        archive = np.load(io.BytesIO(raw), allow_pickle=False)
    except (ValueError, OSError, zipfile.BadZipFile, EOFError):
        raise _fail(path, "is not a model file (not a NumPy .npz archive)") from None
    try:
        with archive:
            meta = _meta(path, archive)
            return _classifier(path, meta, {name: archive[name] for name in archive.files})
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise _fail(path, f"is corrupt ({type(exc).__name__}: {exc})") from None


def _classifier(
    path: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]
) -> ProblemClassifier:
    try:
        lexicon = ProblemFilter(parse_lexicon(str(meta["lexicon"]), f"{path} (its lexicon)"))
    except ConfigError as exc:
        raise _fail(path, f"holds a lexicon that does not parse: {exc}") from None
    names = signal_names(lexicon.lexicon.groups)
    if meta["signals"] != names:
        raise _fail(path, "was made with other signals than this release computes")
    kinds = tuple(str(k) for k in meta["kinds"])
    blocks: dict[str, BlockWeights] = {}
    coef: list[np.ndarray] = []
    kind_coef: list[np.ndarray] = []
    for block in BLOCKS:
        index = arrays[f"{block}_index"].astype(np.int64)
        idf = arrays[f"{block}_idf"].astype(np.float64)
        weights = arrays[f"{block}_coef"].astype(np.float64)
        kind_weights = arrays[f"{block}_kind_coef"].astype(np.float64)
        if not (len(index) == len(idf) == len(weights) == kind_weights.shape[1]):
            raise ValueError(f"{block}: arrays of different lengths")
        if len(index) and (index.min() < 0 or index.max() >= HASH_BUCKETS):
            raise ValueError(f"{block}: bucket numbers out of range")
        if np.any(np.diff(index) <= 0):
            raise ValueError(f"{block}: bucket numbers not sorted")
        blocks[block] = BlockWeights(index, idf)
        coef.append(weights)
        kind_coef.append(kind_weights)
    signal_coef = arrays["signal_coef"].astype(np.float64)
    mean, scale = arrays["signal_mean"], arrays["signal_scale"]
    if not (len(signal_coef) == len(mean) == len(scale) == len(names)):
        raise ValueError("signal arrays do not match the signal names")
    kind_coef.append(arrays["signal_kind_coef"].astype(np.float64))
    all_kind = np.hstack(kind_coef)
    if all_kind.shape[0] != len(kinds):
        raise ValueError("kind weights do not match the kinds")
    threshold = float(meta["threshold"])
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold {threshold} is not within 0..1")
    a, b = (float(v) for v in meta["calibration"])
    return ProblemClassifier(
        blocks=blocks,
        signal_mean=mean.astype(np.float64),
        signal_scale=scale.astype(np.float64),
        signal_weight=float(meta["signal_weight"]),
        coef=np.concatenate([*coef, signal_coef]),
        intercept=float(meta["intercept"]),
        calibration=(a, b),
        threshold=threshold,
        lexicon=lexicon,
        kinds=kinds,
        kind_coef=all_kind,
        kind_intercept=np.array(meta["kind_intercept"], dtype=np.float64),
        meta={**meta, "trained_on": arrays.get("trained_on", np.zeros(0, np.uint64))},
    )
