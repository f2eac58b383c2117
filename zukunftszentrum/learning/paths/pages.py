"""What "Mein Lernweg" shows, assembled from the stored plan: the next step, the timeline by
month, progress, every step's reason and every open gap's reason in the reader's language.

The planner writes German `why` texts; the page never shows them. It words each step from its
stored changes (and whether the person fixed it, or a later step needs it), so the reason reads
the same in German and English."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from ..catalogue.pages import place_label
from ..competence import content
from ..competence.evidence import levels_of
from ..competence.targets import targets_for
from ..models import LearningPlan, Module, Offer, RegistrationStatus
from . import plans as paths


def _lang() -> str:
    return (get_language() or "de")[:2]


def competence_title(competence: str) -> str:
    found = content.framework().competence(competence)
    return found.title.get(_lang()) if found else competence


def gap_reason(code: str, target: int) -> str:
    """The open gap's reason (the planner's codes) as translated text."""
    texts = {
        "no_module": _("Kein Modul im Katalog erreicht Stufe %(target)d.") % {"target": target},
        "excluded": _("Sie haben alle Module ausgeschlossen, die Stufe %(target)d erreichen.")
        % {"target": target},
        "no_date": _("kein Termin im Zeitraum"),
        "not_in_reach": _("kein Termin in erreichbarer Nähe"),
        "no_seat": _("kein freier Platz"),
        "budget": _("Ihr Zeitbudget reicht nicht"),
        "prerequisite": _("Die Voraussetzungen sind im Zeitraum nicht zu schaffen."),
        "seats_or_budget": _("Freie Plätze oder Zeitbudget reichen nicht für alle im Team."),
    }
    return texts.get(code, code)


def step_reason(step: dict[str, Any], needed_by: str | None) -> str:
    """Why this step is in the plan, from its changes (the most telling reason first)."""
    closing = [c for c in step["changes"] if c[3]]
    if closing:
        text = "; ".join(
            _("schließt die Lücke bei %(competence)s: Stufe %(from)d auf %(to)d")
            % {"competence": competence_title(c[0]), "from": c[1], "to": c[2]}
            for c in closing
        )
    elif needed_by:
        text = _("Voraussetzung für „%(module)s“") % {"module": needed_by}
    elif step.get("locked"):
        return _("von Ihnen festgelegt")
    else:
        text = ", ".join(
            _("hebt %(competence)s auf Stufe %(to)d")
            % {"competence": competence_title(c[0]), "to": c[2]}
            for c in step["changes"]
        )
    if step.get("locked"):
        text += " " + _("(von Ihnen festgelegt)")
    return text


def _needed_by(steps: list[dict[str, Any]], modules: dict[int, Module]) -> dict[int, str]:
    """Module id -> the title of a later step's module that requires it (by module or level)."""
    result: dict[int, str] = {}
    for later_index, later in enumerate(steps):
        needs = modules.get(later["module"])
        if needs is None:
            continue
        required = {p.pk for p in needs.prerequisite_modules.all()}
        for earlier in steps[:later_index]:
            module = modules.get(earlier["module"])
            if module is None:
                continue
            by_level = any(
                int(module.competences.get(c, 0)) >= int(level)
                for c, level in needs.prerequisite_levels.items()
            )
            if module.pk in required or by_level:
                result.setdefault(module.pk, needs.title)
    return result


def step_reasons(plan: LearningPlan) -> list[str]:
    """Every step's reason in order (for the API: the same words as the page)."""
    ids = {s["module"] for s in plan.steps}
    modules = {
        m.pk: m for m in Module.objects.filter(pk__in=ids).prefetch_related("prerequisite_modules")
    }
    needed_by = _needed_by(plan.steps, modules)
    return [step_reason(step, needed_by.get(step["module"])) for step in plan.steps]


@dataclass
class StepView:
    number: int
    module: Module | None
    offer: Offer | None
    place: str
    month: dt.date
    hours: float
    reason: str
    done: bool  # attended, or the step's gaps are closed (by this step or by other evidence)
    registration_status: str = ""  # the person's registration for the offer, if any
    first: dt.datetime | None = None

    @property
    def closed_otherwise(self) -> bool:
        """Done without attending this step: its gaps were closed by other evidence (a unit, a
        certificate, another course), so it is not needed any more — not "attended"."""
        return self.done and self.registration_status != RegistrationStatus.ATTENDED


@dataclass
class MonthView:
    month: dt.date
    label: str
    steps: list[StepView] = field(default_factory=list)


