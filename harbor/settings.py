"""Typed settings, read once from the environment.

Every variable is listed in `.env.example`. A bad value raises `ConfigError` naming the
variable and the value (secrets excepted: they are never echoed, not even in errors).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from harbor.errors import ConfigError

__all__ = [
    "DEFAULT_SUBREDDITS",
    "SANDBOX_OPENAI_KEY",
    "SANDBOX_REDDIT_CLIENT_ID",
    "SANDBOX_REDDIT_CLIENT_SECRET",
    "Secret",
    "Settings",
    "get_settings",
    "validate_identifier",
    "validate_subreddit",
]

SUBREDDIT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")
# a schema name we are willing to put into SQL: lower case, unquoted-safe, Postgres-sized
IDENTIFIER_RE = re.compile(r"^[a-z_][a-z0-9_]{0,47}$")

DEFAULT_SUBREDDITS = (
    "Entrepreneur",
    "SaaS",
    "smallbusiness",
    "startups",
    "freelance",
    "productivity",
)

# the sandbox's own credentials: used when no Reddit/OpenAI credentials are configured
SANDBOX_REDDIT_CLIENT_ID = "harbor-sandbox"
SANDBOX_REDDIT_CLIENT_SECRET = "sandbox-secret"  # noqa: S105 - a public, fake credential
SANDBOX_OPENAI_KEY = "sk-sandbox"
SANDBOX_REDDIT_PORT = 8765
SANDBOX_OPENAI_PORT = 8766

DEFAULT_WEIGHTS = {
    "market_demand": 0.25,
    "pain_intensity": 0.25,
    "monetization_potential": 0.20,
    "market_gap": 0.15,
    "technical_feasibility": 0.15,
}


class Secret:
    """A string that never shows itself in str(), repr() or f-strings."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)


def validate_subreddit(name: str, source: str = "subreddit") -> str:
    """Return `name` if it is a valid subreddit name, else raise ConfigError naming it."""
    if not SUBREDDIT_RE.fullmatch(name):  # `$` alone would let a trailing newline in
        raise ConfigError(
            f"{source}: {name!r} is not a valid subreddit name "
            "(2-21 letters, digits or underscores, not starting with an underscore)"
        )
    return name


def validate_identifier(name: str, source: str) -> str:
    """Return `name` if it is safe to use as an unquoted SQL identifier."""
    if not IDENTIFIER_RE.fullmatch(name):
        raise ConfigError(
            f"{source}: {name!r} is not a safe SQL identifier "
            "(lower-case letters, digits and underscores, starting with a letter, at most 48)"
        )
    return name


def redact_url(url: str) -> str:
    """The URL with any password replaced by ***, for logs and status."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return parts._replace(netloc=f"{user}:***@{netloc}").geturl()


@dataclass(frozen=True)
class Settings:
    """Everything RedditHarbor reads from its environment, validated."""

    database_url: Secret
    redis_url: Secret
    dataset: str
    subreddits: tuple[str, ...]
    dispatch_seconds: float
    collect_every_seconds: float
    keywords_path: Path | None
    reddit_client_id: str
    reddit_client_secret: Secret
    reddit_user_agent: str
    reddit_oauth_url: str
    reddit_url: str
    reddit_sandbox: bool
    openai_api_key: Secret | None
    openai_base_url: str | None
    openai_model: str
    openai_timeout: float
    openai_rpm: int
    openai_tpm: int
    scorer: Literal["openai", "heuristic"]
    score_weights: Mapping[str, float]
    daily_token_budget: int | None
    flower_basic_auth: Secret | None
    listing_limit: int
    lookback_seconds: int
    auto_pin_failures: int
    dlt_dir: Path
    log_level: str
    sandbox_reddit_port: int = SANDBOX_REDDIT_PORT
    sandbox_openai_port: int = SANDBOX_OPENAI_PORT
    _secrets: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and validate every variable; raise ConfigError on the first bad one."""
        return _read(os.environ if env is None else env)

    def secret_values(self) -> tuple[str, ...]:
        """The raw secret strings, for the log redaction filter only."""
        return self._secrets

    @property
    def dsn(self) -> str:
        return self.database_url.get()


