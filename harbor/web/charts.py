"""Charts as inline SVG: no script, no external file, colours from the page's stylesheet.

Only presentation attributes and classes are used (no style attributes), so the page's
Content-Security-Policy needs nothing for them. Every chart has a text label for screen
readers, and each bar a <title> that a pointer shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from harbor.web.html import Html, join, render

__all__ = ["dimension_bars", "histogram", "meter", "mini_bars", "sparkline"]

SHORT = {
    "market_demand": "demand",
    "pain_intensity": "pain",
    "monetization_potential": "pay",
    "market_gap": "gap",
    "technical_feasibility": "feasibility",
}


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def mini_bars(dimensions: dict[str, int]) -> Html:
    """Five small columns (0..10 each) in the order of the dimensions, 60 x 22 px."""
    parts = []
    for i, (name, value) in enumerate(dimensions.items()):
        height = max(1.0, 20 * min(10, max(0, value)) / 10)
        parts.append(
            render(
                '<rect class="bar" x="{x}" y="{y}" width="9" height="{h}">'
                "<title>{label} {value}/10</title></rect>",
                x=i * 12,
                y=_n(21 - height),
                h=_n(height),
                label=SHORT.get(name, name),
                value=value,
            )
        )
    label = ", ".join(f"{SHORT.get(k, k)} {v}" for k, v in dimensions.items())
    return render(
        '<svg class="mini" width="60" height="22" viewBox="0 0 60 22" role="img" '
        'aria-label="{label}"><rect class="track" x="0" y="21" width="57" height="1"/>'
        "{bars}</svg>",
        label=label,
        bars=join(parts),
    )


def dimension_bars(dimensions: dict[str, int], width: int = 320) -> Html:
    """One labelled horizontal bar per dimension (0..10), with its value at the end."""
    row, label_w, value_w = 26, 96, 28
    span = width - label_w - value_w
    parts = []
    for i, (name, value) in enumerate(dimensions.items()):
        y = i * row
        filled = span * min(10, max(0, value)) / 10
        parts.append(
            render(
                '<text class="label" x="0" y="{ty}">{label}</text>'
                '<rect class="track" x="{x}" y="{y}" width="{span}" height="12" rx="3"/>'
                '<rect class="bar" x="{x}" y="{y}" width="{w}" height="12" rx="3">'
                "<title>{label}: {value} of 10</title></rect>"
                '<text class="value" x="{vx}" y="{ty}">{value}</text>',
                ty=y + 11,
                x=label_w,
                y=y + 1,
                span=span,
                w=_n(filled),
                label=SHORT.get(name, name),
                value=value,
                vx=width - value_w + 8,
            )
        )
    height = row * len(dimensions)
    label = "; ".join(f"{SHORT.get(k, k)} {v} of 10" for k, v in dimensions.items())
    return render(
        '<svg class="dims" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="{label}">{parts}</svg>',
        w=width,
        h=height,
        label=label,
        parts=join(parts),
    )


def histogram(bands: Sequence[int], highlight_from: float | None = None) -> Html:
    """Ten columns: how many totals fall in 0-9, 10-19, ..., 90-100."""
    width, height, base = 300, 90, 72
    peak = max(bands) if bands and max(bands) > 0 else 1
    parts = []
    for i, count in enumerate(bands):
        h = (base - 4) * count / peak
        hot = highlight_from is not None and i * 10 >= highlight_from - 9.999
        parts.append(
            render(
                '<rect class="{cls}" x="{x}" y="{y}" width="24" height="{h}">'
                "<title>{low}-{high}: {count} posts</title></rect>"
                '<text class="axis" x="{tx}" y="86">{low}</text>',
                cls="bar hot" if hot else "bar",
                x=i * 30 + 3,
                y=_n(base - h),
                h=_n(h),
                low=i * 10,
                high=i * 10 + 9 if i < 9 else 100,
                count=count,
                tx=i * 30 + 6,
            )
        )
    label = ", ".join(f"{i * 10}+: {c}" for i, c in enumerate(bands))
    return render(
        '<svg class="histogram" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="totals by band: {label}">'
        '<rect class="track" x="0" y="{base}" width="{w}" height="1"/>{parts}</svg>',
        w=width,
        h=height,
        base=base,
        label=label,
        parts=join(parts),
    )


def sparkline(values: Sequence[float], width: int = 120, height: int = 28) -> Html:
    """A line through `values` (oldest first), the last point marked."""
    if not values:
        return Html("")
    peak = max(max(values), 1e-9)
    step = width / max(1, len(values) - 1)
    points = [(i * step, height - 3 - (height - 6) * v / peak) for i, v in enumerate(values)]
    if len(points) == 1:
        points.append((width, points[0][1]))
    path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    last_x, last_y = points[-1]
    label = ", ".join(_n(v) for v in values)
    return render(
        '<svg class="spark" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="{label}"><polyline class="line" fill="none" points="{path}"/>'
        '<circle class="dot" cx="{x}" cy="{y}" r="2.5"/></svg>',
        w=width,
        h=height,
        label=label,
        path=path,
        x=_n(last_x),
        y=_n(last_y),
    )


def meter(fraction: float, width: int = 160) -> Html:
    """A bar filled to `fraction` (0..1), for the detector's score."""
    share = min(1.0, max(0.0, fraction))
    return render(
        '<svg class="meter" width="{w}" height="12" viewBox="0 0 {w} 12" role="img" '
        'aria-label="{pct}%"><rect class="track" x="0" y="1" width="{w}" height="10" rx="3"/>'
        '<rect class="bar" x="0" y="1" width="{f}" height="10" rx="3"/></svg>',
        w=width,
        pct=round(share * 100),
        f=_n(width * share),
    )
