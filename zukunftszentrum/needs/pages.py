"""What the needs pages show (the shape step; `pages` as in every app): from the data (`dashboard.Dashboard`, the published
figures of the current run) to the blocks, rows and map entries the page and the PDF show.

One direction: views -> `dashboard.build` (data) -> `shape` (here: labels, rows, blocks, the
reader's language; no SVG) -> `drawing.draw` (charts, map colours) -> templates. Nothing here
draws; the only read is the fixed list of the 16 Länder for the map. Numbers are formatted by `core.charts.format_score`, the one
formatter charts and tables share.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from zukunftszentrum.core.charts import format_percent, format_score
from zukunftszentrum.core.suppression import Reason, effective_min_size
from zukunftszentrum.core.suppression_labels import below_minimum_label, reason_label
from zukunftszentrum.organisations.models import Land, section_label

from .dashboard import Dashboard, DomainView, progress
from .forms import window_label
from .outcomes import GROUP_TITLES, Outcome
from .publication import Figure
from .selection import Selection


def fmt(figure: Figure | None) -> str:
    """Scores as "62", shares as "41 %"; "" without a figure."""
    if figure is None:
        return ""
    return format_percent(figure.value) if figure.proportion else format_score(figure.value)


def fmt_interval(figure: Figure | None) -> str:
    """Scores as "55–69", shares as "30–52 %"."""
    if figure is None:
        return ""
    if figure.proportion:
        return f"{format_score(figure.low * 100)}–{format_score(figure.high * 100)} %"
    return f"{format_score(figure.low)}–{format_score(figure.high)}"


def section_name(code: str) -> str:
    """ "C – Verarbeitendes Gewerbe" in the reader's language."""
    return section_label(code)


def missing_reason(view: DomainView | None) -> str:
    return reason_label(view.reason) if view is not None else ""


def count_text(view: DomainView, min_size: int) -> str:
    """The number of companies as published; below the minimum only "unter 5"."""
    if view.shown:
        return str(view.n)
    if view.reason == Reason.TOO_FEW:
        return below_minimum_label(min_size)
    return "–"


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
    """A chart with its table: shaped here, `svg` drawn by `drawing.draw`."""

    title: str
    rows: list[Row]
    chart_id: str
    percent: bool = False
    compare_label: str | None = None
    chart_title: str = ""  # the SVG's own title, where it differs from the block's heading
    svg: str = ""
    svg_narrow: str = ""  # the same chart laid out for a phone

    @property
    def marks(self) -> Marks:
        return marks(self.rows)


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
        )
        for o, fig in board.ranked_topics
    ]
    return ChartBlock(
        _("Wie wichtig sind die Themen? (0 = unwichtig, 100 = sehr wichtig)"),
        rows,
        "zz-topics",
        compare_label=_("Bundesweit") if _compares(rows) else None,
        chart_title=_("Themen nach Wichtigkeit, mit 95-%-Intervall"),
    )


def choice_blocks(board: Dashboard) -> list[ChartBlock]:
    focus = board.focus
    if focus is None or not focus.shown:
        return []
    blocks = []
    for group, items in board.choice_groups:
        # No per-row mark: every row is the focus domain, whose thinness the page states once.
        rows = [Row(o.label(), focus.figure(o.key)) for o in items]
        rows = [r for r in rows if r.figure is not None] or rows
        rows.sort(key=lambda r: -(r.figure.value if r.figure else -1))
        for row in rows:
            row.note = missing_reason_for_item(row.figure)
        title = str(GROUP_TITLES[group])
        blocks.append(ChartBlock(title, rows, f"zz-{group.replace('_', '-')}", percent=True))
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
class MapLand:
    """A Land on the map as shaped: its figure for the chosen topic (None: hatched), its title
    and link; `muted`: not part of the region. The colour is drawn by `drawing.draw`."""

    land: Land
    figure: Figure | None
    title: str
    href: str
    muted: bool


def map_lands(board: Dashboard, topic: Outcome, sel: Selection) -> list[MapLand]:
    """All 16 Länder; the area's own with the topic's published figure, others muted."""
    views = {v.key.removeprefix("land:"): v for v in board.lands}
    out = []
    for land in Land.objects.order_by("ags"):
        view = views.get(land.code)
        figure = view.figure(topic.key) if view else None
        out.append(
            MapLand(
                land,
                figure,
                _map_title(land, view, figure),
                f"?{sel.query(land=land.code)}" if view is not None else "",
                view is None,
            )
        )
    return out


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
    periods: list[str]
    series: list[tuple[str, list[tuple[float, float, float] | None]]]  # label, per period
    rows: list[tuple[str, list[str]]]  # topic label, one cell per period
    computing: int  # quarters not computed yet
    svg: str = ""  # drawn by `drawing.draw`
    svg_narrow: str = ""  # the same chart laid out for a phone

    @property
    def waiting(self) -> bool:
        """No quarter computed yet: the sentence says so, no empty chart."""
        return self.computing == len(self.periods)


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
        series.append((topic.label(), points))
        rows.append((topic.label(), cells))
    computing = sum(view is None for _key, view in board.trend)
    return TrendBlock(periods, series, rows, computing)


@dataclass(frozen=True)
class Marks:
    """Which marks a table uses, so that its legend stands right beside it."""

    thin: bool = False
    protected: bool = False
    too_few: bool = False
    all_thin: bool = False  # every figure is thin: said once for the table, no asterisks

    @property
    def any(self) -> bool:
        return self.thin or self.protected or self.too_few


