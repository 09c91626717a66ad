"""`harbor web`: the read-only pages and JSON API."""

from __future__ import annotations

from typing import Annotated

import typer

from harbor.cli.app import app, console, load_settings
from harbor.errors import ConfigError


@app.command()
def web(
    host: Annotated[
        str, typer.Option("--host", help="address to listen on (loopback by default)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="port to listen on")] = 8080,
) -> None:
    """Serve the opportunities, posts and status as pages and JSON (read-only).

    Basic auth from HARBOR_WEB_BASIC_AUTH (user:password), required outside the sandbox
    and beyond loopback. Prometheus metrics at /metrics.
    """
    from harbor.web.server import serve

    if not 0 < port < 65536:
        raise ConfigError(f"--port: {port} is not a TCP port (1-65535)")
    settings = load_settings()
    shown = f"[{host}]" if ":" in host else host
    console.print(f"RedditHarbor web: http://{shown}:{port}/  (Ctrl-C stops)", highlight=False)
    serve(settings, host, port)
