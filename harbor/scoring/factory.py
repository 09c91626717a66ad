"""Which scorer a process uses, built once per configuration and shared by its threads.

OpenAI when HARBOR_SCORER says so (the default whenever OPENAI_API_KEY is set), the
offline heuristic otherwise; the choice is logged once, plainly, and `describe_scorer`
says it for `harbor status`. One OpenAI client per configuration keeps its connection
pool and its memory of whether the server accepts json_schema response formats.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import openai

from harbor.redis_conn import redis_client
from harbor.scoring.heuristic import HeuristicScorer
from harbor.scoring.limiter import RateLimiter
from harbor.scoring.model import Post, ScoreResult
from harbor.scoring.openai_scorer import OpenAIScorer
from harbor.scoring.prompt import PROMPT_VERSION
from harbor.settings import Settings, redact_url

__all__ = ["NO_KEY_MESSAGE", "Scorer", "describe_scorer", "get_scorer"]

log = logging.getLogger(__name__)

NO_KEY_MESSAGE = "no OPENAI_API_KEY: using the offline heuristic scorer"
DEFAULT_OPENAI_URL = "https://api.openai.com/v1"


class Scorer(Protocol):
    """What the service needs from a scorer."""

    name: str
    model: str
    prompt_version: str

    def score(self, post: Post) -> ScoreResult: ...


_scorers: dict[tuple[object, ...], Scorer] = {}
_lock = threading.Lock()


def _key(settings: Settings) -> tuple[object, ...]:
    return (
        settings.scorer,
        settings.openai_api_key,
        settings.openai_base_url,
        settings.openai_model,
        settings.openai_timeout,
        settings.openai_rpm,
        settings.openai_tpm,
        settings.redis_url,
        tuple(sorted(settings.score_weights.items())),
        settings.filter_model_path,
        settings.filter_threshold,
        settings.keywords_path,
    )


def _build(settings: Settings) -> Scorer:
    if settings.scorer != "openai" or settings.openai_api_key is None:
        if settings.openai_api_key is None:
            log.info(NO_KEY_MESSAGE)
        else:
            log.info("HARBOR_SCORER=heuristic: using the offline heuristic scorer")
        from harbor.detector import load_detector

        return HeuristicScorer(settings.score_weights, load_detector(settings))
    client = openai.OpenAI(
        api_key=settings.openai_api_key.get(),
        base_url=settings.openai_base_url,
        timeout=settings.openai_timeout,
        max_retries=0,  # our retry layer is the only one: see harbor.scoring.openai_scorer
    )
    limiter = RateLimiter(redis_client(settings), settings.openai_rpm, settings.openai_tpm)
    log.info(
        "scoring with %s at %s (prompt %s, at most %d requests and %d tokens per minute)",
        settings.openai_model,
        redact_url(settings.openai_base_url or DEFAULT_OPENAI_URL),
        PROMPT_VERSION,
        settings.openai_rpm,
        settings.openai_tpm,
    )
    return OpenAIScorer(
        client,
        settings.openai_model,
        settings.score_weights,
        limiter,
        request_timeout=settings.openai_timeout,
    )


def get_scorer(settings: Settings) -> Scorer:
    """The process's scorer for these settings (built and logged on first use)."""
    key = _key(settings)
    with _lock:
        scorer = _scorers.get(key)
        if scorer is None:
            scorer = _build(settings)
            _scorers[key] = scorer
        return scorer


def describe_scorer(settings: Settings) -> str:
    """One line for status output: which scorer, which model, and why."""
    if settings.scorer == "openai" and settings.openai_api_key is not None:
        url = redact_url(settings.openai_base_url or DEFAULT_OPENAI_URL)
        return f"openai: {settings.openai_model} at {url}, prompt {PROMPT_VERSION}"
    if settings.openai_api_key is None:
        return f"heuristic (offline): {NO_KEY_MESSAGE}"
    return "heuristic (offline): chosen by HARBOR_SCORER"
