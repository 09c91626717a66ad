"""The aiohttp application of `harbor web`: routes, auth, security headers, errors.

Read-only by construction: only GET (and HEAD) routes exist, so anything else is a 405,
and every query runs in a READ ONLY transaction. Blocking work (Postgres, Redis) runs in
a thread, one request at a time per thread, off the event loop.

    GET /                       opportunities (HTML)    GET /api/opportunities   JSON
    GET /post/{id}              one post (HTML)         GET /api/post/{id}       JSON
    GET /themes                 themes (HTML)           GET /api/themes          JSON
    GET /status                 status (HTML)           GET /api/status          JSON
    GET /metrics                Prometheus text         GET /healthz             "ok", no auth
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiohttp import web

from harbor.errors import ConfigError, DatabaseUnavailable
from harbor.registry import validate_group
from harbor.results.filters import parse_window
from harbor.settings import Settings
from harbor.theming.listing import DEFAULT_WINDOW
from harbor.web import data
from harbor.web.auth import REALM, BasicAuth
from harbor.web.html import Html, query_href, render
from harbor.web.layout import SECURITY_HEADERS, page
from harbor.web.metrics import MetricsPage
from harbor.web.pages.opportunities import render_opportunities
from harbor.web.pages.post import render_not_found, render_post
from harbor.web.pages.status import render_status_page
from harbor.web.pages.themes import render_themes
from harbor.web.query import OpportunityQuery

__all__ = ["POST_ID", "make_app"]

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# a Reddit id is base36; anything else in the path is not a post we could hold
POST_ID = r"[A-Za-z0-9_]{1,32}"
_SETTINGS = web.AppKey("settings", Settings)
_METRICS = web.AppKey("metrics", MetricsPage)
_OPEN_PATHS = frozenset({"/healthz"})


def _html(markup: Html, status: int = 200) -> web.Response:
    return web.Response(text=markup, status=status, content_type="text/html", charset="utf-8")


def _json(value: Any, status: int = 200) -> web.Response:
    return web.json_response(value, status=status)


def _is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/")


def _error_page(status: int, title: str, message: str) -> Html:
    return page(
        title,
        render('<h1>{title}</h1><div class="card error">{message}</div>', title=title,
               message=message),
    )  # fmt: skip


@web.middleware
async def _security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    response.headers.update(SECURITY_HEADERS)
    return response


def _auth_middleware(auth: BasicAuth | None) -> Any:
    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        if auth is None or request.path in _OPEN_PATHS:
            return await handler(request)
        if auth.allows(request.headers.get("Authorization")):
            return await handler(request)
        return web.Response(
            status=401, text="401: sign in (HARBOR_WEB_BASIC_AUTH)\n",
            headers={"WWW-Authenticate": REALM},
        )  # fmt: skip

    return check


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    api = _is_api(request)
    try:
        return await handler(request)
    except ConfigError as exc:  # a bad filter value: the message names it
        if api:
            return _json({"error": str(exc)}, 400)
        return _html(_error_page(400, "Bad request", str(exc)), 400)
    except DatabaseUnavailable as exc:
        log.warning("web: %s", exc)
        if api:
            return _json({"error": str(exc)}, 503)
        return _html(_error_page(503, "Postgres is not answering", str(exc)), 503)
    except web.HTTPNotFound:
        if api:
            return _json({"error": "not found"}, 404)
        return _html(_error_page(404, "Not found", f"Nothing lives at {request.path}."), 404)
    except web.HTTPMethodNotAllowed:
        # nothing on these pages changes data: only GET and HEAD exist
        return web.Response(status=405, text="405: read-only\n", headers={"Allow": "GET, HEAD"})


def _settings(request: web.Request) -> Settings:
    return request.app[_SETTINGS]


async def opportunities_page(request: web.Request) -> web.Response:
    settings = _settings(request)
    query = OpportunityQuery.parse(request.query)
    found = await asyncio.to_thread(data.opportunities_data, settings, query)
    return _html(
        render_opportunities(query, found.page, found.subreddits, settings.alert_min_total,
                             groups=found.groups)
    )  # fmt: skip


async def opportunities_api(request: web.Request) -> web.Response:
    settings = _settings(request)
    query = OpportunityQuery.parse(request.query, per_page_allowed=True)
    found = await asyncio.to_thread(data.opportunities_data, settings, query, False)
    result = found.page
    return _json({
        "filters": query.raw,
        "page": query.page,
        "per_page": query.per_page,
        "matching": result.matching,
        "has_more": result.has_more,
        "next": query_href("/api/opportunities", query.params(page=query.page + 1))
        if result.has_more else None,
        "items": [o.as_json() for o in result.items],
    })  # fmt: skip


async def post_page(request: web.Request) -> web.Response:
    post_id = request.match_info["post_id"]
    post = await asyncio.to_thread(data.post_data, _settings(request), post_id)
    if post is None:
        return _html(render_not_found(post_id), 404)
    return _html(render_post(post))


async def post_api(request: web.Request) -> web.Response:
    post_id = request.match_info["post_id"]
    post = await asyncio.to_thread(data.post_data, _settings(request), post_id)
    if post is None:
        return _json({"error": f"no post {post_id}"}, 404)
    return _json(post.as_json())


def _themes_query(request: web.Request) -> tuple[timedelta, str | None, dict[str, str]]:
    raw = {k: request.query.get(k, "").strip() for k in ("since", "group")}
    since = parse_window(raw["since"] or "30d", "since") or DEFAULT_WINDOW
    group = validate_group(raw["group"], "group") if raw["group"] else None
    return since, group, {k: v for k, v in raw.items() if v}


async def themes_page(request: web.Request) -> web.Response:
    since, group, raw = _themes_query(request)
    found = await asyncio.to_thread(data.themes_data, _settings(request), since, group)
    return _html(render_themes(found.themes, found.days, found.best, raw, found.groups))


async def themes_api(request: web.Request) -> web.Response:
    since, group, raw = _themes_query(request)
    found = await asyncio.to_thread(data.themes_data, _settings(request), since, group, False)
    return _json({
        "filters": raw,
        "items": [{**t.as_json(), "posts_per_day_series": found.days.get(t.id, [])}
                  for t in found.themes],
    })  # fmt: skip


async def status_page(request: web.Request) -> web.Response:
    found = await asyncio.to_thread(data.status_data, _settings(request))
    return _html(render_status_page(found.status, found.new_per_hour))


async def status_api(request: web.Request) -> web.Response:
    found = await asyncio.to_thread(data.status_data, _settings(request))
    return _json({**found.status.as_json(), "new_per_hour": found.new_per_hour})


async def metrics(request: web.Request) -> web.Response:
    body = await asyncio.to_thread(request.app[_METRICS].text)
    return web.Response(body=body, content_type="text/plain", charset="utf-8",
                        headers={"X-Content-Type-Options": "nosniff"})  # fmt: skip


async def healthz(_request: web.Request) -> web.Response:
    return web.Response(text="ok\n")


def make_app(settings: Settings, auth: BasicAuth | None) -> web.Application:
    """The application; `auth` None means open (the sandbox on loopback only)."""
    app = web.Application(middlewares=[_security_headers, _errors, _auth_middleware(auth)])
    app[_SETTINGS] = settings
    app[_METRICS] = MetricsPage(settings)
    app.router.add_get("/", opportunities_page)
    app.router.add_get(f"/post/{{post_id:{POST_ID}}}", post_page)
    app.router.add_get("/themes", themes_page)
    app.router.add_get("/status", status_page)
    app.router.add_get("/api/opportunities", opportunities_api)
    app.router.add_get(f"/api/post/{{post_id:{POST_ID}}}", post_api)
    app.router.add_get("/api/themes", themes_api)
    app.router.add_get("/api/status", status_api)
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/healthz", healthz)
    return app
