"""`harbor keywords`: print the problem lexicon in effect, in the format it is read from."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from harbor.cli.app import app, load_settings


@app.command()
def keywords(
    builtin: Annotated[
        bool,
        typer.Option("--builtin", help="print the built-in lexicon even if HARBOR_KEYWORDS is set"),
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="TITLE",
            help="instead of the lexicon, show how this title (and --body) would be judged",
        ),
    ] = None,
    body: Annotated[str, typer.Option("--body", help="selftext for --explain")] = "",
) -> None:
    """Print the problem lexicon in effect: the built-in one, or HARBOR_KEYWORDS' file.

    The output is grouped and written in the lexicon file format itself, so
    `harbor keywords > my.txt` gives a copy to edit and point HARBOR_KEYWORDS at.
    """
    from harbor.collect.lexicon import render_lexicon
    from harbor.collect.problem_filter import load_filter

    settings = load_settings()
    problem_filter = load_filter(None if builtin else settings.keywords_path)
    if explain is not None:
        from harbor.collect.service import detector_for

        # the classifier decides; the lexicon's own score is shown as the explanation
        detector = detector_for(settings)
        verdict = detector.judge_one(explain, body)
        decision = problem_filter.match(explain, body)
        report = {
            "kept": verdict.kept,
            "filter_score": verdict.score,
            "filter_threshold": detector.threshold,
            "filter_model": detector.model_version,
            "category": verdict.category,
            "matched": decision.matched,
            "excluded": decision.excluded,
            "lexicon_score": decision.score,
            "lexicon_threshold": problem_filter.lexicon.threshold,
        }
        typer.echo(json.dumps(report, ensure_ascii=False))
        return
    typer.echo(render_lexicon(problem_filter.lexicon), nl=False)
