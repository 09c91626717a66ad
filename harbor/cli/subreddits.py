"""`harbor subreddits list | add | remove | import`: the registry of what is collected."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harbor.cli.app import app, console, load_settings
from harbor.registry import (
    Registered,
    add_subreddits,
    deactivate_subreddits,
    list_subreddits,
    read_names_file,
    validate_group,
)

subreddits_app = typer.Typer(
    name="subreddits",
    help="The subreddits that are collected, each in a group (an audience such as saas).",
    no_args_is_help=True,
)
app.add_typer(subreddits_app, name="subreddits")

GroupOption = Annotated[
    str | None, typer.Option("--group", help="the group (audience), e.g. saas or freelancers")
]


def _when(at: datetime | None) -> str:
    if at is None:
        return "-"
    seconds = (at - datetime.now(UTC)).total_seconds()
    return f"in {seconds:.0f}s" if seconds > 0 else "now"


def _json(sub: Registered) -> dict[str, object]:
    return {
        "name": sub.name,
        "group": sub.group,
        "active": sub.active,
        "added_at": sub.added_at.isoformat(),
        "posts_per_hour": sub.posts_per_hour,
        "cadence_s": sub.cadence_s,
        "next_due_at": sub.next_due_at.isoformat() if sub.next_due_at else None,
        "last_gap_at": sub.last_gap_at.isoformat() if sub.last_gap_at else None,
        "unavailable_status": sub.unavailable_status,
        "unavailable_until": sub.unavailable_until.isoformat() if sub.unavailable_until else None,
    }


@subreddits_app.command("list")
def list_command(
    group: GroupOption = None,
    show_all: Annotated[bool, typer.Option("--all", help="also the removed ones")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print a JSON list")] = False,
) -> None:
    """The registered subreddits with their group and what the scheduler learned."""
    settings = load_settings()
    subs = list_subreddits(settings, group, include_inactive=show_all)
    if as_json:
        print(json.dumps([_json(s) for s in subs]))
        return
    table = Table(title=f"{len(subs)} subreddits")
    for column in ("subreddit", "group", "posts/h", "cadence", "next", "note"):
        table.add_column(column)
    for sub in subs:
        notes = []
        if not sub.active:
            notes.append("removed")
        if sub.unavailable_status is not None:
            notes.append(f"refused: HTTP {sub.unavailable_status} ({sub.unavailable_reason})")
        if sub.last_gap_at is not None:
            notes.append(f"last gap {sub.last_gap_at:%Y-%m-%d %H:%M}")
        table.add_row(
            sub.name,
            sub.group,
            f"{sub.posts_per_hour:.1f}" if sub.posts_per_hour is not None else "-",
            f"{sub.cadence_s:.0f}s" if sub.cadence_s is not None else "-",
            _when(sub.next_due_at) if sub.active else "-",
            ", ".join(notes),
        )
    console.print(table)


def _report_added(added: list[str], existing: list[str], group: str | None) -> None:
    where = f" to group {validate_group(group)}" if group else ""
    if added:
        console.print(f"added{where}: {', '.join(added)}", highlight=False)
    if existing:
        verb = f"moved{where}" if group else "already registered (active)"
        console.print(f"{verb}: {', '.join(existing)}", highlight=False)


@subreddits_app.command("add")
def add(
    names: Annotated[list[str], typer.Argument(help="subreddit names, without r/")],
    group: GroupOption = None,
) -> None:
    """Register subreddits (group `default` unless --group; --group moves existing ones)."""
    settings = load_settings()
    added, existing = add_subreddits(settings, names, group)
    _report_added(added, existing, group)


@subreddits_app.command("remove")
def remove(
    names: Annotated[list[str], typer.Argument(help="subreddit names, without r/")],
) -> None:
    """Stop collecting subreddits (their posts stay; `add` brings them back)."""
    settings = load_settings()
    removed, unknown = deactivate_subreddits(settings, names)
    if removed:
        console.print(f"removed: {', '.join(removed)}", highlight=False)
    if unknown:
        console.print(f"not registered: {', '.join(unknown)}", highlight=False)


@subreddits_app.command("import")
def import_file(
    path: Annotated[Path, typer.Argument(help="a file of names: one per line or comma-separated")],
    group: GroupOption = None,
) -> None:
    """Register every subreddit named in a file (`#` starts a comment)."""
    names = read_names_file(path)
    settings = load_settings()
    added, existing = add_subreddits(settings, names, group)
    _report_added(added, existing, group)
