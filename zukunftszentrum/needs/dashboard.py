"""The data step of the needs pages: what the current run published for this selection.

One direction: views -> `build` (here: the runs asked once, the stored published figures read,
a handful of queries, none over the responses) -> `pages.shape` -> `drawing.draw` ->
templates. The PDF report uses the same `build`; the downloads and the API read the same stored
figures through `domain_view`. What is missing is queued in the background (`runs.ensure_fresh`)
and reported as pending.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zukunftszentrum.core.suppression import Reason
from zukunftszentrum.organisations.models import Land, Organisation, section_label
from zukunftszentrum.organisations.reference import LAENDER, WZ_SECTIONS

from . import publication, runs
from .estimation.cells import SME_SIZES
from .models import DomainResult, EstimateRun
from .outcomes import CHOICE_GROUPS, Outcome, by_group, outcomes
from .publication import RAW as RAW_KEY
from .publication import WEIGHTED as WEIGHTED_KEY
from .publication import Figure
from .queries import Window
from .scope import Area

WEIGHTED, RAW = "gewichtet", "roh"
TREND_QUARTERS = 8
TREND_SERIES = 3


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


def domain_view(
    result: DomainResult | None, label: str, weighting: str, kinds: dict[str, bool]
) -> DomainView:
    """A domain's published figures (`needs.publication`), or why there are none.

    `kinds` maps outcome key -> is a proportion. Nothing here reads the computed estimates: what
    a channel shows is what the run published."""
    key = result.key if result else ""
    if result is None:
        return DomainView(key, label, Reason.TOO_FEW, 0)
    stored = publication.published(result.published, RAW_KEY if weighting == RAW else WEIGHTED_KEY)
    if not stored:
        return DomainView(key, label, result.suppressed or Reason.TOO_FEW, result.n_raw)
    figures = {
        k: publication.published_figure(v, kinds.get(k, False))
        for k, v in stored["figures"].items()
    }
    if weighting == RAW:
        return DomainView(key, label, None, stored["n"], result.n_raw < 10, figures=figures)
    return DomainView(
        key,
        label,
        None,
        stored["n"],
        result.thin,
        result.population,
        result.n_eff,
        result.deff,
        figures,
    )


@dataclass(frozen=True)
class Progress:
    """What the page says while runs are computing: one sentence, no bars. `figures`: the
    shown window itself is being computed (else only quarters of the trend); `shown_at`: when
    the figures on the page were computed (None: there are none yet)."""

    pending: bool
    figures: bool
    shown_at: datetime | None


def progress(pending: list[EstimateRun], window: str, run: EstimateRun | None) -> Progress:
    return Progress(
        bool(pending),
        any(r.window == window for r in pending),
        run.finished_at if run is not None else None,
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
    def refreshing(self) -> bool:
        """A run of the shown window is queued or running."""
        return any(r.window == self.window.key for r in self.pending)

    @property
    def refresh_minutes(self) -> int:
        """The pause between two runs of a window, in whole minutes (at least 1)."""
        return max(1, math.ceil(settings.ZZ_NEEDS_REFRESH_SECONDS / 60))

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
    # Whether each window is fresh, and its current run, in two queries (not two per window).
    pending, current = runs.ensure_fresh_all([window, *quarters])
    run = current.get(window.key)
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
    results = {r.key: r for r in _published_results().filter(run=run, key__in=wanted)}
    board.focus = domain_view(results.get(key), _focus_label(area, land, section), weighting, kinds)
    board.focus.key = key
    board.nation = domain_view(results.get("nation"), _("Bundesweit"), weighting, kinds)
    board.lands = [_named(results.get(k), x.name, k, weighting, kinds) for k, x in lands.items()]
    board.industries = [
        _named(results.get(k), section_label(s), k, weighting, kinds)
        for k, s in sections.items()
        if k in results and results[k].n_raw > 0
    ]
    board.sizes = [
        _named(results.get(k), str(Organisation.Size(s).label), k, weighting, kinds)
        for k, s in sizes.items()
    ]
    board.trend = _trend(quarters, key, weighting, kinds, current)
    return board


def _published_results() -> QuerySet[DomainResult]:
    """Domain results without the computed estimates: every channel shows only `published`, and
    reading the other two JSON columns took most of a dashboard's database time."""
    return DomainResult.objects.defer("weighted", "raw")


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
    return f"{where}: {section_label(section)}" if section else where


