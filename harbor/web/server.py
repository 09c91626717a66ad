"""`harbor web`: run the app until Ctrl-C or SIGTERM."""

from __future__ import annotations

import logging

from aiohttp import web

from harbor import db
from harbor.settings import Settings
from harbor.web.app import make_app
from harbor.web.auth import auth_for

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "serve"]

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


def serve(settings: Settings, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the pages on host:port (loopback by default); a ConfigError when basic auth
    is required and missing. Creates the tables first if this is a new install."""
    auth = auth_for(settings, host)
    db.bootstrap(settings)
    shown = f"[{host}]" if ":" in host else host
    user = settings.web_basic_auth.get().partition(":")[0] if settings.web_basic_auth else None
    login = f"basic auth as {user}" if user else "no auth: the sandbox on loopback"
    log.info("harbor web on http://%s:%d/ (%s)", shown, port, login)
    web.run_app(
        make_app(settings, auth),
        host=host,
        port=port,
        print=None,
        access_log=logging.getLogger("harbor.web.access"),
        shutdown_timeout=3.0,
    )
