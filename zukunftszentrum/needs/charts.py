"""Accessible SVG for the regional needs dashboard. Pure: plain values in, a string out; no Django.

`interval_chart` draws estimates with 95 % intervals (dot, whisker, optional comparison diamond),
`trend_chart` estimates per quarter (series differ by marker shape and dash, not colour alone; a
missing quarter breaks the line); `SEQUENTIAL`, `choropleth_bins`, `fill_for` and `label_colour`
colour the Länder map. Palette, layout, scales and row labels come from `core.charts`, so the
look matches the self-check profiles. Every visible text comes in already translated and is
escaped here; the same numbers are always shown in a table next to the chart.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from zukunftszentrum.core.charts import (
    BAR,
    BROWN,
    GRID,
    LABEL_WIDTH,
    LEGEND_ROW,
    MUTED,
    PLOT_LEFT,
    PLOT_WIDTH,
    PURPLE,
    RED,
    ROW_HEIGHT,
    TEXT,
    TICKS,
    TOP,
    VALUE_X,
    WHITE,
    WIDTH,
    Scale,
    row_label,
    svg_line,
    svg_open,
    svg_text,
)
from zukunftszentrum.core.geo import contrast_ratio

SMALL, MIDDLE, END = 'font-size="11"', 'text-anchor="middle"', 'text-anchor="end"'
HIDDEN = 'aria-hidden="true"'
NOTE_STYLE = (
    'font-style="italic" stroke="#ffffff" stroke-width="3" paint-order="stroke" class="zz-note"'
)

# Trend series: marker shape, colour (each >= 4.5:1 against white) and dash pattern.
SERIES_STYLES: tuple[tuple[str, str, str], ...] = (
    ("circle", BAR, ""),  # 8.6:1
    ("square", RED, "6 3"),  # 6.5:1
    ("triangle", BROWN, "2 3"),  # 7.4:1
    ("diamond", PURPLE, "8 3 2 3"),  # 9.9:1
)
COMPARE_COLOUR = RED  # the diamond of a comparison value, 6.5:1 against white
TREND_LEFT = 56
TREND_RIGHT = WIDTH - 16
TREND_TOP = 34
TREND_HEIGHT = 220
TREND_INSET = 24  # keep the first and last period off the axes
MAX_PERIOD_LABELS = 12  # print every n-th period label beyond this

# Choropleth: one hue (blue), light to dark. Relative luminance 0.82, 0.55, 0.30, 0.16, 0.03;
# neighbouring steps differ by at least 1.4:1. The first three take dark text (>= 5.8:1), the
# last two white text (>= 5.1:1), so no fill sits in the band where neither reaches 4.5:1.
SEQUENTIAL: tuple[str, ...] = ("#deebf7", "#9ecae1", "#5a9bd5", "#2171b5", "#08306b")
SUPPRESSED_FILL = "#f2f2f2"  # too few answers; the map adds hatching so it is not colour alone


@dataclass(frozen=True)
class IntervalRow:
    label: str
    value: float | None  # None = no estimate (suppressed) -> `note` is drawn instead
    low: float | None = None  # 95 % interval
    high: float | None = None
    compare: float | None = None  # e.g. the nationwide value, drawn as a diamond
    thin: bool = False  # few answers: hollow dot and " *" after the value
    note: str = ""  # shown instead of a dot when value is None, e.g. "zu wenige Antworten"


@dataclass(frozen=True)
class TrendSeries:
    label: str
    points: Sequence[tuple[float, float, float] | None]  # (value, low, high) per period


def interval_chart(
    rows: Sequence[IntervalRow],
    *,
    title: str,
    scale_max: float = 100.0,
    percent: bool = False,
    compare_label: str | None = None,
    value_label: str = "",
    chart_id: str = "zz-chart",
    thin_label: str | None = None,
    axis_label: str = "",
    desc: str = "",
) -> str:
    """Estimates with their 95 % intervals as horizontal rows, as an SVG string.

    Scores are drawn on 0..`scale_max`. With `percent=True` the values are shares (0..1) and
    `scale_max` is in per cent (100 = 100 %). The legend names `value_label` (dot and whisker),
    `compare_label` (diamond) and `thin_label` (hollow dot), each only when given. Without
    `desc` one is written from the labels and numbers.
    """
    scale = Scale(scale_max, percent, PLOT_LEFT, PLOT_WIDTH)
    bottom = TOP + ROW_HEIGHT * len(rows)
    legend = [("value", value_label), ("compare", compare_label or "")]
    legend += [("thin", thin_label or "")] if any(r.thin for r in rows) else []
    legend = [(kind, label) for kind, label in legend if label]
    desc = desc or "; ".join(describe_row(r, scale, compare_label or "") for r in rows)
    parts = svg_open(chart_id, title, desc, bottom + 12 + LEGEND_ROW * len(legend), "interval")
    parts += _grid(scale, TOP - 6, bottom, vertical=True)
    parts.append(svg_text(LABEL_WIDTH, TOP - 12, axis_label, MUTED, f"{END} {SMALL}"))
    for index, row in enumerate(rows):
        parts += _interval_row(index, row, scale)
    for i, (kind, label) in enumerate(legend):
        parts += _legend_entry(kind, label, bottom + 12 + LEGEND_ROW * (i + 0.5))
    return "\n".join([*filter(None, parts), "</svg>"])


def trend_chart(
    periods: Sequence[str],
    series: Sequence[TrendSeries],
    *,
    title: str,
    scale_max: float = 100.0,
    chart_id: str = "zz-trend",
    no_data: str = "",
    percent: bool = False,
    axis_label: str = "",
    desc: str = "",
) -> str:
    """Estimates over periods (e.g. "2026-Q1"), one line with whiskers per series, as SVG.

    Up to four series; each has its own marker shape and dash pattern. A period whose point
    is None breaks the line. Without any point the SVG shows only the `no_data` text.
    """
    if len(series) > len(SERIES_STYLES):
        raise ValueError(f"at most {len(SERIES_STYLES)} series can be drawn")
    if any(len(s.points) != len(periods) for s in series):
        raise ValueError(f"every series needs one point (or None) per period ({len(periods)})")
    scale = Scale(scale_max, percent, TREND_TOP + TREND_HEIGHT, -TREND_HEIGHT)
    if not any(p is not None for s in series for p in s.points):
        parts = svg_open(chart_id, title, desc or no_data, 80, "trend")
        return "\n".join([*parts, svg_text(WIDTH / 2, 44, no_data, MUTED, MIDDLE), "</svg>"])
    bottom = TREND_TOP + TREND_HEIGHT
    desc = desc or "; ".join(describe_series(s, periods, scale) for s in series)
    parts = svg_open(chart_id, title, desc, bottom + 36 + LEGEND_ROW * len(series), "trend")
    parts += _grid(scale, TREND_LEFT, TREND_RIGHT, vertical=False)
    parts.append(svg_text(8, TREND_TOP - 16, axis_label, MUTED, SMALL))
    xs = _period_xs(len(periods))
    step = math.ceil(len(periods) / MAX_PERIOD_LABELS)
    parts += [
        svg_text(xs[i], bottom + 18, period, MUTED, f"{MIDDLE} {SMALL}")
        for i, period in enumerate(periods)
        if i % step == 0
    ]
    dodge = 4 if len(series) > 1 else 0  # whiskers of different series side by side
    for index, s in enumerate(series):
        offset = dodge * (index - (len(series) - 1) / 2)
        parts += _series(index, s, [x + offset for x in xs], scale)
        parts += _series_legend(index, s.label, bottom + 36 + LEGEND_ROW * (index + 0.5))
    return "\n".join([*filter(None, parts), "</svg>"])


def choropleth_bins(
    values: Sequence[float], steps: int = 5, *, digits: int = 0
) -> list[tuple[float, float]]:
    """Bins (low, high) of equal width from the rounded-down minimum to the rounded-up maximum.

    Edges are rounded to `digits` decimals (0 for 0..100 scores, 2 for shares), so widths may
    differ by one unit; a range narrower than `steps` units gets one bin per unit, and equal
    values get a single bin. No values: no bins.
    """
    if not 1 <= steps <= len(SEQUENTIAL):
        raise ValueError(f"steps must be between 1 and {len(SEQUENTIAL)}")
    if not values:
        return []
    unit = 10.0**-digits
    lo = math.floor(round(min(values) / unit, 6))  # in units; round() first absorbs 0.1-style
    hi = math.ceil(round(max(values) / unit, 6))  # float noise before flooring
    count = max(1, min(steps, hi - lo))
    edges = [
        round((lo + ((hi - lo) * 2 * i + count) // (2 * count)) * unit, digits)
        for i in range(count + 1)
    ]
    return list(itertools.pairwise(edges))


def fill_for(value: float, bins: Sequence[tuple[float, float]]) -> str:
    """The SEQUENTIAL colour of the bin holding `value` (low inclusive, high exclusive but in
    the last bin); outside all bins, the nearest end. Fewer bins spread over the scale."""
    if not bins:
        raise ValueError("no bins")
    if len(bins) == 1:
        return SEQUENTIAL[len(SEQUENTIAL) // 2]
    index = next((i for i, (_, high) in enumerate(bins[:-1]) if value < high), len(bins) - 1)
    return SEQUENTIAL[round(index * (len(SEQUENTIAL) - 1) / (len(bins) - 1))]


def label_colour(fill: str) -> str:
    """Dark text or white, whichever contrasts more with `fill` (>= 4.5:1 for SEQUENTIAL)."""
    return TEXT if contrast_ratio(fill, TEXT) >= contrast_ratio(fill, WHITE) else WHITE


def _grid(scale: Scale, start: float, end: float, *, vertical: bool) -> list[str]:
    """Gridlines with tick labels: vertical ones labelled above, horizontal ones to the left."""
    parts = []
    for i, (at, label) in enumerate(scale.ticks()):
        dash = "" if i == 0 or (vertical and i == len(TICKS) - 1) else ' stroke-dasharray="3 3"'
        style = f'stroke-width="1"{dash} {HIDDEN}'
        if vertical:
            parts.append(svg_line(at, start, at, end, GRID, style))
            parts.append(svg_text(at, start - 6, label, MUTED, f"{MIDDLE} {SMALL} {HIDDEN}"))
        else:
            parts.append(svg_line(start, at, end, at, GRID, style))
            parts.append(svg_text(start - 8, at + 4, label, MUTED, f"{END} {SMALL} {HIDDEN}"))
    return parts


def _interval_row(index: int, row: IntervalRow, scale: Scale) -> list[str]:
    mid = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
    parts = [f'<g class="zz-row" data-row="{index}">', row_label(row.label, mid)]
    if row.value is not None and row.low is not None and row.high is not None:
        low, high = min(row.low, row.value), max(row.high, row.value)
        parts += _whisker(scale.pos(low), scale.pos(high), mid, horizontal=True)
    if row.compare is not None:  # under the dot, so that equal values leave both visible
        parts.append(marker("diamond", scale.pos(row.compare), mid, COMPARE_COLOUR))
    if row.value is None:  # on the half away from the diamond; a halo over the gridlines
        left = row.compare is None or scale.pos(row.compare) > PLOT_LEFT + PLOT_WIDTH / 2
        x, anchor = (PLOT_LEFT + 8, "") if left else (PLOT_LEFT + PLOT_WIDTH - 8, f"{END} ")
        parts.append(svg_text(x, mid + 4, row.note, MUTED, anchor + NOTE_STYLE))
    else:
        parts.append(marker("circle", scale.pos(row.value), mid, BAR, hollow=row.thin))
        text = scale.label(row.value) + (" *" if row.thin else "")
        parts.append(svg_text(VALUE_X, mid + 4, text, TEXT, 'font-weight="600" class="zz-value"'))
    return [*parts, "</g>"]


def _whisker(a: float, b: float, at: float, *, horizontal: bool, colour: str = BAR) -> list[str]:
    """A line from a to b (x when horizontal, else y) at `at`, with end caps."""

    def line(p: float, q: float, r: float, s: float, extra: str) -> str:
        return (
            svg_line(p, q, r, s, colour, extra)
            if horizontal
            else svg_line(q, p, s, r, colour, extra)
        )

    caps = [line(v, at - 5, v, at + 5, 'stroke-width="1.5" class="zz-cap"') for v in (a, b)]
    return [line(a, at, b, at, 'stroke-width="2" class="zz-whisker"'), *caps]


def marker(
    shape: str, x: float, y: float, colour: str, *, size: float = 6, hollow: bool = False
) -> str:
    """A marker (circle, square, triangle, diamond) with a white halo, or hollow with a ring."""
    fill, stroke = (WHITE, colour) if hollow else (colour, WHITE)
    hollow_class = " zz-hollow" if hollow else ""
    style = (
        f'fill="{fill}" stroke="{stroke}" stroke-width="2" class="zz-mark-{shape}{hollow_class}"'
    )
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{size}" {style}/>'
    if shape == "square":
        s = size - 1
        return f'<rect x="{x - s}" y="{y - s}" width="{2 * s}" height="{2 * s}" {style}/>'
    k = size + 1
    if shape == "triangle":
        points = [(x, y - k), (x + k, y + size), (x - k, y + size)]
    else:  # diamond
        points = [(x, y - k), (x + k, y), (x, y + k), (x - k, y)]
    coords = " ".join(f"{round(px, 2)},{round(py, 2)}" for px, py in points)
    return f'<polygon points="{coords}" {style}/>'


def _legend_entry(kind: str, label: str, y: float) -> list[str]:
    x = PLOT_LEFT + 14
    if kind == "value":
        parts = [*_whisker(x - 12, x + 12, y, horizontal=True), marker("circle", x, y, BAR)]
    elif kind == "compare":
        parts = [marker("diamond", x, y, COMPARE_COLOUR)]
    else:
        parts = [marker("circle", x, y, BAR, hollow=True)]
    return [
        f'<g class="zz-legend zz-legend-{kind}">',
        *parts,
        svg_text(x + 22, y + 4, label),
        "</g>",
    ]


def _period_xs(count: int) -> list[float]:
    left, right = TREND_LEFT + TREND_INSET, TREND_RIGHT - TREND_INSET
    if count == 1:
        return [round((left + right) / 2, 2)]
    return [round(left + i * (right - left) / (count - 1), 2) for i in range(count)]


def _series(index: int, s: TrendSeries, xs: list[float], scale: Scale) -> list[str]:
    """A line per run of consecutive points, then a whisker and a marker per point."""
    shape, colour, dash = SERIES_STYLES[index]
    parts = [f'<g class="zz-series" data-series="{index}">']
    run: list[str] = []
    for x, point in [*zip(xs, s.points, strict=True), (0.0, None)]:
        if point is not None:
            run.append(f"{x} {scale.pos(point[0])}")
        elif run:
            d = "M" + " L".join(run)
            parts += [_path(d, colour, dash)] if len(run) > 1 else []
            run = []
    for x, point in zip(xs, s.points, strict=True):
        if point is not None:
            value, low, high = point
            top, bottom = scale.pos(max(high, value)), scale.pos(min(low, value))
            parts += _whisker(top, bottom, x, horizontal=False, colour=colour)
            parts.append(marker(shape, x, scale.pos(value), colour))
    return [*parts, "</g>"]


def _series_legend(index: int, label: str, y: float) -> list[str]:
    shape, colour, dash = SERIES_STYLES[index]
    return [
        '<g class="zz-legend zz-legend-series">',
        svg_line(TREND_LEFT, y, TREND_LEFT + 36, y, colour, f'stroke-width="2"{_dash(dash)}'),
        marker(shape, TREND_LEFT + 18, y, colour),
        svg_text(TREND_LEFT + 46, y + 4, label),
        "</g>",
    ]


def _dash(pattern: str) -> str:
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def _path(d: str, colour: str, dash: str) -> str:
    style = f'fill="none" stroke="{colour}" stroke-width="2"{_dash(dash)}'
    return f'<path d="{d}" {style} class="zz-trend-line"/>'


def _describe(scale: Scale, value: float, low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return scale.label(value)
    return f"{scale.label(value)} ({scale.label(low)}–{scale.label(high)})"


def describe_row(row: IntervalRow, scale: Scale, compare_label: str) -> str:
    if row.value is None:
        text = f"{row.label}: {row.note}"
    else:
        thin = " *" if row.thin else ""
        text = f"{row.label}: {_describe(scale, row.value, row.low, row.high)}{thin}"
    if row.compare is not None:
        text += ", " + " ".join(filter(None, [compare_label, scale.label(row.compare)]))
    return text


def describe_series(s: TrendSeries, periods: Sequence[str], scale: Scale) -> str:
    values = ", ".join(
        f"{period} {_describe(scale, *p) if p else '–'}"
        for period, p in zip(periods, s.points, strict=True)
    )
    return f"{s.label}: {values}"
