"""The Reddit side: OAuth client credentials, /r/<sub>/new, /r/<sub>/about, /comments/<id>.

Answers are shaped like Reddit's, errors included: 401 for bad credentials or tokens,
404 `{"message": "Not Found", "error": 404}` for an unknown subreddit, 403 with
`"reason": "private"` for a private one, 429 past the rate limit, and the
x-ratelimit-* headers on every API answer so prawcore paces itself as on Reddit.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import math

from aiohttp import web

from harbor.sandbox.about import subreddit_json
from harbor.sandbox.comments import comments_listing
from harbor.sandbox.faults import Fault
from harbor.sandbox.responses import DROPPED, corrupt, drop, json_response, retry_after_value
from harbor.sandbox.state import Quota, SandboxState
from harbor.sandbox.things import escape_entities, listing_json, t3_json

__all__ = ["add_reddit_routes"]

UNAUTHORIZED = {"message": "Unauthorized", "error": 401}
NOT_FOUND = {"message": "Not Found", "error": 404}
PRIVATE = {"reason": "private", "message": "Forbidden", "error": 403}
_ERRORS = {
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}
_CACHE = {"cache-control": "private, s-maxage=0, max-age=0, must-revalidate, no-store"}


def _bearer(request: web.Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _basic(request: web.Request) -> tuple[str, str] | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


class RedditApi:
    """Handlers bound to one sandbox state."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    async def access_token(self, request: web.Request) -> web.Response:
        state = self.state
        state.stats.reddit("access_token")
        if state.config.latency:
            await asyncio.sleep(state.config.latency)
        credentials = _basic(request)
        if credentials != (state.config.reddit_client_id, state.config.reddit_client_secret):
            return self._status(json_response(UNAUTHORIZED, 401))
        form = await request.post()
        if form.get("grant_type") != "client_credentials":
            return self._status(json_response({"error": "unsupported_grant_type"}))
        body = {
            "access_token": state.issue_token(state.config.reddit_client_id),
            "token_type": "bearer",
            "expires_in": 86400,
            "scope": "*",
        }
        return self._status(json_response(body, headers=_CACHE))

    async def new(self, request: web.Request) -> web.Response:
        return await self._api(request, "new", request.match_info["sub"])

    async def about(self, request: web.Request) -> web.Response:
        return await self._api(request, "about", request.match_info["sub"])

    async def comments(self, request: web.Request) -> web.Response:
        # faults and counters go by the post's subreddit, as for its listing
        post = self.state.corpus.find(request.match_info["id"])
        return await self._api(request, "comments", post.sub.name if post else "")

    def _status(self, response: web.Response) -> web.Response:
        status = response.status
        self.state.stats.status("reddit", "dropped" if status == DROPPED else status)
        return response

    async def _api(self, request: web.Request, endpoint: str, name: str) -> web.Response:
        state = self.state
        state.stats.reddit(endpoint, name if endpoint != "comments" else None)
        decision = state.faults.decide("reddit", name, state.now())
        fault = decision.fault
        for _ in range(decision.applied - (1 if fault else 0)):
            state.stats.fault("reddit", "latency")
        if fault is not None:
            state.stats.fault("reddit", fault.kind)
        delay = state.config.latency + decision.delay
        if delay > 0:
            await asyncio.sleep(delay)
        token = _bearer(request)
        if fault is not None and fault.kind not in ("slow", "malformed", "truncated"):
            return self._status(self._fault(request, fault, token))
        if not state.token_valid(token):
            headers = {"www-authenticate": 'Bearer realm="reddit", error="invalid_token"'}
            return self._status(json_response(UNAUTHORIZED, 401, headers))
        assert token is not None
        quota = state.count_request(token)
        headers = {**quota.headers(), **_CACHE}
        if quota.exceeded:
            headers["Retry-After"] = str(quota.reset)
            body = {"message": "Too Many Requests", "error": 429}
            return self._status(json_response(body, 429, headers))
        response = self._answer(request, endpoint, name, headers)
        if fault is not None and fault.kind in ("malformed", "truncated"):
            response = corrupt(fault.kind, response)
        return self._status(response)

    def _answer(
        self, request: web.Request, endpoint: str, name: str, headers: dict[str, str]
    ) -> web.Response:
        state = self.state
        now = state.catch_up()
        if endpoint == "comments":
            return self._comments(request, now, headers)
        key = name.lower()
        if state.config.is_private(key):
            return json_response(PRIVATE, 403, headers)
        sub = state.corpus.subs.get(key)
        if sub is None:
            return json_response(NOT_FOUND, 404, headers)
        if endpoint == "about":
            return json_response(subreddit_json(sub), headers=headers)
        query = request.query
        page = state.corpus.listing(
            key,
            limit=_int(query.get("limit"), 25),
            after=query.get("after") or None,
            before=query.get("before") or None,
            count=_int(query.get("count"), 0),
            now=now,
        )
        raw = query.get("raw_json") == "1"
        return json_response(listing_json(page, now, raw), headers=headers)

    def _comments(self, request: web.Request, now: float, headers: dict[str, str]) -> web.Response:
        post = self.state.corpus.find(request.match_info["id"])
        if post is None or post.created > now:
            return json_response(NOT_FOUND, 404, headers)
        raw = request.query.get("raw_json") == "1"
        listing = comments_listing(post, now, _int(request.query.get("limit"), 200))
        text = json.dumps(listing if raw else escape_entities(listing), ensure_ascii=False)
        dist = '"after": null, "dist": 1, "modhash": null, "geo_filter": ""'
        first = f'{{"kind": "Listing", "data": {{{dist}, "children": [{t3_json(post, now, raw)}], '
        return json_response(f'[{first}"before": null}}}}, {text}]', headers=headers)

    def _fault(self, request: web.Request, fault: Fault, token: str | None) -> web.Response:
        if fault.kind == "drop":
            return drop(request)
        status = int(fault.kind) if fault.kind.isdigit() else 500
        headers = dict(_CACHE)
        if status == 429:
            quota = self.state.quota(token) if token else Quota(0, 0, 0)
            headers.update(
                {
                    "Retry-After": retry_after_value(fault.retry_after),
                    "x-ratelimit-used": str(quota.used),
                    "x-ratelimit-remaining": "0.0",
                    "x-ratelimit-reset": str(max(0, math.ceil(fault.retry_after))),
                }
            )
        body = {"message": _ERRORS.get(status, "Internal Server Error"), "error": status}
        return json_response(body, status, headers)


def add_reddit_routes(app: web.Application, state: SandboxState) -> None:
    """Register the Reddit API on `app`."""
    api = RedditApi(state)
    app.router.add_post("/api/v1/access_token", api.access_token)
    for suffix in ("", ".json", "/"):
        app.router.add_get(f"/r/{{sub}}/new{suffix}", api.new)
        app.router.add_get(f"/r/{{sub}}/about{suffix}", api.about)
        app.router.add_get(f"/comments/{{id}}{suffix}", api.comments)
