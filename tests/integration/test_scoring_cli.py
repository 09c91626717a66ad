"""`harbor score`, `harbor report`, `harbor export` as users run them (subprocesses)."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import psycopg
import pytest
from runtime_support import harbor_command
from scoring_support import insert_posts, openai_env, post_rows, score_rows

from harbor.errors import DatabaseUnavailable
from harbor.sandbox.process import RunningSandbox
from harbor.scoring.report import export_scores
from harbor.settings import Secret, Settings


def test_without_a_key_the_heuristic_scorer_runs_and_says_so(settings: Settings) -> None:
    ids = insert_posts(settings, post_rows(25))

    done = harbor_command(settings, "score", "--json")

    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["scored"] == 25
    assert "no OPENAI_API_KEY: using the offline heuristic scorer" in done.stderr
    rows = score_rows(settings)
    assert sorted(rows) == sorted(ids)
    assert {r["scorer"] for r in rows.values()} == {"heuristic"}
    assert {r["input_tokens"] for r in rows.values()} == {0}
    rerun = json.loads(harbor_command(settings, "score", "--json").stdout)
    assert (rerun["selected"], rerun["scored"]) == (0, 0)


def test_score_with_openai_then_report_ranks_and_links(
    settings: Settings, sandbox_process: RunningSandbox
) -> None:
    insert_posts(settings, post_rows(8))
    insert_posts(settings, post_rows(3, prefix="o", subreddit="SaaS"))
    env = openai_env(settings, sandbox_process)

    scored = harbor_command(settings, "score", "--limit", "9", "--concurrency", "3", env=env)
    assert scored.returncode == 0, scored.stderr
    assert "scored" in scored.stdout
    rest = json.loads(harbor_command(settings, "score", "--json", env=env).stdout)
    assert rest["scored"] == 2

    report = harbor_command(settings, "report", "--top", "5", "--json", env=env)
    assert report.returncode == 0, report.stderr
    rows = json.loads(report.stdout)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    totals = [r["total"] for r in rows]
    assert totals == sorted(totals, reverse=True)
    assert all(r["link"].startswith("https://reddit.com/r/") for r in rows)
    for key in (
        "market_demand",
        "pain_intensity",
        "monetization_potential",
        "market_gap",
        "technical_feasibility",
        "category",
        "subreddit",
        "title",
    ):
        assert key in rows[0]

    only_saas = json.loads(
        harbor_command(settings, "report", "--subreddit", "saas", "--json").stdout
    )
    assert {r["subreddit"] for r in only_saas} == {"SaaS"}
    assert len(only_saas) == 3
    recent = json.loads(
        harbor_command(settings, "report", "--since", "5m", "--top", "50", "--json").stdout
    )
    assert 0 < len(recent) < 11  # posts were made a minute apart, going back 8 minutes

    table = harbor_command(settings, "report", "--top", "3")
    assert table.returncode == 0
    assert "https://reddit.com/r/" in table.stdout


def test_export_writes_csv_and_jsonl_with_min_total(settings: Settings, tmp_path: Path) -> None:
    insert_posts(settings, post_rows(20))
    assert harbor_command(settings, "score").returncode == 0
    # the offline scorer's category is the detector's: a post it does not keep is 'other',
    # which export leaves out unless --all
    rows = {k: r for k, r in score_rows(settings).items() if r["category"] != "other"}
    assert len(rows) >= 10
    threshold = sorted(r["total"] for r in rows.values())[len(rows) // 2]

    out_csv = tmp_path / "ops.csv"
    done = harbor_command(
        settings, "export", "--format", "csv", "--min-total", str(threshold), "-o", str(out_csv)
    )
    assert done.returncode == 0, done.stderr
    with out_csv.open() as handle:
        exported = list(csv.DictReader(handle))
    expected = sum(1 for r in rows.values() if r["total"] >= threshold)
    assert len(exported) == expected
    assert [int(r["rank"]) for r in exported] == list(range(1, expected + 1))
    assert all(float(r["total"]) >= threshold for r in exported)

    out_jsonl = tmp_path / "ops.jsonl"
    assert (
        harbor_command(settings, "export", "--format", "jsonl", "-o", str(out_jsonl)).returncode
        == 0
    )
    lines = [json.loads(line) for line in out_jsonl.read_text().splitlines()]
    assert len(lines) == len(rows)
    assert lines[0]["total"] >= lines[-1]["total"]
    assert lines[0]["link"].startswith("https://reddit.com/")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_bad_input_is_refused_with_a_message_naming_it(settings: Settings, tmp_path: Path) -> None:
    cases = [
        (("report", "--since", "7x"), "'7x'"),
        (("export", "--format", "xml", "-o", str(tmp_path / "x")), "'xml'"),
        (("report", "--subreddit", "no such!"), "'no such!'"),
        (("score", "--limit", "0"), "--limit"),
        (("export", "-o", str(tmp_path / "missing" / "x.csv")), "does not exist"),
    ]
    for args, named in cases:
        done = harbor_command(settings, *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert named in done.stderr, (args, done.stderr)
    assert not (tmp_path / "x").exists()


def test_a_failed_export_leaves_the_old_file_and_no_partial_one(
    settings: Settings, tmp_path: Path
) -> None:
    target = tmp_path / "ops.csv"
    target.write_text("the previous export\n")
    unreachable = dataclasses.replace(
        settings, database_url=Secret("postgresql://postgres@127.0.0.1:1/nowhere")
    )
    with pytest.raises(DatabaseUnavailable):
        export_scores(unreachable, "csv", target)
    assert target.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ops.csv"]


def test_report_and_export_leave_out_what_the_scorer_called_other_unless_all(
    settings: Settings, tmp_path: Path
) -> None:
    ids = insert_posts(settings, post_rows(6))
    assert harbor_command(settings, "score").returncode == 0
    other = sorted(ids)[:2]
    with psycopg.connect(settings.dsn, autocommit=True) as conn:
        conn.execute(
            f'UPDATE "{settings.dataset}".opportunity_scores '
            "SET category = CASE WHEN post_id = ANY(%s) THEN 'other' ELSE 'pain' END",
            (other,),
        )

    shown = {r["post_id"] for r in json.loads(harbor_command(settings, "report", "--json").stdout)}
    assert shown == set(ids) - set(other)
    everything = json.loads(harbor_command(settings, "report", "--json", "--all").stdout)
    assert {r["post_id"] for r in everything} == set(ids)

    for flags, expected in (((), set(ids) - set(other)), (("--all",), set(ids))):
        target = tmp_path / "ops.jsonl"
        done = harbor_command(settings, "export", "--format", "jsonl", "-o", str(target), *flags)
        assert done.returncode == 0, done.stderr
        exported = [json.loads(line) for line in target.read_text().splitlines()]
        assert {r["post_id"] for r in exported} == expected
