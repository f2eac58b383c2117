"""Demo step "learning_paths": plans of the showcase company's people in different states — a
fresh plan, one half done, one done, one with an open gap (too few hours in a short window) —
and a team plan for the company. Runs again without writing twice: a person with a current
plan and a company with a team plan are left alone.

Every current plan is made after all of the person's evidence: the step runs after the steps
that write evidence or targets, and whoever attended (half done, done) planned again after
attending, with the first plan in their history. A plan made before evidence that closes its
gaps would show its steps as "nicht mehr nötig" right after the demo is seeded."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.demo_steps import DemoStepError
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Organisation

from ..competence.evidence import record
from ..models import EvidenceKind, LearningPlan, OwnGoal, TeamPlan
from . import plans as paths
from . import team

FRESH, HALF, DONE, GAP = "fresh", "half", "done", "gap"
# The demo's competence checks rate the half-done person at 2 or 3 nearly everywhere, which
# reaches most targets of their job profile; their own goals (level 3, which modules of the demo
# catalogue in their reach teach) give them a path to attend half of and a next step to take.
HALF_GOALS = {"how_genai_works": 3, "choosing_tools": 3}
# In the order of the company's learners: the lead, the works council member, the employee whose
# login the demo prints (half done: a next step to register for), then the rest.
STATES = (DONE, FRESH, HALF, GAP)


def _attend(user: Any, plan: LearningPlan, steps: list[dict[str, Any]]) -> None:
    """Record the steps as attended: what a trainer's confirmation would have written."""
    for number, step in enumerate(steps):
        for competence, _from, to_level, _closes in step["changes"]:
            record(
                user=user,
                competence=competence,
                kind=EvidenceKind.ATTENDED,
                level=to_level,
                source=f"demo-path:{plan.pk}:{number}",
                note="Demo",
            )


def _seed_person(user: Any, organisation: Organisation, state: str) -> bool:
    if paths.current_plan(user) is not None:
        return False
    if state == GAP:
        start = paths.first_of_month(timezone.localdate())
        paths.save_settings(
            user=user, start=start, end=paths.add_months(start, 2), monthly_hours=Decimal(2)
        )
    if state == HALF:
        for competence, level in HALF_GOALS.items():
            OwnGoal.objects.update_or_create(
                user=user, competence=competence, defaults={"level": level, "note": "Demo"}
            )
    plan = paths.plan_for(user, organisation)
    if state in (HALF, DONE):
        attended = plan.steps if state == DONE else plan.steps[: max(1, len(plan.steps) // 2)]
        _attend(user, plan, attended)
        paths.plan_for(user, organisation)  # planned again after attending: the current plan
    return True


def seed_paths() -> str:
    organisation = Organisation.objects.filter(legal_name=SHOWCASE_COMPANY).first()
    if organisation is None:
        raise DemoStepError(_("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo)."))
    learners = sorted(team.learners_of(organisation).values(), key=lambda m: m.pk)
    planned = 0
    for member, state in zip(learners, STATES, strict=False):
        planned += _seed_person(member.user, organisation, state)
    made_team = False
    if not TeamPlan.objects.filter(organisation=organisation).exists() and learners:
        lead = next((m for m in learners if team.may_plan_team(m, organisation)), None)
        if lead is not None:
            plan = TeamPlan.objects.create(
                organisation=organisation,
                requested_by=lead.user,
                group_kind=team.MEMBERS,
                people=sorted(m.user_id for m in learners),
            )
            team.run(plan.pk)  # at once: the demo runs without a worker
            made_team = True
    return _("Lernwege der Demo: %(plans)d Pläne, %(teams)d Teamplan neu.") % {
        "plans": planned,
        "teams": int(made_team),
    }
