"""The needs estimates as tables: the published figures of a run's domains (read by the data
step, `dashboard.region_views`) shaped for the CSV and XLSX downloads and the API, so they show
the same figures as the page and the PDF.

`domain_figures` lists every domain of a region (the region, its Länder, and both by industry
and size class) with its estimates, or the reason it has none. A suppressed domain carries that
reason and nothing else: no estimate, no interval, not even its number of companies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zukunftszentrum.core.exports import Cell, Column, ExportTable, file_slug
from zukunftszentrum.core.suppression import Reason
from zukunftszentrum.core.suppression_labels import below_minimum_label, reason_label
from zukunftszentrum.organisations.models import Organisation
from zukunftszentrum.organisations.models import section_label as section_name
from zukunftszentrum.organisations.reference import LAENDER

from .dashboard import RAW, DomainView, key_parts, region_views
from .method import companies, method_note
from .models import EstimateRun
from .outcomes import GROUP_TITLES, Outcome, outcomes
from .publication import Figure
from .scope import Area
from .selection import Selection

LAND_NAMES = {land.code: land.name for land in LAENDER}


@dataclass(frozen=True)
class Estimate:
    """One outcome in one domain as published (`needs.publication`): whole points or percent,
    the interval widened by the protective noise, n perturbed and rounded.

    Scores are 0..100, shares 0..1. All None where too few companies answered the item. No
    standard error: the published interval is the honest statement of the uncertainty (sampling
    and noise), and a standard error of the unperturbed estimate could be differenced."""

    outcome: Outcome
    value: float | None = None
    low: float | None = None
    high: float | None = None
    n: int | None = None

    @property
    def proportion(self) -> bool:
        return self.outcome.kind == "proportion"


@dataclass
class DomainFigures:
    """A domain with its estimates, or the reason (`reason`) there are none."""

    key: str
    region: str  # "Bundesweit", a centre's region or a Land, in words
    section: str | None  # WZ section code
    size: str | None  # size class code
    reason: str | None  # None or a `Reason`
    n: int | None = None
    population: float | None = None
    n_eff: float | None = None
    deff: float | None = None
    thin: bool = False
    estimates: list[Estimate] = field(default_factory=list)

    @property
    def section_label(self) -> str:
        return section_name(self.section) if self.section else _("alle Branchen")

    @property
    def size_label(self) -> str:
        return str(Organisation.Size(self.size).label) if self.size else _("alle Größenklassen")

    @property
    def label(self) -> str:
        """ "Schleswig-Holstein · C – Verarbeitendes Gewerbe" """
        parts = [self.region, section_name(self.section) if self.section else ""]
        parts.append(str(Organisation.Size(self.size).label) if self.size else "")
        return " · ".join(p for p in parts if p)


def domain_figures(
    run: EstimateRun,
    area: Area,
    *,
    weighting: str,
    area_names: Mapping[str, str],
    land: str | None = None,
    section: str | None = None,
) -> list[DomainFigures]:
    """Every domain of the area as published (the data step's `region_views`) as table rows,
    only those within `land` and `section` when given; `area_names` maps centre slugs to names."""
    items = outcomes()
    views = region_views(run, area, weighting, items, land=land, section=section)
    return [_figures(view, items, area_names) for view in views]


def _figures(
    view: DomainView, items: Sequence[Outcome], area_names: Mapping[str, str]
) -> DomainFigures:
    parts = key_parts(view.key)
    figures = DomainFigures(
        view.key, _region(parts, area_names), parts.get("wz"), parts.get("size"), view.reason
    )
    if view.reason is not None:
        return figures
    figures.n, figures.population, figures.thin = view.n, view.population, view.thin
    figures.n_eff, figures.deff = view.n_eff, view.deff
    figures.estimates = [_estimate(o, view.figure(o.key)) for o in items]
    return figures


def _estimate(outcome: Outcome, figure: Figure | None) -> Estimate:
    if figure is None:
        return Estimate(outcome)
    return Estimate(outcome, figure.value, figure.low, figure.high, figure.n)


def _region(parts: Mapping[str, str], area_names: Mapping[str, str]) -> str:
    if "land" in parts:
        return LAND_NAMES.get(parts["land"], parts["land"])
    if "area" in parts:
        return area_names.get(parts["area"], parts["area"])
    return _("Bundesweit")


# --- the download ---
def export_table(run: EstimateRun, sel: Selection) -> ExportTable:
    """One row per domain and outcome; a suppressed domain is one row without figures."""
    names = {a.slug: str(a.name) for a in sel.areas}
    domains = domain_figures(
        run,
        sel.area,
        weighting=sel.weighting,
        area_names=names,
        land=sel.land.code if sel.land else None,
        section=sel.section,
    )
    fixed = _fixed_cells(run, sel)
    rows: list[tuple[Cell, ...]] = []
    for domain in domains:
        where = (sel.window.key, domain.region, domain.section_label, domain.size_label)
        if domain.reason is not None:
            rows.append(_suppressed_row(where, domain, run.min_size, fixed))
            continue
        rows += [_row(where, domain, e, run.min_size, fixed) for e in domain.estimates]
    return ExportTable(
        _columns(),
        tuple(rows),
        sheet_title=_("Schätzungen"),
        notes_title=_("Methode"),
        notes=tuple(export_notes(run, sel)),
    )


def _columns() -> tuple[Column, ...]:
    text = (
        _("Zeitraum"),
        _("Region / Land"),
        _("Branche"),
        _("Größenklasse"),
        _("Gruppe"),
        _("Merkmal"),
        _("Einheit"),
        _("Darstellung"),
    )
    numbers = (
        _("Schätzung (Punkte 0–100 oder Prozent, siehe Einheit)"),
        _("95-%-Intervall unten"),
        _("95-%-Intervall oben"),
        _("n (Unternehmen mit Antwort)"),
        _("effektive Fallzahl"),
        _("Designeffekt"),
    )
    return (
        *(Column(label) for label in text),
        *(Column(label, "number") for label in numbers),
        Column(_("dünn besetzt")),
        Column(_("Hinweis")),
        Column(_("Grundgesamtheit")),
        Column(_("Mindestgruppengröße"), "number"),
        Column(_("Domäne (Schlüssel)")),
        Column(_("Merkmal (Schlüssel)")),
    )


def _fixed_cells(run: EstimateRun, sel: Selection) -> tuple[str, str]:
    table = run.population
    weighting = _("ungewichtet") if sel.weighting == RAW else _("gewichtet")
    return weighting, f"{table.name} ({table.source}, {table.year})"


def _row(
    where: tuple[Cell, ...],
    domain: DomainFigures,
    e: Estimate,
    min_size: int,
    fixed: tuple[str, str],
) -> tuple[Cell, ...]:
    weighting, population = fixed
    unit = _("Prozent") if e.proportion else _("Punkte (0–100)")
    shown = e.value is not None
    return (
        *where,
        str(GROUP_TITLES[e.outcome.group]),
        e.outcome.label(),
        unit,
        weighting,
        *(_scaled(v, e.proportion) for v in (e.value, e.low, e.high)),
        e.n if shown else below_minimum_label(min_size),
        _round(domain.n_eff, 1),
        _round(domain.deff, 2),
        (_("ja") if domain.thin else _("nein")) if shown else "",
        "" if shown else reason_label(Reason.TOO_FEW),
        population,
        min_size,
        domain.key,
        e.outcome.key,
    )


def _suppressed_row(
    where: tuple[Cell, ...], domain: DomainFigures, min_size: int, fixed: tuple[str, str]
) -> tuple[Cell, ...]:
    weighting, population = fixed
    n: Cell = below_minimum_label(min_size) if domain.reason == Reason.TOO_FEW else None
    return (
        *where,
        *("", "", ""),
        weighting,
        *(None,) * 3,
        n,
        *(None, None, ""),
        reason_label(domain.reason),
        population,
        min_size,
        domain.key,
        "",
    )


def _scaled(value: float | None, proportion: bool) -> int | None:
    """Published figures are whole points or whole percent."""
    if value is None:
        return None
    return round(value * 100) if proportion else round(value)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def file_stem(sel: Selection, *, focus: bool = False) -> str:
    """ "bedarfsanalyse-zentrum-nord-2026-gewichtet"; with `focus` also the Land and industry."""
    parts = ["bedarfsanalyse", sel.area.slug]
    if focus:
        parts += [sel.land.code if sel.land else "", sel.section or ""]
    parts += [sel.window.key, "ungewichtet" if sel.weighting == RAW else "gewichtet"]
    return file_slug("-".join(p for p in parts if p))


def selection_name(sel: Selection) -> str:
    """ "Zentrum Nord · Schleswig-Holstein · C – Verarbeitendes Gewerbe": the drill-down."""
    parts = [str(sel.area.name), sel.land.name if sel.land else ""]
    parts.append(section_name(sel.section) if sel.section else "")
    return " · ".join(p for p in parts if p)


# --- the method note (XLSX sheet "Methode", PDF) ---
def export_notes(run: EstimateRun, sel: Selection) -> list[str]:
    """The sheet "Methode": what the table holds, the population table used, the method."""
    table = run.population
    finished = timezone.localtime(run.finished_at) if run.finished_at else None
    return [
        _("Bedarfsanalyse: %(region)s, Zeitraum %(window)s")
        % {"region": selection_name(sel), "window": sel.window.key},
        _("Stand der Berechnung: %(at)s")
        % {"at": date_format(finished, "DATETIME_FORMAT") if finished else "–"},
        _("Darstellung: %(weighting)s") % {"weighting": _fixed_cells(run, sel)[0]},
        _("Grundgesamtheit: %(name)s; Quelle: %(source)s; Berichtsjahr: %(year)s")
        % {"name": table.name, "source": table.source, "year": table.year},
        _("Mindestgruppengröße: %(n)s antwortende Unternehmen") % {"n": run.min_size},
        _("Unternehmen mit Antworten im Zeitraum, bundesweit: %(n)s") % {"n": companies(run)},
        _(
            "Einheiten: Themen und Selbstchecks in ganzen Punkten von 0 bis 100, Anteile in "
            "ganzen Prozent. Zum Schutz einzelner Betriebe sind die Werte leicht verrauscht; "
            "die Intervalle enthalten diese Abweichung."
        ),
        "",
        *method_note(run, sel.weighting),
    ]
