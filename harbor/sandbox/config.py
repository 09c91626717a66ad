"""The sandbox's settings: the corpus it serves and how it behaves.

One frozen `SandboxConfig` is built from the command line; `reset` and `configure`
(admin endpoints) derive new ones with `with_changes`, which validates every value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from harbor.errors import ConfigError
from harbor.settings import (
    SANDBOX_OPENAI_KEY,
    SANDBOX_REDDIT_CLIENT_ID,
    SANDBOX_REDDIT_CLIENT_SECRET,
    validate_subreddit,
)

__all__ = ["CORPUS_KEYS", "CREDENTIAL_KEYS", "SandboxConfig"]

# changing one of these means building another corpus: only `reset` accepts them
CORPUS_KEYS = frozenset({"seed", "subreddits", "initial_posts"})
# the credentials the sandbox accepts: set on the command line only, never shown
CREDENTIAL_KEYS = frozenset({"openai_key", "reddit_client_id", "reddit_client_secret"})


@dataclass(frozen=True)
class SandboxConfig:
    """What the sandbox serves (corpus) and how (latency, rate limit, JSON schema support)."""

    seed: int = 1
    subreddits: tuple[str, ...] = ("Entrepreneur", "SaaS", "smallbusiness")
    private: tuple[str, ...] = ()
    initial_posts: int = 1000
    rate: float = 1.0  # new posts per minute per subreddit
    # each subreddit's rate is `rate` times a seeded log-normal factor of this spread (0:
    # all alike), so a fleet has quiet and busy ones
    rate_spread: float = 0.0
    busy: tuple[str, ...] = ()  # subreddits that get `busy_rate` instead
    busy_rate: float = 600.0  # posts per minute of the busy ones
    latency: float = 0.0  # seconds added to every Reddit request
    openai_latency: float = 0.0  # seconds added to every OpenAI request
    ratelimit: int = 100  # requests per client id per window, like Reddit's 100 a minute
    ratelimit_window: int = 60  # seconds
    json_schema: bool = True
    openai_key: str = dataclasses.field(default=SANDBOX_OPENAI_KEY, repr=False)
    reddit_client_id: str = SANDBOX_REDDIT_CLIENT_ID
    reddit_client_secret: str = dataclasses.field(default=SANDBOX_REDDIT_CLIENT_SECRET, repr=False)

    def __post_init__(self) -> None:
        if not self.subreddits:
            raise ConfigError("subreddits: at least one subreddit is needed")
        seen: set[str] = set()
        for name in (*self.subreddits, *self.private, *self.busy):
            validate_subreddit(name, "sandbox subreddits")
        for name in self.subreddits:
            if name.lower() in seen:
                raise ConfigError(f"subreddits: {name!r} is listed twice")
            seen.add(name.lower())
        _at_least("initial_posts", self.initial_posts, 0)
        _at_least("rate", self.rate, 0)
        _at_least("latency", self.latency, 0)
        _at_least("openai_latency", self.openai_latency, 0)
        _at_least("ratelimit", self.ratelimit, 1)
        _at_least("ratelimit_window", self.ratelimit_window, 1)
        _at_least("rate_spread", self.rate_spread, 0)
        _at_least("busy_rate", self.busy_rate, 0)
        for key in CREDENTIAL_KEYS:
            if not getattr(self, key):
                raise ConfigError(f"{key}: must not be empty")

    def with_changes(self, changes: Mapping[str, Any]) -> SandboxConfig:
        """A copy with `changes` applied; unknown keys and bad values raise ConfigError."""
        known = {f.name: f for f in dataclasses.fields(self)}
        values: dict[str, Any] = {}
        for key, raw in changes.items():
            if key not in known or key in CREDENTIAL_KEYS:
                raise ConfigError(f"{key}: not a sandbox setting")
            if raw is None:
                continue
            values[key] = _coerce(key, raw)
        return dataclasses.replace(self, **values)

    def public(self) -> dict[str, Any]:
        """The settings as JSON-ready values (the credentials left out)."""
        data = dataclasses.asdict(self)
        for key in CREDENTIAL_KEYS:
            data.pop(key)
        data["subreddits"] = list(self.subreddits)
        data["private"] = list(self.private)
        data["busy"] = list(self.busy)
        return data

    def is_private(self, name: str) -> bool:
        return name.lower() in {p.lower() for p in self.private}

    def is_busy(self, name: str) -> bool:
        return name.lower() in {b.lower() for b in self.busy}


def _names(key: str, raw: Any) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, list | tuple):
        raise ConfigError(f"{key}: {raw!r} is not a list of subreddit names")
    return tuple(str(n).strip() for n in raw if str(n).strip())


def _coerce(key: str, raw: Any) -> Any:
    try:
        if key in ("subreddits", "private", "busy"):
            return _names(key, raw)
        if key == "json_schema":
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "on")
            return bool(raw)
        if key in ("seed", "initial_posts", "ratelimit", "ratelimit_window"):
            if isinstance(raw, bool) or float(raw) != int(float(raw)):
                raise ValueError
            return int(float(raw))
        value = float(raw)
        if value != value:  # nan
            raise ValueError
        return value
    except (TypeError, ValueError):
        raise ConfigError(f"{key}: {raw!r} is not a valid value") from None


def _at_least(key: str, value: float, minimum: float) -> None:
    if not value >= minimum:
        raise ConfigError(f"{key}: {value!r} is below the minimum of {minimum}")
