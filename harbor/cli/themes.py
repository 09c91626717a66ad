"""`harbor themes`: the problems many people keep having, with their trend."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from harbor.cli.app import app, console, load_settings


@app.command()
def themes(
    top: Annotated[int, typer.Option("--top", help="how many themes")] = 20,
    since: Annotated[
        str,
        typer.Option("--since", help="the window: 30d, 2w, 12h (growth is against the one before)"),
    ] = "30d",
    group: Annotated[
        str | None, typer.Option("--group", help="only posts from subreddits of this group")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON list")] = False,
) -> None:
    """Themes: opportunities grouped by meaning, with their size, spread and growth."""
    from harbor.scoring.report import parse_since
    from harbor.theming.listing import list_themes

    window = parse_since(since)
    settings = load_settings()
    found = list_themes(settings, top, window, group)
    if as_json:
        print(json.dumps([t.as_json() for t in found], ensure_ascii=False))
        return
    table = Table(
        title=f"top {len(found)} themes, last {since}",
        caption="posts: sets of duplicates counted once; growth: posts against the window before",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    for column in ("id", "posts", "/day", "growth", "authors", "mean"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("subreddits", overflow="fold")
    table.add_column("label", ratio=1, overflow="fold")
    for t in found:
        growth = "new" if t.growth is None else f"{t.growth:+.0%}"
        table.add_row(
            t.id,
            str(t.posts),
            f"{t.posts_per_day:.2f}",
            f"{growth} {t.trend if t.growth is not None else ''}".strip(),
            str(t.authors),
            f"{t.mean_total:.1f}",
            Text(", ".join(f"r/{s}" for s in t.subreddits[:4])),
            Text(t.label),
        )
    console.print(table)
    if not found:
        console.print(
            "no themes yet: a theme shows once two posts share it (run `harbor score`)",
            highlight=False,
        )
