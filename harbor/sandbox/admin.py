"""The admin endpoints under /_sandbox/, served on both ports, never faulted or counted.

GET    /_sandbox/health              {"ok": true, ...}
GET    /_sandbox/stats               the request counters
POST   /_sandbox/reset-stats         zero the counters
POST   /_sandbox/reset               {config...}: seeded corpus, no faults, zero stats
POST   /_sandbox/config              {config...}: change settings, keep the corpus
POST   /_sandbox/advance             {"subreddit", "count", "kind"} -> {"ids": [...]}
POST   /_sandbox/edit                {"id", "selftext", "title"} -> the post
POST   /_sandbox/remove              {"id", "how": "deleted"|"removed"} -> the post
POST   /_sandbox/copy                {"id", "subreddit", "how": "crosspost"|"repost", "note"}
                                     -> the new post: a crosspost, or the same text reposted
GET    /_sandbox/comments/{id}       ground truth: the post's comments with their kind
GET    /_sandbox/posts/{sub}         ground truth: every post held, newest first
GET    /_sandbox/faults              the faults in force
POST   /_sandbox/faults              {"target", "kind", ...} -> the fault
DELETE /_sandbox/faults              switch every fault off
DELETE /_sandbox/faults/{id}         switch one fault off
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from harbor.errors import ConfigError
from harbor.sandbox.comments import Comment, thread
from harbor.sandbox.faults import describe, make_fault
from harbor.sandbox.post import Post, Tamper, username
from harbor.sandbox.responses import json_response
from harbor.sandbox.state import SandboxState

__all__ = ["add_admin_routes", "post_truth"]

Handler = Callable[[web.Request], Awaitable[web.Response]]


def _error(status: int, message: str) -> web.Response:
    return json_response({"error": message}, status)


def post_truth(post: Post, now: float) -> dict[str, Any]:
    """What the sandbox knows about a post, label included."""
    view = post.view(now)
    draft = post.draft
    return {
        "id": post.id,
        "name": post.name,
        "subreddit": post.sub.name,
        "created_utc": float(post.created),
        "title": view.title,
        "selftext": view.selftext,
        "author": "[deleted]" if view.gone == "deleted" else username(post.author_index),
        "is_problem": post.is_problem,
        "problem": draft.problem,
        "genre": draft.genre,
        "media": draft.media,
        "edited": view.edited if view.edited is not None else False,
        "status": view.gone or "live",
        "crosspost_of": post.crosspost_of.id if post.crosspost_of is not None else None,
    }


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        data = await request.json()
    except json.JSONDecodeError:
        raise ConfigError("the request body is not JSON") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("the request body must be a JSON object")
    return data


def _guard(handler: Handler) -> Handler:
    async def wrapped(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except ConfigError as exc:
            return _error(400, str(exc))

    return wrapped


class Admin:
    """Admin handlers bound to one sandbox state."""

    def __init__(self, state: SandboxState, ports: dict[str, int]) -> None:
        self.state = state
        self.ports = ports

    async def health(self, request: web.Request) -> web.Response:
        state = self.state
        return json_response(
            {
                "ok": True,
                "ports": self.ports,
                "config": state.config.public(),
                "posts": {sub.name: len(sub.posts) for sub in state.corpus.subs.values()},
            }
        )

    async def stats(self, request: web.Request) -> web.Response:
        return json_response(self.state.stats.snapshot())

    async def coverage(self, request: web.Request) -> web.Response:
        self.state.catch_up()
        return json_response(self.state.corpus.coverage())

    async def reset_coverage(self, request: web.Request) -> web.Response:
        self.state.corpus.reset_coverage(self.state.now())
        return json_response({"ok": True})

    async def reset_stats(self, request: web.Request) -> web.Response:
        self.state.stats.reset()
        return json_response({"ok": True})

    async def reset(self, request: web.Request) -> web.Response:
        config = self.state.reset(await _body(request))
        return json_response({"ok": True, "config": config.public()})

    async def configure(self, request: web.Request) -> web.Response:
        config = self.state.configure(await _body(request))
        return json_response({"ok": True, "config": config.public()})

    async def advance(self, request: web.Request) -> web.Response:
        body = await _body(request)
        state = self.state
        name = body.get("subreddit")
        count = body.get("count", 1)
        kind = body.get("kind")
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 10_000:
            raise ConfigError(f"count: {count!r} is not an integer in 0..10000")
        if kind not in (None, "problem", "ordinary"):
            raise ConfigError(f"kind: {kind!r} is not 'problem', 'ordinary' or null")
        if name is None:
            keys = list(state.corpus.subs)
        elif isinstance(name, str) and name.lower() in state.corpus.subs:
            keys = [name.lower()]
        else:
            return _error(404, f"subreddit {name!r} is not served by the sandbox")
        posts = state.corpus.advance(keys, count, kind, state.now())
        return json_response({"ids": [p.id for p in posts]})

    def _post(self, body: dict[str, Any]) -> Post:
        post_id = body.get("id") or body.get("post_id")
        post = self.state.corpus.find(str(post_id)) if post_id else None
        if post is None:
            raise LookupError(f"post {post_id!r} is not in the corpus")
        return post

    async def edit(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            post = self._post(body)
        except LookupError as exc:
            return _error(404, str(exc))
        title, selftext = body.get("title"), body.get("selftext")
        if title is None and selftext is None:
            raise ConfigError("edit: give a title, a selftext or both")
        now = self.state.now()
        if title is not None:
            post.admin_title = str(title)
        if selftext is not None:
            post.admin_selftext = str(selftext)
        post.admin_edited = float(int(now))
        post.version += 1
        return json_response(post_truth(post, now))

    async def remove(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            post = self._post(body)
        except LookupError as exc:
            return _error(404, str(exc))
        how = body.get("how", "deleted")
        if how not in ("deleted", "removed"):
            raise ConfigError(f"how: {how!r} is not 'deleted' or 'removed'")
        now = self.state.now()
        post.admin_gone = (how, now)
        post.version += 1
        return json_response(post_truth(post, now))

    async def copy(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            original = self._post(body)
        except LookupError as exc:
            return _error(404, str(exc))
        how, note, name = body.get("how", "repost"), body.get("note") or "", body.get("subreddit")
        if how not in ("crosspost", "repost"):
            raise ConfigError(f"how: {how!r} is not 'crosspost' or 'repost'")
        state = self.state
        if not isinstance(name, str) or name.lower() not in state.corpus.subs:
            return _error(404, f"subreddit {name!r} is not served by the sandbox")
        now = state.now()
        post = state.corpus.copy(original, name.lower(), how, str(note), now)
        return json_response(post_truth(post, now))

    async def comments(self, request: web.Request) -> web.Response:
        state = self.state
        now = state.catch_up()
        post = state.corpus.find(request.match_info["id"])
        if post is None:
            return _error(404, f"post {request.match_info['id']!r} is not in the corpus")

        def truth(c: Comment) -> dict[str, Any]:
            return {"id": c.id, "kind": c.kind, "score": c.score, "body": c.body,
                    "replies": [truth(r) for r in c.replies if r.created <= now]}  # fmt: skip

        return json_response([truth(c) for c in thread(post, now)])

    async def tamper(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            post = self._post(body)
        except LookupError as exc:
            return _error(404, str(exc))
        fields, unset, raw = body.get("set") or {}, body.get("unset") or [], body.get("raw") or {}
        if not isinstance(fields, dict) or not isinstance(unset, list) or not isinstance(raw, dict):
            raise ConfigError("tamper: set must be an object, unset a list, raw an object")
        if not all(isinstance(v, str) for v in raw.values()):
            raise ConfigError("tamper: every raw value must be a string of JSON text")
        post.tamper = Tamper(dict(fields), tuple(map(str, unset)), dict(raw))
        post.version += 1
        return json_response(post_truth(post, self.state.now()))

    async def posts(self, request: web.Request) -> web.Response:
        state = self.state
        now = state.catch_up()
        sub = state.corpus.subs.get(request.match_info["sub"].lower())
        if sub is None:
            return _error(404, f"subreddit {request.match_info['sub']!r} is not served")
        return json_response([post_truth(p, now) for p in reversed(sub.posts)])

    async def list_faults(self, request: web.Request) -> web.Response:
        return json_response(describe(self.state.faults.active(self.state.now())))

    async def add_fault(self, request: web.Request) -> web.Response:
        body = await _body(request)
        known = ("count", "ratio", "retry_after", "delay", "subreddit", "duration")
        unknown = sorted(set(body) - {"target", "kind", *known})
        if unknown:
            raise ConfigError(f"fault: unknown keys {', '.join(unknown)}")
        try:
            options = {k: body[k] for k in known if body.get(k) is not None}
            fault = make_fault(
                str(body.get("target", "")),
                str(body.get("kind", "")),
                now=self.state.now(),
                **options,
            )
        except TypeError:
            raise ConfigError("fault: a value has the wrong type") from None
        self.state.faults.add(fault)
        return json_response(fault.public())

    async def clear_faults(self, request: web.Request) -> web.Response:
        target = request.query.get("target")
        return json_response({"cleared": self.state.faults.clear(target)})

    async def remove_fault(self, request: web.Request) -> web.Response:
        removed = self.state.faults.remove(request.match_info["id"])
        return json_response({"cleared": int(removed)}, 200 if removed else 404)


def add_admin_routes(app: web.Application, state: SandboxState, ports: dict[str, int]) -> None:
    """Register /_sandbox/* on `app` (`ports` is filled in once the servers listen)."""
    admin = Admin(state, ports)
    router = app.router
    router.add_get("/_sandbox/health", _guard(admin.health))
    router.add_get("/_sandbox/stats", _guard(admin.stats))
    router.add_post("/_sandbox/reset-stats", _guard(admin.reset_stats))
    router.add_get("/_sandbox/coverage", _guard(admin.coverage))
    router.add_post("/_sandbox/reset-coverage", _guard(admin.reset_coverage))
    router.add_post("/_sandbox/reset", _guard(admin.reset))
    router.add_post("/_sandbox/config", _guard(admin.configure))
    router.add_post("/_sandbox/advance", _guard(admin.advance))
    router.add_post("/_sandbox/edit", _guard(admin.edit))
    router.add_post("/_sandbox/remove", _guard(admin.remove))
    router.add_post("/_sandbox/tamper", _guard(admin.tamper))
    router.add_post("/_sandbox/copy", _guard(admin.copy))
    router.add_get("/_sandbox/comments/{id}", _guard(admin.comments))
    router.add_get("/_sandbox/posts/{sub}", _guard(admin.posts))
    router.add_get("/_sandbox/faults", _guard(admin.list_faults))
    router.add_post("/_sandbox/faults", _guard(admin.add_fault))
    router.add_delete("/_sandbox/faults", _guard(admin.clear_faults))
    router.add_delete("/_sandbox/faults/{id}", _guard(admin.remove_fault))
