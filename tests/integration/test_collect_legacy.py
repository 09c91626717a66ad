"""The legacy collector, and that both collectors write the same rows."""

from __future__ import annotations

import json
import subprocess
import sys

from collect_support import listing_requests, stored

from harbor.collect.compare import compare_collectors
from harbor.collect.service import run_collection
from harbor.columns import BUSINESS_COLUMNS
from harbor.sandbox.client import SandboxClient
from harbor.settings import Settings

SUB = "startups"


def test_legacy_refetches_the_whole_window_every_run(
    settings: Settings, sandbox: SandboxClient
) -> None:
    first = run_collection(settings, SUB, "legacy")
    assert first.status == "ok", first.error
    sandbox.reset_stats()
    second = run_collection(settings, SUB, "legacy")
    assert second.api_calls == first.api_calls == listing_requests(sandbox.stats(), SUB)
    assert second.new == 0
    assert second.kept == first.kept
    rows = stored(settings, "id, collected_via")
    assert len(rows) == first.kept
    assert {r["collected_via"] for r in rows} == {"legacy"}


def test_both_collectors_write_identical_business_columns(
    settings: Settings, sandbox: SandboxClient
) -> None:
    comparison = compare_collectors(settings, SUB)
    assert comparison.rows_dlt == comparison.rows_legacy > 0
    assert comparison.rows_diff_pct == 0.0
    assert comparison.fields_different == 0, comparison.examples
    assert comparison.fields_compared >= comparison.rows_dlt * len(BUSINESS_COLUMNS) // 2


def test_switching_collectors_keeps_one_row_per_post_and_first_seen(
    settings: Settings, sandbox: SandboxClient
) -> None:
    run_collection(settings, SUB, "legacy")
    before = {r["id"]: r["first_seen_at"] for r in stored(settings, "id, first_seen_at")}
    sandbox.advance(SUB, 30)
    assert run_collection(settings, SUB, "dlt").status == "ok"
    assert run_collection(settings, SUB, "legacy").status == "ok"
    after = {r["id"]: r["first_seen_at"] for r in stored(settings, "id, first_seen_at")}
    assert set(before) <= set(after)
    assert all(after[i] == before[i] for i in before)


def test_harbor_compare_reports_zero_difference(settings: Settings, sandbox: SandboxClient) -> None:
    output = subprocess.run(
        [sys.executable, "-m", "harbor", "compare", SUB, "--json"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    report = json.loads(output)
    assert report["rows_diff_pct"] == 0.0
    assert report["fields_diff_pct"] == 0.0
    assert report["rows_dlt"] > 0


def test_harbor_collect_json_prints_the_contract_fields(
    settings: Settings, sandbox: SandboxClient
) -> None:
    output = subprocess.run(
        [sys.executable, "-m", "harbor", "collect", SUB, "--via", "legacy", "--json"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    report = json.loads(output)
    assert {"subreddit", "via", "api_calls", "fetched", "kept", "new", "duration_s"} <= set(report)
    assert report["via"] == "legacy"
    assert report["fetched"] == len(sandbox.posts(SUB))
