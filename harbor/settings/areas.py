"""The settings read area by area: storage, collection, Reddit, filter, scoring, operations.

Each reader takes the environment and a list it appends secret values to (for the log
redaction filter), and returns the Settings fields of its area.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from harbor.errors import ConfigError
from harbor.settings.values import (
    Secret,
    integer,
    number,
    text,
    url,
    user_password,
    validate_identifier,
    validate_subreddit,
)

__all__ = [
    "DEFAULT_REDIS_URL",
    "DEFAULT_SUBREDDITS",
    "DEFAULT_WEIGHTS",
    "SANDBOX_OPENAI_KEY",
    "SANDBOX_OPENAI_PORT",
    "SANDBOX_REDDIT_CLIENT_ID",
    "SANDBOX_REDDIT_CLIENT_SECRET",
    "SANDBOX_REDDIT_PORT",
    "default_dlt_dir",
    "read_collection",
    "read_filter",
    "read_operations",
    "read_reddit",
    "read_scoring",
    "read_storage",
]

Fields = dict[str, Any]

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
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


def default_dlt_dir() -> Path:
    """Where dlt's per-run working directories go by default: a memory filesystem when the
    machine has one (they hold a few files for the seconds a run lasts, everything is
    restored from Postgres, and dlt creates and removes dozens of files and folders per
    run, which cost milliseconds each on a journaling disk), else ~/.harbor/dlt."""
    shm = Path("/dev/shm")  # noqa: S108 - a private subfolder, created with mode 0700
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm / f"harbor-dlt-{os.getuid()}"
    return Path.home() / ".harbor" / "dlt"


def read_storage(env: Mapping[str, str], secrets: list[str]) -> Fields:
    """DATABASE_URL, REDIS_URL, HARBOR_DATASET, HARBOR_DLT_DIR."""
    database_url = text(env, "DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/harbor")
    assert database_url is not None
    url("DATABASE_URL", database_url, ("postgresql", "postgres"), secret=True)
    if urlsplit(database_url).path.strip("/") == "":
        raise ConfigError("DATABASE_URL: (value hidden) names no database (…/dbname)")
    redis_url = text(env, "REDIS_URL", DEFAULT_REDIS_URL)
    assert redis_url is not None
    url("REDIS_URL", redis_url, ("redis", "rediss", "unix"), secret=True)
    for value in (database_url, redis_url):
        password = urlsplit(value).password
        if password:
            secrets.append(password)
    dataset = validate_identifier(
        text(env, "HARBOR_DATASET", "reddit_harbor") or "", "HARBOR_DATASET"
    )
    dlt_dir = text(env, "HARBOR_DLT_DIR", str(default_dlt_dir())) or ""
    return {
        "database_url": Secret(database_url),
        "redis_url": Secret(redis_url),
        "dataset": dataset,
        "dlt_dir": Path(dlt_dir),
    }


def _subreddits(raw: str | None) -> tuple[str, ...]:
    if raw is None:
        return DEFAULT_SUBREDDITS
    names = [s.strip() for s in raw.split(",") if s.strip()]
    if not names:
        raise ConfigError("HARBOR_SUBREDDITS: no subreddit names given")
    seen: dict[str, str] = {}
    for name in names:
        validate_subreddit(name, "HARBOR_SUBREDDITS")
        seen.setdefault(name.lower(), name)
    return tuple(seen.values())


def read_collection(env: Mapping[str, str], secrets: list[str]) -> Fields:
    """What to collect, how often, and the collectors' own knobs."""
    every = number(env, "HARBOR_COLLECT_EVERY_SECONDS", 900.0, 1.0)
    shortest = number(env, "HARBOR_COLLECT_MIN_SECONDS", min(60.0, every), 1.0)
    if shortest > every:
        raise ConfigError(
            f"HARBOR_COLLECT_MIN_SECONDS: {shortest:g} is above "
            f"HARBOR_COLLECT_EVERY_SECONDS ({every:g}), the longest cadence"
        )
    first_run = integer(env, "HARBOR_FIRST_RUN_DLT", 100, 0)
    if first_run > 100:
        raise ConfigError(f"HARBOR_FIRST_RUN_DLT: {first_run} is not a percentage 0..100")
    return {
        "subreddits": _subreddits(text(env, "HARBOR_SUBREDDITS")),
        "subreddits_from_env": text(env, "HARBOR_SUBREDDITS") is not None,
        "dispatch_seconds": number(env, "HARBOR_DISPATCH_SECONDS", 15.0, 0.5),
        "collect_every_seconds": every,
        "collect_min_seconds": shortest,
        "listing_limit": integer(env, "HARBOR_LISTING_LIMIT", 1000, 1),
        "lookback_seconds": integer(env, "HARBOR_LOOKBACK_SECONDS", 1800, 0),
        "auto_pin_failures": integer(env, "HARBOR_AUTO_PIN_FAILURES", 3, 1),
        "first_run_dlt": first_run,
    }


