"""Turning what Reddit sent for one submission into one clean `submissions` row.

Both collectors build their rows here, so they cannot disagree on a value. Rules:
- fields come from `vars(submission)`: reading a missing attribute would make praw fetch
  the whole post again (one more request, a 404 for some);
- a known field gets its one declared type (fields.FIELD_TYPES); a value that does not fit
  becomes NULL and is counted, the rest of the post is kept;
- a post without a usable id or created_utc cannot be stored and is skipped with a reason;
- text loses NUL bytes and unpaired surrogates, which Postgres refuses; nothing else is
  changed (emoji, right-to-left text and long bodies are kept as sent);
- a field Reddit starts sending tomorrow is kept: scalars become columns, nested values JSON.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dlt.common.normalizers.naming.snake_case import NamingConvention

from harbor.columns import FIELD_TYPES, FieldType

__all__ = [
    "MappedRow",
    "clean_value",
    "coerce",
    "normalize_name",
    "submission_fields",
    "to_row",
]

# attributes praw sets on a Submission itself, not sent by Reddit
PRAW_ATTRIBUTES = frozenset({"comment_limit", "comment_sort"})
ID_RE = re.compile(r"^[0-9a-z]{1,16}$")
# reddit launched in 2005; a created_utc outside [2005, now + 1 day] is garbage
MIN_CREATED = datetime(2005, 1, 1, tzinfo=UTC).timestamp()

_naming = NamingConvention(max_length=63)


def normalize_name(name: str) -> str:
    """The column name dlt would give a field (the legacy collector uses the same)."""
    return _naming.normalize_identifier(name)


def _plain(value: Any) -> Any:
    """praw objects back into the plain values Reddit sent."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    attrs = getattr(value, "__dict__", None)
    if attrs is None:
        return str(value)
    # Redditor and Subreddit: reddit sent their names
    for name_attr in ("name", "display_name"):
        if type(value).__name__ in ("Redditor", "Subreddit") and name_attr in attrs:
            return attrs[name_attr]
    return {k: _plain(v) for k, v in attrs.items() if not k.startswith("_")}


def submission_fields(submission: Any) -> dict[str, Any]:
    """The fields Reddit sent for a praw Submission (or a plain dict), as plain values."""
    raw = submission if isinstance(submission, dict) else vars(submission)
    fields = {
        key: _plain(value)
        for key, value in raw.items()
        if not key.startswith("_") and key not in PRAW_ATTRIBUTES
    }
    # praw turns the author "[deleted]" into None
    if "author" in fields and fields["author"] is None:
        fields["author"] = "[deleted]"
    return fields


def _clean_text(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # an unpaired surrogate from a bad \\ud800 escape: not storable as UTF-8
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def clean_value(value: Any) -> Any:
    """`value` with every string in it made storable, recursively."""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return {_clean_text(str(k)): clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class _Invalid(Exception):
    pass


def coerce(kind: FieldType, value: Any) -> Any:
    """`value` in the column type `kind`; raises ValueError when it does not fit."""
    if value is None:
        return None
    try:
        return _COERCERS[kind](value)
    except (_Invalid, TypeError, ValueError, OverflowError):
        raise ValueError(f"{value!r:.40} is not {kind}") from None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    raise _Invalid


def _bigint(value: Any) -> int:
    if isinstance(value, bool):
        raise _Invalid
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,18}", value.strip()):
        return int(value)
    raise _Invalid


def _double(value: Any) -> float:
    if isinstance(value, bool):
        raise _Invalid
    result = float(value)
    if not math.isfinite(result):
        raise _Invalid
    return result


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _Invalid


def _timestamp(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    seconds = _double(value)
    if not MIN_CREATED <= seconds <= datetime.now(UTC).timestamp() + 86_400:
        raise _Invalid
    return datetime.fromtimestamp(seconds, UTC)


def _json(value: Any) -> Any:
    if isinstance(value, dict | list):
        return clean_value(value)
    raise _Invalid


_COERCERS = {
    "text": _text,
    "bigint": _bigint,
    "double": _double,
    "bool": _bool,
    "timestamp": _timestamp,
    "json": _json,
}


@dataclass
class MappedRow:
    """A row ready to load, or the reason the post could not be stored."""

    row: dict[str, Any] | None
    skip_reason: str | None = None
    nulled: list[str] = field(default_factory=list)


def to_row(fields: dict[str, Any]) -> MappedRow:
    """Map one submission's fields to a `submissions` row (without our own columns)."""
    post_id = fields.get("id")
    if not isinstance(post_id, str) or not ID_RE.match(post_id):
        return MappedRow(None, "missing or malformed id")
    try:
        created = coerce("timestamp", fields.get("created_utc"))
    except ValueError:
        created = None
    if created is None:
        return MappedRow(None, "missing or malformed created_utc")

    row: dict[str, Any] = {}
    nulled: list[str] = []
    for key, value in fields.items():
        kind = FIELD_TYPES.get(key)
        if kind is None:
            name = normalize_name(key)
            if name.startswith("_dlt") or name in row:
                continue
            if isinstance(value, float) and not math.isfinite(value):
                value = None
            row[name] = clean_value(value)
            continue
        if key == "edited" and isinstance(value, bool):
            # `edited` is false or a float: one double column, NULL for false
            row[key] = None
            continue
        try:
            row[key] = coerce(kind, value)
        except ValueError:
            row[key] = None
            nulled.append(key)
    row["id"] = post_id
    row["created_utc"] = created
    return MappedRow(row, None, nulled)
