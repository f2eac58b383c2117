"""From a `Dashboard` to what the page and the PDF draw: charts, the map, the tables' rows.

Charts come from the pure `charts` module; this module adds the reader's language and number
format. Every chart has a table with the same figures next to it (in the templates).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from zukunftszentrum.core import geo
from zukunftszentrum.core.suppression import effective_min_size
from zukunftszentrum.organisations.coverage import TILE_SIZE, MapRegion, plain_region, tile_viewbox
from zukunftszentrum.organisations.models import Land

from . import charts
from .dashboard import (
    Dashboard,
    DomainView,
    Figure,
    count_text,
    missing_reason,
    section_name,
)
from .forms import window_label
from .outcomes import GROUP_TITLES, Outcome
from .selection import Selection


def whole(value: float) -> str:
    """A number rounded half up to a whole, in the reader's format (as the charts print it)."""
    return number_format(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP), 0)


def fmt(figure: Figure | None) -> str:
    """Scores as "62", shares as "41 %"; "" without a figure."""
    if figure is None:
        return ""
    if figure.proportion:
        return f"{whole(figure.value * 100)} %"
    return whole(figure.value)


def fmt_interval(figure: Figure | None) -> str:
    """Scores as "55–69", shares as "30–52 %"."""
    if figure is None:
        return ""
    if figure.proportion:
        return f"{whole(figure.low * 100)}–{whole(figure.high * 100)} %"
    return f"{whole(figure.low)}–{whole(figure.high)}"


@dataclass
class Row:
    """One table row: a label and its figure (or the reason there is none)."""

    label: str
    figure: Figure | None
    note: str = ""
    compare: Figure | None = None
    thin: bool = False
    href: str = ""
    count: str = ""  # companies, as they may be shown ("unter 5" below the minimum)

    @property
    def value(self) -> str:
        return fmt(self.figure)

    @property
    def interval(self) -> str:
        return fmt_interval(self.figure)

    @property
    def compare_value(self) -> str:
        return fmt(self.compare)


@dataclass
class ChartBlock:
    title: str
    svg: str
    rows: list[Row]
    percent: bool = False


def topic_block(board: Dashboard) -> ChartBlock | None:
    focus = board.focus
    if focus is None or not focus.shown:
        return None
    compare = board.nation if focus.key != "nation" and board.nation else None
    rows = [
        Row(
            o.label(),
            fig,
            missing_reason_for_item(fig),
            compare.figure(o.key) if compare else None,
            focus.thin,
        )
        for o, fig in board.ranked_topics
    ]
    return ChartBlock(
        _("Wie wichtig sind die Themen? (0 = unwichtig, 100 = sehr wichtig)"),
        _interval_svg(
            rows, "zz-topics", compare_label=_("Bundesweit") if _compares(rows) else None
        ),
        rows,
    )


def choice_blocks(board: Dashboard) -> list[ChartBlock]:
    focus = board.focus
    if focus is None or not focus.shown:
        return []
    blocks = []
    for group, items in board.choice_groups:
        rows = [Row(o.label(), focus.figure(o.key), thin=focus.thin) for o in items]
        rows = [r for r in rows if r.figure is not None] or rows
        rows.sort(key=lambda r: -(r.figure.value if r.figure else -1))
        for row in rows:
            row.note = missing_reason_for_item(row.figure)
        title = str(GROUP_TITLES[group])
        svg = _interval_svg(rows, f"zz-{group.replace('_', '-')}", percent=True, title=title)
        blocks.append(ChartBlock(title, svg, rows, percent=True))
    return blocks


def score_rows(board: Dashboard) -> list[Row]:
    focus = board.focus
    if focus is None or not focus.shown:
        return []
    return [
        Row(o.label(), focus.figure(o.key), missing_reason_for_item(focus.figure(o.key)))
        for o in board.scores
    ]


def domain_rows(
    views: list[DomainView], topic: Outcome, sel: Selection, param: str, min_size: int
) -> list[Row]:
    """Lands, industries or sizes with the chosen topic; suppressed ones say why."""
    rows = []
    for view in views:
        code = view.key.rsplit(":", 1)[-1]
        href = f"?{sel.query(**{param: code})}" if param else ""
        rows.append(
            Row(
                view.label,
                view.figure(topic.key),
                missing_reason(view) if not view.shown else "",
                thin=view.thin,
                href=href,
                count=count_text(view, min_size),
            )
        )
    return rows


def chosen_topic(board: Dashboard, sel: Selection) -> Outcome | None:
    topics = {o.key: o for o in board.topics}
    if sel.topic in topics:
        return topics[sel.topic]
    ranked = [o for o, fig in board.ranked_topics if fig is not None]
    return ranked[0] if ranked else (board.topics[0] if board.topics else None)


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


OTHER_FILL = "#ffffff"  # Länder outside the selected region: white, with a grey outline (CSS)


