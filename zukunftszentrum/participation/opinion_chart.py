"""The opinion groups as an accessible bar chart of their sizes. Pure: no Django imports.

Texts come in translated; a withheld size gets no bar, only its text ("weniger als 5"), so the
chart never shows more than the table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zukunftszentrum.core.charts import (
    BAR,
    GRID,
    PLOT_LEFT,
    PLOT_WIDTH,
    ROW_HEIGHT,
    TOP,
    VALUE_X,
    Scale,
    row_label,
    svg_line,
    svg_open,
    svg_text,
)


@dataclass(frozen=True)
class Bar:
    label: str  # "Gruppe A"
    value: int | None  # the published size, None when withheld
    text: str  # what is printed: "12" or "weniger als 5"


def group_chart(bars: Sequence[Bar], *, title: str, desc: str) -> str:
    top = max([b.value for b in bars if b.value is not None] or [1])
    scale = Scale(float(max(top, 1)), False, PLOT_LEFT, PLOT_WIDTH)
    height = TOP + ROW_HEIGHT * len(bars) + 10
    parts = svg_open("opinion-groups", title, desc, height, "bar")
    for x, label in scale.ticks():
        parts.append(svg_line(x, TOP - 6, x, height - 10, GRID, 'stroke-dasharray="2 3"'))
        parts.append(svg_text(x, TOP - 12, label, extra='text-anchor="middle" aria-hidden="true"'))
    for i, bar in enumerate(bars):
        y = TOP + i * ROW_HEIGHT
        mid = y + ROW_HEIGHT / 2
        parts.append(row_label(bar.label, mid))
        if bar.value is not None:
            width = scale.pos(bar.value) - PLOT_LEFT
            parts.append(
                f'<rect x="{PLOT_LEFT}" y="{mid - 10}" width="{width}" height="20" fill="{BAR}"/>'
            )
        parts.append(svg_text(VALUE_X, mid + 4, bar.text))
    parts.append("</svg>")
    return "\n".join(p for p in parts if p)
