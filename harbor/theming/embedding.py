"""A post as a vector: wordllama's offline word embeddings and hashed words, weighted.

The vector has two parts, each unit length before they are joined with equal weight:
- DENSE: the weighted mean of the wordllama vectors of the post's content words (title
  and body normalised apart, then added), minus the running mean of every themed post's
  dense part: what all posts share ("my business", "a tool") is taken out, what this one
  is about is left;
- HASHED: the same weights on the words themselves, hashed into HASHED_DIMS slots, so
  that posts using the very same words are close even where the embedding is vague.
A word's weight is topical(t) * idf(t) ** 1.5 * (1 + ln tf), where
- idf(t) = ln(1 + N / df(t)) over the themed posts so far (theme_terms): a word every
  post uses weighs little;
- topical(t) = TOPICAL_FLOOR + (1 - TOPICAL_FLOOR) * topicality of t's slot, learned from
  the themes so far (harbor.theming.index.ThemeIndex.topicality): a word found in every
  theme in proportion to its size ("quick question", "my spreadsheet", "any advice")
  says how people write, not what about, and weighs the floor; a word held by one theme
  ("invoices", "no-shows") weighs fully. Rare words and words no theme holds yet weigh
  fully too. Without it, posts about different problems written with the same stock
  phrases group together.

The model (the 256-d wordllama model in its wheel) is loaded once per process, with
downloads off: nothing is fetched at run time.
"""

from __future__ import annotations

import logging
import math
import threading
import zlib
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from harbor.theming.text import PostWords

__all__ = [
    "DENSE_DIMS",
    "DIMS",
    "HASHED_DIMS",
    "MODEL_NAME",
    "TOPICAL_FLOOR",
    "Embedded",
    "embed",
    "model",
    "slot",
    "word_vector",
]

log = logging.getLogger(__name__)

DENSE_DIMS = 256
# 2048 slots: with 1024, unrelated words shared a slot often enough to blur topicality
HASHED_DIMS = 2048
DIMS = DENSE_DIMS + HASHED_DIMS
MODEL_NAME = f"wordllama-l2-supercat-256+hash{HASHED_DIMS}+topical"
IDF_POWER = 1.5
TITLE_WEIGHT = 1.0
DENSE_SHARE = 0.5
TOPICAL_FLOOR = 0.3

_model: Any = None
_model_lock = threading.Lock()


def model() -> Any:
    """The process's wordllama model, loaded on first use from its own wheel."""
    global _model
    with _model_lock:
        if _model is None:
            root = logging.getLogger()
            handlers, level = list(root.handlers), root.level
            import wordllama
            from wordllama import WordLlama

            # wordllama calls logging.basicConfig() when imported: the process's logging
            # is its own, so it is put back as it was
            root.handlers[:] = handlers
            root.setLevel(level)

            # the wheel ships its weights and tokenizer; pointing the cache at the package
            # folder finds both, and with downloads off nothing leaves the machine
            folder = Path(wordllama.__file__).parent
            _model = WordLlama.load(cache_dir=folder, disable_download=True)
            log.info("themes: wordllama model loaded from %s", folder)
        return _model


@lru_cache(maxsize=50_000)
def word_vector(word: str) -> np.ndarray:
    """The unit-length wordllama vector of one word (the mean of its tokens)."""
    wl = model()
    ids = wl.tokenizer.encode(word, add_special_tokens=False).ids
    if not ids:
        return np.zeros(DENSE_DIMS, dtype=np.float32)
    vector: np.ndarray = wl.embedding[ids].mean(axis=0).astype(np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def slot(word: str) -> int:
    """The word's hashed slot (its place in the HASHED part and in the topicality)."""
    return zlib.crc32(word.encode("utf-8")) % HASHED_DIMS


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


class Embedded:
    """A post's vector, and the raw dense part that goes into the running mean."""

    __slots__ = ("dense", "vector")

    def __init__(self, vector: np.ndarray, dense: np.ndarray) -> None:
        self.vector = vector
        self.dense = dense


def _weights(
    counts: Counter[str],
    slots: list[int],
    df: Mapping[str, int],
    posts: int,
    topicality: np.ndarray | None,
) -> np.ndarray:
    w = np.array(
        [
            math.log(1.0 + posts / max(1, df.get(term, 1))) ** IDF_POWER * (1.0 + math.log(n))
            for term, n in counts.items()
        ],
        dtype=np.float32,
    )
    if topicality is not None:
        w *= TOPICAL_FLOOR + (1.0 - TOPICAL_FLOOR) * topicality[slots]
    return w


def embed(
    words: PostWords,
    df: Mapping[str, int],
    posts: int,
    dense_sum: np.ndarray | None,
    topicality: np.ndarray | None = None,
) -> Embedded:
    """The post's vector. `df` and `posts` count the themed posts with this one included;
    `dense_sum` is the sum of the dense parts of the posts before it (None: no centring);
    `topicality` is each slot's topicality, 0..1 (None: every word fully)."""
    dense = np.zeros(DENSE_DIMS, dtype=np.float32)
    hashed = np.zeros(HASHED_DIMS, dtype=np.float32)
    for part, weight in ((words.title, TITLE_WEIGHT), (words.body, 1.0)):
        if not part:
            continue
        counts = Counter(part)
        slots = [slot(term) for term in counts]
        w = _weights(counts, slots, df, posts, topicality)
        vectors = np.stack([word_vector(term) for term in counts])
        dense += weight * _unit((vectors * w[:, None]).sum(axis=0))
        bag = np.zeros(HASHED_DIMS, dtype=np.float32)
        np.add.at(bag, slots, w)
        hashed += weight * _unit(bag)
    raw = _unit(dense)
    centred = raw if dense_sum is None else _unit(raw - (dense_sum + raw) / max(posts, 1))
    vector = np.concatenate([DENSE_SHARE * centred, (1.0 - DENSE_SHARE) * _unit(hashed)])
    return Embedded(_unit(vector).astype(np.float32), raw)
