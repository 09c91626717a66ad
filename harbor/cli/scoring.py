"""`harbor score`, `harbor report` and `harbor export`: scoring in-process and its results."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Group
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from harbor.cli.app import app, console, err_console, load_settings
from harbor.errors import ConfigError

PROGRESS_FROM = 20  # posts: below this a run is short enough to go without a bar


def _at_least_one(value: int | None, option: str) -> None:
    if value is not None and value < 1:
        raise ConfigError(f"{option}: {value} must be at least 1")


@app.command()
def score(
    pending: Annotated[
        bool, typer.Option("--pending", help="score posts with no current score (the default)")
    ] = True,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="also retry posts whose scoring failed")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="score at most N posts")] = None,
    concurrency: Annotated[
        int, typer.Option("--concurrency", help="posts scored at the same time")
    ] = 8,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Score pending posts now, in this process (no Celery). A rerun costs nothing."""
    from harbor.scoring.service import score_pending

    _at_least_one(limit, "--limit")
    _at_least_one(concurrency, "--concurrency")
    settings = load_settings()
    progress = Progress(
        TextColumn("scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=as_json,
    )
    task = progress.add_task("score", total=None)

    def report(done: int, total: int) -> None:
        if total >= PROGRESS_FROM:
            if not progress.live.is_started:
                progress.start()
            progress.update(task, completed=done, total=total)

    try:
        summary = score_pending(settings, limit, retry_failed, concurrency, report)
    finally:
        progress.stop()
    if as_json:
        print(json.dumps(dataclasses.asdict(summary)))
    else:
        console.print(f"scorer: {summary.scorer}", highlight=False)
        table = Table(title=f"{summary.selected} posts selected in {summary.duration_s:.1f}s")
        counts = ("scored", "unchanged", "duplicate", "failed", "deferred", "busy", "unavailable",
                  "skipped")  # fmt: skip
        for column in (*counts, "tokens in", "tokens out"):
            table.add_column(column, justify="right")
        table.add_row(
            *(str(getattr(summary, name)) for name in counts),
            str(summary.input_tokens),
            str(summary.output_tokens),
        )
        console.print(table)
        for error in summary.errors[:5]:
            console.print(f"  [red]{error}[/]", highlight=False)
    if summary.stopped_reason:
        err_console.print(f"[bold red]stopped early:[/] {summary.stopped_reason}", highlight=False)
        raise typer.Exit(1)


@app.command()
def report(
    top: Annotated[int, typer.Option("--top", help="how many opportunities")] = 20,
    since: Annotated[
        str | None, typer.Option("--since", help="only posts newer than this: 7d, 12h, 30m")
    ] = None,
    subreddit: Annotated[str | None, typer.Option("--subreddit", help="only this one")] = None,
    group: Annotated[
        str | None, typer.Option("--group", help="only subreddits of this group")
    ] = None,
    by: Annotated[str, typer.Option("--by", help="post (the default) or theme")] = "post",
    show_all: Annotated[
        bool, typer.Option("--all", help="keep posts the scorer called 'other' (not opportunities)")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON list")] = False,
) -> None:
    """The best-scored opportunities, ranked (a set of duplicates counted once, posts the
    scorer called 'other' left out); `--by theme` ranks the themes instead."""
    from harbor.scoring.report import RankFilter, parse_since, top_opportunities

    window = parse_since(since) if since is not None else None
    if by not in ("post", "theme"):
        raise ConfigError(f"--by: {by!r} is not 'post' or 'theme'")
    if by == "theme":
        if subreddit is not None or show_all:
            raise ConfigError("--by theme: --subreddit and --all apply to posts; use --group")
        _report_themes(top, window, group, as_json)
        return
    settings = load_settings()
    filters = RankFilter(
        since=window,
        subreddit=subreddit,
        include_other=show_all,
        group=group,
    )
    rows = top_opportunities(settings, top, filters)
    if as_json:
        print(json.dumps(rows, default=str, ensure_ascii=False))
        return
    table = Table(
        title=f"top {len(rows)} opportunities",
        caption="dem: market demand, pain: pain intensity, pay: monetization potential, "
        "gap: market gap, feas: technical feasibility (each 0-10); total 0-100",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    for column in ("#", "total", "dem", "pain", "pay", "gap", "feas"):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    table.add_column("category", overflow="fold")
    table.add_column("subreddit(s)", overflow="fold")
    # the title (cut to fit) with its link beneath (whole, folded if the width is short)
    table.add_column("title / link", min_width=20, ratio=1)
    for row in rows:
        cell = Group(
            Text(str(row["title"] or "(no title)"), overflow="ellipsis", no_wrap=True),
            Text(str(row["link"]), style="cyan", overflow="fold"),
        )
        table.add_row(
            str(row["rank"]),
            f"{row['total']:.1f}",
            str(row["market_demand"]),
            str(row["pain_intensity"]),
            str(row["monetization_potential"]),
            str(row["market_gap"]),
            str(row["technical_feasibility"]),
            str(row["category"]),
            Text(", ".join(f"r/{sub}" for sub in row.get("subreddits") or [row["subreddit"]])),
            cell,
        )
    console.print(table)
    if not rows:
        console.print("no scored posts match; run `harbor score` first", highlight=False)


def _report_themes(top: int, window: timedelta | None, group: str | None, as_json: bool) -> None:
    from harbor.scoring.report import reddit_link
    from harbor.theming.listing import list_themes

    found = list_themes(load_settings(), top, window, group)
    if as_json:
        print(json.dumps([t.as_json() for t in found], ensure_ascii=False))
        return
    table = Table(title=f"top {len(found)} themes", box=box.SIMPLE_HEAD, padding=(0, 1))
    for column in ("#", "theme", "posts", "growth", "mean"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("label / best opportunity", min_width=20, ratio=1)
    for rank, t in enumerate(found, start=1):
        cell = Group(
            Text(t.label, style="bold", overflow="fold"),
            Text(t.best_title or "(no title)", overflow="ellipsis", no_wrap=True),
            Text(reddit_link(t.best_permalink), style="cyan", overflow="fold"),
        )
        growth = "new" if t.growth is None else f"{t.growth:+.0%}"
        table.add_row(str(rank), t.id, str(t.posts), growth, f"{t.mean_total:.1f}", cell)
    console.print(table)
    if not found:
        console.print("no themes yet: a theme shows once two posts share it", highlight=False)


@app.command()
def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="file to write")],
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl")] = "csv",
    min_total: Annotated[
        float | None, typer.Option("--min-total", help="only totals at or above this (0-100)")
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", help="only subreddits of this group")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="keep posts the scorer called 'other' (not opportunities)")
    ] = False,
) -> None:
    """Write every scored opportunity, best first, to a CSV or JSON-lines file (a set of
    duplicates once, with its subreddits, engagement, theme and comment evidence)."""
    from harbor.scoring.report import RankFilter, export_scores, parse_export_format

    chosen = parse_export_format(fmt)
    settings = load_settings()
    with err_console.status("exporting...") as status:
        count = export_scores(
            settings,
            chosen,
            output,
            RankFilter(min_total=min_total, include_other=show_all, group=group),
            progress=lambda n: status.update(f"exporting... {n} rows"),
        )
    console.print(f"wrote {count} opportunities to {output} ({chosen})", highlight=False)