def choropleth(board: Dashboard, topic: Outcome, sel: Selection) -> ChoroplethMap:
    """All 16 Länder; the area's own coloured by the topic's estimate, others muted."""
    views = {v.key.removeprefix("land:"): v for v in board.lands}
    shown = [f.value for v in views.values() if (f := v.figure(topic.key)) is not None]
    bins = charts.choropleth_bins(shown) if shown else []
    regions = []
    for land in Land.objects.order_by("ags"):
        view = views.get(land.code)
        figure = view.figure(topic.key) if view else None
        fill = (
            OTHER_FILL if view is None else charts.fill_for(figure.value, bins) if figure else None
        )
        regions.append(
            Region(
                shape=plain_region(land),
                fill=fill,
                dark_label=fill is None or charts.label_colour(fill) != charts.WHITE,
                title=_map_title(land, view, figure),
                href=f"?{sel.query(land=land.code)}" if view is not None else "",
                muted=view is None,
            )
        )
    legend = [(charts.fill_for((lo + hi) / 2, bins), f"{lo:.0f}–{hi:.0f}") for lo, hi in bins]
    return ChoroplethMap(regions, legend, geo.germany_map().viewbox, tile_viewbox())


def _map_title(land: Land, view: DomainView | None, figure: Figure | None) -> str:
    if view is None:
        return _("%(land)s: nicht Teil dieser Region") % {"land": land.name}
    if figure is None:
        return f"{land.name}: {missing_reason(view) or _('zu wenige Antworten')}"
    return _("%(land)s: %(value)s (95-%%-Intervall %(interval)s), %(n)s Unternehmen") % {
        "land": land.name,
        "value": fmt(figure),
        "interval": fmt_interval(figure),
        "n": view.n,
    }


@dataclass
class TrendBlock:
    svg: str
    periods: list[str]
    rows: list[tuple[str, list[str]]]  # topic label, one cell per period
    computing: int  # quarters not computed yet


def trend_block(board: Dashboard) -> TrendBlock | None:
    ranked = [o for o, fig in board.ranked_topics if fig is not None][:3]
    if not ranked or not board.trend:
        return None
    periods = [key for key, _view in board.trend]
    series, rows = [], []
    for topic in ranked:
        points: list[tuple[float, float, float] | None] = []
        cells = []
        for _key, view in board.trend:
            fig = view.figure(topic.key) if view else None
            points.append((fig.value, fig.low, fig.high) if fig else None)
            cells.append(
                f"{fmt(fig)} ({fmt_interval(fig)})"
                if fig
                else (_("wird berechnet") if view is None else missing_reason(view) or "–")
            )
        series.append(charts.TrendSeries(topic.label(), points))
        rows.append((topic.label(), cells))
    svg = charts.trend_chart(
        periods,
        series,
        title=_("Entwicklung der drei wichtigsten Themen je Quartal"),
        chart_id="zz-trend",
        no_data=_("Für keines der Quartale liegen genug Antworten vor."),
    )
    computing = sum(view is None for _key, view in board.trend)
    return TrendBlock(svg, periods, rows, computing)


def missing_reason_for_item(figure: Figure | None) -> str:
    return "" if figure is not None else _("zu wenige Antworten")


def _compares(rows: list[Row]) -> bool:
    return any(r.compare is not None for r in rows)


def _interval_svg(
    rows: list[Row],
    chart_id: str,
    *,
    percent: bool = False,
    compare_label: str | None = None,
    title: str = "",
) -> str:
    return charts.interval_chart(
        [
            charts.IntervalRow(
                r.label,
                r.figure.value if r.figure else None,
                r.figure.low if r.figure else None,
                r.figure.high if r.figure else None,
                r.compare.value if r.compare else None,
                r.thin,
                r.note,
            )
            for r in rows
        ],
        title=title or _("Themen nach Wichtigkeit, mit 95-%-Intervall"),
        percent=percent,
        compare_label=compare_label,
        value_label=_("Schätzung mit 95-%-Intervall"),
        thin_label=_("dünn besetzt: mit Vorsicht lesen"),
        chart_id=chart_id,
    )


def page_context(board: Dashboard, sel: Selection) -> dict[str, Any]:
    topic = chosen_topic(board, sel)
    shown = board.focus is not None and board.focus.shown
    minimum = board.run.min_size if board.run else effective_min_size(settings.ZZ_MIN_GROUP_SIZE)
    return {
        "board": board,
        "sel": sel,
        "min_size": minimum,
        "crumbs": {"area": sel.query(land="", wz=""), "land": sel.query(wz="")},
        "window_label": window_label(sel.window),
        "section_label": section_name(sel.section) if sel.section else "",
        "compare_nation": board.focus is not None and board.focus.key != "nation",
        "recompute_params": sel.params().items(),
        "topic": topic,
        "topics": topic_block(board),
        "choices": choice_blocks(board),
        "scores": score_rows(board),
        "map": choropleth(board, topic, sel) if topic and not sel.land and shown else None,
        "land_rows": domain_rows(board.lands, topic, sel, "land", minimum) if topic else [],
        "industry_rows": domain_rows(board.industries, topic, sel, "wz", minimum) if topic else [],
        "size_rows": domain_rows(board.sizes, topic, sel, "", minimum) if topic else [],
        "trend": trend_block(board) if shown else None,
    }
