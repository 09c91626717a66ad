"""Labelled posts: the JSON-lines format of `shared/labels` and of `harbor filter ...`.

One object a line: `id`, `title`, `selftext`, `label` (0 or 1), and optionally
`subreddit`, `kind` (pain | solution_request | advice | money_talk, or none when the
label is 0), `is_self`, `url`, `unsure`. A line that breaks the format raises ConfigError
naming the file, the line and the problem, before anything is used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harbor.detector.features import PostText
from harbor.errors import ConfigError

__all__ = ["KINDS", "LabelledPost", "json_objects", "parse_labelled", "read_labelled"]

KINDS = ("pain", "solution_request", "advice", "money_talk")


@dataclass(frozen=True)
class LabelledPost:
    """A post with a person's verdict on whether it is problem-first."""

    id: str
    title: str
    selftext: str
    label: int
    subreddit: str = ""
    kind: str = "none"
    is_self: bool | None = None
    url: str = ""
    unsure: bool = False

    @property
    def text(self) -> PostText:
        return PostText.of(self.title, self.selftext, self.is_self, self.url)


def _record(data: dict[str, Any], where: str) -> LabelledPost:
    post_id = data.get("id", data.get("post_id"))
    if not isinstance(post_id, str) or not post_id.strip():
        raise ConfigError(f"{where}: 'id' must be a non-empty string")
    label = data.get("label")
    if isinstance(label, bool) or label not in (0, 1):
        raise ConfigError(f"{where}: 'label' must be 0 or 1, not {label!r}")
    for name in ("title", "selftext"):
        if not isinstance(data.get(name, ""), str):
            raise ConfigError(f"{where}: {name!r} must be a string")
    kind = data.get("kind") or ("none" if label == 0 else "advice")
    if label == 0:
        kind = "none"
    elif kind not in KINDS:
        raise ConfigError(f"{where}: 'kind' {kind!r} is not one of {', '.join(KINDS)}")
    is_self = data.get("is_self")
    url = data.get("url")
    return LabelledPost(
        id=post_id.strip(),
        title=data.get("title") or "",
        selftext=data.get("selftext") or "",
        label=int(label),
        subreddit=str(data.get("subreddit") or ""),
        kind=str(kind),
        is_self=is_self if isinstance(is_self, bool) else None,
        url=url if isinstance(url, str) else "",
        unsure=data.get("unsure") is True,
    )


def json_objects(lines: Iterable[str], source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each non-blank line of JSON-lines text as an object, with where it stands
    ("file, line N") for error messages; ConfigError for a line that is not an object."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}, line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: expected a JSON object, got {type(data).__name__}")
        yield where, data


def parse_labelled(lines: Iterable[str], source: str) -> list[LabelledPost]:
    """Every labelled post of JSON-lines text; the last line for an id wins."""
    posts: dict[str, LabelledPost] = {}
    for where, data in json_objects(lines, source):
        post = _record(data, where)
        posts[post.id] = post
    if not posts:
        raise ConfigError(f"{source}: no labelled posts in it")
    return list(posts.values())


def read_labelled(path: Path) -> list[LabelledPost]:
    """Read a labelled JSON-lines file; ConfigError names the file when it cannot be read."""
    try:
        with path.open(encoding="utf-8") as handle:
            return parse_labelled(handle, str(path))
    except OSError as exc:
        raise ConfigError(f"--labels: cannot read {str(path)!r}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"--labels: {str(path)!r} is not UTF-8 text") from None
