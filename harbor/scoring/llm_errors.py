"""How the LLM scorer reads the errors of an OpenAI-compatible server.

Transient (worth retrying, as Retry-After says when it says): connection errors and
timeouts, 408, 409, 429 rate limits, 5xx. Terminal for the post: 401/403 (the key),
429 insufficient_quota (the account), and any other 4xx. The server's own message is
never quoted for authentication errors, since it may echo part of the key.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from datetime import UTC, datetime

import openai

from harbor.errors import LLMRejected, LLMUnavailable

__all__ = [
    "ScoreFailed",
    "ScorerUnavailable",
    "describe",
    "is_quota",
    "is_transient",
    "rejects_json_schema",
    "retry_after",
    "retry_after_seconds",
    "terminal_error",
]


class ScoreFailed(LLMRejected):
    """A terminal failure for this post; carries the tokens already spent on it.

    `account` is True when the account itself is refused (bad key, no quota): no other
    post can succeed either, so a batch should stop instead of failing every post.
    """

    def __init__(
        self, message: str, input_tokens: int = 0, output_tokens: int = 0, *, account: bool = False
    ) -> None:
        super().__init__(message)
        self.input_tokens = input_tokens
        self.output_tokens = output_tokens
        self.account = account


class ScorerUnavailable(LLMUnavailable):
    """The LLM stayed unavailable past our attempts; carries the tokens already spent."""

    def __init__(
        self,
        message: str,
        retry_after: float | None = None,
        input_tokens: int = 0,
        output_tokens: int = 0,
    ) -> None:
        super().__init__(message, retry_after=retry_after)
        self.input_tokens = input_tokens
        self.output_tokens = output_tokens


def retry_after_seconds(headers: Mapping[str, str] | None) -> float | None:
    """Seconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date)."""
    if not headers:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def retry_after(exc: BaseException | None) -> float | None:
    if isinstance(exc, openai.APIStatusError):
        return retry_after_seconds(exc.response.headers)
    return None


def is_quota(exc: openai.APIStatusError) -> bool:
    return "insufficient_quota" in (exc.code or "", exc.type or "")


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError):  # includes timeouts and dropped connections
        return True
    if isinstance(exc, openai.RateLimitError):
        return not is_quota(exc)
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in (408, 409)
    return False


def describe(exc: BaseException | None) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "request timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed or was dropped"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__ if exc else "unknown error"


def rejects_json_schema(exc: openai.BadRequestError) -> bool:
    text = f"{exc.message} {exc.param or ''} {exc.code or ''}".lower()
    return any(word in text for word in ("response_format", "json_schema", "structured"))


def terminal_error(exc: openai.APIStatusError) -> ScoreFailed | None:
    """The terminal failure `exc` stands for, or None when it is worth retrying."""
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ScoreFailed(
            f"the OpenAI API key was rejected (HTTP {exc.status_code})", account=True
        )
    if isinstance(exc, openai.RateLimitError) and is_quota(exc):
        return ScoreFailed(
            "the OpenAI account has no quota left (insufficient_quota)", account=True
        )
    if is_transient(exc):
        return None
    return ScoreFailed(
        f"the LLM server refused the request (HTTP {exc.status_code}): {exc.message[:300]}"
    )
