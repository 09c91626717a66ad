"""Reddit's base36 ids and the stable hashing every deterministic choice is made from."""

from __future__ import annotations

import hashlib

__all__ = ["from_base36", "stable_int", "to_base36"]

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def to_base36(number: int) -> str:
    """Reddit's id spelling of a non-negative integer."""
    if number < 0:
        raise ValueError("negative id")
    digits = []
    while True:
        number, rest = divmod(number, 36)
        digits.append(_DIGITS[rest])
        if number == 0:
            return "".join(reversed(digits))


def from_base36(text: str) -> int | None:
    """The integer of a base36 id, or None if `text` is not one."""
    if not text or len(text) > 13 or not (text.isascii() and text.isalnum()):
        return None
    return int(text, 36)


def stable_int(*parts: object) -> int:
    """A 64-bit integer that depends only on `parts` (not on Python's hash seed)."""
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")
