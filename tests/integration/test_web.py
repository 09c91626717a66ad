"""`harbor web` as a real process over data collected and scored on the sandbox: the pages
and the JSON answer, everything is behind basic auth, a hostile post shows as text, and a
real headless browser loads every page with no console error."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import Browser
from runtime_support import rows
from scoring_support import openai_env, openai_settings
from web_support import PASSWORD, USER, WebApp, web_app

import harbor
from harbor import db
from harbor.collect.service import run_collection
from harbor.sandbox.process import RunningSandbox
from harbor.scoring.service import score_pending
from harbor.settings import Settings, get_settings

HOSTILE = '<script>alert("pwned")</script> so frustrated chasing invoices every week'
SUBS = ("SaaS", "smallbusiness")
PAGES = ("/", "/themes", "/status", "/api/opportunities", "/api/themes", "/api/status",
         "/metrics")  # fmt: skip

pytestmark = pytest.mark.timeout(180)


@dataclass(frozen=True)
class Site:
    settings: Settings
    app: WebApp
    hostile_id: str
    top_id: str
    original_id: str  # a SaaS post and its repost in smallbusiness: one set of two,
    copy_id: str  # its canonical post the one scored first


@pytest.fixture(scope="module")
def site(
    test_database: str, sandbox_process: RunningSandbox, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """Two subreddits collected from the sandbox (one post's title made hostile first) and
    scored by its OpenAI-compatible API, served by `harbor web` in its own process."""
    tmp = tmp_path_factory.mktemp("web")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HARBOR_DATASET", f"web{os.getpid()}")
        env.setenv("HARBOR_DLT_DIR", str(tmp / "dlt"))
        env.setenv("HARBOR_SUBREDDITS", ",".join(SUBS))
        get_settings.cache_clear()
        client = sandbox_process.client
        client.reset()
        problems = [p for p in client.posts("SaaS") if p["is_problem"]]
        target = problems[0]
        client.edit(target["id"], title=HOSTILE)
        original = next(p for p in problems[1:] if len(p["selftext"].split()) > 40)
        copy = client.copy(original["id"], "smallbusiness", note="Edit: asked in r/SaaS too")
        # the sandbox's LLM answers at once: no rate limit to wait for
        settings = openai_settings(
            get_settings(), sandbox_process, openai_rpm=1_000_000, openai_tpm=1_000_000_000
        )
        db.bootstrap(settings)
        for sub, via in zip(SUBS, ("dlt", "legacy"), strict=True):
            assert run_collection(settings, sub, via).status == "ok"
        assert score_pending(settings, concurrency=8).failed == 0
        [(top_id,)] = rows(
            settings,
            "SELECT post_id FROM {schema}.opportunity_scores WHERE category <> 'other' "
            "ORDER BY total DESC, post_id LIMIT 1",
        )
        # the first of the two that was scored is the set's canonical post
        linked = rows(settings, "SELECT id, duplicate_of FROM {schema}.submissions "
                      "WHERE id = ANY(%s) AND duplicate_of IS NOT NULL",
                      [original["id"], copy["id"]])  # fmt: skip
        assert len(linked) == 1, linked
        canonical_and_copy = (linked[0][1], linked[0][0])
        process_env = {**os.environ, **openai_env(settings, sandbox_process)}
        with web_app(process_env, tmp) as app:
            yield Site(settings, app, target["id"], top_id, *canonical_and_copy)
        print("\nweb render times (first request of each path):")
        for path, seconds in sorted(app.timings.items()):
            print(f"  {seconds * 1000:7.1f} ms  {path}")
    db.close_pools()
    get_settings.cache_clear()


def _ranked_count(settings: Settings, where: str = "TRUE", *params: object) -> int:
    [(count,)] = rows(
        settings,
        "SELECT count(*) FROM {schema}.opportunity_scores o JOIN {schema}.submissions s "
        "ON s.id = o.post_id WHERE o.status = 'scored' AND o.category <> 'other' "
        # a set of duplicates is listed once, as its canonical post
        "AND s.duplicate_of IS NULL AND " + where,
        *params,
    )
    return int(count)


def test_the_pages_and_the_json_answer_with_what_was_collected_and_scored(site: Site) -> None:
    app, settings = site.app, site.settings
    for path in PAGES:
        assert app.get(path).status_code == 200, path
    listing = app.get("/api/opportunities?per_page=100").json()
    assert listing["matching"] == _ranked_count(settings) > 25
    totals = [item["total"] for item in listing["items"]]
    assert totals == sorted(totals, reverse=True) and len(totals) == 100
    assert listing["has_more"] and listing["next"] == "/api/opportunities?per_page=100&page=2"
    first = listing["items"][0]
    assert first["post_id"] == site.top_id
    assert first["link"].startswith("https://reddit.com/r/")

    page = app.get("/").text
    assert page.count('<li class="opp card"') == 25 and f'href="/post/{site.top_id}"' in page

    post = app.get(f"/api/post/{site.top_id}").json()
    assert post["score_status"] == "scored" and set(post["dimensions"]) == {
        "market_demand", "pain_intensity", "monetization_potential", "market_gap",
        "technical_feasibility",
    }  # fmt: skip
    assert post["rationale"] and post["filter_score"] is not None
    html = app.get(f"/post/{site.top_id}").text
    assert post["rationale"].split()[0] in html and "Matched keywords" in html

    status = app.get("/api/status").json()
    assert {s["name"] for s in status["subreddits"]} == set(SUBS)
    assert status["scores"]["scored"] > 0 and sum(status["new_per_hour"]) > 0
    assert "r/smallbusiness" in app.get("/status").text

    [(stored,)] = rows(settings, "SELECT count(*) FROM {schema}.submissions")
    metrics = app.get("/metrics").text
    assert f"harbor_posts_stored {float(stored)}" in metrics
    assert 'harbor_collect_runs_total{status="ok",via="dlt"} 1.0' in metrics
    assert 'harbor_source_up{source="postgres"} 1.0' in metrics
    assert (
        "harbor_llm_call_seconds_count" in metrics
        and 'harbor_queue_depth{queue="score"}' in metrics
    )


def test_a_set_of_duplicates_is_one_opportunity_listing_both_subreddits(site: Site) -> None:
    app = site.app
    items = app.get("/api/opportunities?per_page=100&subreddit=smallbusiness&all=1").json()
    ids = [i["post_id"] for i in items["items"]]
    assert site.copy_id not in ids
    [entry] = [i for i in items["items"] if i["post_id"] == site.original_id]
    assert entry["subreddits"] == ["SaaS", "smallbusiness"] and entry["duplicates"] == 1
    copy_page = app.get(f"/post/{site.copy_id}").text
    assert "A copy of" in copy_page and f'href="/post/{site.original_id}"' in copy_page
    original_page = app.get(f"/post/{site.original_id}").text
    assert "Posted again" in original_page and f'href="/post/{site.copy_id}"' in original_page


def test_the_themes_page_shows_each_theme_with_its_size_growth_and_best_posts(site: Site) -> None:
    themes = site.app.get("/api/themes").json()["items"]
    assert themes, "the sandbox's problems make themes"
    page = site.app.get("/themes").text
    assert page.count('<li class="card theme-row"') == len(themes)
    first = themes[0]
    assert f'id="{first["id"]}"' in page and f'href="/post/{first["post_ids"][0]}"' in page
    assert (
        len(first["posts_per_day_series"]) == 30
        and sum(first["posts_per_day_series"]) == (first["posts"])
    )
    records = harbor.themes(top=50, since="30d", settings=site.settings)
    assert [t.id for t in records] == [t["id"] for t in themes]
    assert site.app.get("/themes?since=whenever").status_code == 400


def test_without_the_password_nothing_answers_but_the_health_check(site: Site) -> None:
    app = site.app
    for path in (*PAGES, f"/post/{site.top_id}", "/nothing-here"):
        for auth in (None, (USER, "wrong"), ("someone", PASSWORD)):
            answer = app.get(path, auth=auth)
            assert answer.status_code == 401, (path, auth)
            assert answer.headers["WWW-Authenticate"].startswith('Basic realm="RedditHarbor"')
            assert PASSWORD not in answer.text
    assert app.get("/healthz", auth=None).text == "ok\n"
    assert PASSWORD not in site.app.log.read_text()


def test_nothing_changes_data_and_every_answer_carries_the_policy(site: Site) -> None:
    app = site.app
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert app.get("/", method=method).status_code == 405
    answer = app.get("/")
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_a_hostile_post_renders_as_text(site: Site) -> None:
    html = site.app.get(f"/post/{site.hostile_id}").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    # JSON is data: the title as Reddit sent it, in a JSON content type
    answer = site.app.get(f"/api/post/{site.hostile_id}")
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.json()["title"] == HOSTILE


def test_bad_filters_are_refused_naming_the_value(site: Site) -> None:
    answer = site.app.get("/?min_total=lots")
    assert (
        answer.status_code == 400 and "min_total: &#x27;lots&#x27; is not a number" in answer.text
    )
    api = site.app.get("/api/opportunities?since=forever")
    assert api.status_code == 400 and api.json()["error"].startswith("since: 'forever'")
    assert site.app.get("/post/no-such-id").status_code == 404


def test_the_python_api_gives_the_same_ranking_as_records_and_a_dataframe(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = site.app.get("/api/opportunities?per_page=30&subreddit=SaaS").json()["items"]
    records = harbor.opportunities(top=30, subreddit="SaaS", settings=site.settings)
    assert [r.as_json() for r in records] == listing
    frame = harbor.to_frame(records)
    assert frame["post_id"].tolist() == [item["post_id"] for item in listing]
    assert frame["total"].is_monotonic_decreasing
    # without settings, each call reads the environment as it is now: no cached copy
    monkeypatch.setenv("DATABASE_URL", site.settings.dsn)
    monkeypatch.setenv("HARBOR_DATASET", site.settings.dataset)
    best = [r.post_id for r in harbor.opportunities(top=5, settings=site.settings)]
    assert [r.post_id for r in harbor.opportunities(top=5)] == best
    monkeypatch.setenv("HARBOR_DATASET", "web_elsewhere")
    assert harbor.opportunities(top=5) == []


def test_a_digest_comes_in_one_command_in_either_format(site: Site, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": site.settings.dsn, "HARBOR_DATASET": site.settings.dataset}

    def digest(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "harbor", "digest", *args], env=env,
                              capture_output=True, text=True, timeout=60)  # fmt: skip

    top = site.app.get(f"/api/post/{site.top_id}").json()
    markdown = digest("--since", "30d", "--top", "5")
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# RedditHarbor digest: the last 30 days")
    assert markdown.stdout.count("\n1. **[") == 1 and f"({top['link']})" in markdown.stdout
    target = tmp_path / "digest.html"
    written = digest("--format", "html", "-o", str(target), "--since", "30d")
    assert written.returncode == 0, written.stderr
    html = target.read_text()
    assert html.startswith("<!doctype html>") and f'href="{top["link"]}"' in html
    assert "<script>alert" not in html
    refused = digest("--format", "pdf")
    assert refused.returncode == 2 and "--format: 'pdf'" in refused.stderr


def test_a_real_browser_loads_every_page_cleanly_and_a_filter_narrows(
    site: Site, tmp_path: Path
) -> None:
    browser = Browser(tmp_path)
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    probes = {
        "rows": "document.querySelectorAll('li.opp').length",
        "scripts": "document.scripts.length",
        "title": "(document.getElementById('post-title') || {}).textContent || ''",
        "svgs": "document.querySelectorAll('svg').length",
    }
    narrow = "/?subreddit=smallbusiness&min_total=50&category=solution_request"
    pages = {"opportunities": "/", "filtered": narrow, "post": f"/post/{site.top_id}",
             "hostile": f"/post/{site.hostile_id}", "copy": f"/post/{site.copy_id}",
             "themes": "/themes", "status": "/status"}  # fmt: skip
    seen = {}
    try:
        for name, path in pages.items():
            shot = tmp_path / f"{name}.png"
            seen[name] = browser.visit(site.app.base + path, headers=headers, evaluate=probes,
                                       screenshot=shot)  # fmt: skip
            assert seen[name].status == 200, name
            assert seen[name].errors == [], (name, seen[name].errors)
            assert seen[name].values["scripts"] == 0
            assert shot.stat().st_size > 10_000, f"{name}: the screenshot is empty"
    finally:
        browser.close()
    expected = _ranked_count(site.settings, "lower(s.subreddit) = 'smallbusiness' AND "
                             "o.total >= 50 AND o.category = 'solution_request'")  # fmt: skip
    assert seen["opportunities"].values["rows"] == 25
    assert 0 < seen["filtered"].values["rows"] == min(25, expected) < 25
    assert seen["hostile"].values["title"] == HOSTILE  # shown as text, not run
    assert seen["post"].values["svgs"] >= 2 and seen["status"].values["svgs"] >= 1
    assert seen["themes"].values["svgs"] >= 1  # a sparkline per theme
    print(f"\nscreenshots in {tmp_path}")
