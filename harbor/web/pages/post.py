"""One post's page: its five scores with the rationale, the summary, the detector's view
(filter score, matched keywords), the post's own text, the other posts of its set of
duplicates, its theme, the comments kept as evidence, and the link to Reddit."""

from __future__ import annotations

from datetime import datetime

from harbor.results.records import PostDetail
from harbor.web.charts import dimension_bars, meter
from harbor.web.html import Html, external_href, join, render
from harbor.web.layout import ago, page, total_class

__all__ = ["SELFTEXT_CHARS", "render_not_found", "render_post"]

# a long post is cut on the page (the link to Reddit has the rest)
SELFTEXT_CHARS = 6000


def _score_card(post: PostDetail) -> Html:
    if not post.scored or post.dimensions is None or post.total is None:
        state = post.score_status or "pending"
        reason = (
            render('<p class="muted">{error}</p>', error=post.score_error)
            if post.score_error
            else Html("")
        )
        return render(
            '<div class="card"><h2>Not scored</h2><p>Score status: <strong>{state}</strong>.</p>'
            "{reason}</div>",
            state=state,
            reason=reason,
        )
    return render(
        '<div class="card"><div class="summary-row"><div class="total {cls}">{total}'
        '<span class="rank">of 100</span></div><div><strong>{category}</strong><br>'
        '<span class="muted">{scorer} · {model} · prompt {prompt}</span></div></div>'
        "{bars}<h2>Why</h2><p>{rationale}</p></div>",
        cls=total_class(post.total),
        total=f"{post.total:.0f}",
        category=(post.category or "").replace("_", " "),
        scorer=post.scorer or "",
        model=post.model or "",
        prompt=post.prompt_version or "",
        bars=dimension_bars(post.dimensions),
        rationale=post.rationale or "",
    )


def _detector_card(post: PostDetail) -> Html:
    if post.filter_score is None:
        score = Html('<p class="muted">No filter score (collected without the classifier).</p>')
    else:
        score = render(
            '<p>{meter} <strong>{pct}%</strong> problem-first <span class="muted">'
            "({model})</span></p>",
            meter=meter(post.filter_score),
            pct=f"{post.filter_score * 100:.0f}",
            model=post.filter_model or "model unknown",
        )
    chips = join(render('<span class="chip">{k}</span>', k=k) for k in post.matched_keywords)
    keywords = chips or Html('<span class="muted">none</span>')
    return render(
        '<div class="card"><h2>Problem detector</h2>{score}'
        "<p>Matched keywords:<br>{keywords}</p></div>",
        score=score,
        keywords=keywords,
    )


def _set_card(post: PostDetail) -> Html:
    if not post.set_members:
        return Html("")
    rows = join(
        render('<li><a href="/post/{id}">{title}</a> <span class="muted">r/{sub}{note}</span>'
               "</li>", id=m.post_id, title=m.title or m.post_id, sub=m.subreddit,
               note=" · the canonical post, scored and ranked" if m.canonical else "")
        for m in post.set_members
    )  # fmt: skip
    head = "A copy of" if post.canonical_id else "Posted again"
    return render(
        '<div class="card" id="duplicates"><h2>{head}</h2><ul class="plain">{rows}</ul></div>',
        head=head,
        rows=rows,
    )


def _theme_card(post: PostDetail) -> Html:
    if not post.theme_id:
        return Html("")
    return render(
        '<div class="card"><h2>Theme</h2><p><a href="/themes#{id}">{label}</a> '
        '<span class="muted">{id}</span></p></div>',
        id=post.theme_id,
        label=post.theme_label or post.theme_id,
    )


def _evidence_card(post: PostDetail) -> Html:
    if not post.evidence and post.agreeing is None:
        return Html("")
    bonus = ""
    if post.agreeing:
        bonus = f"{post.agreeing} agreeing, +{post.demand_bonus or 0} market demand"
    quotes = join(
        render('<blockquote><p>{body}</p><span class="muted">{kind} · {score} points · '
               'u/{author}{link}</span></blockquote>', body=e.body[:600],
               kind=e.kind.replace("_", " "), score=e.score, author=e.author or "[deleted]",
               link=render(' · <a href="{h}" rel="noopener noreferrer">comment ↗</a>',
                           h=external_href(e.link)) if external_href(e.link) else Html(""))
        for e in post.evidence
    )  # fmt: skip
    return render(
        '<div class="card" id="evidence"><h2>Comment evidence</h2><p class="muted">{bonus}</p>'
        "{quotes}</div>",
        bonus=bonus or "read; nothing agreeing",
        quotes=quotes,
    )


def render_post(post: PostDetail, now: datetime | None = None) -> Html:
    """The whole page of one post."""
    href = external_href(post.link)
    reddit = Html("")
    if href:
        reddit = render(
            '<a href="{href}" rel="noopener noreferrer">open on Reddit ↗</a>', href=href
        )
    text = post.selftext
    cut = len(text) > SELFTEXT_CHARS
    body_text = text[:SELFTEXT_CHARS] + ("…" if cut else "")
    summary = render("<p><strong>{s}</strong></p>", s=post.summary) if post.summary else Html("")
    body = render(
        '<p class="muted"><a href="/">← opportunities</a></p>'
        '<h1 id="post-title">{title}</h1>'
        '<div class="meta">r/{sub} · by {author} · {age} · {score} points · '
        "{comments} comments · {reddit}</div>"
        '<div class="post-grid"><div>{summary}<div class="card">'
        '<div class="selftext">{text}</div></div>{evidence}{copies}</div>'
        "<div>{scores}{theme}{detector}</div></div>",
        title=post.title or "(no title)",
        sub=post.subreddit,
        author=post.author or "[unknown]",
        age=ago(post.created_utc, now),
        score=post.reddit_score,
        comments=post.num_comments,
        reddit=reddit,
        summary=summary,
        text=body_text or "(no text)",
        scores=_score_card(post),
        detector=_detector_card(post),
        evidence=_evidence_card(post),
        copies=_set_card(post),
        theme=_theme_card(post),
    )
    return page(post.title or post.post_id, body)


def render_not_found(post_id: str) -> Html:
    """The page of an id that is not stored."""
    body = render(
        '<h1>No such post</h1><div class="card empty">No post with id <code>{id}</code> is '
        'stored. <a href="/">Back to the opportunities</a>.</div>',
        id=post_id,
    )
    return page("Not found", body)
