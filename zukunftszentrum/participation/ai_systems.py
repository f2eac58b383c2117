"""What a project reads from the AI inventory (ai_act): the system it is tied to, what the
works agreement says about it, and the co-determination facts its classification answers.

The only place this app imports the inventory's models (one named import-linter edge); the
inventory links here by URL name only (`participation:project_for_system`), never by import.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from zukunftszentrum.ai_act.models import AISystem

from . import agreement
from .models import Project

ART_26_7 = "Art. 26(7)"


def company_system(organisation_id: int, pk: object) -> AISystem | None:
    """A system of this organisation's inventory, or None (missing and foreign alike)."""
    try:
        return AISystem.objects.filter(organisation_id=organisation_id, pk=int(str(pk))).first()
    except ValueError:
        return None


def system_of(project: Project) -> AISystem | None:
    if not project.ai_system_id:
        return None
    return company_system(project.organisation_id, project.ai_system_id)


def _latest(system: AISystem) -> Any:
    return system.classifications.order_by("-created_at", "-pk").first()


def prefill(system: AISystem | None) -> dict[str, tuple[Any, str]]:
    """The facts the system's stored classification answers: fact -> (value, where from).
    Only what the classification says for sure; the rest is for the project to state."""
    if system is None:
        return {}
    stored = _latest(system)
    if stored is None:
        return {}
    source = _("aus der Einstufung von „%(name)s“ im KI-Inventar") % {"name": system.name}
    laws = (stored.result or {}).get("laws", {}).values()
    letter = any(o.get("id") == ART_26_7 for law in laws for o in law.get("obligations", []))
    found: dict[str, tuple[Any, str]] = {"high_risk_at_workplace": (letter, source)}
    # Annex III point 4(b): systems to monitor and evaluate the performance and behaviour of
    # people at work; such a system is able to monitor (§ 87(1) no. 6 BetrVG) by its purpose.
    if (stored.facts or {}).get("annex_iii") == "employment_work_relationship":
        found["monitors_behaviour_or_performance"] = (True, source)
    return found


def describe(system: AISystem) -> agreement.System:
    """The system as the works agreement's annex describes it."""
    data = []
    if system.employee_data:
        data.append(_("Daten von Beschäftigten"))
    if system.personal_data:
        data.append(_("personenbezogene Daten"))
    hosting = "" if system.hosting == AISystem.Hosting.UNKNOWN else system.get_hosting_display()
    vendor = " ".join(x for x in (system.vendor, system.product) if x)
    return agreement.System(
        name=system.name,
        vendor=vendor,
        hosting=str(hosting),
        purpose=system.purpose,
        data=tuple(str(d) for d in data),
    )