def _get(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    value = env.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = _get(env, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not an integer") from None
    if value < minimum:
        raise ConfigError(f"{name}: {value} is below the minimum of {minimum}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, minimum: float = 0.0) -> float:
    raw = _get(env, name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not a number") from None
    if not value >= minimum:  # also refuses nan
        raise ConfigError(f"{name}: {raw!r} is below the minimum of {minimum}")
    return value


def _url(name: str, value: str, schemes: tuple[str, ...], secret: bool = False) -> str:
    shown = "(value hidden)" if secret else repr(value)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ConfigError(f"{name}: {shown} is not a valid URL") from None
    if parts.scheme not in schemes or not parts.hostname:
        raise ConfigError(
            f"{name}: {shown} is not a valid URL (expected {' or '.join(schemes)}://host...)"
        )
    return value.rstrip("/") if not secret else value


def _weights(raw: str | None) -> dict[str, float]:
    if raw is None:
        return dict(DEFAULT_WEIGHTS)
    weights = dict(DEFAULT_WEIGHTS)
    for part in raw.split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in DEFAULT_WEIGHTS:
            raise ConfigError(
                f"HARBOR_SCORE_WEIGHTS: {part.strip()!r} is not dimension=weight "
                f"(dimensions: {', '.join(DEFAULT_WEIGHTS)})"
            )
        try:
            weights[key] = float(value)
        except ValueError:
            raise ConfigError(f"HARBOR_SCORE_WEIGHTS: {value!r} is not a number") from None
        if weights[key] < 0:
            raise ConfigError(f"HARBOR_SCORE_WEIGHTS: weight of {key} is negative")
    total = sum(weights.values())
    if abs(total - 1.0) > 1e-6:
        raise ConfigError(f"HARBOR_SCORE_WEIGHTS: weights sum to {total:g}, not 1")
    return weights


def _read(env: Mapping[str, str]) -> Settings:
    secrets: list[str] = []

    database_url = _get(env, "DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/harbor")
    assert database_url is not None
    _url("DATABASE_URL", database_url, ("postgresql", "postgres"), secret=True)
    if urlsplit(database_url).path.strip("/") == "":
        raise ConfigError("DATABASE_URL: (value hidden) names no database (…/dbname)")
    redis_url = _get(env, "REDIS_URL", "redis://127.0.0.1:6379/0")
    assert redis_url is not None
    _url("REDIS_URL", redis_url, ("redis", "rediss", "unix"), secret=True)
    for url in (database_url, redis_url):
        password = urlsplit(url).password
        if password:
            secrets.append(password)

    dataset = validate_identifier(
        _get(env, "HARBOR_DATASET", "reddit_harbor") or "", "HARBOR_DATASET"
    )

    raw_subs = _get(env, "HARBOR_SUBREDDITS")
    subreddits: tuple[str, ...]
    if raw_subs is None:
        subreddits = DEFAULT_SUBREDDITS
    else:
        names = [s.strip() for s in raw_subs.split(",") if s.strip()]
        if not names:
            raise ConfigError("HARBOR_SUBREDDITS: no subreddit names given")
        seen: dict[str, str] = {}
        for name in names:
            validate_subreddit(name, "HARBOR_SUBREDDITS")
            seen.setdefault(name.lower(), name)
        subreddits = tuple(seen.values())

    keywords = _get(env, "HARBOR_KEYWORDS")
    keywords_path = Path(keywords) if keywords else None
    if keywords_path is not None and not keywords_path.is_file():
        raise ConfigError(f"HARBOR_KEYWORDS: {keywords!r} is not a readable file")

    client_id = _get(env, "REDDIT_CLIENT_ID")
    client_secret = _get(env, "REDDIT_CLIENT_SECRET")
    if (client_id is None) != (client_secret is None):
        missing = "REDDIT_CLIENT_SECRET" if client_secret is None else "REDDIT_CLIENT_ID"
        raise ConfigError(f"{missing}: must be set together with the other Reddit credential")
    sandbox = client_id is None
    sandbox_reddit_port = _int(env, "HARBOR_SANDBOX_REDDIT_PORT", SANDBOX_REDDIT_PORT, 1)
    sandbox_openai_port = _int(env, "HARBOR_SANDBOX_OPENAI_PORT", SANDBOX_OPENAI_PORT, 1)
    sandbox_url = f"http://127.0.0.1:{sandbox_reddit_port}"
    oauth_default = sandbox_url if sandbox else "https://oauth.reddit.com"
    www_default = sandbox_url if sandbox else "https://www.reddit.com"
    reddit_oauth_url = _url(
        "REDDIT_OAUTH_URL", _get(env, "REDDIT_OAUTH_URL", oauth_default) or "", ("http", "https")
    )
    reddit_url = _url("REDDIT_URL", _get(env, "REDDIT_URL", www_default) or "", ("http", "https"))
    if client_secret:
        secrets.append(client_secret)

    api_key = _get(env, "OPENAI_API_KEY")
    if api_key:
        secrets.append(api_key)
    base_url = _get(env, "OPENAI_BASE_URL")
    if base_url is not None:
        base_url = _url("OPENAI_BASE_URL", base_url, ("http", "https"))
    scorer = _get(env, "HARBOR_SCORER", "openai" if api_key else "heuristic")
    if scorer not in ("openai", "heuristic"):
        raise ConfigError(f"HARBOR_SCORER: {scorer!r} is not 'openai' or 'heuristic'")
    if scorer == "openai" and not api_key:
        raise ConfigError("HARBOR_SCORER: 'openai' needs OPENAI_API_KEY to be set")

    budget = _int(env, "HARBOR_DAILY_TOKEN_BUDGET", 0)

    flower = _get(env, "FLOWER_BASIC_AUTH")
    if flower is not None:
        user, sep, password = flower.partition(":")
        if not sep or not user or not password:
            raise ConfigError("FLOWER_BASIC_AUTH: must be user:password (value hidden)")
        secrets.append(password)

    log_level = (_get(env, "HARBOR_LOG_LEVEL", "INFO") or "INFO").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"HARBOR_LOG_LEVEL: {log_level!r} is not DEBUG, INFO, WARNING or ERROR")

    return Settings(
        database_url=Secret(database_url),
        redis_url=Secret(redis_url),
        dataset=dataset,
        subreddits=subreddits,
        dispatch_seconds=_float(env, "HARBOR_DISPATCH_SECONDS", 15.0, 0.5),
        collect_every_seconds=_float(env, "HARBOR_COLLECT_EVERY_SECONDS", 900.0, 1.0),
        keywords_path=keywords_path,
        reddit_client_id=client_id or SANDBOX_REDDIT_CLIENT_ID,
        reddit_client_secret=Secret(client_secret or SANDBOX_REDDIT_CLIENT_SECRET),
        reddit_user_agent=_get(env, "REDDIT_USER_AGENT", "python:redditharbor:0.1 (by /u/harbor)")
        or "",
        reddit_oauth_url=reddit_oauth_url,
        reddit_url=reddit_url,
        reddit_sandbox=sandbox,
        openai_api_key=Secret(api_key) if api_key else None,
        openai_base_url=base_url,
        openai_model=_get(env, "HARBOR_OPENAI_MODEL", "gpt-4o-mini") or "gpt-4o-mini",
        openai_timeout=_float(env, "HARBOR_OPENAI_TIMEOUT", 30.0, 1.0),
        openai_rpm=_int(env, "HARBOR_OPENAI_RPM", 500, 1),
        openai_tpm=_int(env, "HARBOR_OPENAI_TPM", 200_000, 1),
        scorer="openai" if scorer == "openai" else "heuristic",
        score_weights=_weights(_get(env, "HARBOR_SCORE_WEIGHTS")),
        daily_token_budget=budget or None,
        flower_basic_auth=Secret(flower) if flower else None,
        listing_limit=_int(env, "HARBOR_LISTING_LIMIT", 1000, 1),
        lookback_seconds=_int(env, "HARBOR_LOOKBACK_SECONDS", 1800, 0),
        auto_pin_failures=_int(env, "HARBOR_AUTO_PIN_FAILURES", 3, 1),
        dlt_dir=Path(_get(env, "HARBOR_DLT_DIR", str(Path.home() / ".harbor" / "dlt")) or ""),
        log_level=log_level,
        sandbox_reddit_port=sandbox_reddit_port,
        sandbox_openai_port=sandbox_openai_port,
        _secrets=tuple(secrets),
    )


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings.from_env()


def settings_fields() -> list[str]:
    """Names of the Settings fields (used by tests that check `.env.example`)."""
    return [f.name for f in fields(Settings) if not f.name.startswith("_")]
