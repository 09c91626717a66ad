"""`harbor filter train` and `harbor filter eval`: the problem detector on labelled posts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from harbor.cli.app import app, console, err_console, load_settings

filter_app = typer.Typer(
    name="filter",
    help="Train the problem classifier, or measure the detector in effect on labelled posts.",
    no_args_is_help=True,
)
app.add_typer(filter_app, name="filter")

DEFAULT_MODEL = Path.home() / ".harbor" / "models" / "problem-classifier.npz"
SHOWN_SUBREDDITS = 15


def _figures_table(title: str, figures: dict[str, Any]) -> Table:
    table = Table(title=title, show_header=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    rows = (
        ("posts", f"{figures['n']} ({figures['positives']} problem-first)"),
        ("threshold", f"{figures['threshold']:.4f}"),
        ("precision / recall / f1", f"{figures['precision']:.3f} / {figures['recall']:.3f} / "
         f"{figures['f1']:.3f}"),
        ("keep rate", f"{figures['keep_rate']:.3f}"),
        ("precision at recall 0.6 / 0.8", f"{figures['precision_at_recall']['0.6']:.3f} / "
         f"{figures['precision_at_recall']['0.8']:.3f}"),
        ("stream precision / recall", f"{figures['stream_precision']:.3f} / "
         f"{figures['stream_recall']:.3f}"),
        ("stream precision at recall 0.6 / 0.8",
         f"{figures['stream_precision_at_recall']['0.6']:.3f} / "
         f"{figures['stream_precision_at_recall']['0.8']:.3f}"),
        ("average precision", f"{figures['average_precision']:.3f}"),
    )  # fmt: skip
    for name, value in rows:
        table.add_row(name, value)
    return table


@filter_app.command("train")
def train_command(
    labels: Annotated[
        Path | None, typer.Option("--labels", help="a labelled JSON-lines file (shared/labels)")
    ] = None,
    with_feedback: Annotated[
        bool, typer.Option("--with-feedback", help="add the verdicts given with `harbor label`")
    ] = False,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="where to write the model")
    ] = DEFAULT_MODEL,
    seed: Annotated[int, typer.Option(help="seed of the cross-validation folds")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print the figures as JSON")] = False,
) -> None:
    """Fit the problem classifier on labelled posts, with figures from grouped cross-validation.

    The lexicon in effect (HARBOR_KEYWORDS or the built-in one) is built into the model as
    features. Point HARBOR_FILTER_MODEL at the file written to use it.
    """
    from harbor.collect.problem_filter import load_filter
    from harbor.detector.artifact import write_model
    from harbor.detector.feedback import training_posts
    from harbor.detector.labelled import LabelledPost, read_labelled
    from harbor.detector.training import id_digest, train
    from harbor.errors import ConfigError

    if labels is None and not with_feedback:
        raise ConfigError("filter train: give --labels FILE, --with-feedback, or both")
    settings = load_settings()
    posts: dict[str, LabelledPost] = {}
    if labels is not None:
        posts.update((p.id, p) for p in read_labelled(labels))
    feedback = training_posts(settings) if with_feedback else []
    posts.update((p.id, p) for p in feedback)  # a person's verdict here wins
    with err_console.status(f"training on {len(posts)} posts..."):
        result = train(list(posts.values()), load_filter(settings.keywords_path), seed=seed)
    figures = {
        **result.figures,
        "labels_file": labels.name if labels is not None else None,
        "feedback": len(feedback),
        "seed": seed,
    }
    version = write_model(
        result.classifier,
        output.expanduser(),
        figures=figures,
        trained_on=[id_digest(i) for i in posts],
    )
    if as_json:
        print(json.dumps({"model": version, "path": str(output), **figures}))
        return
    title = f"model {version}: held-out figures (folds grouped by subreddit)"
    console.print(_figures_table(title, figures))
    console.print(f"wrote {output}; use it with HARBOR_FILTER_MODEL={output}", highlight=False)


@filter_app.command("eval")
def eval_command(
    labels: Annotated[Path, typer.Option("--labels", help="a labelled JSON-lines file")],
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Precision, recall and f1 of the detector in effect on a labelled file."""
    from harbor.collect.service import detector_for
    from harbor.detector.evaluation import evaluate
    from harbor.detector.labelled import read_labelled

    settings = load_settings()
    posts = read_labelled(labels)
    figures = evaluate(detector_for(settings), posts)
    if as_json:
        print(json.dumps(figures))
        return
    console.print(_figures_table(f"model {figures['model']} on {labels.name}", figures))
    kinds = Table(title="recall by kind")
    for column in ("kind", "positives", "kept", "recall"):
        kinds.add_column(column, justify="left" if column == "kind" else "right")
    for kind, row in figures["by_kind"].items():
        kinds.add_row(kind, str(row["positives"]), str(row["kept"]), f"{row['recall']:.3f}")
    console.print(kinds)
    subs = Table(title=f"the {SHOWN_SUBREDDITS} largest subreddits (all of them with --json)")
    for column in ("subreddit", "posts", "positives", "kept", "precision", "recall"):
        subs.add_column(column, justify="left" if column == "subreddit" else "right")
    largest = sorted(figures["by_subreddit"].items(), key=lambda kv: -kv[1]["n"])
    for name, row in largest[:SHOWN_SUBREDDITS]:
        # a share of nothing is not a figure: no kept post has no precision
        precision = f"{row['precision']:.3f}" if row["kept"] else "-"
        recall = f"{row['recall']:.3f}" if row["positives"] else "-"
        subs.add_row(name, str(row["n"]), str(row["positives"]), str(row["kept"]), precision,
                     recall)  # fmt: skip
    console.print(subs)
    if figures["seen_in_training"]:
        err_console.print(
            f"[yellow]note:[/] {figures['seen_in_training']} of these posts were in the "
            "model's training set: the figures over them are optimistic",
            highlight=False,
        )
