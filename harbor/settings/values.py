"""The pieces settings are made of: secrets, name rules, and readers of one variable each.

Every reader takes the environment mapping and the variable's name, so an error names the
variable and the bad value (never the value of a secret).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from harbor.errors import ConfigError

__all__ = [
    "Secret",
    "integer",
    "number",
    "redact_url",
    "text",
    "url",
    "user_password",
    "validate_identifier",
    "validate_subreddit",
]

SUBREDDIT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")
# a schema name we are willing to put into SQL: lower case, unquoted-safe, Postgres-sized
IDENTIFIER_RE = re.compile(r"^[a-z_][a-z0-9_]{0,47}$")


class Secret:
    """A string that never shows itself in str(), repr() or f-strings."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)


def validate_subreddit(name: str, source: str = "subreddit") -> str:
    """Return `name` if it is a valid subreddit name, else raise ConfigError naming it."""
    if not SUBREDDIT_RE.fullmatch(name):  # `$` alone would let a trailing newline in
        raise ConfigError(
            f"{source}: {name!r} is not a valid subreddit name "
            "(2-21 letters, digits or underscores, not starting with an underscore)"
        )
    return name


def validate_identifier(name: str, source: str) -> str:
    """Return `name` if it is safe to use as an unquoted SQL identifier."""
    if not IDENTIFIER_RE.fullmatch(name):
        raise ConfigError(
            f"{source}: {name!r} is not a safe SQL identifier "
            "(lower-case letters, digits and underscores, starting with a letter, at most 48)"
        )
    return name


def redact_url(value: str) -> str:
    """The URL with any password replaced by ***, for logs and status."""
    parts = urlsplit(value)
    if parts.password is None:
        return value
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return parts._replace(netloc=f"{user}:***@{netloc}").geturl()


def text(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    """The variable stripped of blanks; `default` when unset or blank."""
    value = env.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def integer(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    """A whole number of at least `minimum`."""
    raw = text(env, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not an integer") from None
    if value < minimum:
        raise ConfigError(f"{name}: {value} is below the minimum of {minimum}")
    return value


def number(
    env: Mapping[str, str],
    name: str,
    default: float,
    minimum: float = 0.0,
    maximum: float | None = None,
) -> float:
    """A finite number within [minimum, maximum]."""
    raw = text(env, name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not a number") from None
    if not value >= minimum:  # also refuses nan
        raise ConfigError(f"{name}: {raw!r} is below the minimum of {minimum:g}")
    if maximum is not None and not value <= maximum:
        raise ConfigError(f"{name}: {raw!r} is above the maximum of {maximum:g}")
    return value


def url(name: str, value: str, schemes: tuple[str, ...], secret: bool = False) -> str:
    """`value` if it is a URL with one of `schemes` and a host (a secret one is not echoed)."""
    shown = "(value hidden)" if secret else repr(value)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ConfigError(f"{name}: {shown} is not a valid URL") from None
    if parts.scheme not in schemes or not parts.hostname:
        raise ConfigError(
            f"{name}: {shown} is not a valid URL (expected {' or '.join(schemes)}://host...)"
        )
    return value.rstrip("/") if not secret else value


def user_password(name: str, value: str) -> tuple[str, str]:
    """`user:password` split in two; the value is never echoed in the error."""
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ConfigError(f"{name}: must be user:password (value hidden)")
    return user, password
