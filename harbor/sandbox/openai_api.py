"""The OpenAI side: /v1/chat/completions and /v1/models, with OpenAI's error bodies.

`response_format` is honoured: a `json_schema` request gets content that validates
against the schema it sent (or a 400, when the sandbox plays a server without
structured outputs), a `json_object` request gets a JSON object and, like OpenAI,
a 400 unless the messages mention JSON. Scores come from `harbor.sandbox.assess`.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from typing import Any

from aiohttp import web

from harbor.sandbox.assess import judge, obedient, obeys, post_text
from harbor.sandbox.faults import Fault
from harbor.sandbox.ids import stable_int
from harbor.sandbox.responses import DROPPED, corrupt, drop, json_response, retry_after_value
from harbor.sandbox.schema import fill, violate
from harbor.sandbox.state import SandboxState

__all__ = ["MODELS", "add_openai_routes", "error_body"]

MODELS = ("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1-nano", "o4-mini")
REFUSAL = "I'm sorry, but I can't help with that request."


def error_body(
    message: str,
    kind: str = "invalid_request_error",
    code: str | None = None,
    param: str | None = None,
) -> dict[str, Any]:
    """OpenAI's error envelope."""
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def _tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4))


def _message_chars(messages: list[Any]) -> int:
    total = 0
    for message in messages:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            total += len(content)
        elif isinstance(content, list):
            total += sum(len(str(p.get("text", ""))) for p in content if isinstance(p, dict))
    return total


