"""The drawing step of the needs pages: a shaped `pages.Page` gets its SVG charts and map
colours from the pure `charts` module. Called once per page or PDF, after `pages.shape`;
it only draws what the shape step decided, from the published figures it carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from zukunftszentrum.core import geo
from zukunftszentrum.organisations.coverage import TILE_SIZE, MapRegion, plain_region, tile_viewbox

from . import charts, charts_narrow
from .pages import ChartBlock, MapLand, Page, TrendBlock, page_context

OTHER_FILL = "#ffffff"  # Länder outside the selected region: white, with a grey outline (CSS)


@dataclass
class Region:
    """A Land on the choropleth map and in the tile grid."""

    shape: MapRegion  # geometry: path, label point, tile position
    fill: str | None  # None: hatched, too few answers
    dark_label: bool  # dark text on a light fill (else white)
    title: str
    href: str
    muted: bool  # not part of the selected region


@dataclass
class ChoroplethMap:
    regions: list[Region]
    legend: list[tuple[str, str]]  # (fill, "50–59")
    viewbox: str
    tile_viewbox: str
    tile_size: int = TILE_SIZE
    suppressed_fill: str = charts.SUPPRESSED_FILL


def draw(page: Page) -> Page:
    """Draw the page's charts and map in place (blocks get their SVG, the map its colours);
    returns the page."""
    for block in (page.topics, *page.choices):
        if block is not None:
            block.svg = interval_svg(block)
            block.svg_narrow = interval_svg_narrow(block)
    if page.trend is not None:
        page.trend.svg = trend_svg(page.trend)
        page.trend.svg_narrow = trend_svg_narrow(page.trend)
    if page.map is not None:
        page.choropleth = choropleth(page.map)
    return page


def interval_svg(block: ChartBlock) -> str:
    return charts.interval_chart(
        _interval_rows(block),
        title=block.chart_title or block.title,
        percent=block.percent,
        compare_label=block.compare_label,
        value_label=_("Schätzung mit 95-%-Intervall"),
        thin_label=_("dünn besetzt: mit Vorsicht lesen"),
        chart_id=block.chart_id,
    )


def _interval_rows(block: ChartBlock) -> list[charts.IntervalRow]:
    return [
        charts.IntervalRow(
            r.label,
            r.figure.value if r.figure else None,
            r.figure.low if r.figure else None,
            r.figure.high if r.figure else None,
            r.compare.value if r.compare else None,
            r.thin,
            r.note,
        )
        for r in block.rows
    ]


def interval_svg_narrow(block: ChartBlock) -> str:
    """The same chart for a phone: names above the bars, larger type (`charts_narrow`)."""
    rows = _interval_rows(block)
    legend = [("value", _("Schätzung mit 95-%-Intervall"))]
    legend += [("compare", block.compare_label)] if block.compare_label else []
    legend += [("thin", _("dünn besetzt: mit Vorsicht lesen"))] if any(r.thin for r in rows) else []
    return charts_narrow.interval_chart(
        rows,
        title=block.chart_title or block.title,
        percent=block.percent,
        legend=legend,
        compare_label=block.compare_label or "",
        chart_id=f"{block.chart_id}-narrow",
    )


def trend_svg_narrow(trend: TrendBlock) -> str:
    return charts_narrow.trend_chart(
        trend.periods,
        [charts.TrendSeries(label, points) for label, points in trend.series],
        title=_("Entwicklung der drei wichtigsten Themen je Quartal"),
        chart_id="zz-trend-narrow",
        no_data=_trend_no_data(trend),
    )


def _trend_no_data(trend: TrendBlock) -> str:
    """Quarters still computing are not quarters without enough answers."""
    if trend.computing == len(trend.periods):
        return _("Die Quartale werden gerade berechnet.")
    return _("Für keines der Quartale liegen genug Antworten vor.")


def trend_svg(trend: TrendBlock) -> str:
    return charts.trend_chart(
        trend.periods,
        [charts.TrendSeries(label, points) for label, points in trend.series],
        title=_("Entwicklung der drei wichtigsten Themen je Quartal"),
        chart_id="zz-trend",
        no_data=_trend_no_data(trend),
    )


def choropleth(lands: list[MapLand]) -> ChoroplethMap:
    """The map: the region's Länder coloured by their published figure, others white."""
    shown = [m.figure.value for m in lands if m.figure is not None]
    bins = charts.choropleth_bins(shown) if shown else []
    regions = []
    for m in lands:
        fill = (
            OTHER_FILL
            if m.muted
            else charts.fill_for(m.figure.value, bins)
            if m.figure is not None
            else None
        )
        regions.append(
            Region(
                shape=plain_region(m.land),
                fill=fill,
                dark_label=fill is None or charts.label_colour(fill) != charts.WHITE,
                title=m.title,
                href=m.href,
                muted=m.muted,
            )
        )
    legend = [(charts.fill_for((lo + hi) / 2, bins), f"{lo:.0f}–{hi:.0f}") for lo, hi in bins]
    return ChoroplethMap(regions, legend, geo.germany_map().viewbox, tile_viewbox())


def drawn_context(page: Page) -> dict[str, Any]:
    """Template data of `needs/dashboard.html`: the page drawn, with its map."""
    draw(page)
    return {**page_context(page), "map": page.choropleth}
