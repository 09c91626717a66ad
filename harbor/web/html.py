"""Escaping, the one rule of the pages: every value is text unless it is `Html` already.

`Html` is markup built here from escaped parts; anything else that reaches `render` or
`join` (a post's title, a subreddit name, an error message) is escaped on the way in, so
Reddit's text always shows as text. A str added to an Html is a plain str again, which
the next `render` escapes: safety cannot be lost by accident, only by calling Html(...)
on a value, which only this package does, on its own literals.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from urllib.parse import urlencode, urlsplit

__all__ = ["Html", "escape", "external_href", "join", "query_href", "render"]


class Html(str):
    """A string of markup that is safe to send as it is."""

    __slots__ = ()


def escape(value: object) -> Html:
    """`value` as text in HTML (element content or a quoted attribute); Html passes as is."""
    if isinstance(value, Html):
        return value
    return Html(html.escape("" if value is None else str(value), quote=True))


def render(template: str, /, **values: object) -> Html:
    """`template` (our own literal) with each {name} replaced by its value, escaped."""
    return Html(template.format(**{name: escape(v) for name, v in values.items()}))


def join(parts: Iterable[object], separator: str = "") -> Html:
    """The parts one after the other, each escaped unless it is Html."""
    return Html(escape(separator).join(escape(p) for p in parts))


def external_href(url: str | None) -> str:
    """`url` when it is an http(s) link, else '' (never a javascript: or data: URL)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return url.strip()


def query_href(path: str, params: dict[str, object]) -> str:
    """`path` with the non-empty `params` as its query string (escape it when used)."""
    kept = {k: str(v) for k, v in params.items() if v is not None and v != ""}
    return f"{path}?{urlencode(kept)}" if kept else path
