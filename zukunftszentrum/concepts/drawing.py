"""The map of a proposed programme: the region's Länder shaded by their number of sessions,
the places as dots with their session counts. Pure: core.geo and core.charts, no Django; the
words come in translated. The same numbers stand in the table beside the map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from zukunftszentrum.core import charts, geo

SHADES = ("#dce9f5", "#9cc0e3", "#4f86c0", "#1f4e79")  # light to dark; the last two take white text
OTHER = "#f2f2f2"
WIDTH = 360  # px on the page (attributes, not styles: the CSP allows no inline styles)


def programme_map(
    lands: Mapping[str, int],
    places: Sequence[tuple[str, float, float, int]],
    *,
    title: str,
    desc: str,
) -> str:
    """`lands`: Land code -> sessions (the region's Länder); `places`: (name, lat, lon,
    sessions). An inline SVG, cropped to the region."""
    germany = geo.germany_map()
    projection = geo.fit_projection(geo.load_features(), geo.MAP_WIDTH, geo.MAP_PADDING)
    shapes = [s for s in germany.shapes if s.code in lands] or list(germany.shapes)
    x0 = min(s.bbox[0] for s in shapes) - 10
    y0 = min(s.bbox[1] for s in shapes) - 10
    x1 = max(s.bbox[2] for s in shapes) + 10
    y1 = max(s.bbox[3] for s in shapes) + 10
    top = max(lands.values(), default=0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="zz-map" role="img" '
        f'viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}" '
        f'width="{WIDTH}" height="{WIDTH * (y1 - y0) / (x1 - x0):.0f}" '
        f'aria-labelledby="zz-plan-map-title zz-plan-map-desc" font-family="{escape(charts.FONT)}" '
        'font-size="9">',
        f'<title id="zz-plan-map-title">{escape(title)}</title>',
        f'<desc id="zz-plan-map-desc">{escape(desc)}</desc>',
    ]
    for shape in germany.shapes:
        if shape.code in lands:
            count = lands[shape.code]
            fill = (
                SHADES[min(len(SHADES) - 1, int(count / top * (len(SHADES) - 1)))]
                if top
                else SHADES[0]
            )
        else:
            fill = OTHER
        out.append(f'<path d="{shape.d}" fill="{fill}" stroke="#ffffff" stroke-width="1"/>')
    for shape in germany.shapes:
        if shape.code in lands:
            fill = (
                SHADES[min(len(SHADES) - 1, int(lands[shape.code] / top * (len(SHADES) - 1)))]
                if top
                else SHADES[0]
            )
            colour = charts.WHITE if fill in SHADES[2:] else charts.TEXT
            x, y = shape.label
            out.append(
                charts.svg_text(
                    x,
                    y,
                    f"{shape.code} {lands[shape.code]}",
                    colour,
                    'text-anchor="middle" font-weight="600"',
                )
            )
    for name, lat, lon, sessions in places:
        x, y = projection(lon, lat)
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{charts.RED}" stroke="#ffffff"/>'
        )
        out.append(
            charts.svg_text(round(x + 5, 1), round(y + 3, 1), f"{name} ({sessions})", charts.TEXT)
        )
    out.append("</svg>")
    return "".join(out)
