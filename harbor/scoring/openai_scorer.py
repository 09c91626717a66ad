"""The LLM scorer: the official openai SDK, structured outputs, one bounded retry layer.

Retries are ours (tenacity) and the SDK's are off (`max_retries=0`), never both: every
attempt must pass the shared Redis rate limiter first, which the SDK's internal retries
would bypass, and a 429 means two different things that only we can tell apart (a rate
limit, worth waiting for as Retry-After says, or an exhausted quota, which is terminal).

Outcomes of one `score` call:
- a `ScoreResult`;
- `ScoreFailed` (an LLMRejected): authentication, quota, a request the server refuses,
  or an answer that did not validate (or a refusal, or a cut-off answer) twice;
- `ScorerUnavailable` (an LLMUnavailable): 429/5xx/timeouts/dropped connections that
  outlasted our attempts, a Retry-After too long to wait in-process, the shared rate
  limit needing too long a wait, or the call's deadline reached. Nothing is decided
  about the post; retry later.

Every call has an overall deadline (DEFAULT_DEADLINE_S, or the caller's if sooner): each
request's timeout, each retry's wait and the rate limiter's wait are cut to what is left,
so one `score` returns within it whatever the server does (a score task's own deadline,
the score claim's longest hold and the task limits in harbor.runtime.queues are above).
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, cast

import openai
import pydantic
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from tenacity import RetryCallState, Retrying, retry_if_exception, wait_exponential_jitter

from harbor.deadline import MIN_STEP_S, Deadline
from harbor.errors import LLMUnavailable
from harbor.scoring.limiter import RateLimiter
from harbor.scoring.llm_errors import (
    ScoreFailed,
    ScorerUnavailable,
    describe,
    is_transient,
    rejects_json_schema,
    retry_after,
    terminal_error,
)
from harbor.scoring.model import Assessment, Post, ScoreResult, weighted_total
from harbor.scoring.prompt import MAX_OUTPUT_TOKENS, PROMPT_VERSION, build_messages, estimate_tokens

__all__ = [
    "DEFAULT_DEADLINE_S",
    "EXPECTED_OUTPUT_TOKENS",
    "OpenAIScorer",
    "ScoreFailed",
    "ScorerUnavailable",
    "parse_json_content",
]

log = logging.getLogger(__name__)

EXPECTED_OUTPUT_TOKENS = 250  # what an answer usually costs; charged up front, then settled
# the longest one `score` call takes: every attempt, wait and the second try included
DEFAULT_DEADLINE_S = 75.0
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)


def _response_format() -> dict[str, Any]:
    # the SDK's public helper makes the strict schema (the one `parse()` would send) for
    # a function tool; a json_schema response format carries the same schema
    function = openai.pydantic_function_tool(Assessment)["function"]
    schema = {"name": function["name"], "schema": function.get("parameters"), "strict": True}
    return {"type": "json_schema", "json_schema": schema}


# the structured-output format `parse()` would send, built once: `parse()` rebuilds the
# strict schema and walks it on every call (several ms of CPU per post), which caps what
# one score worker can do; we send the same JSON and validate the answer ourselves
RESPONSE_FORMAT: dict[str, Any] = _response_format()


@dataclass
class _Usage:
    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total(self) -> int:
        return self.input_tokens + self.output_tokens

    def add(self, other: _Usage) -> None:
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens


class _Body(Protocol):
    def json(self) -> Any: ...


class _Raw(Protocol):
    """What we use of the SDK's raw response (`with_raw_response`): the body and parse()."""

    @property
    def http_response(self) -> _Body: ...

    def parse(self) -> object: ...


class _InvalidOutput(Exception):
    def __init__(self, reason: str, usage: _Usage) -> None:
        super().__init__(reason)
        self.reason = reason
        self.usage = usage


def _usage_of(body: object) -> _Usage:
    usage = body.get("usage") if isinstance(body, dict) else None
    if not isinstance(usage, dict):
        return _Usage()
    return _Usage(
        input_tokens=int(usage.get("prompt_tokens") or 0),
        output_tokens=int(usage.get("completion_tokens") or 0),
    )


