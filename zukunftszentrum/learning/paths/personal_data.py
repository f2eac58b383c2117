"""The learning paths' share of "Meine Daten" and account deletion: the person's planning
settings and every stored plan. Team plans keep only who attends which offer; deleting the
account takes the person out of them (the schedule of the others stays)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register

from ..models import LearningPlan, PathSettings, TeamPlan


def export_paths(user: Any) -> dict[str, Any]:
    chosen = PathSettings.objects.filter(user=user).first()
    return {
        "settings": (
            {
                "start": chosen.start.isoformat(),
                "end": chosen.end.isoformat(),
                "monthly_hours": float(chosen.monthly_hours),
                "online": chosen.online,
                "travels": chosen.travels,
                "locked_modules": chosen.locked,
                "excluded_modules": chosen.excluded,
            }
            if chosen
            else None
        ),
        "plans": [
            {
                "created_at": p.created_at.isoformat(),
                "status": p.status,
                "current": p.superseded_by_id is None,
                "inputs": p.inputs,
                "steps": p.steps,
                "open_gaps": p.open_gaps,
            }
            for p in LearningPlan.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "team_plans": [
            {
                "organisation": t.organisation.legal_name,
                "requested_at": t.requested_at.isoformat(),
                "offers": sorted(int(k) for k, people in t.schedule.items() if user.pk in people),
            }
            for t in _team_plans_with(user)
        ],
    }


def _team_plans_with(user: Any) -> list[TeamPlan]:
    # JSON containment differs between databases; the plans of one company are few.
    plans = TeamPlan.objects.select_related("organisation").order_by("requested_at", "pk")
    return [t for t in plans if user.pk in t.people]


@transaction.atomic
def erase_paths(user: Any) -> None:
    LearningPlan.objects.filter(user=user).delete()
    PathSettings.objects.filter(user=user).delete()
    for plan in _team_plans_with(user):
        plan.people = [pk for pk in plan.people if pk != user.pk]
        plan.schedule = {
            offer: [pk for pk in people if pk != user.pk] for offer, people in plan.schedule.items()
        }
        plan.schedule = {offer: people for offer, people in plan.schedule.items() if people}
        plan.save(update_fields=["people", "schedule"])
    TeamPlan.objects.filter(requested_by=user).update(requested_by=None)


register(
    "learning_paths",
    position=72,
    export=export_paths,
    erase=erase_paths,
    order=25,
    title=_("Lernwege"),
    description=_(
        "Ihre Einstellungen für den Lernweg, jeder berechnete Plan mit seinen Grundlagen und die "
        "Teampläne, in denen Sie vorkommen. Beim Löschen werden Ihre Pläne entfernt und Sie aus "
        "den Teamplänen gestrichen."
    ),
)
