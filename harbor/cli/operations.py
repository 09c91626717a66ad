"""`harbor cutover ...` and `harbor status`: what operators type during the cutover."""

from __future__ import annotations

import json
import time
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Group
from rich.live import Live
from rich.table import Table

from harbor import cutover
from harbor.cli.app import app, console, load_settings
from harbor.cli.status_view import render_status
from harbor.registry import list_subreddits, validate_group
from harbor.settings import Settings
from harbor.status import gather_status

cutover_app = typer.Typer(
    name="cutover",
    help="Show or change the dlt/legacy routing (the Redis cutover table).",
    no_args_is_help=True,
)
app.add_typer(cutover_app, name="cutover")


class Target(StrEnum):
    dlt = "dlt"
    legacy = "legacy"


def _event_line(event: cutover.CutoverEvent) -> str:
    what = f"{event.action} {event.subreddit or ''}".strip()
    return (
        f"{what}: {event.old_value or '(none)'} -> {event.new_value or '(none)'} by {event.actor}"
    )


def _show(settings: Settings) -> Group:
    table = cutover.read_table(settings)
    auto = cutover.auto_pinned(settings)
    head = Table(title="cutover table", show_header=False)
    head.add_column("key")
    head.add_column("value")
    head.add_row("dlt share", f"{table.share}%" if table.present else "not set (legacy)")
    head.add_row("rollback", "[bold red]ON: everything goes legacy[/]" if table.rollback else "off")
    for name, via in sorted(table.overrides.items()):
        mark = f" (auto: {auto[name].reason})" if name in auto else ""
        head.add_row(f"pin {name}", f"{via}{mark}")
    for problem in table.problems:
        head.add_row("[yellow]warning[/]", problem)
    routes = Table(title="routes of the registered subreddits")
    for column in ("subreddit", "bucket", "via", "why"):
        routes.add_column(column)
    for name in (s.name for s in list_subreddits(settings)):
        r = table.route(name)
        routes.add_row(name, str(cutover.bucket(name)), r.via, r.reason)
    events = Table(title="recent changes")
    for column in ("at", "change"):
        events.add_column(column)
    for event in cutover.recent_events(settings, 8):
        events.add_row(event.at.strftime("%Y-%m-%d %H:%M:%S"), _event_line(event))
    return Group(head, routes, events)


@cutover_app.command("show")
def show() -> None:
    """Share, rollback flag, pins, each subreddit's route and the recent changes."""
    console.print(_show(load_settings()))


@cutover_app.command("set")
def set_share(
    dlt: Annotated[int, typer.Option("--dlt", help="percent of subreddits routed to dlt")],
) -> None:
    """Route PCT% of subreddits (by stable bucket) to dlt."""
    event = cutover.set_share(load_settings(), dlt)
    console.print(_event_line(event), highlight=False)


@cutover_app.command("pin")
def pin(
    subreddit: Annotated[str, typer.Argument(help="subreddit name, without r/")],
    via: Annotated[Target, typer.Argument(help="dlt or legacy")],
) -> None:
    """Pin one subreddit to a collector, whatever the share says."""
    event = cutover.pin(load_settings(), subreddit, via.value)
    console.print(_event_line(event), highlight=False)


@cutover_app.command("unpin")
def unpin(subreddit: Annotated[str, typer.Argument(help="subreddit name, without r/")]) -> None:
    """Remove a subreddit's pin (the share decides again)."""
    event = cutover.unpin(load_settings(), subreddit)
    console.print(_event_line(event), highlight=False)


@cutover_app.command("rollback")
def rollback() -> None:
    """Send every subreddit to legacy now (queued collects included)."""
    event = cutover.rollback(load_settings())
    console.print(_event_line(event), highlight=False)


@cutover_app.command("resume")
def resume() -> None:
    """Lift the rollback: the share and the pins decide again."""
    event = cutover.resume(load_settings())
    console.print(_event_line(event), highlight=False)


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="refresh every 2 seconds")] = False,
    timeout: Annotated[float, typer.Option(help="seconds to wait for workers to answer")] = 1.0,
    group: Annotated[
        str | None, typer.Option("--group", help="only the subreddits of this group")
    ] = None,
) -> None:
    """Cutover, routes and last runs, quota and gaps, queues, workers, scores and tokens."""
    settings = load_settings()
    if group is not None:
        validate_group(group)
    if as_json:
        while True:
            data = gather_status(settings, timeout, group).as_json()
            print(json.dumps(data, default=str), flush=True)
            if not watch:
                return
            time.sleep(2)
    if not watch:
        console.print(render_status(gather_status(settings, timeout, group)))
        return
    with Live(render_status(gather_status(settings, timeout, group)), console=console) as live:
        while True:
            time.sleep(2)
            live.update(render_status(gather_status(settings, timeout, group)))
