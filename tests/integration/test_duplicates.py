"""Crossposts and reposts served by the sandbox, collected, scored: one set, paid once."""

from __future__ import annotations

from runtime_support import pg
from scoring_support import llm_calls, openai_settings, score_rows

from harbor.collect.service import run_collection
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox
from harbor.scoring.report import RankFilter, top_opportunities
from harbor.scoring.service import score_post
from harbor.settings import Settings

SUBS = ("SaaS", "Entrepreneur", "startups")


def test_a_crosspost_and_a_repost_join_their_original_and_cost_no_llm_call(
    settings: Settings, sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.reset(initial_posts=20, subreddits=list(SUBS))
    original = next(
        p for p in sandbox.posts("SaaS")
        if p["is_problem"] and p["status"] == "live" and len(p["selftext"].split()) > 40
    )  # fmt: skip
    crosspost = sandbox.copy(original["id"], "Entrepreneur", how="crosspost")
    repost = sandbox.copy(original["id"], "startups", note="Edit: asked in r/SaaS too, no luck")
    for sub in SUBS:  # everything kept: which posts the filter keeps is not the point here
        assert run_collection(settings, sub, "legacy", apply_filter=False).status == "ok"
    s = openai_settings(settings, sandbox_process)
    sandbox.reset_stats()

    # the crosspost first: its original is scored for it, once
    outcomes = [score_post(s, p["id"]).status for p in (crosspost, repost, original)]

    assert outcomes == ["duplicate", "duplicate", "unchanged"]
    assert llm_calls(sandbox) == 1
    with pg(settings) as conn:
        links = dict(
            conn.execute(
                f'SELECT id, duplicate_of FROM "{settings.dataset}".submissions WHERE id = ANY(%s)',
                ([original["id"], crosspost["id"], repost["id"]],),
            ).fetchall()
        )
        reasons = dict(
            conn.execute(
                f'SELECT post_id, reason FROM "{settings.dataset}".post_fingerprints'
            ).fetchall()
        )
    assert links == {original["id"]: None, crosspost["id"]: original["id"],
                     repost["id"]: original["id"]}  # fmt: skip
    assert (reasons[crosspost["id"]], reasons[repost["id"]]) == ("crosspost", "near_text")
    rows = score_rows(settings)
    for copy in (crosspost, repost):
        row = rows[copy["id"]]
        assert (row["total"], row["category"]) == (rows[original["id"]]["total"],
                                                    rows[original["id"]]["category"])  # fmt: skip
        assert row["input_tokens"] == row["output_tokens"] == 0

    # a rerun pays nothing and the report counts the set once, with its three subreddits
    assert [score_post(s, p["id"]).status for p in (original, crosspost, repost)] == [
        "unchanged"
    ] * 3
    assert llm_calls(sandbox) == 1
    everything = top_opportunities(s, 100, RankFilter(include_other=True))
    ids = [r["post_id"] for r in everything]
    assert original["id"] in ids and crosspost["id"] not in ids and repost["id"] not in ids
    row = next(r for r in everything if r["post_id"] == original["id"])
    assert row["duplicates"] == 2
    assert row["subreddits"] == sorted(SUBS)
    with pg(settings) as conn:
        engagement = conn.execute(
            f'SELECT sum(score), sum(num_comments) FROM "{settings.dataset}".submissions '
            "WHERE id = %s OR duplicate_of = %s",
            (original["id"], original["id"]),
        ).fetchone()
    assert (row["set_score"], row["set_comments"]) == tuple(engagement)  # type: ignore[arg-type]
    in_startups = top_opportunities(s, 100, RankFilter(include_other=True, subreddit="startups"))
    assert original["id"] in [r["post_id"] for r in in_startups]
