"""The `harbor` command line (a console script): thin commands over the library."""

from __future__ import annotations

import importlib
import sys

import redis

from harbor.cli.app import app, err_console
from harbor.errors import ConfigError, HarborError
from harbor.settings import get_settings, redact_url

__all__ = ["app", "main"]

# each module registers its commands on `app` when imported
COMMAND_MODULES = (
    "collect",
    "keywords",
    "filter",
    "labels",
    "subreddits",
    "scoring",
    "themes",
    "digest",
    "operations",
    "web",
    "sandbox",
)

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"harbor.cli.{_name}")
    except ModuleNotFoundError as _exc:  # a module not written yet during development
        if _exc.name != f"harbor.cli.{_name}":
            raise


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    try:
        app(args=argv, prog_name="harbor", standalone_mode=False)
    except HarborError as exc:
        err_console.print(
            f"[bold red]error:[/] {exc}", highlight=False, markup=True, soft_wrap=True
        )
        sys.exit(2 if isinstance(exc, ConfigError) else 1)
    except (redis.ConnectionError, redis.TimeoutError) as exc:
        # Redis down (or unreachable) past the client's own retries: one line, not a traceback
        err_console.print(
            f"[bold red]error:[/] {_redis_down(exc)}", highlight=False, markup=True, soft_wrap=True
        )
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:
        import click
        import typer

        # typer parses with its own copy of click: its usage errors are not click's classes
        show = getattr(exc, "show", None)
        if isinstance(exc, click.exceptions.ClickException | typer.TyperException) and show:
            show()
            sys.exit(int(getattr(exc, "exit_code", 2)))
        if isinstance(exc, click.exceptions.Abort | typer.Abort):
            sys.exit(1)
        raise


def _redis_down(exc: redis.RedisError) -> str:
    try:
        where = redact_url(get_settings().redis_url.get())
    except ConfigError:
        where = "REDIS_URL"
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return f"cannot reach Redis at {where}: {reason}"
