"""`harbor label`: a person's verdict on collected posts, to adapt the detector."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from harbor.cli.app import app, console, load_settings


@app.command()
def label(
    post_id: Annotated[str | None, typer.Argument(help="a collected post's id")] = None,
    verdict: Annotated[
        str | None, typer.Argument(help="1: problem-first, 0: not", metavar="1|0")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="pain, solution_request, advice or money_talk (for a 1)"),
    ] = None,
    import_file: Annotated[
        Path | None,
        typer.Option("--import", help="a JSON-lines or CSV file of verdicts (post_id,label,kind)"),
    ] = None,
) -> None:
    """Record whether a post is problem-first; `harbor filter train --with-feedback` learns it.

    A re-label replaces the earlier verdict; an unknown post id is refused and nothing is
    recorded.
    """
    from harbor.detector.feedback import label_record, read_label_file, record_labels
    from harbor.errors import ConfigError

    if import_file is not None:
        if post_id is not None or verdict is not None or kind is not None:
            raise ConfigError("label: give either POST_ID 1|0 [--kind K] or --import FILE")
        records = read_label_file(import_file)
        source = f"import:{import_file.name}"
    else:
        if post_id is None or verdict is None:
            raise ConfigError("label: give POST_ID and 1 or 0 (or --import FILE)")
        records = [label_record(post_id, verdict, kind, "label")]
        source = "cli"
    new, replaced = record_labels(load_settings(), records, source)
    console.print(f"recorded {new} new and {replaced} replaced verdicts", highlight=False)
