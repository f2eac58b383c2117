"""The needs dashboard's one domain call: stored estimates -> what the page, PDF and exports show.

Reads only stored runs (a handful of queries, none over the responses). What is missing is
queued in the background (`runs.ensure_fresh`) and reported as pending.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from zukunftszentrum.core.suppression import Reason
from zukunftszentrum.core.suppression_labels import below_minimum_label, reason_label
from zukunftszentrum.organisations.models import Land, Organisation, section_label
from zukunftszentrum.organisations.reference import WZ_SECTIONS

from . import runs
from .estimation.cells import SME_SIZES
from .models import DomainResult, EstimateRun
from .outcomes import CHOICE_GROUPS, Outcome, by_group, outcomes
from .queries import Window
from .scope import Area

WEIGHTED, RAW = "gewichtet", "roh"
TREND_QUARTERS = 8
TREND_SERIES = 3


@dataclass(frozen=True)
class Figure:
    """One outcome in one domain: the estimate, its 95 % interval (clipped to the scale) and n."""

    value: float
    low: float
    high: float
    n: int
    proportion: bool

    @property
    def scale(self) -> float:
        return 1.0 if self.proportion else 100.0

    @classmethod
    def from_stored(cls, stored: Sequence[Any] | None, proportion: bool) -> Figure | None:
        if not stored or stored[0] is None:
            return None
        top = 1.0 if proportion else 100.0
        value, low, high = stored[0], stored[2], stored[3]
        low = 0.0 if low is None else max(0.0, low)
        high = top if high is None else min(top, high)
        return cls(value, low, high, int(stored[4]), proportion)


@dataclass
class DomainView:
    """A domain as shown: its figures (weighted or raw), or why there are none."""

    key: str
    label: str
    reason: str | None  # None or a `Reason`
    n: int
    thin: bool = False
    population: float | None = None
    n_eff: float | None = None
    deff: float | None = None
    figures: dict[str, Figure | None] = field(default_factory=dict)
    href: str = ""

    @property
    def shown(self) -> bool:
        return self.reason is None

    def figure(self, key: str) -> Figure | None:
        return self.figures.get(key) if self.shown else None

    def top_topics(self, topics: Sequence[Outcome], count: int = 3) -> list[tuple[str, Figure]]:
        ranked = [(o.label(), f) for o in topics if (f := self.figure(o.key)) is not None]
        return sorted(ranked, key=lambda item: -item[1].value)[:count]


def domain_view(
    result: DomainResult | None, label: str, weighting: str, kinds: dict[str, bool]
) -> DomainView:
    """`kinds` maps outcome key -> is a proportion."""
    key = result.key if result else ""
    if result is None:
        return DomainView(key, label, Reason.TOO_FEW, 0)
    if weighting == RAW:
        if not result.raw:
            return DomainView(key, label, result.suppressed or Reason.TOO_FEW, result.n_raw)
        figures = {k: Figure.from_stored(v, kinds.get(k, False)) for k, v in result.raw.items()}
        return DomainView(key, label, None, result.n_raw, result.n_raw < 10, figures=figures)
    if result.suppressed:
        return DomainView(key, label, result.suppressed, result.n_raw)
    figures = {k: Figure.from_stored(v, kinds.get(k, False)) for k, v in result.weighted.items()}
    return DomainView(
        key,
        label,
        None,
        result.n or 0,
        result.thin,
        result.population,
        result.n_eff,
        result.deff,
        figures,
    )


def focus_key(area: Area, land: str | None, section: str | None) -> str:
    base = f"land:{land}" if land else area.key
    if section is None:
        return base
    return f"wz:{section}" if base == "nation" else f"{base}|wz:{section}"


@dataclass
class Dashboard:
    window: Window
    area: Area
    land: Land | None
    section: str | None
    weighting: str
    run: EstimateRun | None
    pending: list[EstimateRun]
    items: tuple[Outcome, ...]
    focus: DomainView | None = None
    nation: DomainView | None = None
    lands: list[DomainView] = field(default_factory=list)
    industries: list[DomainView] = field(default_factory=list)
    sizes: list[DomainView] = field(default_factory=list)
    trend: list[tuple[str, DomainView | None]] = field(default_factory=list)

    @property
    def topics(self) -> list[Outcome]:
        return by_group(self.items, "topic")

    @property
    def choice_groups(self) -> list[tuple[str, list[Outcome]]]:
        return [(g, by_group(self.items, g)) for g in CHOICE_GROUPS]

    @property
    def scores(self) -> list[Outcome]:
        return by_group(self.items, "score")

    @property
    def ranked_topics(self) -> list[tuple[Outcome, Figure | None]]:
        """Topics by estimate, highest first; those without an estimate last."""
        if self.focus is None:
            return []
        rows = [(o, self.focus.figure(o.key)) for o in self.topics]
        return sorted(rows, key=lambda r: (r[1] is None, -(r[1].value if r[1] else 0)))

    @property
    def complete(self) -> bool:
        return self.run is not None and self.focus is not None and self.focus.shown


def build(
    window: Window,
    area: Area,
    *,
    land: Land | None = None,
    section: str | None = None,
    weighting: str = WEIGHTED,
) -> Dashboard:
    """Everything the dashboard shows for a window, an area and an optional Land or industry."""
    quarters = window.quarters(TREND_QUARTERS)
    pending = [p for w in (window, *quarters) if (p := runs.ensure_fresh(w)) is not None]
    run = runs.current_run(window)
    items = outcomes()
    board = Dashboard(window, area, land, section, weighting, run, pending, items)
    if run is None:
        return board
    kinds = {o.key: o.kind == "proportion" for o in items}
    key = focus_key(area, land.code if land else None, section)
    base = f"land:{land.code}" if land else area.key
    lands = {f"land:{x.code}": x for x in area.lands}
    sections = {_join(base, f"wz:{s}"): s for s in WZ_SECTIONS}
    sizes = {_join(base, f"size:{s}"): s for s in SME_SIZES}
    wanted = {key, "nation", *lands, *sections, *sizes}
    results = {r.key: r for r in DomainResult.objects.filter(run=run, key__in=wanted)}
    board.focus = domain_view(results.get(key), _focus_label(area, land, section), weighting, kinds)
    board.focus.key = key
    board.nation = domain_view(results.get("nation"), _("Bundesweit"), weighting, kinds)
    board.lands = [_named(results.get(k), x.name, k, weighting, kinds) for k, x in lands.items()]
    board.industries = [
        _named(results.get(k), section_name(s), k, weighting, kinds)
        for k, s in sections.items()
        if k in results and results[k].n_raw > 0
    ]
    board.sizes = [
        _named(results.get(k), str(Organisation.Size(s).label), k, weighting, kinds)
        for k, s in sizes.items()
    ]
    board.trend = _trend(quarters, key, weighting, kinds)
    return board


def _join(base: str, part: str) -> str:
    return part if base == "nation" else f"{base}|{part}"


def _named(
    result: DomainResult | None, label: str, key: str, weighting: str, kinds: dict[str, bool]
) -> DomainView:
    view = domain_view(result, label, weighting, kinds)
    view.key = key
    return view


def _focus_label(area: Area, land: Land | None, section: str | None) -> str:
    where = land.name if land else str(area.name)
    return f"{where}: {section_name(section)}" if section else where


def _trend(
    quarters: Iterable[Window], key: str, weighting: str, kinds: dict[str, bool]
) -> list[tuple[str, DomainView | None]]:
    """Per quarter the focus domain of its current run (None: not computed yet)."""
    keys = [q.key for q in quarters]
    found = {
        r.run.window: r
        for r in DomainResult.objects.filter(
            run__window__in=keys, run__is_current=True, key=key
        ).select_related("run")
    }
    done = set(
        EstimateRun.objects.filter(window__in=keys, is_current=True).values_list(
            "window", flat=True
        )
    )
    return [
        (k, domain_view(found.get(k), k, weighting, kinds) if k in done else None) for k in keys
    ]


def section_name(code: str) -> str:
    """ "C – Verarbeitendes Gewerbe" in the reader's language."""
    return section_label(code)


def missing_reason(view: DomainView | None) -> str:
    return reason_label(view.reason) if view is not None else ""


def count_text(view: DomainView, min_size: int) -> str:
    """The number of companies as it may be shown: below the minimum only "unter 5"."""
    if view.shown:
        return str(view.n)
    if view.reason == Reason.TOO_FEW:
        return below_minimum_label(min_size)
    return "–"
