"""The subreddit registry: `harbor subreddits ...` as users run it, HARBOR_SUBREDDITS at
start, dispatch from the registry under a small quota, gaps, refused subreddits backed
off, and `--group` on the ranked opportunities."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from scoring_support import insert_posts, post_rows

from harbor import db, registry
from harbor.cli import main
from harbor.collect.service import run_collection
from harbor.runtime.dispatch import dispatch
from harbor.sandbox.client import SandboxClient
from harbor.scoring.report import RankFilter, top_opportunities
from harbor.scoring.service import score_pending
from harbor.settings import Settings, get_settings


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def harbor(capsys: pytest.CaptureFixture[str]) -> Callable[..., Done]:
    """`harbor ARGS...` run in this process (the console script's own entry point)."""

    def run(*args: str) -> Done:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        # rich wraps an error at the console's width: one line, to read it as written
        return Done(code, out, " ".join(err.split()))

    return run


def names(harbor: Callable[..., Done], *args: str) -> dict[str, str]:
    done = harbor("subreddits", "list", "--json", *args)
    assert done.returncode == 0, done.stderr
    return {row["name"]: row["group"] for row in json.loads(done.stdout)}


def test_the_subreddits_cli_adds_groups_removes_and_imports(
    settings: Settings, tmp_path: Path, harbor: Callable[..., Done]
) -> None:
    assert harbor("subreddits", "add", "SaaS", "microsaas", "--group", "saas").returncode == 0
    assert harbor("subreddits", "add", "freelance").returncode == 0
    listed = names(harbor)
    assert {k: v for k, v in listed.items() if k in ("SaaS", "microsaas", "freelance")} == {
        "SaaS": "saas", "microsaas": "saas", "freelance": "default",
    }  # fmt: skip
    assert names(harbor, "--group", "SAAS") == {"SaaS": "saas", "microsaas": "saas"}

    bad = harbor("subreddits", "add", "ok_name", "not-valid")
    assert bad.returncode == 2 and "'not-valid'" in bad.stderr
    assert "ok_name" not in names(harbor)  # all or nothing

    assert harbor("subreddits", "remove", "microsaas").returncode == 0
    assert "microsaas" not in names(harbor)
    assert names(harbor, "--all")["microsaas"] == "saas"  # kept, with its group

    good = tmp_path / "freelancers.txt"
    good.write_text("# audiences\nUpwork, r/freelanceWriters\n\nfiverr  # gig sites\n")
    done = harbor("subreddits", "import", str(good), "--group", "freelancers")
    assert done.returncode == 0, done.stderr
    assert names(harbor, "--group", "freelancers") == {
        "Upwork": "freelancers", "freelanceWriters": "freelancers", "fiverr": "freelancers",
    }  # fmt: skip
    broken = tmp_path / "broken.txt"
    broken.write_text("designers\nweb design\n")
    done = harbor("subreddits", "import", str(broken))
    assert done.returncode == 2 and "line 2" in done.stderr and "'web design'" in done.stderr
    assert "designers" not in names(harbor)
    assert harbor("subreddits", "add", "x", "--group", "bad group!").returncode == 2


def test_harbor_subreddits_adds_its_names_at_start_and_never_removes_any(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARBOR_SUBREDDITS", "alpha,Beta")
    get_settings.cache_clear()
    first = get_settings()
    registry.add_subreddits(first, ["gamma"], "saas")
    assert {s.name for s in registry.list_subreddits(first)} == {"alpha", "Beta", "gamma"}
    monkeypatch.setenv("HARBOR_SUBREDDITS", "beta,delta")
    get_settings.cache_clear()
    later = get_settings()
    db.bootstrap(later, force=True)  # a process started later
    found = {s.name: s.group for s in registry.list_subreddits(later)}
    assert found == {"alpha": "default", "Beta": "default", "gamma": "saas", "delta": "default"}
    get_settings.cache_clear()


def test_dispatch_reads_the_registry_and_spends_a_short_quota_on_the_busiest_first(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 6 requests a minute with a 15 s tick: room for 3 requests in flight (two ticks)
    monkeypatch.setenv("HARBOR_REDDIT_QPM", "6")
    monkeypatch.setenv("HARBOR_SUBREDDITS", "quiet1,quiet2,quiet3,busy1,gone")
    get_settings.cache_clear()
    small = get_settings()
    registry.deactivate_subreddits(small, ["gone"])
    long_ago = time.time() - 600
    with db.connection(small) as conn:  # what earlier runs taught the scheduler
        conn.execute(
            f'UPDATE "{small.dataset}".subreddits SET last_run_at = to_timestamp(%s), '
            "posts_per_hour = CASE WHEN name = 'busy1' THEN 3000 ELSE 2 END",
            (long_ago,),
        )
    first = dispatch(small, time.time())
    assert first[0].subreddit == "busy1"  # closest to losing posts
    assert "gone" not in {d.subreddit for d in first}
    assert len(first) < 4  # the quota held the rest back
    plan = json.loads(
        __import__("redis").Redis.from_url(small.redis_url.get()).get("harbor:schedule:quota")
    )
    assert plan["held_back"] == 4 - len(first) and plan["budget_qpm"] == 6
    get_settings.cache_clear()


def test_a_run_that_reaches_the_listing_end_first_records_a_gap(
    settings: Settings, sandbox: SandboxClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARBOR_SUBREDDITS", "SaaS")
    monkeypatch.setenv("HARBOR_LISTING_LIMIT", "200")  # Reddit's cap, made small
    get_settings.cache_clear()
    capped = get_settings()
    assert run_collection(capped, "SaaS", "dlt", apply_filter=False).gap is False
    sandbox.advance("SaaS", 50)
    quiet = run_collection(capped, "SaaS", "dlt", apply_filter=False)
    assert quiet.status == "ok" and quiet.gap is False
    before = registry.list_subreddits(capped)[0].cadence_s
    time.sleep(1.1)  # the sandbox's clock has whole seconds
    sandbox.advance("SaaS", 250)  # more than one walk can reach
    run = run_collection(capped, "SaaS", "dlt", apply_filter=False)
    assert run.status == "ok" and run.gap is True
    with db.connect(capped.dsn) as conn:
        row = conn.execute(
            f'SELECT gap FROM "{capped.dataset}".collection_runs WHERE run_id = %s',
            (run.run_id,),
        ).fetchone()
    assert row == (True,)
    sub = registry.list_subreddits(capped)[0]
    assert sub.last_gap_at is not None
    assert before is not None and sub.cadence_s is not None and sub.cadence_s < before
    get_settings.cache_clear()


def test_a_refused_subreddit_is_marked_and_backed_off(
    settings: Settings, sandbox: SandboxClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARBOR_SUBREDDITS", "SaaS,nosuchsub")
    get_settings.cache_clear()
    two = get_settings()
    result = run_collection(two, "nosuchsub", "dlt")
    assert result.status == "failed" and "404" in (result.error or "")
    gone = {s.name: s for s in registry.list_subreddits(two)}["nosuchsub"]
    assert gone.unavailable_status == 404 and gone.unavailable_until is not None
    assert gone.unavailable_until.timestamp() > time.time() + 600
    planned = {d.subreddit for d in dispatch(two, time.time())}
    assert planned == {"SaaS"}  # left alone, not retried every tick
    assert sandbox.stats()["reddit"]["by_subreddit"]["nosuchsub"]["new"] == 1
    get_settings.cache_clear()


def test_report_and_export_filter_by_group(settings: Settings, harbor: Callable[..., Done]) -> None:
    registry.add_subreddits(settings, ["SaaS"], "saas")
    registry.add_subreddits(settings, ["freelance"], "freelancers")
    insert_posts(settings, post_rows(4, prefix="a", subreddit="SaaS"))
    insert_posts(settings, post_rows(3, prefix="b", subreddit="freelance"))
    score_pending(settings, None, False, 4, None)
    saas = top_opportunities(settings, 50, RankFilter(group="saas", include_other=True))
    assert {r["subreddit"] for r in saas} == {"SaaS"} and len(saas) == 4
    done = harbor("report", "--group", "freelancers", "--all", "--json")
    assert done.returncode == 0, done.stderr
    assert {r["subreddit"] for r in json.loads(done.stdout)} == {"freelance"}
    assert harbor("export", "-o", os.devnull, "--group", "no such!").returncode == 2
