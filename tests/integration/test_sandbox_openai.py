"""The openai SDK against the sandbox: structured outputs, JSON mode, errors, usage."""

from __future__ import annotations

import json
from typing import Literal

import openai
import pytest
from pydantic import BaseModel, Field
from sandbox_support import chat

from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox

PAIN = (
    "<reddit_post>Drowning in unpaid invoices\nI'm so frustrated and exhausted, I lost a "
    "client over it. Is there a tool that chases them? I'd pay $30/month.</reddit_post>"
)
CALM = "<reddit_post>Which book changed how you run your business?</reddit_post>"


class Assessment(BaseModel):
    market_demand: int = Field(ge=0, le=10)
    pain_intensity: int = Field(ge=0, le=10)
    monetization_potential: int = Field(ge=0, le=10)
    market_gap: int = Field(ge=0, le=10)
    technical_feasibility: int = Field(ge=0, le=10)
    category: Literal["pain", "solution_request", "advice", "money_talk", "other"]
    summary: str
    rationale: str


def client(running: RunningSandbox, key: str = "sk-sandbox") -> openai.OpenAI:
    return openai.OpenAI(base_url=running.openai_url, api_key=key, max_retries=0, timeout=10)


def assess(running: RunningSandbox, post: str) -> Assessment:
    completion = client(running).chat.completions.parse(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Score the post."},
            {"role": "user", "content": post},
        ],
        response_format=Assessment,
    )
    parsed = completion.choices[0].message.parsed
    assert parsed is not None
    return parsed


def test_the_sdk_parses_a_structured_output(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    pained = assess(sandbox_process, PAIN)
    calm = assess(sandbox_process, CALM)
    assert pained == assess(sandbox_process, PAIN)  # deterministic
    assert pained.pain_intensity > calm.pain_intensity
    assert pained.monetization_potential > calm.monetization_potential
    assert pained.category == "solution_request"
    assert pained.summary == "Drowning in unpaid invoices"


def test_a_completion_has_openais_shape_and_usage(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    completion = client(sandbox_process).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": PAIN}],
    )
    assert completion.object == "chat.completion" and completion.model == "gpt-4o-mini"
    choice = completion.choices[0]
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    assert choice.message.refusal is None
    usage = completion.usage
    assert usage is not None and usage.prompt_tokens >= len(PAIN) // 4
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    stats = sandbox.stats()["openai"]
    assert stats["by_endpoint"]["chat.completions"] == 1
    assert stats["prompt_tokens"] == usage.prompt_tokens
    assert stats["completion_tokens"] == usage.completion_tokens


def test_json_object_mode_returns_the_score_keys(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    completion = client(sandbox_process).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Answer in JSON.\n{PAIN}"}],
        response_format={"type": "json_object"},
    )
    content = json.loads(completion.choices[0].message.content or "")
    Assessment.model_validate(content)


def test_json_object_mode_needs_the_word_json_like_openai(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    with pytest.raises(openai.BadRequestError, match="must contain the word 'json'"):
        client(sandbox_process).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": CALM}],
            response_format={"type": "json_object"},
        )


def test_a_server_without_json_schema_refuses_it_with_400(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.configure(json_schema=False)
    with pytest.raises(openai.BadRequestError):
        assess(sandbox_process, PAIN)
    sandbox.configure(json_schema=True)
    assert assess(sandbox_process, PAIN).pain_intensity > 0


def test_a_wrong_key_gets_openais_401(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    with pytest.raises(openai.AuthenticationError) as caught:
        client(sandbox_process, key="sk-wrong").models.list()
    assert caught.value.code == "invalid_api_key"
    assert caught.value.body["type"] == "invalid_request_error"  # type: ignore[index]
    assert sandbox.stats()["openai"]["by_endpoint"]["models"] == 1


def test_models_are_listed(sandbox: SandboxClient, sandbox_process: RunningSandbox) -> None:
    models = [m.id for m in client(sandbox_process).models.list()]
    assert "gpt-4o-mini" in models


def test_a_too_small_token_budget_stops_with_length(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    with pytest.raises(openai.LengthFinishReasonError):
        client(sandbox_process).chat.completions.parse(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": PAIN}],
            response_format=Assessment,
            max_completion_tokens=5,
        )


def test_a_bad_request_body_gets_400(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    response = chat(sandbox_process.openai_url, {"messages": [{"role": "user", "content": "x"}]})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"
