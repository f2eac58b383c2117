"""The demo's Art. 4 record: guidance and shared completions at the showcase company, enough
for the company total and one profile to be published; a second run writes nothing."""

from __future__ import annotations

import pytest

from zukunftszentrum.ai_act.demo import seed_ai_systems
from zukunftszentrum.ai_act.literacy import record_context
from zukunftszentrum.ai_act.literacy_demo import GUIDANCE, seed_literacy
from zukunftszentrum.learning.models import SharedCompletion
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def test_the_demo_record_publishes_figures_and_runs_twice() -> None:
    company = make_organisation(name=SHOWCASE_COMPANY)
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    for _ in range(6):
        make_member(Role.EMPLOYEE, organisation=company)
    seed_ai_systems()
    first = seed_literacy(company)
    assert first["guidance"] == len(GUIDANCE) and first["shared"] >= 12
    shared = SharedCompletion.objects.count()
    assert seed_literacy(company) == {**first, "guidance": 0, "shared": 0, "entries": 0}
    assert SharedCompletion.objects.count() == shared
    context = record_context(lead, company)
    assert context["everybody"].value is not None
    assert any(f.value is not None for f in context["by_profile"])
    assert len(context["guidance"]) == len(GUIDANCE) and context["measures"]
