"""The opportunities page: the filter form, the ranked list, the pager, a histogram.

`render_opportunities` is pure (data in, Html out), so the shape of the page is tested
without a server. Each row shows the total, the five scores, the title (to the post's
page), subreddit, age, category, the summary and the link to the post on Reddit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from harbor.results.queries import RankPage
from harbor.results.records import Opportunity
from harbor.scoring.model import CATEGORIES
from harbor.web.charts import histogram, mini_bars
from harbor.web.forms import select
from harbor.web.html import Html, external_href, join, query_href, render
from harbor.web.layout import ago, page, total_class
from harbor.web.query import OpportunityQuery

__all__ = ["SINCE_CHOICES", "opportunity_row", "render_opportunities"]

SINCE_CHOICES = (("", "any time"), ("1d", "last day"), ("7d", "last week"),
                 ("30d", "last 30 days"), ("90d", "last 90 days"))  # fmt: skip


def filter_form(
    query: OpportunityQuery, subreddits: Sequence[str], groups: Sequence[str] = ()
) -> Html:
    """The GET form of the filters, showing the values asked (a group select only when
    the subreddits registry has groups)."""
    raw = query.raw
    subs = [("", "all subreddits"), *((s, f"r/{s}") for s in subreddits)]
    cats = [("", "every category"), *((c, c.replace("_", " ")) for c in CATEGORIES)]
    group = Html("")
    if groups or raw.get("group"):
        group = select("group", "group", raw.get("group", ""), [("", "every group"),
                        *((g, g) for g in groups)])  # fmt: skip
    return render(
        '<form class="filters" method="get" action="/">{group}{sub}{cat}'
        '<label>minimum total<input type="number" name="min_total" min="0" max="100" '
        'step="1" value="{min_total}" placeholder="0"></label>{since}'
        '<button type="submit">Filter</button> <a href="/">clear</a></form>',
        group=group,
        sub=select("subreddit", "subreddit", raw.get("subreddit", ""), subs),
        cat=select("category", "category", raw.get("category", ""), cats),
        min_total=raw.get("min_total", ""),
        since=select("since", "posted", raw.get("since", ""), SINCE_CHOICES),
    )


def _subreddit_cell(opp: Opportunity) -> Html:
    # a set of duplicates is one row: every subreddit it was posted in, and how many copies
    subs = join((render("r/{s}", s=s) for s in (opp.subreddits or (opp.subreddit,))), ", ")
    if not opp.duplicates:
        return subs
    copies = "1 copy" if opp.duplicates == 1 else f"{opp.duplicates} copies"
    return render('{subs} <span class="chip" title="the same problem posted again">'
                  "{copies}</span>", subs=subs, copies=copies)  # fmt: skip


def _extras(opp: Opportunity) -> Html:
    parts = []
    if opp.theme_id:
        parts.append(render('<a class="chip theme" href="/themes#{id}" title="theme {id}">'
                            "{label}</a>", id=opp.theme_id,
                            label=opp.theme_label or opp.theme_id))  # fmt: skip
    if opp.agreeing:
        parts.append(render('<span class="chip" title="comments that say the same">'
                            "+{n} agreeing</span>", n=opp.agreeing))  # fmt: skip
    return join(parts, " ")


def opportunity_row(opp: Opportunity, now: datetime | None = None) -> Html:
    """One ranked opportunity as a list item."""
    href = external_href(opp.link)
    reddit = render('<a href="{href}" rel="noopener noreferrer">on Reddit ↗</a>', href=href)
    return render(
        '<li class="opp card" data-post="{post_id}">'
        '<div class="total {cls}" title="total 0-100">{total}'
        '<span class="rank">#{rank}</span></div>'
        '<div><h3><a href="/post/{post_id}">{title}</a></h3>'
        '<div class="meta">{sub} · {age} · <span class="chip">{category}</span> {extras}</div>'
        "<p>{summary}</p></div>"
        '<div class="side">{bars}<br><span class="muted">{comments} comments</span>'
        "<br>{reddit}</div></li>",
        post_id=opp.post_id,
        cls=total_class(opp.total),
        total=f"{opp.total:.0f}",
        rank=opp.rank,
        title=opp.title or "(no title)",
        sub=_subreddit_cell(opp),
        age=ago(opp.created_utc, now),
        category=opp.category.replace("_", " "),
        summary=opp.summary,
        bars=mini_bars(opp.dimensions()),
        comments=opp.set_comments or opp.num_comments,
        extras=_extras(opp),
        reddit=reddit if href else Html(""),
    )


def _pager(query: OpportunityQuery, has_more: bool) -> Html:
    before = Html("<span></span>")
    after = Html("<span></span>")
    if query.page > 1:
        href = query_href("/", query.params(page=query.page - 1 if query.page > 2 else None))
        before = render('<a href="{href}" rel="prev">← previous</a>', href=href)
    if has_more:
        href = query_href("/", query.params(page=query.page + 1))
        after = render('<a href="{href}" rel="next">next →</a>', href=href)
    return render('<nav class="pager">{before}{after}</nav>', before=before, after=after)


def render_opportunities(
    query: OpportunityQuery,
    result: RankPage,
    subreddits: Sequence[str],
    alert_min_total: float,
    now: datetime | None = None,
    groups: Sequence[str] = (),
) -> Html:
    """The whole opportunities page."""
    if result.items:
        first, last = result.items[0].rank, result.items[-1].rank
        shown = render("{first}-{last} of {n} opportunities", first=first, last=last,
                       n=result.matching)  # fmt: skip
        listing = render(
            '<ol class="opps">{rows}</ol>',
            rows=join(opportunity_row(o, now) for o in result.items),
        )
    else:
        shown = Html("no opportunities match")
        listing = Html(
            '<div class="card empty">Nothing matches these filters. Widen them, or run '
            "<code>harbor score</code> if nothing is scored yet.</div>"
        )
    body = render(
        "<h1>Opportunities</h1>{form}"
        '<div class="summary-row"><div><strong>{shown}</strong><br>'
        '<span class="muted">ranked by total; alerts from {alert}</span></div>{chart}</div>'
        "{listing}{pager}",
        form=filter_form(query, subreddits, groups),
        shown=shown,
        alert=f"{alert_min_total:g}",
        chart=histogram(result.bands, alert_min_total) if result.bands else Html(""),
        listing=listing,
        pager=_pager(query, result.has_more),
    )
    return page("Opportunities", body, active="/")
