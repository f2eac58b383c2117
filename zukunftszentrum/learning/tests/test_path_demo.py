"""The demo's learning paths: the showcase company's people in different states, a team plan."""

from __future__ import annotations

import pytest

from zukunftszentrum.core.demo_steps import DemoStepError
from zukunftszentrum.learning.catalogue.demo import seed_catalogue
from zukunftszentrum.learning.competence.demo import seed_competences
from zukunftszentrum.learning.competence.evidence import levels_of
from zukunftszentrum.learning.models import LearningPlan, TeamPlan
from zukunftszentrum.learning.paths import plans as paths
from zukunftszentrum.learning.paths.demo import seed_paths
from zukunftszentrum.learning.paths.pages import plan_progress
from zukunftszentrum.organisations.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_needs_the_network_first() -> None:
    with pytest.raises(DemoStepError):
        seed_paths()


def test_plans_in_every_state_and_a_team_plan_once() -> None:
    seed_demo()
    seed_catalogue()
    seed_competences()
    seed_paths()
    plans = list(LearningPlan.objects.filter(superseded_by__isnull=True))
    assert len(plans) == 4
    progress, steps_done = [], []
    for plan in plans:
        levels = {c: s.level for c, s in levels_of(plan.user).items()}
        progress.append(plan_progress(plan, levels))
        reached = [all(levels[c] >= to for c, _f, to, _g in s["changes"]) for s in plan.steps]
        steps_done.append((sum(reached), len(reached)))
    assert any(done == total > 0 for done, total in steps_done)  # done
    assert any(0 < done < total for done, total in steps_done)  # half done
    assert any(done == 0 < total for done, total in steps_done)  # fresh
    assert sum(closed for closed, _total in progress) > 0
    assert any(plan.open_gaps for plan in plans)  # an open gap
    team = TeamPlan.objects.get()
    assert team.status == "done" and team.schedule
    seed_paths()
    assert LearningPlan.objects.count() == 4 and TeamPlan.objects.count() == 1
    assert all(paths.current_plan(p.user) == p for p in plans)