class OpenAIApi:
    """Handlers bound to one sandbox state."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def _reply(self, response: web.Response) -> web.Response:
        status = response.status
        self.state.stats.status("openai", "dropped" if status == DROPPED else status)
        response.headers.setdefault("x-request-id", f"req_{stable_int(time.time_ns()):016x}")
        response.headers.setdefault("openai-processing-ms", "12")
        return response

    def _authorized(self, request: web.Request) -> web.Response | None:
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            message = (
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            )
            return json_response(error_body(message), 401)
        if key.strip() != self.state.config.openai_key:
            return json_response(self._bad_key(), 401)
        return None

    @staticmethod
    def _bad_key() -> dict[str, Any]:
        message = (
            "Incorrect API key provided. You can find your API key at "
            "https://platform.openai.com/account/api-keys."
        )
        return error_body(message, code="invalid_api_key")

    async def models(self, request: web.Request) -> web.Response:
        state = self.state
        state.stats.openai("models")
        if state.config.openai_latency:
            await asyncio.sleep(state.config.openai_latency)
        denied = self._authorized(request)
        if denied is not None:
            return self._reply(denied)
        data = [
            {"id": m, "object": "model", "created": 1_715_367_049, "owned_by": "system"}
            for m in MODELS
        ]
        return self._reply(json_response({"object": "list", "data": data}))

    async def chat(self, request: web.Request) -> web.Response:
        state = self.state
        state.stats.openai("chat.completions")
        decision = state.faults.decide("openai", None, state.now())
        fault = decision.fault
        for _ in range(decision.applied - (1 if fault else 0)):
            state.stats.fault("openai", "latency")
        if fault is not None:
            state.stats.fault("openai", fault.kind)
        delay = state.config.openai_latency + decision.delay
        if delay > 0:
            await asyncio.sleep(delay)
        if fault is not None:
            early = self._fault(request, fault)
            if early is not None:
                return self._reply(early)
        denied = self._authorized(request)
        if denied is not None:
            return self._reply(denied)
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            message = "We could not parse the JSON body of your request."
            return self._reply(json_response(error_body(message), 400))
        response = self._complete(body, fault)
        if fault is not None and fault.kind in ("malformed", "truncated"):
            response = corrupt(fault.kind, response)
        return self._reply(response)

    def _fault(self, request: web.Request, fault: Fault) -> web.Response | None:
        kind = fault.kind
        if kind == "drop":
            return drop(request)
        if kind == "auth":
            return json_response(self._bad_key(), 401)
        if kind == "quota":
            message = "You exceeded your current quota, please check your plan and billing details."
            body = error_body(message, "insufficient_quota", "insufficient_quota")
            return json_response(body, 429)
        if kind == "429":
            wait = retry_after_value(fault.retry_after)
            message = (
                "Rate limit reached for requests per min (RPM): Limit 500, Used 500, "
                f"Requested 1. Please try again in {wait}s."
            )
            headers = {
                "Retry-After": wait,
                "retry-after-ms": str(int(fault.retry_after * 1000)),
                "x-ratelimit-remaining-requests": "0",
            }
            return json_response(
                error_body(message, "requests", "rate_limit_exceeded"), 429, headers
            )
        if kind in ("500", "502", "503"):
            message = "The server had an error while processing your request. Sorry about that!"
            return json_response(error_body(message, "server_error"), int(kind))
        return None  # slow, malformed, truncated, refusal, invalid_output: answered later

    def _complete(self, body: dict[str, Any], fault: Fault | None) -> web.Response:
        model = body.get("model")
        messages = body.get("messages")
        if not isinstance(model, str) or not model:
            return json_response(error_body("you must provide a model parameter"), 400)
        if not isinstance(messages, list) or not messages:
            message = "Missing required parameter: 'messages'."
            return json_response(
                error_body(message, code="missing_required_parameter", param="messages"), 400
            )
        if body.get("stream"):
            message = "Streaming is not supported by the sandbox."
            return json_response(error_body(message, param="stream"), 400)
        text = post_text(messages)
        judgement = judge(text)
        if obeys(messages):
            judgement = obedient(judgement)
        fmt = body.get("response_format") or {}
        kind = fmt.get("type", "text") if isinstance(fmt, dict) else "text"
        value: Any
        if kind == "json_schema":
            if not self.state.config.json_schema:
                message = "response_format of type 'json_schema' is not supported by this server."
                return json_response(error_body(message, param="response_format"), 400)
            spec = fmt.get("json_schema")
            schema = spec.get("schema") if isinstance(spec, dict) else None
            if not isinstance(schema, dict):
                message = "Missing required parameter: 'response_format.json_schema.schema'."
                return json_response(error_body(message, param="response_format"), 400)
            value = fill(schema, judgement, text)
            if fault is not None and fault.kind == "invalid_output":
                value = violate(schema, value)
            content = json.dumps(value)
        elif kind == "json_object":
            if "json" not in json.dumps(messages).lower():
                message = (
                    "'messages' must contain the word 'json' in some form, to use "
                    "'response_format' of type 'json_object'."
                )
                return json_response(error_body(message, param="messages"), 400)
            value = judgement.as_dict()
            if fault is not None and fault.kind == "invalid_output":
                value["pain_intensity"] = 42
            content = json.dumps(value)
        else:
            content = (
                f"{judgement.summary}\n\nPain {judgement.pain_intensity}/10, demand "
                f"{judgement.market_demand}/10. {judgement.rationale}"
            )
        return json_response(self._completion(body, model, messages, content, fault))

    def _completion(
        self,
        body: dict[str, Any],
        model: str,
        messages: list[Any],
        content: str,
        fault: Fault | None,
    ) -> dict[str, Any]:
        finish = "stop"
        limit = body.get("max_completion_tokens") or body.get("max_tokens")
        completion_tokens = _tokens(content)
        if isinstance(limit, int) and 0 < limit < completion_tokens:
            content, completion_tokens, finish = content[: limit * 4], limit, "length"
        refused = fault is not None and fault.kind == "refusal"
        if refused:
            completion_tokens = _tokens(REFUSAL)
        prompt_tokens = _tokens("x" * _message_chars(messages)) + 3 * len(messages)
        message: dict[str, Any] = {
            "role": "assistant",
            "content": None if refused else content,
            "refusal": REFUSAL if refused else None,
            "annotations": [],
        }
        raw_n = body.get("n")
        n = raw_n if isinstance(raw_n, int) and not isinstance(raw_n, bool) and raw_n > 0 else 1
        self.state.stats.tokens(prompt_tokens, completion_tokens * n)
        choices = [
            {"index": i, "message": message, "logprobs": None, "finish_reason": finish}
            for i in range(n)
        ]
        return {
            "id": f"chatcmpl-{stable_int(content, time.time_ns()):016x}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": choices,
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens * n,
                "total_tokens": prompt_tokens + completion_tokens * n,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {
                    "reasoning_tokens": 0,
                    "audio_tokens": 0,
                    "accepted_prediction_tokens": 0,
                    "rejected_prediction_tokens": 0,
                },
            },
            "service_tier": "default",
            "system_fingerprint": "fp_sandbox",
        }


def add_openai_routes(app: web.Application, state: SandboxState) -> None:
    """Register the OpenAI API on `app`."""
    api = OpenAIApi(state)
    app.router.add_post("/v1/chat/completions", api.chat)
    app.router.add_get("/v1/models", api.models)