def marks(rows: list[Row]) -> Marks:
    """The marks of a table's rows: the asterisk (thin), "verdeckt", "zu wenige Antworten".

    An asterisk only tells something when it sets some rows apart; on every row it is noise,
    so a table whose figures are all thin says so once instead."""
    protected = reason_label(Reason.PROTECTED)
    shown = [r for r in rows if r.figure is not None]
    return Marks(
        thin=any(r.thin for r in shown),
        protected=any(r.figure is None and r.note == protected for r in rows),
        too_few=any(r.figure is None and r.note != protected for r in rows),
        all_thin=bool(shown) and all(r.thin for r in shown),
    )


def headline(block: ChartBlock | None, count: int = 3) -> list[Row]:
    """The answer to "what do companies here need?": the leading topics with a figure."""
    if block is None:
        return []
    return [r for r in block.rows if r.figure is not None][:count]


def overlapping(rows: list[Row]) -> bool:
    """Whether the leading topics' intervals overlap, so their order is not assured."""
    figures = [r.figure for r in rows if r.figure is not None]
    return any(a.low <= b.high and b.low <= a.high for a, b in itertools.pairwise(figures))


def missing_reason_for_item(figure: Figure | None) -> str:
    return "" if figure is not None else _("zu wenige Antworten")


def _compares(rows: list[Row]) -> bool:
    return any(r.compare is not None for r in rows)


@dataclass
class Page:
    """Everything the page (and, in part, the PDF) shows, shaped once from the data."""

    board: Dashboard
    sel: Selection
    min_size: int
    topic: Outcome | None
    topics: ChartBlock | None
    choices: list[ChartBlock]
    scores: list[Row]
    map: list[MapLand] | None
    land_rows: list[Row] = field(default_factory=list)
    industry_rows: list[Row] = field(default_factory=list)
    size_rows: list[Row] = field(default_factory=list)
    trend: TrendBlock | None = None
    choropleth: Any = None  # the map as drawn (`drawing.ChoroplethMap`), set by `drawing.draw`


def shape(board: Dashboard, sel: Selection) -> Page:
    """The one shape step: called once per page or PDF, after the data step, before drawing."""
    topic = chosen_topic(board, sel)
    shown = board.focus is not None and board.focus.shown
    minimum = board.run.min_size if board.run else effective_min_size(settings.ZZ_MIN_GROUP_SIZE)
    page = Page(
        board,
        sel,
        minimum,
        topic,
        topic_block(board),
        choice_blocks(board),
        score_rows(board),
        map_lands(board, topic, sel) if topic and not sel.land and shown else None,
        trend=trend_block(board) if shown else None,
    )
    if topic:
        page.land_rows = domain_rows(board.lands, topic, sel, "land", minimum)
        page.industry_rows = domain_rows(board.industries, topic, sel, "wz", minimum)
        page.size_rows = domain_rows(board.sizes, topic, sel, "", minimum)
    return page


def sections(page: Page) -> list[tuple[str, str]]:
    """The page's sections as (anchor, title), in order: the jump links at the top."""
    shown = page.board.focus is not None and page.board.focus.shown and page.board.complete
    out: list[tuple[str, str]] = []
    if shown and page.topics is not None:
        out += [("antwort", _("Das Wichtigste")), ("themen", _("Alle Themen"))]
    if shown and page.map is not None:
        out.append(("karte", _("Nach Ländern")))
    if shown and not page.sel.section and page.topic is not None:
        out += [("branchen", _("Nach Branchen")), ("groessen", _("Nach Größenklassen"))]
    if shown:
        out += [(block.chart_id.removeprefix("zz-"), block.title) for block in page.choices]
    if shown and page.scores:
        out.append(("checks", _("Selbstchecks")))
    if shown and page.trend is not None:
        out.append(("trend", _("Entwicklung")))
    out.append(("weiter", _("Herunterladen und Methode")))
    return out


def page_context(page: Page) -> dict[str, object]:
    """Template data of `needs/dashboard.html` from a shaped and drawn page."""
    board, sel = page.board, page.sel
    return {
        "board": board,
        "sel": sel,
        "min_size": page.min_size,
        "crumbs": {"area": sel.query(land="", wz=""), "land": sel.query(wz="")},
        "window_label": window_label(sel.window),
        "section_label": section_name(sel.section) if sel.section else "",
        "compare_nation": board.focus is not None and board.focus.key != "nation",
        "recompute_params": sel.params().items(),
        "topic": page.topic,
        "topics": page.topics,
        "choices": page.choices,
        "scores": page.scores,
        "land_rows": page.land_rows,
        "industry_rows": page.industry_rows,
        "size_rows": page.size_rows,
        "trend": page.trend,
        "sections": sections(page),
        "progress": progress(board.pending, sel.window.key, board.run),
        "leading_choices": [
            (block.title, block.rows[0])
            for block in page.choices
            if block.rows and block.rows[0].figure
        ],
        "headline": headline(page.topics),
        "headline_overlaps": overlapping(headline(page.topics)),
        "marks": {
            "topics": marks(page.topics.rows) if page.topics else Marks(),
            "lands": marks(page.land_rows),
            "industries": marks(page.industry_rows),
            "sizes": marks(page.size_rows),
            "scores": marks(page.scores),
        },
    }
