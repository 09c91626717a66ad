"""The problem detector in the running system: both collectors store its verdicts, people's
labels are recorded and retrain it, a bad model file stops everything at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from collect_support import stored
from runtime_support import harbor_command
from scoring_support import insert_posts, post_rows

from harbor.collect.service import detector_for, run_collection
from harbor.sandbox.client import SandboxClient
from harbor.settings import Settings

WRITTEN = Path(__file__).parents[1] / "data" / "labelled_posts.jsonl"


def label_rows(settings: Settings, query: str = "") -> dict[str, tuple[int, str, str]]:
    with psycopg_connect(settings) as conn:
        rows = conn.execute(
            f'SELECT post_id, label, kind, source FROM "{settings.dataset}".post_labels {query}'
        ).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def psycopg_connect(settings: Settings):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(settings.dsn, autocommit=True)


def test_both_collectors_store_the_detectors_score_and_model_on_every_post_they_keep(
    settings: Settings, sandbox: SandboxClient
) -> None:
    detector = detector_for(settings)
    for sub, via in (("SaaS", "dlt"), ("startups", "legacy")):
        result = run_collection(settings, sub, via)  # type: ignore[arg-type]
        assert result.status == "ok", result.error
        assert 0 < result.kept < result.fetched
    rows = stored(settings, "id, subreddit, title, selftext, filter_score, filter_model")
    assert {r["subreddit"] for r in rows} == {"SaaS", "startups"}
    assert all(r["filter_score"] >= detector.threshold for r in rows)
    assert {r["filter_model"] for r in rows} == {detector.model_version}
    # what is stored is what the detector says of the stored text, on either path
    sample = rows[:50]
    again = detector.judge([_text(r) for r in sample])
    assert [v.score for v in again] == pytest.approx([r["filter_score"] for r in sample], abs=1e-6)

    unfiltered = run_collection(settings, "freelance", "legacy", apply_filter=False)
    assert unfiltered.kept == unfiltered.fetched
    low = stored(settings, "filter_score")
    assert any(r["filter_score"] < detector.threshold for r in low)


def _text(row: dict[str, object]):  # type: ignore[no-untyped-def]
    from harbor.detector import PostText

    return PostText.of(row["title"], row["selftext"])


def test_harbor_label_records_replaces_and_refuses_unknown_posts(
    settings: Settings, tmp_path: Path
) -> None:
    ids = insert_posts(settings, post_rows(4))
    unknown = harbor_command(settings, "label", "nosuchpost", "1")
    assert unknown.returncode == 2, unknown.stderr
    assert "'nosuchpost'" in unknown.stderr and "nothing was recorded" in unknown.stderr
    assert label_rows(settings) == {}

    assert harbor_command(settings, "label", ids[0], "1", "--kind", "pain").returncode == 0
    assert (
        harbor_command(settings, "label", ids[1], "1").returncode == 0
    )  # kind read by the detector
    assert harbor_command(settings, "label", ids[0], "0").returncode == 0  # replaces the first
    rows = label_rows(settings)
    assert rows[ids[0]] == (0, "none", "cli")
    assert rows[ids[1]][0] == 1 and rows[ids[1]][1] in ("pain", "solution_request", "advice")

    verdicts = tmp_path / "verdicts.csv"
    verdicts.write_text(f"post_id,label,kind\n{ids[2]},1,advice\n{ids[3]},0,\n")
    done = harbor_command(settings, "label", "--import", str(verdicts))
    assert done.returncode == 0, done.stderr
    assert "2 new and 0 replaced" in done.stdout
    assert label_rows(settings)[ids[2]] == (1, "advice", "import:verdicts.csv")

    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(f'{{"id": "{ids[0]}", "label": 1}}\n{{"id": "ghost", "label": 0}}\n')
    refused = harbor_command(settings, "label", "--import", str(mixed))
    assert refused.returncode == 2 and "'ghost'" in refused.stderr
    assert label_rows(settings)[ids[0]] == (0, "none", "cli")  # nothing of the file was written
    bad = harbor_command(settings, "label", ids[0], "maybe")
    assert bad.returncode == 2 and "label must be 1" in bad.stderr


def test_feedback_retrains_the_classifier_and_eval_reports_on_any_labelled_file(
    settings: Settings, tmp_path: Path
) -> None:
    written = [json.loads(line) for line in WRITTEN.read_text().splitlines()]
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        "".join(
            json.dumps({**r, "label": int(r["pain"]), "kind": "pain" if r["pain"] else "none"})
            + "\n"
            for r in written[:400]
        )
    )
    ids = insert_posts(settings, post_rows(5, subreddit="Teachers"))
    for post_id in ids:
        assert harbor_command(settings, "label", post_id, "1", "--kind", "pain").returncode == 0
    model = tmp_path / "mine.npz"

    trained = harbor_command(
        settings, "filter", "train", "--labels", str(labels), "--with-feedback",
        "-o", str(model), "--json",
    )  # fmt: skip
    assert trained.returncode == 0, trained.stderr
    report = json.loads(trained.stdout)
    assert report["feedback"] == 5 and report["n"] == 405
    assert model.is_file() and model.with_suffix(".json").is_file()

    evaluated = harbor_command(
        settings, "filter", "eval", "--labels", str(labels), "--json",
        env={"HARBOR_FILTER_MODEL": str(model)},
    )  # fmt: skip
    assert evaluated.returncode == 0, evaluated.stderr
    figures = json.loads(evaluated.stdout)
    for key in ("precision", "recall", "f1", "threshold", "n", "positives", "keep_rate"):
        assert key in figures
    assert figures["model"] == report["model"]
    assert figures["n"] == 400 and figures["seen_in_training"] == 400
    assert set(figures["precision_at_recall"]) == {"0.6", "0.8"}
    assert figures["by_kind"]["pain"]["positives"] == figures["positives"]
    assert sum(s["n"] for s in figures["by_subreddit"].values()) == 400
    shown = harbor_command(
        settings, "filter", "eval", "--labels", str(labels), env={"HARBOR_FILTER_MODEL": str(model)}
    )
    assert shown.returncode == 0 and "optimistic" in shown.stderr


def test_a_bad_model_file_stops_collect_and_workers_at_start(
    settings: Settings, tmp_path: Path
) -> None:
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"\x00not a model")
    env = {"HARBOR_FILTER_MODEL": str(bad)}
    done = harbor_command(settings, "collect", "SaaS", "--via", "dlt", env=env)
    assert done.returncode == 2
    assert f"HARBOR_FILTER_MODEL: '{bad}'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    started = time.monotonic()
    worker = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "workers", "worker", "-Q", "collect", "-c", "1"],
        env={**os.environ, "DATABASE_URL": settings.dsn, "REDIS_URL": settings.redis_url.get(),
             **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert worker.returncode == 2, worker.stderr[-2000:]
    assert f"HARBOR_FILTER_MODEL: '{bad}'" in worker.stderr
    assert time.monotonic() - started < 60
    # `harbor status` still answers, and says why the workers refuse to start
    status = harbor_command(settings, "status", "--json", env=env)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["detector"].startswith(
        f"refused: HARBOR_FILTER_MODEL: '{bad}'"
    )
