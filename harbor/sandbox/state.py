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

RATE_WINDOW = 600  # seconds, Reddit's window (the sandbox's is `ratelimit_window`)
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
        # which client id each token was issued to: the rate limit is per client id, as
        # on Reddit, however many tokens (processes) share it
        self.token_clients: dict[str, str] = {}
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
        if _arrivals(config) != _arrivals(self.config):
            self.corpus.catch_up(self.now())
            self.corpus.config = config
            self.corpus.set_rate(config.rate, self.now())
        self.config = config
        return config

    def catch_up(self) -> float:
        """Materialise the posts that arrived by now; return now."""
        now = self.now()
        self.corpus.catch_up(now)
        return now

    def issue_token(self, client_id: str = "") -> str:
        now = self.now()
        if len(self.tokens) > 10_000:
            self.tokens = {t: exp for t, exp in self.tokens.items() if exp > now}
            self.token_clients = {t: c for t, c in self.token_clients.items() if t in self.tokens}
        token = secrets.token_urlsafe(24)
        self.tokens[token] = now + TOKEN_LIFETIME
        self.token_clients[token] = client_id or self.config.reddit_client_id
        return token

    def token_valid(self, token: str | None) -> bool:
        if not token:
            return False
        expiry = self.tokens.get(token)
        return expiry is not None and expiry > self.now()

    def _client(self, token: str) -> str:
        return self.token_clients.get(token, token)

    def count_request(self, token: str) -> Quota:
        """Count one API request against its client id's window (aligned to the clock)."""
        now = self.now()
        size = self.config.ratelimit_window
        window = int(now // size)
        client = self._client(token)
        start, used = self._windows.get(client, (window, 0))
        if start != window:
            used = 0
        used += 1
        self._windows[client] = (window, used)
        reset = max(1, math.ceil((window + 1) * size - now))
        return Quota(used=used, remaining=self.config.ratelimit - used, reset=reset)

    def quota(self, token: str) -> Quota:
        """The client id's window as it stands, without counting a request."""
        now = self.now()
        size = self.config.ratelimit_window
        window = int(now // size)
        start, used = self._windows.get(self._client(token), (window, 0))
        used = used if start == window else 0
        reset = max(1, math.ceil((window + 1) * size - now))
        return Quota(used=used, remaining=self.config.ratelimit - used, reset=reset)


def _arrivals(config: SandboxConfig) -> tuple[object, ...]:
    """The settings that shape the arrival of new posts."""
    return (config.rate, config.rate_spread, config.busy, config.busy_rate)
