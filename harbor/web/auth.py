"""Basic auth for `harbor web`, from HARBOR_WEB_BASIC_AUTH (user:password).

Required outside the sandbox, and whenever the app listens beyond loopback: the pages
show what a business is looking into. The comparison takes the same time whatever the
guess; neither the expected nor the offered password is ever logged or shown.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress

from harbor.errors import ConfigError
from harbor.settings import Settings

__all__ = ["BasicAuth", "auth_for", "is_loopback"]

REALM = 'Basic realm="RedditHarbor", charset="UTF-8"'


class BasicAuth:
    """Checks an Authorization header against one user:password."""

    __slots__ = ("_expected",)

    def __init__(self, user_password: str) -> None:
        self._expected = user_password.encode("utf-8")

    def allows(self, header: str | None) -> bool:
        """True when `header` is `Basic <base64 of the right user:password>`."""
        if not header:
            return False
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "basic" or not token:
            return False
        try:
            offered = base64.b64decode(token.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        return hmac.compare_digest(offered, self._expected)

    def __repr__(self) -> str:
        return "BasicAuth('***')"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def auth_for(settings: Settings, host: str) -> BasicAuth | None:
    """The auth the app enforces, or None (the sandbox on loopback only); a ConfigError
    when it is required and HARBOR_WEB_BASIC_AUTH is not set."""
    if settings.web_basic_auth is not None:
        return BasicAuth(settings.web_basic_auth.get())
    if not settings.reddit_sandbox:
        raise ConfigError("HARBOR_WEB_BASIC_AUTH: required outside the sandbox (user:password)")
    if not is_loopback(host):
        raise ConfigError(
            f"HARBOR_WEB_BASIC_AUTH: required to listen on {host} (beyond loopback); "
            "set user:password"
        )
    return None
