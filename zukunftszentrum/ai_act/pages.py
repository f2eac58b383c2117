"""What the inventory's pages show, assembled from the queries: one row per system with its
class and its open duties, and the overview card's figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Membership

from . import products
from .classification import laws, recheck
from .content import RISK_LABELS
from .models import AISystem, Classification, ObligationStatus
from .queries import latest_classifications, systems_visible_to
from .rules import may_manage_inventory


def risk_label(risk: str | None) -> str:
    return str(RISK_LABELS.get(risk or "", _("noch nicht eingestuft")))


def duty_ids(classification: Classification | None) -> list[str]:
    """The ids of the obligations the stored result names under the law version it applies."""
    if classification is None:
        return []
    law = classification.result.get("laws", {}).get(classification.law_version, {})
    return [o["id"] for o in law.get("obligations", [])]


def open_duties(system: AISystem, classification: Classification | None) -> list[str]:
    """The stored result's obligations not yet done (under the law version it applies)."""
    ids = duty_ids(classification)
    if not ids or classification is None:
        return []
    done = set(
        ObligationStatus.objects.filter(
            system=system,
            law_version=classification.law_version,
            state=ObligationStatus.State.DONE,
        ).values_list("obligation_id", flat=True)
    )
    return [i for i in ids if i not in done]


@dataclass(frozen=True)
class Row:
    system: AISystem
    type_label: str
    classification: Classification | None
    risk_label: str
    open_duties: int
    recheck_due: bool = False


def rows(systems: Iterable[AISystem]) -> list[Row]:
    """One row per system, read in three queries for the whole list (not a few per system):
    the systems, their newest classifications, the duties marked done; the law versions once."""
    systems = list(systems)
    latest = latest_classifications(systems)
    done = _done_duties(latest.values())
    versions = laws()
    out = []
    for system in systems:
        classification = latest.get(system.pk)
        ids = duty_ids(classification)
        finished = done.get(classification.pk, set()) if classification else set()
        due = classification is not None and (
            recheck(system, stored=classification, versions=versions) is not None
        )
        out.append(
            Row(
                system=system,
                type_label=products.type_label(system.system_type),
                classification=classification,
                risk_label=risk_label(classification.risk if classification else None),
                open_duties=len([i for i in ids if i not in finished]),
                recheck_due=due,
            )
        )
    return out


def _done_duties(classifications: Iterable[Classification]) -> dict[int, set[str]]:
    """Per classification the ids of its duties marked done (as `open_duties` reads them)."""
    wanted = {(c.system_id, c.law_version): c.pk for c in classifications}
    if not wanted:
        return {}
    found: dict[int, set[str]] = {}
    for system_id, law_version, obligation_id in ObligationStatus.objects.filter(
        system_id__in={system for system, _law in wanted},
        law_version__in={law for _system, law in wanted},
        state=ObligationStatus.State.DONE,
    ).values_list("system_id", "law_version", "obligation_id"):
        pk = wanted.get((system_id, law_version))
        if pk is not None:
            found.setdefault(pk, set()).add(obligation_id)
    return found


def inventory_context(member: Membership | None, systems: QuerySet[AISystem]) -> dict[str, Any]:
    """The list page: the rows, whether the viewer may change them, and whose they are."""
    rows_ = rows(systems)
    organisations = {r.system.organisation for r in rows_}
    return {
        "rows": rows_,
        "can_manage": bool(may_manage_inventory(member)),
        "several_organisations": len(organisations) > 1 or not member or not member.organisation_id,
        "retired_count": sum(1 for r in rows_ if r.system.status == AISystem.Status.RETIRED),
    }


def overview_card(member: Membership) -> dict[str, Any]:
    """The lead's card on "Meine Übersicht": systems in the inventory and open duties."""
    active = systems_visible_to(member).exclude(status=AISystem.Status.RETIRED)
    rows_ = rows(active)
    return {
        "ai_systems_count": len(rows_),
        "ai_open_duties": sum(r.open_duties for r in rows_),
        "ai_unclassified": sum(1 for r in rows_ if r.classification is None),
    }


@dataclass(frozen=True)
class Todo:
    system: AISystem
    obligation_id: str
    title: str
    applies_from: str
    state: str


def todo_list(systems: QuerySet[AISystem]) -> list[Todo]:
    """Every duty not yet done, across the systems in use or planned, the earliest first."""
    lang = products.lang()
    items: list[Todo] = []
    in_use = list(systems.exclude(status=AISystem.Status.RETIRED))
    latest = latest_classifications(in_use)
    wanted = {(c.system_id, c.law_version) for c in latest.values()}
    by_system: dict[int, dict[str, ObligationStatus]] = {}
    for recorded in ObligationStatus.objects.filter(
        system_id__in=[system for system, _law in wanted],
        law_version__in={law for _system, law in wanted},
    ):
        if (recorded.system_id, recorded.law_version) in wanted:
            by_system.setdefault(recorded.system_id, {})[recorded.obligation_id] = recorded
    for system in in_use:
        stored = latest.get(system.pk)
        if stored is None:
            continue
        statuses = by_system.get(system.pk, {})
        law = stored.result.get("laws", {}).get(stored.law_version, {})
        for o in law.get("obligations", []):
            status = statuses.get(o["id"])
            if status is not None and status.state == ObligationStatus.State.DONE:
                continue
            items.append(
                Todo(
                    system=system,
                    obligation_id=o["id"],
                    title=o["title"].get(lang) or o["title"]["de"],
                    applies_from=o["applies_from"],
                    state=str(status.get_state_display()) if status else str(_("offen")),
                )
            )
    return sorted(items, key=lambda t: (t.applies_from, t.system.name, t.obligation_id))
