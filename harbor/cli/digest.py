"""`harbor digest`: the period's top opportunities as Markdown or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from harbor.cli.app import app, console, load_settings


@app.command()
def digest(
    since: Annotated[
        str, typer.Option("--since", help="the period: posts newer than this (1d, 12h, 7d)")
    ] = "1d",
    fmt: Annotated[str, typer.Option("--format", help="md or html")] = "md",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="write to this file (default: stdout)")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="how many opportunities")] = 10,
) -> None:
    """The period's top opportunities, readable as an email or a post."""
    from harbor.digest import build_digest, parse_digest_format, render_digest, write_digest
    from harbor.scoring.report import parse_since

    window = parse_since(since)
    chosen = parse_digest_format(fmt)
    settings = load_settings()
    text = render_digest(build_digest(settings, window, top), chosen)
    if output is None:
        print(text, end="")
        return
    write_digest(text, output)
    console.print(f"wrote the digest to {output} ({chosen})", highlight=False)
