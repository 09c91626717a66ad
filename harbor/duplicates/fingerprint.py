"""A post's text fingerprint: a hash of its normalised words and a MinHash of its shingles.

The rule (see harbor/duplicates/__init__.py): two posts are the same text when their
normalised words are equal, and nearly the same when the Jaccard similarity of their
word 3-shingles, estimated from 128 MinHash values (standard error about 0.03 near the
bound), is at least NEAR_DUPLICATE_JACCARD.
Short texts carry too little to tell a repost from two people asking the same short
question, so a text of fewer than MIN_WORDS words is never linked by text at all.

Candidates are found with locality-sensitive hashing: the 128 values fall into 32 bands
of 4, and posts sharing any band are compared. A pair at Jaccard 0.8 shares a band with
probability 1 - (1 - 0.8**4)**32 > 0.9999; a pair at 0.3 with about 0.23 (and is then
dismissed by the comparison).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BANDS",
    "MIN_WORDS",
    "NEAR_DUPLICATE_JACCARD",
    "PERMUTATIONS",
    "Fingerprint",
    "body_of",
    "fingerprint",
    "jaccard",
    "normalised_words",
]

PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE = 3
MIN_WORDS = 20
NEAR_DUPLICATE_JACCARD = 0.8
GONE = ("[removed]", "[deleted]")

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_PRIME = np.uint64(4_294_967_311)  # the first prime above 2**32
_rng = np.random.default_rng(20240611)  # fixed: every process must draw the same functions
_A = _rng.integers(1, 2**32 - 1, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, PERMUTATIONS, dtype=np.uint64)


@dataclass(frozen=True)
class Fingerprint:
    """What the duplicate check compares: the words' hash, the MinHash (or None), the bands."""

    text_hash: str
    words: int
    minhash: bytes | None
    bands: tuple[int, ...]

    @property
    def linkable(self) -> bool:
        """Whether the text is long enough to be linked to another by text."""
        return self.words >= MIN_WORDS


def body_of(selftext: str | None) -> str:
    """The body as text: a deleted or removed post's placeholder is no text."""
    text = (selftext or "").strip()
    return "" if text in GONE else text


def normalised_words(title: str | None, selftext: str | None) -> list[str]:
    """Lower-cased words of title and body, links and punctuation dropped."""
    text = unicodedata.normalize("NFKC", f"{title or ''}\n{body_of(selftext)}").lower()
    return _WORD.findall(_URL.sub(" ", text))


def _signature(words: list[str]) -> np.ndarray:
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    values = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles)
    )
    hashed = (values[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    signature: np.ndarray = hashed.min(axis=0).astype(np.uint32)
    return signature


def _band_keys(signature: np.ndarray) -> tuple[int, ...]:
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return tuple(keys)


def fingerprint(title: str | None, selftext: str | None) -> Fingerprint:
    """The fingerprint of a post's title and body."""
    words = normalised_words(title, selftext)
    text_hash = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
    if len(words) < MIN_WORDS:
        return Fingerprint(text_hash, len(words), None, ())
    signature = _signature(words)
    return Fingerprint(text_hash, len(words), signature.tobytes(), _band_keys(signature))


def jaccard(a: bytes, b: bytes) -> float:
    """The Jaccard similarity of two texts' shingles, estimated from their MinHash values."""
    left = np.frombuffer(a, dtype=np.uint32)
    right = np.frombuffer(b, dtype=np.uint32)
    if left.shape != right.shape:
        return 0.0
    return float(np.mean(left == right))
