"""Faults on demand: which request gets which failure.

A fault has a target ("reddit" or "openai"), a kind, and a scope: the next `count`
requests, or a `ratio` share of them (a deterministic low-discrepancy sequence, so 0.25
means exactly every fourth-ish request, the same way every run), optionally only for
one `subreddit`, optionally for `duration` seconds. With neither count nor ratio it
hits every request until cleared (except `slow`, which hits one).

Reddit faults apply to the API endpoints (/r/...), never to the token endpoint; OpenAI
faults to chat completions. `latency` adds its delay on top of any other fault; of the
other kinds the first matching fault, in the order they were set, decides the response.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from harbor.errors import ConfigError

__all__ = [
    "KINDS",
    "OPENAI_ONLY",
    "Decision",
    "Fault",
    "FaultBook",
    "describe",
    "make_fault",
    "parse_fault_spec",
]

COMMON = ("latency", "slow", "429", "500", "502", "503", "malformed", "truncated", "drop")
OPENAI_ONLY = ("quota", "auth", "refusal", "invalid_output")
KINDS: dict[str, tuple[str, ...]] = {"reddit": COMMON, "openai": COMMON + OPENAI_ONLY}
DEFAULT_DELAY = {"latency": 0.25, "slow": 15.0}
_GOLDEN = (math.sqrt(5) - 1) / 2
_ids = itertools.count(1)


@dataclass
class Fault:
    """One switched-on fault and how much of it is left."""

    target: str
    kind: str
    count: int | None = None
    ratio: float | None = None
    retry_after: float = 1.0
    delay: float = 0.0
    subreddit: str | None = None
    duration: float | None = None
    created: float = 0.0
    id: str = field(default_factory=lambda: f"f{next(_ids)}")
    seen: int = 0  # matching requests considered, for the ratio sequence
    applied: int = 0

    @property
    def expires(self) -> float | None:
        return None if self.duration is None else self.created + self.duration

    def live(self, now: float) -> bool:
        if self.count is not None and self.applied >= self.count:
            return False
        return self.expires is None or now < self.expires

    def matches(self, subreddit: str | None) -> bool:
        return self.subreddit is None or (subreddit or "").lower() == self.subreddit

    def draw(self) -> bool:
        """Whether this request is hit; consumes one step of the ratio sequence."""
        self.seen += 1
        if self.ratio is None:
            return True
        return (self.seen * _GOLDEN) % 1.0 < self.ratio

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "target": self.target,
            "kind": self.kind,
            "count": self.count,
            "ratio": self.ratio,
            "retry_after": self.retry_after,
            "delay": self.delay,
            "subreddit": self.subreddit,
            "duration": self.duration,
            "applied": self.applied,
        }


@dataclass(frozen=True)
class Decision:
    """What to do with one request: wait `delay` seconds, then fail with `fault` if set."""

    delay: float = 0.0
    fault: Fault | None = None
    applied: int = 0  # how many faults (latency included) touched the request


def make_fault(
    target: str,
    kind: str,
    *,
    count: int | None = None,
    ratio: float | None = None,
    retry_after: float | None = None,
    delay: float | None = None,
    subreddit: str | None = None,
    duration: float | None = None,
    now: float = 0.0,
) -> Fault:
    """A validated fault; bad values raise ConfigError naming them."""
    if target not in KINDS:
        raise ConfigError(f"fault target: {target!r} is not 'reddit' or 'openai'")
    if kind not in KINDS[target]:
        raise ConfigError(
            f"fault kind: {kind!r} is not one of {', '.join(KINDS[target])} for {target}"
        )
    if count is not None and count < 1:
        raise ConfigError(f"fault count: {count!r} must be at least 1")
    if ratio is not None and not 0.0 < ratio <= 1.0:
        raise ConfigError(f"fault ratio: {ratio!r} must be in (0, 1]")
    for name, value in (("retry_after", retry_after), ("delay", delay), ("duration", duration)):
        if value is not None and not value >= 0:
            raise ConfigError(f"fault {name}: {value!r} must not be negative")
    if kind == "slow" and count is None and ratio is None:
        count = 1
    return Fault(
        target=target,
        kind=kind,
        count=count,
        ratio=ratio,
        retry_after=1.0 if retry_after is None else retry_after,
        delay=DEFAULT_DELAY.get(kind, 0.0) if delay is None else delay,
        subreddit=subreddit.lower() if subreddit else None,
        duration=duration,
        created=now,
    )


class FaultBook:
    """The faults in force, and the choice of fault for each request."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        self._faults.append(fault)
        return fault

    def clear(self, target: str | None = None) -> int:
        """Switch off every fault (of one target); return how many were on."""
        before = len(self._faults)
        self._faults = [f for f in self._faults if target is not None and f.target != target]
        return before - len(self._faults)

    def remove(self, fault_id: str) -> bool:
        before = len(self._faults)
        self._faults = [f for f in self._faults if f.id != fault_id]
        return len(self._faults) != before

    def active(self, now: float) -> list[Fault]:
        self._faults = [f for f in self._faults if f.live(now)]
        return list(self._faults)

    def decide(self, target: str, subreddit: str | None, now: float) -> Decision:
        """The fault (if any) and the extra delay for one request to `target`."""
        delay = 0.0
        chosen: Fault | None = None
        applied = 0
        for fault in self.active(now):
            if fault.target != target or not fault.matches(subreddit):
                continue
            if fault.kind == "latency":
                if fault.draw():
                    fault.applied += 1
                    applied += 1
                    delay += fault.delay
            elif chosen is None and fault.draw():
                fault.applied += 1
                applied += 1
                chosen = fault
                if fault.kind == "slow":
                    delay += fault.delay
        return Decision(delay, chosen, applied)


_FLOATS = ("ratio", "retry_after", "delay", "duration")


def parse_fault_spec(spec: str, now: float = 0.0) -> Fault:
    """A fault from the command line: `TARGET:KIND[:key=value,...]`.

    For example `reddit:429:count=3,retry_after=2`, `openai:latency:delay=0.5`,
    `reddit:503:ratio=0.1,subreddit=SaaS,duration=60`.
    """
    parts = spec.split(":", 2)
    if len(parts) < 2:
        raise ConfigError(f"--fault: {spec!r} is not TARGET:KIND[:key=value,...]")
    options: dict[str, Any] = {}
    if len(parts) == 3 and parts[2].strip():
        for item in parts[2].split(","):
            key, sep, value = item.partition("=")
            key = key.strip().replace("-", "_")
            if not sep or key not in ("count", "subreddit", *_FLOATS):
                raise ConfigError(f"--fault: {item!r} in {spec!r} is not a known key=value")
            try:
                options[key] = (
                    int(value) if key == "count" else float(value) if key in _FLOATS else value
                )
            except ValueError:
                raise ConfigError(f"--fault: {item!r} in {spec!r} has a bad value") from None
    return make_fault(parts[0].strip().lower(), parts[1].strip().lower(), now=now, **options)


def describe(faults: Iterable[Fault]) -> list[dict[str, Any]]:
    """The faults as JSON-ready dicts."""
    return [f.public() for f in faults]
