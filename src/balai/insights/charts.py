"""Charts drawn on the server as SVG: no script, readable on a 360-pixel-wide phone.

Each chart is an `<svg role="img">` with a title and a description naming what it shows, and
every bar carries its value as text, so neither colour nor a mouse is needed to read it; the
same figures are in a table beside the chart for screen readers and copying. Text sizes are
in the 360-unit-wide viewBox, so 12 units are 12 CSS pixels on a phone.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360
_ids = itertools.count(1)


@dataclass(frozen=True)
class Series:
    name: str
    css: str  # a class from insights.css: the colour lives in the stylesheet (CSP)


@dataclass(frozen=True)
class Bar:
    value: float
    text: str


@dataclass(frozen=True)
class Row:
    label: str
    bars: Sequence[Bar]


def _text(x: float, y: float, content: str, *, css: str = "", anchor: str = "start") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{cls}>{escape(content)}</text>'


def _open(height: float, title: str, desc: str) -> tuple[str, str]:
    n = next(_ids)
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="chart-t{n} chart-d{n}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-t{n}">{escape(title)}</title><desc id="chart-d{n}">{escape(desc)}</desc>'
    )
    return head, "</svg>"


def _legend(series: Sequence[Series], y: float) -> list[str]:
    parts, x = [], 0.0
    for s in series:
        parts.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" class="{s.css}"/>')
        parts.append(_text(x + 16, y, s.name, css="chart-legend"))
        x += 24 + 7.5 * len(s.name)
    return parts


def bar_chart(
    rows: Sequence[Row], *, series: Sequence[Series], title: str, desc: str, top: float = 0
) -> SafeString:
    """Horizontal bars, one group per row, the row's label above its bars."""
    bar_h, gap = 14, 4
    group_h = 18 + len(series) * (bar_h + gap) + 6
    legend_h = 22 if len(series) > 1 else 0
    height = legend_h + group_h * max(len(rows), 1)
    top = max([top, *(b.value for r in rows for b in r.bars)]) or 1.0
    area = WIDTH - 70  # room for the value text after the longest bar
    head, tail = _open(height, title, desc)
    parts = [head, *(_legend(series, 14) if legend_h else [])]
    y = float(legend_h)
    for row in rows:
        parts.append(_text(0, y + 14, row.label, css="chart-label"))
        by = y + 20
        for s, bar in zip(series, row.bars, strict=True):
            w = max(area * bar.value / top, 1.0) if bar.value else 0.0
            parts.append(
                f'<rect x="0" y="{by:.1f}" width="{w:.1f}" height="{bar_h}" class="{s.css}"/>'
            )
            parts.append(_text(w + 4, by + bar_h - 3, bar.text, css="chart-value"))
            by += bar_h + gap
        y += group_h
    if not rows:
        parts.append(_text(WIDTH / 2, 20, "—", anchor="middle"))
    parts.append(tail)
    return mark_safe("".join(parts))


def column_chart(
    labels: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    series: Sequence[Series],
    title: str,
    desc: str,
) -> SafeString:
    """Grouped columns over time (one group per week or month), oldest on the left."""
    legend_h, axis_w, bottom = 24, 34, 34
    plot_h = 150
    height = legend_h + plot_h + bottom
    top = max([1.0, *(v for vs in values for v in vs)])
    head, tail = _open(height, title, desc)
    parts = [head, *_legend(series, 14)]
    base = legend_h + plot_h
    for frac in (0.0, 0.5, 1.0):
        gy = base - plot_h * frac
        parts.append(f'<line x1="{axis_w}" x2="{WIDTH}" y1="{gy:.1f}" y2="{gy:.1f}" class="grid"/>')
        parts.append(_text(axis_w - 4, gy + 4, f"{top * frac:.0f}", css="chart-axis", anchor="end"))
    n = max(len(labels), 1)
    slot = (WIDTH - axis_w) / n
    bar_w = min(12.0, (slot - 4) / max(len(series), 1))
    for i, (label, vs) in enumerate(zip(labels, values, strict=True)):
        x = axis_w + i * slot + (slot - bar_w * len(series)) / 2
        for s, v in zip(series, vs, strict=True):
            h = plot_h * v / top
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'class="{s.css}"><title>{escape(label)}: {escape(s.name)} {v:.0f}</title></rect>'
            )
            x += bar_w
        # Every other label, so they stay large enough to read on a phone.
        if i % 2 == (n - 1) % 2:
            cx = axis_w + i * slot + slot / 2
            parts.append(_text(cx, base + 16, label, css="chart-axis", anchor="middle"))
    parts.append(tail)
    return mark_safe("".join(parts))
