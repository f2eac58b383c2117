"""The demo's learning paths: the showcase company's people in different states, a team plan."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from zukunftszentrum.core.demo_steps import DemoStepError
from zukunftszentrum.learning.catalogue.demo import seed_catalogue
from zukunftszentrum.learning.competence.demo import seed_competences
from zukunftszentrum.learning.competence.evidence import levels_of
from zukunftszentrum.learning.models import LearningPlan, TeamPlan
from zukunftszentrum.learning.paths import plans as paths
from zukunftszentrum.learning.paths.demo import seed_paths
from zukunftszentrum.learning.paths.pages import plan_progress
from zukunftszentrum.organisations.demo import seed_demo
from zukunftszentrum.organisations.demo_data import DEMO_DOMAIN
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

pytestmark = pytest.mark.django_db


def test_needs_the_network_first() -> None:
    with pytest.raises(DemoStepError):
        seed_paths()


def _reached(plan: LearningPlan) -> list[bool]:
    """Per step: are its gaps closed by the person's evidence now?"""
    levels = {c: s.level for c, s in levels_of(plan.user).items()}
    return [all(levels.get(c, 0) >= to for c, _f, to, _g in s["changes"]) for s in plan.steps]


def test_plans_in_every_state_and_a_team_plan_once() -> None:
    seed_demo()
    seed_catalogue()
    seed_competences()
    seed_paths()
    plans = list(LearningPlan.objects.filter(superseded_by__isnull=True))
    assert len(plans) == 4
    # Every current plan was made after the person's evidence: none of its steps is done yet.
    assert not any(any(_reached(plan)) for plan in plans)
    assert any(plan.steps for plan in plans)  # fresh and half done: steps still to take
    assert any(plan.open_gaps for plan in plans)  # an open gap
    # Half done and done: the plan they attended from is in their history.
    old = list(LearningPlan.objects.filter(superseded_by__isnull=False))
    assert len(old) == 2
    steps_done = [(sum(r := _reached(plan)), len(r)) for plan in old]
    assert any(done == total > 0 for done, total in steps_done)  # done
    assert any(0 < done < total for done, total in steps_done)  # half done
    for plan in old:
        levels = {c: s.level for c, s in levels_of(plan.user).items()}
        assert plan_progress(plan, levels)[0] > 0
    team = TeamPlan.objects.get()
    assert team.status == "done" and team.schedule
    seed_paths()
    assert LearningPlan.objects.count() == 6 and TeamPlan.objects.count() == 1
    assert all(paths.current_plan(p.user) == p for p in plans)


def test_right_after_the_whole_demo_no_step_of_a_plan_is_already_unnecessary(login) -> None:
    """`make demo` runs every step; then each planned person opens "Meine Kompetenzen" (which
    catches up their older competence checks) and "Mein Lernweg": no step of their plan may
    read "nicht mehr nötig", since every gap it closes was still open when it was planned."""
    call_command("seed_demo", force=True, verbosity=0)
    plans = list(LearningPlan.objects.filter(superseded_by__isnull=True).select_related("user"))
    assert len(plans) == 4
    # The employee whose login the demo prints, half done, still has steps to take.
    assert next(p for p in plans if p.user.email == f"beschaeftigte@{DEMO_DOMAIN}").steps
    for plan in plans:
        member = next(
            m
            for m in Membership.objects.filter(user=plan.user, organisation=plan.organisation)
            if has_capability(m.role, Capability.LEARN)
        )
        client = login(member, Client())
        assert client.get(reverse("learning:competences")).status_code == 200
        page = client.get(reverse("learning:paths"))
        assert page.status_code == 200
        assert "nicht mehr nötig" not in page.content.decode(), plan.user.email