def read_reddit(env: Mapping[str, str], secrets: list[str]) -> Fields:
    """Reddit's credentials and endpoints (the sandbox's when none are set), and the quota."""
    client_id = text(env, "REDDIT_CLIENT_ID")
    client_secret = text(env, "REDDIT_CLIENT_SECRET")
    if (client_id is None) != (client_secret is None):
        missing = "REDDIT_CLIENT_SECRET" if client_secret is None else "REDDIT_CLIENT_ID"
        raise ConfigError(f"{missing}: must be set together with the other Reddit credential")
    if client_secret:
        secrets.append(client_secret)
    sandbox = client_id is None
    reddit_port = integer(env, "HARBOR_SANDBOX_REDDIT_PORT", SANDBOX_REDDIT_PORT, 1)
    openai_port = integer(env, "HARBOR_SANDBOX_OPENAI_PORT", SANDBOX_OPENAI_PORT, 1)
    sandbox_url = f"http://127.0.0.1:{reddit_port}"
    oauth_default = sandbox_url if sandbox else "https://oauth.reddit.com"
    www_default = sandbox_url if sandbox else "https://www.reddit.com"
    oauth_url = text(env, "REDDIT_OAUTH_URL", oauth_default) or ""
    www_url = text(env, "REDDIT_URL", www_default) or ""
    user_agent = text(env, "REDDIT_USER_AGENT", "python:redditharbor:0.1 (by /u/harbor)")
    return {
        "reddit_client_id": client_id or SANDBOX_REDDIT_CLIENT_ID,
        "reddit_client_secret": Secret(client_secret or SANDBOX_REDDIT_CLIENT_SECRET),
        "reddit_user_agent": user_agent or "",
        "reddit_oauth_url": url("REDDIT_OAUTH_URL", oauth_url, ("http", "https")),
        "reddit_url": url("REDDIT_URL", www_url, ("http", "https")),
        "reddit_sandbox": sandbox,
        "reddit_qpm": integer(env, "HARBOR_REDDIT_QPM", 90, 1),
        "sandbox_reddit_port": reddit_port,
        "sandbox_openai_port": openai_port,
    }


def read_filter(env: Mapping[str, str], secrets: list[str]) -> Fields:
    """The problem detector: the lexicon file, the classifier's model file, the threshold."""
    keywords = text(env, "HARBOR_KEYWORDS")
    keywords_path = Path(keywords) if keywords else None
    if keywords_path is not None and not keywords_path.is_file():
        raise ConfigError(f"HARBOR_KEYWORDS: {keywords!r} is not a readable file")
    model = text(env, "HARBOR_FILTER_MODEL")
    model_path = Path(model) if model else None
    if model_path is not None and not model_path.is_file():
        raise ConfigError(f"HARBOR_FILTER_MODEL: {model!r} is not a readable file")
    threshold: float | None = None
    if text(env, "HARBOR_FILTER_THRESHOLD") is not None:
        threshold = number(env, "HARBOR_FILTER_THRESHOLD", 0.5, 0.0, 1.0)
    return {
        "keywords_path": keywords_path,
        "filter_model_path": model_path,
        "filter_threshold": threshold,
    }