def _trend(
    quarters: Iterable[Window],
    key: str,
    weighting: str,
    kinds: dict[str, bool],
    current: Mapping[str, EstimateRun],
) -> list[tuple[str, DomainView | None]]:
    """Per quarter the focus domain of its current run (None: not computed yet); `current`
    holds the current run of each window by key."""
    keys = [q.key for q in quarters]
    done = {k: current[k] for k in keys if k in current}
    by_run = {run.pk: k for k, run in done.items()}
    found = {
        by_run[r.run_id]: r for r in _published_results().filter(run_id__in=list(by_run), key=key)
    }
    return [
        (k, domain_view(found.get(k), k, weighting, kinds) if k in done else None) for k in keys
    ]


# --- every domain of a region (the downloads, the API) ---
# Sort order of the parts of a domain key, and of the categories within each part.
_DIMENSIONS = {"area": 1, "land": 2, "wz": 3, "size": 4}
_POSITIONS: dict[str, dict[str, int]] = {
    "land": {land.code: i for i, land in enumerate(LAENDER)},
    "wz": {code: i for i, code in enumerate(WZ_SECTIONS)},
    "size": {code: i for i, code in enumerate(SME_SIZES)},
}


def region_views(
    run: EstimateRun,
    area: Area,
    weighting: str,
    items: Sequence[Outcome],
    *,
    land: str | None = None,
    section: str | None = None,
) -> list[DomainView]:
    """Every domain of the area in the run as published (one query), in reading order: the
    region, its Länder, both by industry and size class; for the nation every domain. With a
    `land` or `section` (the page's drill-down) only the domains within it."""
    results = _published_results().filter(run=run)
    if not area.nationwide:
        results = results.filter(key__in=area_keys(area))
    found = {r.key: r for r in results}
    kinds = {o.key: o.kind == "proportion" for o in items}
    keys = within(area_keys(area, found), land=land, section=section)
    return [_named(found.get(key), "", key, weighting, kinds) for key in keys]


def within(keys: Iterable[str], *, land: str | None, section: str | None) -> list[str]:
    """The keys inside a drill-down, order kept: with a Land only that Land's domains, with an
    industry only that industry's; neither: all. So a download holds what the page shows."""
    out = []
    for key in keys:
        parts = key_parts(key)
        if land and parts.get("land") != land:
            continue
        if section and parts.get("wz") != section:
            continue
        out.append(key)
    return out


def key_parts(key: str) -> dict[str, str]:
    """ "land:SH|wz:C" -> {"land": "SH", "wz": "C"}; "nation" -> {}."""
    if key == "nation":
        return {}
    return dict(part.split(":", 1) for part in key.split("|"))  # type: ignore[misc]


def area_keys(area: Area, present: Iterable[str] = ()) -> list[str]:
    """The domains of a region in reading order; for the nation every domain `present`."""
    if area.nationwide:
        keys = set(present) | {"nation"}
    else:
        bases = [area.key, *(f"land:{code}" for code in area.codes)]
        keys = set(bases)
        for base in bases:
            keys.update(f"{base}|wz:{s}" for s in WZ_SECTIONS)
            keys.update(f"{base}|size:{s}" for s in SME_SIZES)
    return sorted(keys, key=_order)


def _order(key: str) -> tuple[Any, ...]:
    parts = key_parts(key)
    return (
        len(parts),
        *((_DIMENSIONS.get(d, 9), _POSITIONS.get(d, {}).get(c, c)) for d, c in parts.items()),
    )