class OpenAIScorer:
    """Scores posts with an OpenAI-compatible chat completions endpoint."""

    name = "openai"

    def __init__(
        self,
        client: openai.OpenAI,
        model: str,
        weights: Mapping[str, float],
        limiter: RateLimiter | None = None,
        *,
        max_attempts: int = 4,
        max_retry_after: float = 20.0,
        max_limiter_wait: float = 60.0,
        request_timeout: float = 30.0,
        deadline_s: float = DEFAULT_DEADLINE_S,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.model = model
        self.prompt_version = PROMPT_VERSION
        self.weights = dict(weights)
        self.limiter = limiter
        self.max_attempts = max_attempts
        self.max_retry_after = max_retry_after
        self.max_limiter_wait = max_limiter_wait
        self.request_timeout = request_timeout
        self.deadline_s = deadline_s
        self._sleep = sleep
        # flips to False for good (per client) once the server refuses json_schema
        self.json_schema = True

    def estimate(self, post: Post) -> int:
        """The tokens one call for `post` is expected to cost (prompt + a usual answer)."""
        return estimate_tokens(build_messages(post)) + EXPECTED_OUTPUT_TOKENS

    def score(self, post: Post, deadline: Deadline | None = None) -> ScoreResult:
        """Score `post` within the deadline (ours, or `deadline` if sooner); invalid output
        is asked for once more. See the module docstring."""
        deadline = Deadline(self.deadline_s).earliest(deadline)
        messages = build_messages(post)
        estimate = estimate_tokens(messages) + EXPECTED_OUTPUT_TOKENS
        spent = _Usage()
        reasons: list[str] = []
        max_tokens = MAX_OUTPUT_TOKENS
        for _ in range(2):
            try:
                assessment, usage = self._call_with_retries(
                    messages, estimate, max_tokens, spent, deadline
                )
            except _InvalidOutput as exc:
                spent.add(exc.usage)
                reasons.append(exc.reason)
                log.warning("post %s: the model's answer was not usable: %s", post.id, exc.reason)
                if "length" in exc.reason:
                    max_tokens *= 2
                messages = [
                    *build_messages(post),
                    {
                        "role": "user",
                        "content": f"Your previous answer was not usable ({exc.reason[:200]}). "
                        "Answer again with only the JSON object described above.",
                    },
                ]
                continue
            spent.add(usage)
            return ScoreResult(
                assessment=assessment,
                total=weighted_total(assessment, self.weights),
                scorer=self.name,
                model=self.model,
                prompt_version=self.prompt_version,
                input_tokens=spent.input_tokens,
                output_tokens=spent.output_tokens,
            )
        raise ScoreFailed(
            "the model's output was not usable twice: " + "; then ".join(reasons),
            spent.input_tokens,
            spent.output_tokens,
        )

    @staticmethod
    def _wait(state: RetryCallState, deadline: Deadline) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = retry_after(exc)
        if after is not None:
            return after + random.uniform(0, 0.25)
        backoff = float(wait_exponential_jitter(initial=0.5, max=8.0, jitter=0.5)(state))
        # leave the next attempt its minimum (the stop below saw that it fits)
        return max(0.0, min(backoff, deadline.remaining() - MIN_STEP_S))

    def _stop(self, state: RetryCallState, deadline: Deadline) -> str | None:
        """Why no further attempt is made, or None to make one."""
        if state.attempt_number >= self.max_attempts:
            return "gave up after bounded retries"
        after = retry_after(state.outcome.exception() if state.outcome else None)
        # a long Retry-After is not waited for in-process: the caller retries later
        if after is not None and after > self.max_retry_after:
            return "the server asked for a longer wait than we make in-process"
        # no time left for the wait and one more attempt
        if deadline.remaining() - (after or 0.0) < MIN_STEP_S:
            return f"gave up at the {deadline.seconds:g}s deadline"
        return None

    def _call_with_retries(
        self,
        messages: list[dict[str, str]],
        estimate: int,
        max_tokens: int,
        spent: _Usage,
        deadline: Deadline,
    ) -> tuple[Assessment, _Usage]:
        stopped: list[str] = []

        def stop(state: RetryCallState) -> bool:
            reason = self._stop(state, deadline)
            if reason is not None:
                stopped.append(reason)
            return reason is not None

        retrying = Retrying(
            retry=retry_if_exception(is_transient),
            stop=stop,
            wait=lambda s: self._wait(s, deadline),
            sleep=self._sleep,
            reraise=True,
            before_sleep=lambda s: log.warning(
                "LLM call failed (%s), attempt %d of %d; retrying",
                describe(s.outcome.exception() if s.outcome else None),
                s.attempt_number,
                self.max_attempts,
            ),
        )
        try:
            return retrying(self._attempt, messages, estimate, max_tokens, deadline)
        except (openai.APIConnectionError, openai.APIStatusError) as exc:
            if not is_transient(exc):
                raise
            why = stopped[-1] if stopped else "gave up after bounded retries"
            raise ScorerUnavailable(
                f"LLM unavailable: {describe(exc)} ({why})",
                retry_after=retry_after(exc),
                input_tokens=spent.input_tokens,
                output_tokens=spent.output_tokens,
            ) from None
        except LLMUnavailable as exc:  # the shared rate limit would keep us waiting too long
            raise ScorerUnavailable(
                str(exc), exc.retry_after, spent.input_tokens, spent.output_tokens
            ) from None

    def _attempt(
        self, messages: list[dict[str, str]], estimate: int, max_tokens: int, deadline: Deadline
    ) -> tuple[Assessment, _Usage]:
        if deadline.expired(MIN_STEP_S):
            raise LLMUnavailable(f"LLM call not started: its {deadline.seconds:g}s deadline passed")
        if self.limiter is not None:
            self.limiter.acquire(estimate, deadline.cap(self.max_limiter_wait) - MIN_STEP_S)
        structured = self.json_schema
        try:
            raw = self._send(messages, max_tokens, structured, deadline.cap(self.request_timeout))
        except openai.APIStatusError as exc:
            self._settle(estimate, 0)
            if structured and isinstance(exc, openai.BadRequestError) and rejects_json_schema(exc):
                log.warning(
                    "the LLM server refuses json_schema response formats; "
                    "using JSON mode with validation from now on"
                )
                self.json_schema = False
                return self._attempt(messages, estimate, max_tokens, deadline)
            terminal = terminal_error(exc)
            if terminal is not None:
                raise terminal from None
            raise
        except openai.APIConnectionError:
            self._settle(estimate, 0)
            raise
        try:
            body = raw.http_response.json()
        except ValueError:
            body = None
        usage = _usage_of(body)
        self._settle(estimate, usage.total)
        return self._read(raw, structured, usage), usage

    def _send(
        self, messages: list[dict[str, str]], max_tokens: int, structured: bool, timeout: float
    ) -> _Raw:
        typed = cast("list[ChatCompletionMessageParam]", messages)
        api = self.client.chat.completions.with_raw_response
        if structured:
            return api.create(
                model=self.model,
                messages=typed,
                max_completion_tokens=max_tokens,
                # passed through untouched: the SDK would re-walk it on every call
                extra_body={"response_format": RESPONSE_FORMAT},
                timeout=timeout,
            )
        return api.create(
            model=self.model,
            messages=typed,
            response_format={"type": "json_object"},
            max_completion_tokens=max_tokens,
            timeout=timeout,
        )

    def _settle(self, estimate: int, actual: int) -> None:
        if self.limiter is not None:
            self.limiter.settle(estimate, actual)

    def _read(self, raw: _Raw, structured: bool, usage: _Usage) -> Assessment:
        try:
            completion = raw.parse()
        except openai.LengthFinishReasonError:
            raise _InvalidOutput("the answer was cut off (finish_reason=length)", usage) from None
        except openai.ContentFilterFinishReasonError:
            raise _InvalidOutput("the answer was withheld by the content filter", usage) from None
        except pydantic.ValidationError as exc:
            raise _InvalidOutput(_invalid(exc), usage) from None
        except ValueError as exc:  # a body that is not JSON at all
            reason = f"the response was not JSON ({type(exc).__name__})"
            raise _InvalidOutput(reason, usage) from None
        if not isinstance(completion, ChatCompletion) or not completion.choices:
            raise _InvalidOutput("the response had no choices", usage)
        choice = completion.choices[0]
        message = choice.message
        if message.refusal:
            raise _InvalidOutput(f"the model refused: {message.refusal[:200]}", usage)
        if choice.finish_reason == "length":
            raise _InvalidOutput("the answer was cut off (finish_reason=length)", usage)
        parsed = getattr(message, "parsed", None)
        if structured and isinstance(parsed, Assessment):
            return parsed
        try:
            return parse_json_content(message.content or "")
        except pydantic.ValidationError as exc:
            raise _InvalidOutput(_invalid(exc), usage) from None


def _invalid(exc: pydantic.ValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "the answer did not validate"
    first = errors[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "answer"
    return f"the answer did not validate: {where}: {first.get('msg', 'invalid')}"[:240]


def parse_json_content(content: str) -> Assessment:
    """Validate a JSON-mode answer (code fences tolerated) into an Assessment."""
    return Assessment.model_validate_json(_FENCE.sub("", content))