def _weights(raw: str | None) -> dict[str, float]:
    weights = dict(DEFAULT_WEIGHTS)
    if raw is None:
        return weights
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


def read_scoring(env: Mapping[str, str], secrets: list[str]) -> Fields:
    """The scorer, its endpoint and limits, the weights, the daily budget, the thresholds."""
    api_key = text(env, "OPENAI_API_KEY")
    if api_key:
        secrets.append(api_key)
    base_url = text(env, "OPENAI_BASE_URL")
    if base_url is not None:
        base_url = url("OPENAI_BASE_URL", base_url, ("http", "https"))
    scorer = text(env, "HARBOR_SCORER", "openai" if api_key else "heuristic")
    if scorer not in ("openai", "heuristic"):
        raise ConfigError(f"HARBOR_SCORER: {scorer!r} is not 'openai' or 'heuristic'")
    if scorer == "openai" and not api_key:
        raise ConfigError("HARBOR_SCORER: 'openai' needs OPENAI_API_KEY to be set")
    budget = integer(env, "HARBOR_DAILY_TOKEN_BUDGET", 0)
    return {
        "openai_api_key": Secret(api_key) if api_key else None,
        "openai_base_url": base_url,
        "openai_model": text(env, "HARBOR_OPENAI_MODEL", "gpt-4o-mini") or "gpt-4o-mini",
        "openai_timeout": number(env, "HARBOR_OPENAI_TIMEOUT", 30.0, 1.0),
        "openai_rpm": integer(env, "HARBOR_OPENAI_RPM", 500, 1),
        "openai_tpm": integer(env, "HARBOR_OPENAI_TPM", 200_000, 1),
        "scorer": "openai" if scorer == "openai" else "heuristic",
        "score_weights": _weights(text(env, "HARBOR_SCORE_WEIGHTS")),
        "daily_token_budget": budget or None,
        "alert_min_total": number(env, "HARBOR_ALERT_MIN_TOTAL", 70.0, 0.0, 100.0),
        "comments_min_total": number(env, "HARBOR_COMMENTS_MIN_TOTAL", 60.0, 0.0, 100.0),
    }


def read_operations(env: Mapping[str, str], secrets: list[str]) -> Fields:
    """Flower's and the web app's basic auth, the alert webhook, logging."""
    auth: dict[str, Secret | None] = {}
    for name, key in (("FLOWER_BASIC_AUTH", "flower"), ("HARBOR_WEB_BASIC_AUTH", "web")):
        value = text(env, name)
        if value is not None:
            secrets.append(user_password(name, value)[1])
        auth[key] = Secret(value) if value else None
    webhook = text(env, "HARBOR_WEBHOOK_URL")
    if webhook is not None:
        url("HARBOR_WEBHOOK_URL", webhook, ("http", "https"), secret=True)
        # the whole URL is the secret (Slack and Discord put the token in its path)
        secrets.append(webhook)
    log_level = (text(env, "HARBOR_LOG_LEVEL", "INFO") or "INFO").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"HARBOR_LOG_LEVEL: {log_level!r} is not DEBUG, INFO, WARNING or ERROR")
    log_format = (text(env, "HARBOR_LOG_FORMAT", "text") or "text").lower()
    if log_format not in ("text", "json"):
        raise ConfigError(f"HARBOR_LOG_FORMAT: {log_format!r} is not 'text' or 'json'")
    return {
        "flower_basic_auth": auth["flower"],
        "web_basic_auth": auth["web"],
        "webhook_url": Secret(webhook) if webhook else None,
        "log_level": log_level,
        "log_format": log_format,
    }
