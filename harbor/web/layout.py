"""The page shell every page shares: the stylesheet, the navigation, the security headers.

The stylesheet is inlined in each page and allowed by its hash in the
Content-Security-Policy; nothing else may load or run (no script at all, no external
file: the app works with no network beyond the user's own machine).
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

from harbor.web.html import Html, join, render

__all__ = ["CSP", "NAV", "SECURITY_HEADERS", "STYLE", "ago", "page", "total_class"]

# (path, label): the pages in the navigation, in order
NAV = (("/", "Opportunities"), ("/themes", "Themes"), ("/status", "Status"))

STYLE = """
:root{--ink:#1d2433;--soft:#5b6475;--line:#e3e6ec;--bg:#f6f7f9;--card:#fff;--accent:#2f6fde;
--hot:#1f9d61;--warm:#d98b1a;--cold:#8a93a6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--ink);background:var(--bg)}
header{background:#17233b;color:#fff}
header .bar{max-width:1100px;margin:0 auto;padding:10px 20px;display:flex;gap:24px;
align-items:center}
header .brand{font-weight:700;letter-spacing:.3px}
header nav a{color:#c9d5ee;text-decoration:none;margin-right:16px}
header nav a.active{color:#fff;border-bottom:2px solid #7aa5ff}
main{max-width:1100px;margin:0 auto;padding:20px}
h1{font-size:22px;margin:4px 0 14px}
h2{font-size:17px;margin:22px 0 8px}
a{color:var(--accent)}
.muted{color:var(--soft)}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;
margin-bottom:10px}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;background:var(--card);
border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin-bottom:14px}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--soft);gap:3px}
form.filters select,form.filters input{font:inherit;padding:5px 8px;border:1px solid #c8ced9;
border-radius:6px;background:#fff;min-width:120px}
form.filters button{font:inherit;padding:6px 16px;border:0;border-radius:6px;
background:var(--accent);color:#fff;cursor:pointer}
.summary-row{display:flex;gap:20px;align-items:center;flex-wrap:wrap;margin-bottom:12px}
ol.opps{list-style:none;margin:0;padding:0}
li.opp{display:grid;grid-template-columns:64px 1fr auto;gap:14px;align-items:start}
.total{font-size:20px;font-weight:700;text-align:center;border-radius:8px;padding:8px 0;
min-width:64px;color:#fff;background:var(--cold)}
.total.hot{background:var(--hot)}
.total.warm{background:var(--warm)}
.rank{display:block;font-size:11px;font-weight:400;opacity:.85}
.opp h3{font-size:16px;margin:0 0 3px;overflow-wrap:anywhere}
.opp p{margin:6px 0 0}.card h2:first-child{margin-top:0}
.opp h3 a{color:var(--ink);text-decoration:none}
.opp h3 a:hover{text-decoration:underline}
.meta{font-size:13px;color:var(--soft)}
.chip{display:inline-block;font-size:12px;padding:1px 8px;border-radius:10px;
background:#eef2fa;color:#33415c;margin:0 4px 4px 0}
.side{text-align:right;font-size:13px;white-space:nowrap}
.pager{display:flex;justify-content:space-between;margin:14px 0}
.empty{padding:30px;text-align:center;color:var(--soft)}
.error{border-color:#e2a3a3;background:#fff6f6}
table{border-collapse:collapse;width:100%;background:var(--card);font-size:14px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:baseline}
th{font-size:12px;color:var(--soft);font-weight:600}
.kv th{width:180px}
.post-grid{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:16px}
.selftext{white-space:pre-wrap;overflow-wrap:anywhere}
ul.plain{margin:0;padding-left:18px}blockquote{margin:10px 0;padding:6px 12px;
border-left:3px solid var(--line);overflow-wrap:anywhere}blockquote p{margin:0 0 4px}
a.chip{text-decoration:none}.theme{background:#e7f6ee;color:#1b6b45}
li.theme-row{display:grid;grid-template-columns:1fr 260px;gap:16px}
.theme-row h3{font-size:16px;margin:0 0 4px}.figures{font-size:13px;color:var(--soft)}
.rising{background:#e7f6ee;color:#1b6b45}.falling{background:#fbeaea;color:#9b2c2c}
.ok{color:var(--hot)}.bad{color:#c0392b}.warnc{color:var(--warm)}
svg .bar{fill:var(--accent)}svg .bar.hot{fill:var(--hot)}svg .track{fill:var(--line)}
svg .label,svg .value,svg .axis{font:12px system-ui,sans-serif;fill:var(--soft)}
svg .line{stroke:var(--accent);stroke-width:1.6}svg .dot{fill:var(--accent)}
@media (max-width:760px){.post-grid{grid-template-columns:1fr}
li.opp{grid-template-columns:54px 1fr}.side{grid-column:2;text-align:left}}
""".strip()

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")
# nothing runs, nothing loads from elsewhere; forms submit only here; no framing
CSP = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# a small harbour-blue square, so the browser asks for no /favicon.ico
_ICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
    "%3Crect width='16' height='16' rx='3' fill='%232f6fde'/%3E%3C/svg%3E"
)


def total_class(total: float) -> str:
    """The colour class of a total: hot from 70, warm from 50."""
    return "hot" if total >= 70 else "warm" if total >= 50 else "cold"


def ago(at: datetime | None, now: datetime | None = None) -> str:
    """'5m ago', '3h ago', '2d ago' (or '-' when unknown)."""
    if at is None:
        return "-"
    seconds = ((now or datetime.now(UTC)) - at).total_seconds()
    if seconds < 90:
        return "just now" if seconds < 60 else "1m ago"
    if seconds < 5400:
        return f"{seconds / 60:.0f}m ago"
    if seconds < 172800:
        return f"{seconds / 3600:.0f}h ago"
    return f"{seconds / 86400:.0f}d ago"


def page(title: str, body: Html, active: str = "") -> Html:
    """A whole HTML document: `title`, the navigation with `active` marked, then `body`."""
    links = join(
        render('<a href="{href}"{cls}>{label}</a>', href=href, label=label,
               cls=Html(' class="active" aria-current="page"') if href == active else Html(""))
        for href, label in NAV
    )  # fmt: skip
    return render(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        '<title>{title} · RedditHarbor</title><link rel="icon" href="{icon}">'
        "<style>{style}</style></head><body>"
        '<header><div class="bar"><span class="brand">RedditHarbor</span>'
        "<nav>{links}</nav></div></header><main>{body}</main></body></html>\n",
        title=title,
        icon=_ICON,
        style=Html(STYLE),
        links=links,
        body=body,
    )
