"""Accessible SVG for result profiles. Pure: plain values in, a string out; no Django.

A horizontal bar per dimension on a 0–100 scale, gridlines at the level thresholds, the value
printed beside each bar, and optional comparison marks (peer group, perspectives) drawn with
distinct shapes and named in a legend, so no information rests on colour alone. The same
numbers are always shown in a table next to the chart (see `_profile.html`). Palette, layout,
number formatting and row labels come from `core.charts`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from zukunftszentrum.assessments.engine.schema import Instrument
from zukunftszentrum.core.charts import (
    BAR,
    BROWN,
    FONT,
    GRID,
    LEGEND_ROW,
    MUTED,
    PLOT_LEFT,
    PLOT_WIDTH,
    PURPLE,
    RED,
    ROW_HEIGHT,
    TEXT,
    TOP,
    VALUE_X,
    format_score,
    row_label,
    svg_open,
)

DimensionBar = tuple[str, str, float | None]  # (id, label, score 0–100 or None)

BAR_HEIGHT = 18
GRIDLINES = (20, 40, 60, 80)  # the level thresholds

# Comparison marks: a shape each (never colour alone), every colour >= 4.5:1 against white.
MARKS: tuple[tuple[str, str], ...] = (
    ("diamond", RED),
    ("circle", TEXT),
    ("triangle", BROWN),
    ("square", PURPLE),
)


def profile_svg(
    dimensions: Sequence[DimensionBar],
    *,
    compare: Mapping[str, Sequence[float | None]] | None = None,
    title: str,
    desc: str,
    chart_id: str = "profile",
    no_data: str = "keine Daten",
    bar_name: str = "Ergebnis",
) -> str:
    """An accessible horizontal bar chart of dimension scores (0–100) as an SVG string.

    `compare` maps a legend name (e.g. "Vergleichsgruppe") to one value per dimension. The
    texts `no_data` and `bar_name` are passed in already translated: this module has no i18n.
    """
    compare = dict(compare or {})
    for name, values in compare.items():
        if len(values) != len(dimensions):
            raise ValueError(f"comparison {name!r} has {len(values)} values for {len(dimensions)}")
    if len(compare) > len(MARKS):
        raise ValueError(f"at most {len(MARKS)} comparisons can be drawn")
    plot_bottom = TOP + ROW_HEIGHT * len(dimensions)
    height = plot_bottom + 12 + (LEGEND_ROW * (len(compare) + 1) if compare else 0)
    parts = [*svg_open(chart_id, title, desc, height, "profile"), *_axis(plot_bottom)]
    for row, (_dim_id, label, score) in enumerate(dimensions):
        marks = [(i, values[row]) for i, values in enumerate(compare.values())]
        parts.extend(_row(row, label, score, marks, no_data))
    if compare:
        parts.extend(_legend(bar_name, list(compare), plot_bottom + 12))
    parts.append("</svg>")
    return "\n".join(parts)


def bar_width(score: float) -> float:
    """The width of a bar for a score, clamped to the 0–100 scale."""
    return round(max(0.0, min(100.0, score)) / 100 * PLOT_WIDTH, 2)


def _x(value: float) -> float:
    return round(PLOT_LEFT + bar_width(value), 2)


def _axis(plot_bottom: int) -> list[str]:
    parts = []
    for tick in (0, *GRIDLINES, 100):
        x = _x(tick)
        solid = tick in (0, 100)
        dash = "" if solid else ' stroke-dasharray="3 3"'
        parts.append(
            f'<line x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{plot_bottom}" stroke="{GRID}" '
            f'stroke-width="1"{dash} aria-hidden="true"/>'
        )
        parts.append(
            f'<text x="{x}" y="{TOP - 12}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="11" aria-hidden="true">{tick}</text>'
        )
    return parts


def _row(
    row: int, label: str, score: float | None, marks: list[tuple[int, float | None]], no_data: str
) -> list[str]:
    y = TOP + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
    mid = y + BAR_HEIGHT / 2
    parts = [row_label(label, mid)]
    if score is None:
        parts.append(
            f'<text x="{VALUE_X}" y="{mid + 4}" fill="{MUTED}" font-style="italic" '
            f'font-size="11" class="zz-no-data">{escape(no_data)}</text>'
        )
    else:
        parts.append(
            f'<rect x="{PLOT_LEFT}" y="{y}" width="{bar_width(score)}" height="{BAR_HEIGHT}" '
            f'fill="{BAR}" data-score="{round(score, 1)}"/>'
        )
        parts.append(
            f'<text x="{VALUE_X}" y="{mid + 4}" fill="{TEXT}" font-weight="600">'
            f"{format_score(score)}</text>"
        )
    for index, value in marks:
        if value is not None:
            parts.append(_mark(index, _x(value), mid))
    return parts


def _mark(index: int, x: float, y: float, size: float = 7) -> str:
    shape, colour = MARKS[index]
    style = f'fill="{colour}" stroke="#ffffff" stroke-width="2" class="zz-mark zz-mark-{shape}"'
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{size - 1}" {style}/>'
    if shape == "square":
        s = size - 1
        return f'<rect x="{x - s}" y="{y - s}" width="{2 * s}" height="{2 * s}" {style}/>'
    if shape == "triangle":
        points = [(x, y - size), (x + size, y + size - 1), (x - size, y + size - 1)]
    else:  # diamond
        points = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    coords = " ".join(f"{round(px, 2)},{round(py, 2)}" for px, py in points)
    return f'<polygon points="{coords}" {style}/>'


def _legend(bar_name: str, names: list[str], top: int) -> list[str]:
    y = top + LEGEND_ROW / 2
    parts = [
        f'<rect x="{PLOT_LEFT}" y="{y - 6}" width="24" height="12" fill="{BAR}"/>',
        f'<text x="{PLOT_LEFT + 32}" y="{y + 4}" fill="{TEXT}">{escape(bar_name)}</text>',
    ]
    for i, name in enumerate(names, start=1):
        y = top + LEGEND_ROW * i + LEGEND_ROW / 2
        parts.append(_mark(i - 1, PLOT_LEFT + 12, y))
        parts.append(f'<text x="{PLOT_LEFT + 32}" y="{y + 4}" fill="{TEXT}">{escape(name)}</text>')
    return parts


# --- the narrow layout: for phones, names above the bars --------------------------------------
# The wide chart (680 wide) shrinks on a 360 px screen until its 13 px text is about 6 px high.
# This one is drawn for about 340 px, so it is shown at nearly its own size: text stays readable.
NARROW_WIDTH = 340
NARROW_PLOT = 270  # the 0–100 scale
NARROW_VALUE_X = NARROW_PLOT + 10
NARROW_LABEL_CHARS = 38
NARROW_LINE = 16
NARROW_GAP = 16  # between one bar and the next row's name


def _nx(value: float) -> float:
    return round(max(0.0, min(100.0, value)) / 100 * NARROW_PLOT, 2) + 1


def narrow_profile_svg(
    dimensions: Sequence[DimensionBar],
    *,
    compare: Mapping[str, Sequence[float | None]] | None = None,
    title: str,
    desc: str,
    chart_id: str = "profile-narrow",
    no_data: str = "keine Daten",
    bar_name: str = "Ergebnis",
) -> str:
    """The profile for narrow screens: each dimension's name on its own line(s) above its bar,
    the 0–100 scale across the full width, the same marks and legend as `profile_svg`."""
    compare = dict(compare or {})
    if len(compare) > len(MARKS):
        raise ValueError(f"at most {len(MARKS)} comparisons can be drawn")
    body: list[str] = []
    y = 30.0  # below the tick labels
    for row, (_dim_id, label, score) in enumerate(dimensions):
        lines = textwrap.wrap(label, NARROW_LABEL_CHARS, max_lines=2, placeholder=" …") or [""]
        spans = "".join(
            f'<tspan x="1" y="{y + 12 + i * NARROW_LINE}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        body.append(f'<text fill="{TEXT}" class="zz-label">{spans}</text>')
        top = y + len(lines) * NARROW_LINE + 4
        mid = top + BAR_HEIGHT / 2
        for tick in (0, *GRIDLINES, 100):
            dash = "" if tick in (0, 100) else ' stroke-dasharray="3 3"'
            body.append(
                f'<line x1="{_nx(tick)}" y1="{top - 3}" x2="{_nx(tick)}" '
                f'y2="{top + BAR_HEIGHT + 3}" stroke="{GRID}" stroke-width="1"{dash} '
                'aria-hidden="true"/>'
            )
        if score is None:
            body.append(
                f'<text x="4" y="{mid + 4}" fill="{MUTED}" font-style="italic" '
                f'class="zz-no-data">{escape(no_data)}</text>'
            )
        else:
            body.append(
                f'<rect x="1" y="{top}" width="{_nx(score) - 1}" height="{BAR_HEIGHT}" '
                f'fill="{BAR}" data-score="{round(score, 1)}"/>'
            )
            body.append(
                f'<text x="{NARROW_VALUE_X}" y="{mid + 4}" fill="{TEXT}" font-weight="600">'
                f"{format_score(score)}</text>"
            )
        for index, values in enumerate(compare.values()):
            if (value := values[row]) is not None:
                body.append(_mark(index, _nx(value), mid))
        y = top + BAR_HEIGHT + NARROW_GAP
    ticks = [
        f'<text x="{_nx(t)}" y="16" text-anchor="middle" fill="{MUTED}" aria-hidden="true">'
        f"{t}</text>"
        for t in (0, 50, 100)
    ]
    legend = _narrow_legend(bar_name, list(compare), y) if compare else []
    height = round(y + (LEGEND_ROW * (len(compare) + 1) if compare else 0))
    cid = escape(chart_id, quote=True)
    opening = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="zz-profile-chart zz-profile-chart--narrow" '
        f'role="img" viewBox="-8 0 {NARROW_WIDTH + 8} {height}" width="{NARROW_WIDTH + 8}" '
        f'height="{height}" aria-labelledby="{cid}-title {cid}-desc" '
        f'font-family="{escape(FONT)}" font-size="14">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]
    return "\n".join([*opening, *ticks, *body, *legend, "</svg>"])


def _narrow_legend(bar_name: str, names: list[str], top: float) -> list[str]:
    y = top + LEGEND_ROW / 2
    parts = [
        f'<rect x="1" y="{y - 6}" width="24" height="12" fill="{BAR}"/>',
        f'<text x="32" y="{y + 4}" fill="{TEXT}">{escape(bar_name)}</text>',
    ]
    for i, name in enumerate(names, start=1):
        y = top + LEGEND_ROW * i + LEGEND_ROW / 2
        parts.append(_mark(i - 1, 12, y))
        parts.append(f'<text x="32" y="{y + 4}" fill="{TEXT}">{escape(name)}</text>')
    return parts


@dataclass(frozen=True)
class ProfileRow:
    """One dimension as shown in the chart and its table."""

    id: str
    label: str
    score: float | None
    level: int | None
    level_label: str
    compare: tuple[float | None, ...] = ()

    @property
    def score_display(self) -> str:
        return format_score(self.score)

    @property
    def compare_display(self) -> tuple[str, ...]:
        return tuple(format_score(v) for v in self.compare)


@dataclass(frozen=True)
class ProfileLevel:
    level: int
    min: float
    max: float
    label: str


@dataclass(frozen=True)
class Profile:
    """Everything `_profile.html` needs: chart, table rows, comparison names and the levels."""

    title: str
    desc: str
    rows: tuple[ProfileRow, ...]
    levels: tuple[ProfileLevel, ...]
    compare_names: tuple[str, ...] = ()
    chart_id: str = "profile"
    no_data: str = "keine Daten"
    bar_name: str = "Ergebnis"

    @property
    def svg_narrow(self) -> str:
        """The same chart for a phone: names above the bars (see `narrow_profile_svg`)."""
        return narrow_profile_svg(
            [(r.id, r.label, r.score) for r in self.rows],
            compare=self._compare() or None,
            title=self.title,
            desc=self.desc,
            chart_id=f"{self.chart_id}-narrow",
            no_data=self.no_data,
            bar_name=self.bar_name,
        )

    def _compare(self) -> dict[str, list[float | None]]:
        return {
            name: [row.compare[i] for row in self.rows] for i, name in enumerate(self.compare_names)
        }

    @property
    def svg(self) -> str:
        compare = self._compare()
        return profile_svg(
            [(r.id, r.label, r.score) for r in self.rows],
            compare=compare or None,
            title=self.title,
            desc=self.desc,
            chart_id=self.chart_id,
            no_data=self.no_data,
            bar_name=self.bar_name,
        )


def build_profile(
    instrument: Instrument,
    scores: Mapping[str, float | None],
    *,
    lang: str,
    title: str,
    compare: Mapping[str, Mapping[str, float | None]] | None = None,
    chart_id: str = "profile",
    no_data: str = "keine Daten",
    bar_name: str = "Ergebnis",
) -> Profile:
    """The profile of one result (or mean profile): dimension id -> score, in the instrument's order.

    `compare` maps a translated name (peer group, a perspective) to its scores per dimension id.
    """
    compare = compare or {}
    rows = []
    for dim in instrument.dimensions:
        score = scores.get(dim.id)
        level = instrument.level_for(score)
        rows.append(
            ProfileRow(
                id=dim.id,
                label=dim.title.get(lang),
                score=score,
                level=level.level if level else None,
                level_label=level.label.get(lang) if level else "",
                compare=tuple(c.get(dim.id) for c in compare.values()),
            )
        )
    desc = "; ".join(f"{r.label}: {r.score_display or no_data}" for r in rows)
    return Profile(
        title=title,
        desc=desc,
        rows=tuple(rows),
        levels=_levels(instrument, lang),
        compare_names=tuple(compare),
        chart_id=chart_id,
        no_data=no_data,
        bar_name=bar_name,
    )


def _levels(instrument: Instrument, lang: str) -> tuple[ProfileLevel, ...]:
    levels = sorted(instrument.levels, key=lambda lv: lv.min)
    uppers = [lv.min for lv in levels[1:]] + [100.0]
    return tuple(
        ProfileLevel(lv.level, lv.min, upper, lv.label.get(lang))
        for lv, upper in zip(levels, uppers, strict=True)
    )
