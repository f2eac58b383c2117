"""The needs charts laid out for a phone (320–390 px). Pure: plain values in, a string out.

The wide charts (`charts`) are 680 units across; on a phone they would shrink to half and their
labels to about 6 px. These are drawn on a 360-unit canvas instead, so at phone width they are
shown at about their own size: the row name stands above its bar (no label column), the value at
the right end of that line, the type larger. The page shows one or the other by CSS; both carry
the same numbers as the table beside them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from html import escape

from zukunftszentrum.core.charts import BAR, FONT, GRID, MUTED, TEXT, Scale, svg_line, svg_text

from .charts import (
    COMPARE_COLOUR,
    NOTE_STYLE,
    SERIES_STYLES,
    IntervalRow,
    TrendSeries,
    describe_row,
    describe_series,
    marker,
)

NARROW = 360
EDGE = 14  # the plot's inset from both sides
ROW = 52  # a label line above the bar, the bar, and air
TICK_TOP = 26
FONT_SIZE = 15
SMALL = 'font-size="13"'
HIDDEN = 'aria-hidden="true"'
TREND_LEFT, TREND_TOP, TREND_HEIGHT = 40, 26, 200
LEGEND = 26
MAX_LABELS = 4  # period labels that fit side by side at this width
LABEL_CHARS = 38  # a row name longer than this is cut (the table beside it has it in full)
LEGEND_CHARS = 40  # likewise a series name in the trend's legend (smaller type, indented)


def _cut(text: str, chars: int) -> str:
    """At most `chars` characters, cut after a whole word."""
    if len(text) <= chars:
        return text
    head = text[: chars - 1]
    return (head.rsplit(" ", 1)[0] if " " in head else head[: chars - 2]).rstrip(" ,") + " …"


def narrow_open(chart_id: str, title: str, desc: str, height: float, kind: str) -> list[str]:
    """As `core.charts.svg_open`, on the narrow canvas and with larger type."""
    cid = escape(chart_id, quote=True)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="zz-{kind}-chart zz-narrow-chart" '
        f'role="img" viewBox="0 0 {NARROW} {height}" width="{NARROW}" height="{height}" '
        f'aria-labelledby="{cid}-title {cid}-desc" font-family="{escape(FONT)}" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]


def interval_chart(
    rows: Sequence[IntervalRow],
    *,
    title: str,
    percent: bool = False,
    scale_max: float = 100.0,
    legend: Sequence[tuple[str, str]] = (),
    compare_label: str = "",
    chart_id: str = "zz-chart-narrow",
) -> str:
    """Estimates with their 95 % intervals, each row's name above its bar; `legend` as
    (kind, label) with kind "value", "compare" or "thin"."""
    scale = Scale(scale_max, percent, EDGE, NARROW - 2 * EDGE)
    desc = "; ".join(describe_row(r, scale, compare_label) for r in rows)
    bottom = TICK_TOP + 8 + ROW * len(rows)
    parts = narrow_open(chart_id, title, desc, bottom + 10 + LEGEND * len(legend), "interval")
    for at, label in scale.ticks():
        parts.append(
            svg_line(at, TICK_TOP + 4, at, bottom, GRID, f'stroke-dasharray="2 4" {HIDDEN}')
        )
        parts.append(
            svg_text(at, TICK_TOP - 6, label, MUTED, f'text-anchor="middle" {SMALL} {HIDDEN}')
        )
    for index, row in enumerate(rows):
        parts += _row(TICK_TOP + 8 + index * ROW, index, row, scale)
    for i, (kind, label) in enumerate(legend):
        parts += _legend(kind, label, bottom + 10 + LEGEND * (i + 0.5))
    return "\n".join([*filter(None, parts), "</svg>"])


def _row(top: float, index: int, row: IntervalRow, scale: Scale) -> list[str]:
    text_y, mid = top + 18, top + 36
    name = _cut(row.label, LABEL_CHARS)
    parts = [
        f'<g class="zz-row" data-row="{index}">',
        svg_text(EDGE, text_y, name, TEXT, 'class="zz-label"'),
    ]
    if row.value is not None and row.low is not None and row.high is not None:
        low, high = scale.pos(min(row.low, row.value)), scale.pos(max(row.high, row.value))
        parts.append(svg_line(low, mid, high, mid, BAR, 'stroke-width="2.5" class="zz-whisker"'))
        parts += [
            svg_line(v, mid - 6, v, mid + 6, BAR, 'stroke-width="2" class="zz-cap"')
            for v in (low, high)
        ]
    if row.compare is not None:
        parts.append(marker("diamond", scale.pos(row.compare), mid, COMPARE_COLOUR, size=7))
    if row.value is None:
        parts.append(svg_text(EDGE, mid + 5, row.note, MUTED, NOTE_STYLE))
    else:
        parts.append(marker("circle", scale.pos(row.value), mid, BAR, size=7, hollow=row.thin))
        value = scale.label(row.value) + (" *" if row.thin else "")
        parts.append(
            svg_text(
                NARROW - EDGE,
                text_y,
                value,
                TEXT,
                'text-anchor="end" font-weight="600" class="zz-value"',
            )
        )
    return [*parts, "</g>"]


def _legend(kind: str, label: str, y: float) -> list[str]:
    x = EDGE + 14
    if kind == "value":
        parts = [
            svg_line(x - 12, y, x + 12, y, BAR, 'stroke-width="2.5"'),
            marker("circle", x, y, BAR),
        ]
    elif kind == "compare":
        parts = [marker("diamond", x, y, COMPARE_COLOUR)]
    else:
        parts = [marker("circle", x, y, BAR, hollow=True)]
    return [
        f'<g class="zz-legend zz-legend-{kind}">',
        *parts,
        svg_text(x + 22, y + 5, label, TEXT, SMALL),
        "</g>",
    ]


def trend_chart(
    periods: Sequence[str],
    series: Sequence[TrendSeries],
    *,
    title: str,
    no_data: str = "",
    percent: bool = False,
    scale_max: float = 100.0,
    chart_id: str = "zz-trend-narrow",
) -> str:
    """Estimates per period on the narrow canvas: fewer period labels, legend below, one per
    line. A period without a point breaks the line (as in the wide chart)."""
    scale = Scale(scale_max, percent, TREND_TOP + TREND_HEIGHT, -TREND_HEIGHT)
    desc = "; ".join(describe_series(s, periods, scale) for s in series)
    if not any(p is not None for s in series for p in s.points):
        parts = narrow_open(chart_id, title, no_data, 70, "trend")
        return "\n".join([*parts, svg_text(EDGE, 40, no_data, MUTED), "</svg>"])
    bottom = TREND_TOP + TREND_HEIGHT
    parts = narrow_open(chart_id, title, desc, bottom + 34 + LEGEND * len(series), "trend")
    for at, label in scale.ticks():
        parts.append(
            svg_line(TREND_LEFT, at, NARROW - EDGE, at, GRID, f'stroke-dasharray="2 4" {HIDDEN}')
        )
        parts.append(
            svg_text(TREND_LEFT - 6, at + 4, label, MUTED, f'text-anchor="end" {SMALL} {HIDDEN}')
        )
    left, right = TREND_LEFT + 16, NARROW - EDGE - 16
    count = len(periods)
    xs = [round(left + i * (right - left) / max(count - 1, 1), 2) for i in range(count)]
    step = math.ceil(count / MAX_LABELS)
    parts += [
        svg_text(xs[i], bottom + 20, period, MUTED, f'text-anchor="middle" {SMALL}')
        for i, period in enumerate(periods)
        if i % step == 0 or (i == count - 1 and count <= MAX_LABELS)
    ]
    for index, s in enumerate(series):
        shape, colour, dash = SERIES_STYLES[index]
        points = [(x, p) for x, p in zip(xs, s.points, strict=True)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g class="zz-series" data-series="{index}">')
        for (x1, p1), (x2, p2) in itertools.pairwise(points):
            if p1 is not None and p2 is not None:
                parts.append(
                    svg_line(
                        x1,
                        scale.pos(p1[0]),
                        x2,
                        scale.pos(p2[0]),
                        colour,
                        f'stroke-width="2.5"{dash_attr}',
                    )
                )
        for x, p in points:
            if p is not None:
                value, low, high = p
                parts.append(
                    svg_line(
                        x,
                        scale.pos(max(high, value)),
                        x,
                        scale.pos(min(low, value)),
                        colour,
                        'stroke-width="1.5"',
                    )
                )
                parts.append(marker(shape, x, scale.pos(value), colour, size=6))
        parts.append("</g>")
        y = bottom + 34 + LEGEND * (index + 0.5)
        parts += [
            '<g class="zz-legend zz-legend-series">',
            svg_line(EDGE, y, EDGE + 32, y, colour, f'stroke-width="2.5"{dash_attr}'),
            marker(shape, EDGE + 16, y, colour),
            svg_text(EDGE + 42, y + 5, _cut(s.label, LEGEND_CHARS), TEXT, SMALL),
            "</g>",
        ]
    return "\n".join([*filter(None, parts), "</svg>"])
