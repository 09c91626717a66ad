"""HTTP helpers shared by the Reddit and OpenAI servers: JSON answers and broken ones."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

__all__ = ["DROPPED", "corrupt", "drop", "json_response", "retry_after_value"]

JSON_TYPE = "application/json"


def json_response(
    body: str | Mapping[str, Any] | list[Any],
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> web.Response:
    """A JSON response from a pre-serialised string or from a value."""
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return web.Response(
        body=text.encode("utf-8"),
        status=status,
        headers=headers,
        content_type=JSON_TYPE,
        charset="utf-8",
    )


DROPPED = 599  # the status recorded for a dropped connection; never sent


def drop(request: web.Request) -> web.Response:
    """Close the connection without an answer (the response returned is never written)."""
    request.protocol.force_close()
    return web.Response(status=DROPPED)


def corrupt(kind: str, response: web.Response) -> web.Response:
    """A 200 whose body is not JSON (`malformed`) or is JSON cut in the middle (`truncated`)."""
    raw = response.body if isinstance(response.body, bytes) else b"{}"
    if kind == "truncated":
        body = raw[: max(1, len(raw) // 2)]
    else:
        # the real answer's start, then what a confused proxy might splice in
        body = raw[: len(raw) // 3] + b"<html><body>upstream error</body></html>"
    headers = {k: v for k, v in response.headers.items() if k.lower().startswith("x-")}
    return web.Response(
        body=body, status=200, headers=headers, content_type=JSON_TYPE, charset="utf-8"
    )


def retry_after_value(seconds: float) -> str:
    """A Retry-After header value: whole seconds when whole, else a decimal."""
    return str(int(seconds)) if float(seconds).is_integer() else f"{seconds:g}"
