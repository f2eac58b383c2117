"""Chart primitives shared by every app's SVG charts. Pure: plain values in, strings out; no Django.

The pattern every chart follows: an `<svg role="img">` named by its `<title>` and `<desc>`
(`svg_open`), text that comes in already translated and is escaped here, colours with at least
4.5:1 contrast against white, and no information on colour alone (shapes, dashes, text). The same
numbers are always shown in a table beside the chart, in the page's template.

Apps keep their own charts (self-check profiles, needs intervals and trends, the Länder map)
and take the palette, the layout grid, scales, number formatting and row labels from here.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

# Layout in SVG user units (a chart scales with its container via viewBox): a row label on the
# left, the plot, the printed value on the right.
WIDTH = 680
LABEL_WIDTH = 210
PLOT_LEFT = LABEL_WIDTH + 10
PLOT_WIDTH = 380
VALUE_X = PLOT_LEFT + PLOT_WIDTH + 14
TOP = 34  # room for the tick labels above the first row
ROW_HEIGHT = 40
LEGEND_ROW = 22
LABEL_CHARS = 30  # wrap row names longer than this onto a second line
FONT = "'Fira Sans', Arial, sans-serif"

# Palette. Contrast against white: text 17:1, muted text 7.8:1, bar 8.6:1, gridlines 4.5:1;
# the accents 6.5:1 (red), 7.4:1 (brown), 9.9:1 (purple). Marks get a white halo so that they
# also stand out on top of a bar.
TEXT = "#1b1b1b"
MUTED = "#525252"
BAR = "#1f4e79"
GRID = "#767676"
WHITE = "#ffffff"
RED = "#b3261e"
BROWN = "#7a4b00"
PURPLE = "#5b2a86"

TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)  # fractions of a scale that get a gridline


def format_score(score: float | None) -> str:
    """A score as printed in charts and tables: a whole number (half up), or an empty string."""
    if score is None:
        return ""
    return str(int(Decimal(str(score)).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def format_percent(share: float) -> str:
    """A share (0..1) as printed: whole per cent, half up ("42 %")."""
    return f"{format_score(share * 100)} %"


@dataclass(frozen=True)
class Scale:
    """Maps a value (score, or share when `percent`) onto a coordinate, clamped to the scale."""

    scale_max: float
    percent: bool
    start: float  # coordinate of 0
    length: float  # coordinate span of scale_max (negative for a y axis)

    def __post_init__(self) -> None:
        if self.scale_max <= 0 or (self.percent and self.scale_max <= 1):
            raise ValueError(f"scale_max {self.scale_max} is no scale (percent: 100 = 100 %)")

    def pos(self, value: float) -> float:
        share = max(0.0, min(value * 100 if self.percent else value, self.scale_max))
        return round(self.start + share / self.scale_max * self.length, 2)

    def label(self, value: float) -> str:
        return format_percent(value) if self.percent else format_score(value)

    def ticks(self) -> list[tuple[float, str]]:
        """(coordinate, label) at 0, 1/4, 1/2, 3/4 and all of the scale."""
        top = self.scale_max / 100 if self.percent else self.scale_max
        return [(self.pos(t * top), self.label(t * top)) for t in TICKS]


def svg_open(chart_id: str, title: str, desc: str, height: float, kind: str) -> list[str]:
    """The opening of an accessible chart: `<svg role="img">` labelled by its title and desc."""
    cid = escape(chart_id, quote=True)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="zz-{kind}-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{cid}-title {cid}-desc" font-family="{escape(FONT)}" font-size="13">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]


def svg_text(x: float, y: float, text: str, fill: str = TEXT, extra: str = "") -> str:
    """A `<text>` element with the text escaped; "" for no text, so callers can filter it out."""
    attrs = f'x="{x}" y="{y}" fill="{fill}" {extra}'.rstrip()
    return f"<text {attrs}>{escape(text)}</text>" if text else ""


def svg_line(x1: float, y1: float, x2: float, y2: float, colour: str, extra: str = "") -> str:
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" {extra}/>'


def row_label(label: str, mid: float) -> str:
    """A row's name, right-aligned before the plot, wrapped onto at most two lines."""
    lines = textwrap.wrap(label, LABEL_CHARS, max_lines=2, placeholder=" …") or [""]
    first = mid + 4 - (len(lines) - 1) * 8
    spans = "".join(
        f'<tspan x="{LABEL_WIDTH}" y="{first + i * 16}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="end" fill="{TEXT}" class="zz-label">{spans}</text>'
