"""The `harbor status` screen: a few small tables, readable at a glance."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text

from harbor.status import Status, SubredditStatus

__all__ = ["render_status"]


def _ago(at: datetime | None) -> str:
    if at is None:
        return "-"
    seconds = (datetime.now(UTC) - at).total_seconds()
    if seconds < 120:
        return f"{seconds:.0f}s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f}m ago"
    return f"{seconds / 3600:.1f}h ago"


def _in(seconds: float | None) -> str:
    if seconds is None:
        return "now"
    return "now" if seconds <= 0 else f"in {seconds:.0f}s"


def _quota_text(status: Status) -> str | Text:
    quota = status.quota
    if quota is None:
        return "-"
    demand = f"{quota.demand_qpm:.0f}" if quota.demand_qpm is not None else "?"
    line = f"{demand} requests/min planned of {quota.budget_qpm}/min"
    if quota.blocked_for_s > 0:
        return Text(f"{line}; Reddit said 429: paused {quota.blocked_for_s:.0f}s", style="red")
    if quota.short:
        return Text(
            f"{line}; short: {quota.held_back} due subreddits wait (the quietest), "
            f"the longest {quota.oldest_wait_s:.0f}s past due",
            style="yellow",
        )
    return line


def _overview(status: Status) -> Table:
    title = f"RedditHarbor status at {status.at:%H:%M:%S} UTC"
    if status.group:
        title += f", group {status.group}"
    table = Table(show_header=False, title=title)
    table.add_column("what", style="bold")
    table.add_column("value")
    share = f"{status.share}% of subreddits on dlt" if status.table_present else "not set: legacy"
    table.add_row("cutover", share)
    rollback = Text("ON: everything goes legacy", style="bold red") if status.rollback else "off"
    table.add_row("rollback", rollback)
    auto = [s.name for s in status.subreddits if s.auto_pinned]
    if status.pins:
        pins = ", ".join(f"{k}={v}" for k, v in sorted(status.pins.items()))
        table.add_row("pins", pins)
    if auto:
        table.add_row("auto-pinned", Text(", ".join(auto) + " (dlt kept failing)", style="yellow"))
    for problem in status.problems:
        table.add_row("warning", Text(problem, style="yellow"))
    table.add_row("reddit quota", _quota_text(status))
    if status.quota is not None and status.quota.throttled:
        table.add_row("reddit 429s", Text(f"{status.quota.throttled} recently", style="red"))
    for gap in status.gaps[:5]:
        table.add_row(
            "gap",
            Text(
                f"r/{gap.subreddit} at {gap.started_at:%H:%M:%S}: the listing ended before "
                "the posts seen last time (cadence shortened)",
                style="yellow",
            ),
        )
    refused = [s for s in status.subreddits if s.unavailable]
    for sub in refused[:5]:
        table.add_row("refused", Text(f"r/{sub.name}: {sub.unavailable}", style="yellow"))
    table.add_row("queues", ", ".join(f"{q} {n}" for q, n in status.queues.items()))
    workers = sorted(n for n in status.workers if not n.startswith("celerybeat@"))
    beats = sorted(n for n in status.workers if n.startswith("celerybeat@"))
    table.add_row(
        f"workers ({len(workers)})", ", ".join(workers) or Text("none answered", style="red")
    )
    table.add_row(f"beats ({len(beats)})", ", ".join(beats) or "none answered")
    table.add_row("beat leader", status.beat_leader or Text("none", style="red"))
    scores = status.scores
    table.add_row(
        "scores",
        f"{scores['pending']} pending, {scores['scored']} scored, "
        f"{scores['failed']} failed, {scores['deferred']} deferred",
    )
    budget = f" of {status.token_budget:,}" if status.token_budget else ""
    table.add_row("tokens today", f"{status.tokens_today:,}{budget}")
    table.add_row("scorer", status.scorer)
    detector = status.detector
    table.add_row(
        "detector", Text(detector, style="red") if detector.startswith("refused") else detector
    )
    for error in status.errors:
        table.add_row("error", Text(error, style="red"))
    return table


def _cadence(sub: SubredditStatus) -> str:
    if sub.cadence_s is None:
        return "-"
    rate = f"{sub.posts_per_hour:.0f}/h, " if sub.posts_per_hour is not None else ""
    return f"{rate}every {sub.cadence_s:.0f}s"


def _row(sub: SubredditStatus) -> list[str | Text]:
    run = sub.last_run
    via = Text(sub.via, style="cyan" if sub.via == "dlt" else "magenta")
    if sub.pinned:
        via.append(" (auto-pin)" if sub.auto_pinned else " (pin)", style="yellow")
    if run is None:
        last: str | Text = "-"
    else:
        style = {"ok": "green", "failed": "red"}.get(run.status, "yellow")
        last = Text(f"{run.status} via {run.via}, {run.new} new", style=style)
        if run.gap:
            last.append(" (gap)", style="yellow")
    failures = str(sub.dlt_failures) if sub.dlt_failures else ""
    return [
        sub.name,
        sub.group,
        str(sub.bucket),
        via,
        last,
        _ago(run.started_at if run else None),
        sub.pending or _in(sub.next_due_in_s),
        _cadence(sub),
        failures,
    ]


def render_status(status: Status) -> Group:
    """The status as a rich renderable."""
    subs = Table(title="subreddits")
    columns = ("subreddit", "group", "bucket", "route", "last run", "when", "next", "cadence",
               "dlt fails")  # fmt: skip
    for column in columns:
        subs.add_column(column)
    for sub in status.subreddits:
        subs.add_row(*_row(sub))
    return Group(_overview(status), subs)
