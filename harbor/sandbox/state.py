"""Everything one running sandbox holds: settings, corpus, faults, stats, tokens.

Both servers (Reddit and OpenAI) share one `SandboxState` on one event loop, so no
locks are needed: handlers run one at a time between awaits.
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from harbor.errors import ConfigError
from harbor.sandbox.config import CORPUS_KEYS, SandboxConfig
from harbor.sandbox.corpus import Corpus
from harbor.sandbox.faults import FaultBook
from harbor.sandbox.stats import Stats

__all__ = ["RATE_WINDOW", "TOKEN_LIFETIME", "Quota", "SandboxState"]

RATE_WINDOW = 600  # seconds, like Reddit's rate-limit window
TOKEN_LIFETIME = 86400


@dataclass(frozen=True)
class Quota:
    """Reddit's rate-limit headers after one request."""

    used: int
    remaining: int
    reset: int

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0

    def headers(self) -> dict[str, str]:
        return {
            "x-ratelimit-used": str(self.used),
            "x-ratelimit-remaining": f"{max(self.remaining, 0)}.0",
            "x-ratelimit-reset": str(self.reset),
        }


class SandboxState:
    """The mutable world of one sandbox process."""

    def __init__(self, config: SandboxConfig, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.base = config
        self.config = config
        self.corpus = Corpus.build(config, clock())
        self.faults = FaultBook()
        self.stats = Stats()
        self.tokens: dict[str, float] = {}
        self._windows: dict[str, tuple[int, int]] = {}

    def now(self) -> float:
        return self.clock()

    def reset(self, changes: Mapping[str, Any] | None = None) -> SandboxConfig:
        """Back to the seeded corpus of the start-up settings (plus `changes`), no faults,
        zero stats. Issued tokens stay valid; rate-limit windows start over."""
        config = self.base.with_changes(dict(changes or {}))
        self.config = config
        self.corpus = Corpus.build(config, self.now())
        self.faults.clear()
        self.stats.reset()
        self._windows.clear()
        return config

    def configure(self, changes: Mapping[str, Any]) -> SandboxConfig:
        """Change settings without touching the corpus (not seed, subreddits, initial_posts)."""
        corpus_keys = sorted(CORPUS_KEYS & set(changes))
        if corpus_keys:
            raise ConfigError(f"{', '.join(corpus_keys)}: changes the corpus; use reset")
        config = self.config.with_changes(changes)
        if config.rate != self.config.rate:
            self.corpus.set_rate(config.rate, self.now())
        self.config = config
        return config

    def catch_up(self) -> float:
        """Materialise the posts that arrived by now; return now."""
        now = self.now()
        self.corpus.catch_up(now)
        return now

    def issue_token(self) -> str:
        now = self.now()
        if len(self.tokens) > 10_000:
            self.tokens = {t: exp for t, exp in self.tokens.items() if exp > now}
        token = secrets.token_urlsafe(24)
        self.tokens[token] = now + TOKEN_LIFETIME
        return token

    def token_valid(self, token: str | None) -> bool:
        if not token:
            return False
        expiry = self.tokens.get(token)
        return expiry is not None and expiry > self.now()

    def count_request(self, token: str) -> Quota:
        """Count one API request against the token's window (windows align to the clock)."""
        now = self.now()
        window = int(now // RATE_WINDOW)
        start, used = self._windows.get(token, (window, 0))
        if start != window:
            used = 0
        used += 1
        self._windows[token] = (window, used)
        reset = max(1, math.ceil((window + 1) * RATE_WINDOW - now))
        return Quota(used=used, remaining=self.config.ratelimit - used, reset=reset)

    def quota(self, token: str) -> Quota:
        """The token's window as it stands, without counting a request."""
        now = self.now()
        window = int(now // RATE_WINDOW)
        start, used = self._windows.get(token, (window, 0))
        used = used if start == window else 0
        reset = max(1, math.ceil((window + 1) * RATE_WINDOW - now))
        return Quota(used=used, remaining=self.config.ratelimit - used, reset=reset)
