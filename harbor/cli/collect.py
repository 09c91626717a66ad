"""`harbor collect` and `harbor compare`: one collection or one comparison, in-process."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from harbor.cli.app import app, console, load_settings
from harbor.settings import validate_subreddit


class Via(StrEnum):
    dlt = "dlt"
    legacy = "legacy"


@app.command()
def collect(
    subreddit: Annotated[str, typer.Argument(help="subreddit name, without r/")],
    via: Annotated[
        Via | None, typer.Option(help="collector to use; default: the cutover table's route")
    ] = None,
    no_filter: Annotated[
        bool, typer.Option("--no-filter", help="keep every post, not only problem-first ones")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Collect one subreddit now, in this process (no Celery)."""
    from harbor.collect.service import detector_for, run_collection

    settings = load_settings()
    validate_subreddit(subreddit, "SUBREDDIT")
    detector_for(settings)  # a bad model file is refused now, not as a failed run
    if via is None:
        from harbor.cutover import route

        chosen = route(settings, subreddit).via
    else:
        chosen = via.value
    result = run_collection(
        settings, subreddit, "dlt" if chosen == "dlt" else "legacy", apply_filter=not no_filter
    )
    if as_json:
        data = result.as_json()
        keys = ("subreddit", "via", "status", "api_calls", "fetched", "kept", "new", "changed",
                "malformed", "duration_s", "error", "run_id")  # fmt: skip
        print(json.dumps({k: data[k] for k in keys}))
    else:
        table = Table(title=f"r/{result.subreddit} via {result.via}: {result.status}")
        for column in ("api calls", "fetched", "kept", "new", "changed", "malformed", "seconds"):
            table.add_column(column, justify="right")
        table.add_row(
            *map(str, (result.api_calls, result.fetched, result.kept, result.new,
                       result.changed, result.malformed)),
            f"{result.duration_s:.2f}",
        )  # fmt: skip
        console.print(table)
        if result.error:
            console.print(f"[red]error:[/] {result.error}", highlight=False)
    if result.status == "failed":
        raise typer.Exit(1)


@app.command()
def compare(
    subreddit: Annotated[str, typer.Argument(help="subreddit name, without r/")],
    no_filter: Annotated[bool, typer.Option("--no-filter", help="compare every post")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Run both collectors over the same Reddit data into scratch tables; show the difference."""
    from harbor.collect.compare import compare_collectors

    settings = load_settings()
    validate_subreddit(subreddit, "SUBREDDIT")
    result = compare_collectors(settings, subreddit, apply_filter=not no_filter)
    if as_json:
        print(json.dumps(result.as_json(), default=str))
        return
    table = Table(title=f"r/{subreddit}: dlt vs legacy over the same {result.fetched} posts")
    table.add_column("")
    table.add_column("dlt", justify="right")
    table.add_column("legacy", justify="right")
    table.add_column("difference", justify="right")
    table.add_row(
        "rows",
        str(result.rows_dlt),
        str(result.rows_legacy),
        f"{result.rows_diff_pct:.1f}% ({len(result.only_dlt)} only dlt, "
        f"{len(result.only_legacy)} only legacy)",
    )
    table.add_row(
        "fields",
        str(result.fields_compared),
        str(result.fields_compared),
        f"{result.fields_diff_pct:.1f}% ({result.fields_different} differ)",
    )
    console.print(table)
    for example in result.examples:
        console.print(f"  {example['id']}.{example['column']}: dlt={example['dlt']!r} "
                      f"legacy={example['legacy']!r}", highlight=False)  # fmt: skip
