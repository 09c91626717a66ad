"""The status page: what `harbor status` shows (harbor.status.Status), as two tables,
and the new posts per hour of the last day as a sparkline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from harbor.status import Status, SubredditStatus
from harbor.web.charts import sparkline
from harbor.web.html import Html, join, render
from harbor.web.layout import ago, page

__all__ = ["render_status_page"]


def _row(label: str, value: object, cls: str = "") -> Html:
    return render(
        '<tr><th>{label}</th><td class="{cls}">{value}</td></tr>', label=label, value=value, cls=cls
    )


def _overview(status: Status) -> Html:
    share = f"{status.share}% of subreddits on dlt" if status.table_present else "not set: legacy"
    workers = sorted(n for n in status.workers if not n.startswith("celerybeat@"))
    beats = sorted(n for n in status.workers if n.startswith("celerybeat@"))
    scores = status.scores
    budget = f" of {status.token_budget:,}" if status.token_budget else ""
    rows = [
        _row("cutover", share),
        _row("rollback", "ON: everything goes legacy" if status.rollback else "off",
             "bad" if status.rollback else ""),
        _row("pins", ", ".join(f"{k}={v}" for k, v in sorted(status.pins.items())) or "none"),
        _row("queues", ", ".join(f"{q} {n}" for q, n in status.queues.items())),
        _row(f"workers ({len(workers)})", ", ".join(workers) or "none answered",
             "" if workers else "bad"),
        _row(f"beats ({len(beats)})", ", ".join(beats) or "none answered"),
        _row("beat leader", status.beat_leader or "none", "" if status.beat_leader else "bad"),
        _row("scores", f"{scores.get('pending', 0)} pending, {scores.get('scored', 0)} scored, "
             f"{scores.get('failed', 0)} failed, {scores.get('deferred', 0)} deferred"),
        _row("tokens today", f"{status.tokens_today:,}{budget}"),
        _row("scorer", status.scorer),
        _row("detector", status.detector, "bad" if status.detector.startswith("refused") else ""),
    ]  # fmt: skip
    rows += [_row("warning", p, "warnc") for p in status.problems]
    rows += [_row("error", e, "bad") for e in status.errors]
    return render('<table class="kv" id="overview">{rows}</table>', rows=join(rows))


def _next(seconds: float | None) -> str:
    if seconds is None or seconds <= 0:
        return "now"
    return f"in {seconds:.0f}s"


def _subreddit_row(sub: SubredditStatus, now: datetime) -> Html:
    run = sub.last_run
    route = sub.via + (" (auto-pin)" if sub.auto_pinned else " (pin)" if sub.pinned else "")
    if run is None:
        last, cls = "-", ""
    else:
        last = f"{run.status} via {run.via}, {run.new} new, {run.kept} kept"
        cls = {"ok": "ok", "failed": "bad"}.get(run.status, "warnc")
    return render(
        '<tr><td>r/{name}</td><td>{bucket}</td><td>{route}</td><td class="{cls}">{last}</td>'
        "<td>{when}</td><td>{next}</td><td>{fails}</td></tr>",
        name=sub.name,
        bucket=sub.bucket,
        route=route,
        cls=cls,
        last=last,
        when=ago(run.started_at if run else None, now),
        next=sub.pending or _next(sub.next_due_in_s),
        fails=sub.dlt_failures or "",
    )


def render_status_page(
    status: Status, new_per_hour: Sequence[int], now: datetime | None = None
) -> Html:
    """The whole status page."""
    moment = now or datetime.now(UTC)
    heads = join(
        render("<th>{h}</th>", h=h)
        for h in ("subreddit", "bucket", "route", "last run", "when", "next", "dlt fails")
    )
    subs = join(_subreddit_row(s, moment) for s in status.subreddits)
    trend = Html("")
    if new_per_hour:
        trend = render(
            '<div class="card"><strong>{n}</strong> new posts stored in the last 24 hours '
            "{chart}</div>",
            n=sum(new_per_hour),
            chart=sparkline(new_per_hour, width=240),
        )
    body = render(
        '<h1>Status</h1><p class="muted">at {at} UTC · '
        '<a href="/api/status">as JSON</a> · <a href="/metrics">metrics</a></p>{trend}'
        '{overview}<h2>Subreddits</h2><table id="subreddits"><thead><tr>{heads}</tr></thead>'
        "<tbody>{subs}</tbody></table>",
        at=f"{status.at:%H:%M:%S}",
        trend=trend,
        overview=_overview(status),
        heads=heads,
        subs=subs,
    )
    return page("Status", body, active="/status")
