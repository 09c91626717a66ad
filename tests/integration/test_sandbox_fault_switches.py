"""Every fault can be switched on, is seen by the real client, and switched off again."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Literal

import openai
import pydantic
import pytest
import requests
from sandbox_support import get, listing_requests, token

from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox

SUB = "smallbusiness"


class Score(pydantic.BaseModel):
    pain_intensity: int = pydantic.Field(ge=0, le=10)
    category: Literal["pain", "solution_request", "advice", "money_talk", "other"]


def faults(sandbox: SandboxClient, target: str) -> int:
    return int(sandbox.stats()[target]["faults"])


def reddit_new(running: RunningSandbox, bearer: str, timeout: float = 10) -> requests.Response:
    return get(running.reddit_url, f"/r/{SUB}/new", bearer, timeout=timeout, limit=5, raw_json=1)


def _not_json(response: requests.Response) -> None:
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


REDDIT_CHECKS: dict[str, Callable[[RunningSandbox, str], None]] = {
    "429": lambda r, t: _expect_status(reddit_new(r, t), 429, retry_after="2"),
    "500": lambda r, t: _expect_status(reddit_new(r, t), 500),
    "502": lambda r, t: _expect_status(reddit_new(r, t), 502),
    "503": lambda r, t: _expect_status(reddit_new(r, t), 503),
    "malformed": lambda r, t: _not_json(reddit_new(r, t)),
    "truncated": lambda r, t: _not_json(reddit_new(r, t)),
    "drop": lambda r, t: _raises(requests.ConnectionError, lambda: reddit_new(r, t)),
    "slow": lambda r, t: _raises(requests.Timeout, lambda: reddit_new(r, t, timeout=0.5)),
    "latency": lambda r, t: _takes_at_least(0.3, lambda: reddit_new(r, t)),
}


def _expect_status(response: requests.Response, status: int, retry_after: str = "") -> None:
    assert response.status_code == status
    if retry_after:
        assert response.headers["Retry-After"] == retry_after
        assert response.headers["x-ratelimit-remaining"] == "0.0"


def _raises(kind: type[BaseException], call: Callable[[], object]) -> None:
    with pytest.raises(kind):
        call()


def _takes_at_least(seconds: float, call: Callable[[], requests.Response]) -> None:
    started = time.monotonic()
    assert call().status_code == 200
    assert time.monotonic() - started >= seconds


@pytest.mark.parametrize("kind", sorted(REDDIT_CHECKS))
def test_every_reddit_fault_switches_on_and_off(
    sandbox: SandboxClient, sandbox_process: RunningSandbox, kind: str
) -> None:
    bearer = token(sandbox_process.reddit_url)
    sandbox.set_fault("reddit", kind, retry_after=2, delay=0.35 if kind == "latency" else 2)
    REDDIT_CHECKS[kind](sandbox_process, bearer)
    assert faults(sandbox, "reddit") == 1
    sandbox.clear_faults()
    response = reddit_new(sandbox_process, bearer)
    assert response.status_code == 200 and len(response.json()["data"]["children"]) == 5
    assert faults(sandbox, "reddit") == 1


def _parse(running: RunningSandbox, timeout: float = 10) -> Score | None:
    client = openai.OpenAI(
        base_url=running.openai_url, api_key="sk-sandbox", max_retries=0, timeout=timeout
    )
    completion = client.chat.completions.parse(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "I hate chasing invoices, it's a nightmare."}],
        response_format=Score,
    )
    message = completion.choices[0].message
    return None if message.refusal is not None else message.parsed


def _openai_error(kind: type[BaseException], code: str | None = None) -> Callable[..., None]:
    def check(running: RunningSandbox) -> None:
        with pytest.raises(kind) as caught:
            _parse(running)
        if code is not None:
            assert getattr(caught.value, "code", None) == code

    return check


def _refused(running: RunningSandbox) -> None:
    assert _parse(running) is None


def _slow(running: RunningSandbox) -> None:
    with pytest.raises(openai.APITimeoutError):
        _parse(running, timeout=0.5)


def _latency(running: RunningSandbox) -> None:
    started = time.monotonic()
    assert _parse(running) is not None
    assert time.monotonic() - started >= 0.3


OPENAI_CHECKS: dict[str, Callable[[RunningSandbox], None]] = {
    "429": _openai_error(openai.RateLimitError, "rate_limit_exceeded"),
    "quota": _openai_error(openai.RateLimitError, "insufficient_quota"),
    "auth": _openai_error(openai.AuthenticationError, "invalid_api_key"),
    "500": _openai_error(openai.InternalServerError),
    "502": _openai_error(openai.InternalServerError),
    "503": _openai_error(openai.InternalServerError),
    "malformed": _openai_error(json.JSONDecodeError),
    "truncated": _openai_error(json.JSONDecodeError),
    "drop": _openai_error(openai.APIConnectionError),
    "invalid_output": _openai_error(pydantic.ValidationError),
    "refusal": _refused,
    "slow": _slow,
    "latency": _latency,
}


@pytest.mark.parametrize("kind", sorted(OPENAI_CHECKS))
def test_every_openai_fault_switches_on_and_off(
    sandbox: SandboxClient, sandbox_process: RunningSandbox, kind: str
) -> None:
    sandbox.set_fault("openai", kind, delay=0.35 if kind == "latency" else 2)
    OPENAI_CHECKS[kind](sandbox_process)
    assert faults(sandbox, "openai") == 1
    sandbox.clear_faults()
    parsed = _parse(sandbox_process)
    assert parsed is not None and parsed.pain_intensity > 0
    assert faults(sandbox, "openai") == 1
    assert sandbox.stats()["openai"]["by_endpoint"]["chat.completions"] == 2


def test_a_fault_for_one_subreddit_hits_only_that_subreddit(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    bearer = token(sandbox_process.reddit_url)
    sandbox.set_fault("reddit", "503", subreddit="SaaS")
    assert get(sandbox_process.reddit_url, "/r/saas/new", bearer).status_code == 503
    assert reddit_new(sandbox_process, bearer).status_code == 200
    stats = sandbox.stats()["reddit"]
    assert stats["faults"] == 1
    assert stats["by_status"] == {"200": 2, "503": 1}  # the token, /new; /r/saas/new


def test_a_counted_fault_hits_the_next_requests_only(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    bearer = token(sandbox_process.reddit_url)
    sandbox.set_fault("reddit", "502", count=2)
    statuses = [reddit_new(sandbox_process, bearer).status_code for _ in range(4)]
    assert statuses == [502, 502, 200, 200]
    assert sandbox.faults() == []
    assert listing_requests(sandbox.stats(), SUB) == 4


def test_a_ratio_fault_hits_the_same_share_every_time(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    bearer = token(sandbox_process.reddit_url)
    patterns = []
    for _ in range(2):
        sandbox.set_fault("reddit", "500", ratio=0.25)
        patterns.append([reddit_new(sandbox_process, bearer).status_code for _ in range(20)])
        sandbox.clear_faults()
    assert patterns[0] == patterns[1]
    assert 4 <= patterns[0].count(500) <= 6


def test_a_fault_with_a_duration_switches_itself_off(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    bearer = token(sandbox_process.reddit_url)
    sandbox.set_fault("reddit", "503", duration=0.5)
    assert reddit_new(sandbox_process, bearer).status_code == 503
    time.sleep(1.0)
    assert reddit_new(sandbox_process, bearer).status_code == 200
    assert sandbox.faults() == []


def test_the_token_endpoint_and_admin_endpoints_are_never_faulted(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.set_fault("reddit", "503")
    sandbox.set_fault("openai", "drop")
    assert token(sandbox_process.reddit_url)
    assert sandbox.stats()["reddit"]["faults"] == 0
    [fault] = [f for f in sandbox.faults() if f["target"] == "reddit"]
    sandbox.clear_fault(fault["id"])
    assert [f["kind"] for f in sandbox.faults()] == ["drop"]
