"""What the concept designer's pages (and the PDF) show, assembled from a scenario's stored
result: rows and sentences, already worded, so templates only read them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.organisations.models import Land, Membership
from zukunftszentrum.organisations.reference import WZ_SECTIONS

from . import rules, wording
from .inputs import months_of
from .models import PENDING, Scenario, ScenarioItem, ScenarioStatus

MAX_SENTENCES = 6


def land_names() -> dict[str, str]:
    return dict(Land.objects.values_list("code", "name"))


def place_names(scenario: Scenario) -> dict[str, str]:
    return {p["key"]: p["name"] for p in scenario.resources.get("places", [])} | {
        "online": _("online")
    }


@dataclass
class ItemRow:
    item: ScenarioItem
    month: str
    format: str
    reasons: list[str]
    robustness: str
    robustness_help: str
    state: str  # "", "locked", "removed", "added"


@dataclass
class Share:
    label: str
    covered: float
    total: float

    @property
    def share(self) -> str:
        return wording.percent(self.covered / self.total) if self.total else "–"

    @property
    def covered_text(self) -> str:
        return wording.number(self.covered)

    @property
    def total_text(self) -> str:
        return wording.number(self.total)


@dataclass
class ScenarioPage:
    scenario: Scenario
    pending: bool
    needs_note: str
    items: list[ItemRow]
    removed: list[ItemRow]
    binding: list[str] = field(default_factory=list)
    relaxations: list[str] = field(default_factory=list)
    infeasible: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    by_land: list[Share] = field(default_factory=list)
    by_topic: list[Share] = field(default_factory=list)
    trainer_load: list[Share] = field(default_factory=list)
    cost: str = ""
    budget: str = ""
    sessions: int = 0
    objective: str = ""
    gap_note: str = ""
    months: list[str] = field(default_factory=list)


def _state(item: ScenarioItem) -> str:
    if item.removed:
        return "removed"
    if item.added:
        return "added"
    return "locked" if item.fixed else ""


def item_rows(
    scenario: Scenario, items: Sequence[ScenarioItem], lands: dict[str, str]
) -> list[ItemRow]:
    return [
        ItemRow(
            item,
            wording.month_label(item.month),
            str(wording.FORMATS.get(item.format, item.format)),
            wording.item_reasons(item.reasons or {}, item.format, lands),
            str(wording.ROBUSTNESS.get(item.robustness, "")),
            str(wording.ROBUSTNESS_HELP.get(item.robustness, "")),
            _state(item),
        )
        for item in items
    ]


def scenario_page(scenario: Scenario) -> ScenarioPage:
    lands = land_names()
    places = place_names(scenario)
    result = scenario.result or {}
    items = list(scenario.items.all())
    page = ScenarioPage(
        scenario=scenario,
        pending=scenario.status in PENDING,
        needs_note=wording.needs_note(result.get("needs", {}), lands) if result else "",
        items=item_rows(scenario, [i for i in items if not i.removed], lands),
        removed=item_rows(scenario, [i for i in items if i.removed], lands),
        months=[wording.month_label(m) for m in months_of(scenario.first_month, scenario.months)],
    )
    if not result:
        return page
    page.binding = [
        wording.limit_text(limit, places, lands) for limit in result.get("binding", [])
    ][: MAX_SENTENCES * 2]
    relax = sorted(
        (r for r in result.get("relaxations", []) if r["gain"] >= 1), key=lambda r: -r["gain"]
    )
    page.relaxations = [wording.relaxation_text(r, places, lands) for r in relax[:MAX_SENTENCES]]
    page.infeasible = [
        wording.infeasible_text(x, places, lands) for x in result.get("infeasible", [])
    ]
    page.uncovered = [wording.uncovered_text(row, lands) for row in result.get("uncovered", [])]
    coverage = result.get("coverage", {})
    page.by_land = [Share(lands.get(k, k), c, t) for k, (c, t) in coverage.get("land", {}).items()]
    page.by_topic = [
        Share(wording.topic_label(k), c, t) for k, (c, t) in coverage.get("topic", {}).items()
    ]
    page.trainer_load = [
        Share(wording.area_label(k), u, a) for k, (u, a) in result.get("trainer_load", {}).items()
    ]
    page.cost = wording.number(result.get("cost", 0))
    page.budget = wording.number(result.get("budget", 0))
    page.sessions = int(result.get("sessions", 0))
    page.objective = wording.number(result.get("objective", 0))
    if result.get("status") == "time_limit":
        page.gap_note = _(
            "Die Berechnung hat die Zeitgrenze erreicht; der Plan liegt höchstens %(gap)s unter "
            "dem bestmöglichen."
        ) % {"gap": wording.percent(float(result.get("gap") or 0))}
    return page


def permissions(member: Membership, scenario: Scenario) -> dict[str, Any]:
    edit = rules.may_edit(member, scenario)
    return {
        "may_edit": bool(edit),
        "edit_reason": edit.reason,
        "may_publish": bool(rules.may_publish(member, scenario)),
        "may_plan": bool(rules.may_plan(member)),
    }


# --- side by side -------------------------------------------------------------------------
@dataclass
class CompareRow:
    label: str
    cells: list[str]


@dataclass
class CompareBlock:
    title: str
    rows: list[CompareRow]


DIMENSIONS = (("land", "Land"), ("industry", "Wirtschaftszweig"), ("size", "Größenklasse"))


def compare(scenarios: Sequence[Scenario]) -> list[CompareBlock]:
    """Coverage by Land, industry and size class, cost and trainer load, one column per
    scenario (covered share of the need; "–" where a scenario has no result)."""
    lands = land_names()
    results = [s.result or {} for s in scenarios]
    english = 1 if (get_language() or "de").startswith("en") else 0
    labels = {
        "land": lambda k: lands.get(k, k),
        "industry": lambda k: WZ_SECTIONS[k][english] if k in WZ_SECTIONS else _("übrige Zweige"),
        "size": lambda k: str(wording.SIZES.get(k, k)),
    }
    titles = {
        "land": _("Abdeckung nach Land"),
        "industry": _("Abdeckung nach Wirtschaftszweig"),
        "size": _("Abdeckung nach Größenklasse"),
    }
    blocks = []
    for dim, _name in DIMENSIONS:
        keys = sorted({k for r in results for k in r.get("coverage", {}).get(dim, {})})
        rows = []
        for key in keys:
            cells = []
            for r in results:
                found = r.get("coverage", {}).get(dim, {}).get(key)
                cells.append(Share("", found[0], found[1]).share if found else "–")
            rows.append(CompareRow(str(labels[dim](key)), cells))
        blocks.append(CompareBlock(titles[dim], rows))
    summary = [
        CompareRow(
            _("Erreichter Bedarf (Betriebe, gewichtet)"),
            [wording.number(r.get("objective", 0)) if r else "–" for r in results],
        ),
        CompareRow(_("Termine"), [str(r.get("sessions", "–")) for r in results]),
        CompareRow(
            _("Kosten (Euro)"), [wording.number(r.get("cost", 0)) if r else "–" for r in results]
        ),
        CompareRow(
            _("Budget (Euro)"), [wording.number(r.get("budget", 0)) if r else "–" for r in results]
        ),
    ]
    areas = sorted({a for r in results for a in r.get("trainer_load", {})})
    for area in areas:
        cells = []
        for r in results:
            found = r.get("trainer_load", {}).get(area)
            cells.append(
                f"{wording.number(found[0])} / {wording.number(found[1])}" if found else "–"
            )
        summary.append(
            CompareRow(_("Trainertage %(area)s") % {"area": wording.area_label(area)}, cells)
        )
    return [CompareBlock(_("Überblick"), summary), *blocks]


def done(scenario: Scenario) -> bool:
    return scenario.status == ScenarioStatus.DONE
