"""The `harbor` Typer application and what every command shares.

Commands live in the modules beside this one, one area each; they parse, call the
library, and print. Errors from the library become one red line and an exit code:
2 for bad input or configuration, 1 for anything else that failed.
"""

from __future__ import annotations

import logging

import typer
from rich.console import Console

from harbor.logs import setup_logging
from harbor.settings import Settings, get_settings

__all__ = ["app", "console", "err_console", "load_settings"]

app = typer.Typer(
    name="harbor",
    help="RedditHarbor: find business opportunities in what people complain about on Reddit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

log = logging.getLogger("harbor.cli")


def load_settings() -> Settings:
    """Read the settings and set up logging with their secrets masked."""
    settings = get_settings()
    setup_logging(settings.log_level, settings.secret_values(), settings.log_format)
    return settings
