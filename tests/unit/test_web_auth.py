"""Basic auth for the pages: required outside the sandbox and beyond loopback, never shown."""

from __future__ import annotations

import base64

import pytest

from harbor.errors import ConfigError
from harbor.settings import Settings
from harbor.web.auth import BasicAuth, auth_for, is_loopback


def _header(user_password: str) -> str:
    return "Basic " + base64.b64encode(user_password.encode()).decode()


def test_only_the_right_user_and_password_pass() -> None:
    auth = BasicAuth("admin:s3cret-Pass")
    assert auth.allows(_header("admin:s3cret-Pass"))
    assert auth.allows("basic " + _header("admin:s3cret-Pass").split()[1])
    for wrong in (None, "", "Basic", "Bearer x", _header("admin:s3cret"), _header("admin"),
                  "Basic !!!not-base64!!!", _header("admin:s3cret-Pass ")):  # fmt: skip
        assert not auth.allows(wrong)
    assert "s3cret" not in repr(auth)


def test_the_sandbox_on_loopback_may_run_without_auth() -> None:
    assert auth_for(Settings.from_env({}), "127.0.0.1") is None


def test_outside_the_sandbox_auth_is_required() -> None:
    real = {"REDDIT_CLIENT_ID": "id", "REDDIT_CLIENT_SECRET": "secret"}
    with pytest.raises(ConfigError, match="HARBOR_WEB_BASIC_AUTH: required outside the sandbox"):
        auth_for(Settings.from_env(real), "127.0.0.1")
    chosen = auth_for(Settings.from_env({**real, "HARBOR_WEB_BASIC_AUTH": "u:p"}), "127.0.0.1")
    assert chosen is not None and chosen.allows(_header("u:p"))


def test_listening_beyond_loopback_needs_auth_even_in_the_sandbox() -> None:
    with pytest.raises(ConfigError, match="beyond loopback"):
        auth_for(Settings.from_env({}), "0.0.0.0")
    assert is_loopback("::1") and is_loopback("localhost") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
