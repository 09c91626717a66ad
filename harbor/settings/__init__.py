"""Typed settings, read once from the environment (and from `.env` in the working directory).

Every variable is listed in `.env.example`. A bad value raises `ConfigError` naming the
variable and the value (secrets excepted: they are never echoed, not even in errors).
The real environment wins over `.env`; a secret read from `.env` is as hidden as one
read from the environment. Between the two sits the run file of a running `make run`
(see harbor.settings.run_file), so that every command sees the system it started.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal

from dotenv import dotenv_values

from harbor.settings.areas import (
    DEFAULT_REDIS_URL,
    DEFAULT_SUBREDDITS,
    DEFAULT_WEIGHTS,
    SANDBOX_OPENAI_KEY,
    SANDBOX_OPENAI_PORT,
    SANDBOX_REDDIT_CLIENT_ID,
    SANDBOX_REDDIT_CLIENT_SECRET,
    SANDBOX_REDDIT_PORT,
    read_collection,
    read_filter,
    read_operations,
    read_reddit,
    read_scoring,
    read_storage,
)
from harbor.settings.run_file import read_run_file, run_file_path
from harbor.settings.values import Secret, redact_url, validate_identifier, validate_subreddit

__all__ = [
    "DEFAULT_SUBREDDITS",
    "DEFAULT_WEIGHTS",
    "SANDBOX_OPENAI_KEY",
    "SANDBOX_REDDIT_CLIENT_ID",
    "SANDBOX_REDDIT_CLIENT_SECRET",
    "Secret",
    "Settings",
    "environment",
    "get_settings",
    "redact_url",
    "validate_identifier",
    "validate_subreddit",
]

# the file read as `.env`; only the real environment can move it (tests point it away)
ENV_FILE_VARIABLE = "HARBOR_ENV_FILE"


@dataclass(frozen=True)
class Settings:
    """Everything RedditHarbor reads from its environment, validated."""

    # storage
    database_url: Secret
    redis_url: Secret
    dataset: str
    dlt_dir: Path
    # collection
    subreddits: tuple[str, ...]
    dispatch_seconds: float
    collect_every_seconds: float
    collect_min_seconds: float
    listing_limit: int
    lookback_seconds: int
    auto_pin_failures: int
    first_run_dlt: int
    # reddit
    reddit_client_id: str
    reddit_client_secret: Secret
    reddit_user_agent: str
    reddit_oauth_url: str
    reddit_url: str
    reddit_sandbox: bool
    reddit_qpm: int
    # the problem detector
    keywords_path: Path | None
    filter_model_path: Path | None
    filter_threshold: float | None
    # scoring
    openai_api_key: Secret | None
    openai_base_url: str | None
    openai_model: str
    openai_timeout: float
    openai_rpm: int
    openai_tpm: int
    scorer: Literal["openai", "heuristic"]
    score_weights: Mapping[str, float]
    daily_token_budget: int | None
    alert_min_total: float
    comments_min_total: float
    # operations
    flower_basic_auth: Secret | None
    web_basic_auth: Secret | None
    webhook_url: Secret | None
    log_level: str
    log_format: Literal["text", "json"]
    sandbox_reddit_port: int = SANDBOX_REDDIT_PORT
    sandbox_openai_port: int = SANDBOX_OPENAI_PORT
    # whether HARBOR_SUBREDDITS was set (its names join the registry at start); unset, the
    # default list seeds a registry only when the registry is created
    subreddits_from_env: bool = False
    _secrets: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and validate every variable; raise ConfigError on the first bad one.

        With no `env`, the process environment over `.env` in the working directory.
        """
        source = environment() if env is None else env
        secrets: list[str] = []
        values: dict[str, object] = {}
        for read in (
            read_storage,
            read_collection,
            read_reddit,
            read_filter,
            read_scoring,
            read_operations,
        ):
            values.update(read(source, secrets))
        return cls(**values, _secrets=tuple(secrets))  # type: ignore[arg-type]

    def secret_values(self) -> tuple[str, ...]:
        """The raw secret strings, for the log redaction filter only."""
        return self._secrets

    @property
    def dsn(self) -> str:
        return self.database_url.get()


def environment() -> dict[str, str]:
    """The process environment, over the run file of a `make run` that runs the same
    system, over `.env` in the working directory (or HARBOR_ENV_FILE)."""
    path = Path(os.environ.get(ENV_FILE_VARIABLE) or ".env")
    dotenv: dict[str, str] = {}
    if path.is_file():
        dotenv = {k: v for k, v in dotenv_values(path).items() if v is not None}
    redis_url = (
        os.environ.get("REDIS_URL", "").strip()
        or dotenv.get("REDIS_URL", "").strip()
        or DEFAULT_REDIS_URL
    )
    return {**dotenv, **read_run_file(run_file_path(), redis_url), **os.environ}


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings.from_env()


def settings_fields() -> list[str]:
    """Names of the Settings fields (used by tests that check `.env.example`)."""
    return [f.name for f in fields(Settings) if not f.name.startswith("_")]