def _step_views(plan: LearningPlan, user: Any, levels: dict[str, int]) -> list[StepView]:
    module_ids = {s["module"] for s in plan.steps}
    offer_ids = {s["offer"] for s in plan.steps if s["offer"]}
    modules = {
        m.pk: m for m in Module.objects.filter(pk__in=module_ids).prefetch_related(
            "prerequisite_modules"
        )
    }  # fmt: skip
    offers = {
        o.pk: o
        for o in Offer.objects.filter(pk__in=offer_ids)
        .select_related("land", "module")
        .annotate(first=Min("sessions__starts_at"))
    }
    registrations = dict(
        user.learning_registrations.filter(offer_id__in=offer_ids)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("offer_id", "status")
    )
    needed_by = _needed_by(plan.steps, modules)
    views = []
    for number, step in enumerate(plan.steps, start=1):
        offer = offers.get(step["offer"]) if step["offer"] else None
        status = registrations.get(step["offer"], "")
        reached = all(levels.get(c[0], 0) >= c[2] for c in step["changes"])
        views.append(
            StepView(
                number=number,
                module=modules.get(step["module"]),
                offer=offer,
                place=place_label(offer) if offer else _("im eigenen Tempo"),
                month=dt.date.fromisoformat(step["month"]),
                hours=step["hours"],
                reason=step_reason(step, needed_by.get(step["module"])),
                done=status == RegistrationStatus.ATTENDED or (reached and bool(step["changes"])),
                registration_status=status,
                first=getattr(offer, "first", None),
            )
        )
    return views


def _months(steps: list[StepView]) -> list[MonthView]:
    months: dict[dt.date, MonthView] = {}
    for step in steps:
        if step.month not in months:
            months[step.month] = MonthView(step.month, date_format(step.month, "YEAR_MONTH_FORMAT"))
        months[step.month].steps.append(step)
    return [months[m] for m in sorted(months)]


def plan_progress(plan: LearningPlan, levels: dict[str, int]) -> tuple[int, int]:
    """(gaps of the plan closed by now, all gaps the plan started with)."""
    gaps = plan.inputs.get("gaps", {})
    closed = sum(1 for c, (_current, target) in gaps.items() if levels.get(c, 0) >= target)
    return closed, len(gaps)


def open_gap_rows(plan: LearningPlan) -> list[dict[str, Any]]:
    return [
        {
            "competence": competence_title(g["competence"]),
            "current": g["current"],
            "target": g["target"],
            "reason": gap_reason(g["reason"], g["target"]),
        }
        for g in plan.open_gaps
    ]


def history_rows(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "plan": p,
            "steps": len(p.steps),
            "open": len(p.open_gaps),
            "closed": p.gaps_total - len(p.open_gaps),
        }
        for p in paths.plan_history(user)
    ]


def fixed_modules(chosen: Any) -> list[dict[str, Any]]:
    ids = [*chosen.locked, *chosen.excluded]
    titles = dict(Module.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [
        {"pk": pk, "title": titles.get(pk, "?"), "locked": pk in chosen.locked}
        for pk in ids
        if pk in titles
    ]


def my_path_context(member: Membership, *, settings_form: Any = None) -> dict[str, Any]:
    from .forms import PathSettingsForm  # forms read the settings model

    user = member.user
    chosen = paths.settings_of(user)
    plan = paths.current_plan(user)
    context: dict[str, Any] = {
        "plan": plan,
        "settings_form": settings_form or PathSettingsForm(instance=chosen),
        "fixed": fixed_modules(chosen),
        "history": history_rows(user),
        "today": timezone.localdate(),
        "plans_team": has_capability(member.role, Capability.PLAN_TEAM_LEARNING),
    }
    if plan is None:
        return context
    levels = {c: s.level for c, s in levels_of(user).items()}
    steps = _step_views(plan, user, levels)
    closed, total = plan_progress(plan, levels)
    targets_now = {c: t.level for c, t in targets_for(user, member.organisation).items()}
    planned = {c: t["level"] for c, t in plan.inputs.get("targets", {}).items()}
    context.update(
        {
            "targets_changed": targets_now != planned,
            "next_step": next((s for s in steps if not s.done), None),
            "months": _months(steps),
            "steps_done": sum(1 for s in steps if s.done),
            "steps_total": len(steps),
            "closed": closed,
            "gaps_total": total,
            "open_gaps": open_gap_rows(plan),
        }
    )
    return context
