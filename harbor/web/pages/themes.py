"""The themes page: each theme's label, size, growth, a sparkline of posts per day, and its
best posts, for a window (`since`) and optionally a group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from harbor.results.queries import BestPost
from harbor.theming.listing import ThemeRecord
from harbor.web.charts import sparkline
from harbor.web.forms import select
from harbor.web.html import Html, join, render
from harbor.web.layout import page, total_class

__all__ = ["BEST_SHOWN", "THEME_WINDOWS", "growth_text", "render_themes"]

BEST_SHOWN = 3
THEME_WINDOWS = (("7d", "last week"), ("30d", "last 30 days"), ("90d", "last 90 days"))


def growth_text(theme: ThemeRecord) -> str:
    """'+150% rising', '-30% falling', '+5% steady', or 'new' (nothing before)."""
    if theme.growth is None:
        return "new"
    return f"{theme.growth:+.0%} {theme.trend}"


def _theme(theme: ThemeRecord, days: Sequence[int], best: Mapping[str, BestPost]) -> Html:
    shown = [best[p] for p in theme.post_ids if p in best][:BEST_SHOWN]
    posts = join(
        render('<li><a href="/post/{id}">{title}</a> <span class="muted">r/{sub} · '
               '<span class="total-inline {cls}">{total}</span></span></li>', id=b.post_id,
               title=b.title or b.post_id, sub=b.subreddit, cls=total_class(b.total),
               total=f"{b.total:.0f}")
        for b in shown
    )  # fmt: skip
    trend_class = theme.trend if theme.trend in ("rising", "falling") else ""
    return render(
        '<li class="card theme-row" id="{id}"><div><h3>{label}</h3>'
        '<div class="figures"><strong>{posts}</strong> posts · {per_day}/day · '
        '<span class="chip {trend_class}">{growth}</span> · {authors} authors · '
        'mean total {mean} · {subs}</div><ul class="plain">{best}</ul></div>'
        '<div class="side">{spark}<br><span class="muted">posts per day</span><br>'
        '<span class="muted">{id}</span></div></li>',
        id=theme.id,
        label=theme.label or theme.id,
        posts=theme.posts,
        per_day=f"{theme.posts_per_day:.2f}",
        trend_class=trend_class,
        growth=growth_text(theme),
        authors=theme.authors,
        mean=f"{theme.mean_total:.0f}",
        subs=", ".join(f"r/{s}" for s in theme.subreddits[:5]),
        best=posts,
        spark=sparkline(days, width=220, height=36),
    )


def render_themes(
    themes: Sequence[ThemeRecord],
    days: Mapping[str, Sequence[int]],
    best: Mapping[str, BestPost],
    raw: Mapping[str, str],
    groups: Sequence[str] = (),
) -> Html:
    """The whole themes page (`raw`: the since and group asked, for the form)."""
    group = Html("")
    if groups or raw.get("group"):
        group = select("group", "group", raw.get("group", ""),
                        [("", "every group"), *((g, g) for g in groups)])  # fmt: skip
    form = render(
        '<form class="filters" method="get" action="/themes">{group}{since}'
        '<button type="submit">Show</button></form>',
        group=group,
        since=select("since", "window", raw.get("since", "30d"), THEME_WINDOWS),
    )
    if themes:
        listing = render(
            '<ol class="opps">{rows}</ol>',
            rows=join(_theme(t, days.get(t.id, ()), best) for t in themes),
        )
    else:
        listing = Html(
            '<div class="card empty">No theme has posts in this window yet: a theme shows '
            "once two opportunities share it.</div>"
        )
    body = render(
        '<h1>Themes</h1>{form}<p class="muted">Problems many people keep having: a set of '
        "duplicates counts once; growth compares with the window before.</p>{listing}",
        form=form,
        listing=listing,
    )
    return page("Themes", body, active="/themes")
