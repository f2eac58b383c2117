"""The demo's pulse rounds, workshop, impact assessment and decisions: released figures that
pass the minimum, everything once however often the step runs, and the smaller project of a
company without a works council."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.organisations.demo import seed_demo
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role

from .. import decision_log, impact_service
from ..demo import DEMO_TITLE, seed_activities, seed_participation
from ..demo_activities import SMALL_COMPANY, SMALL_TITLE
from ..extensions import _seed_demo
from ..models import Decision, Project, PulseResponse, PulseRound, Workshop


def lead_user(project: Project):
    return Membership.objects.get(organisation=project.organisation, role=Role.COMPANY_LEAD).user


@pytest.mark.django_db
def test_the_demo_shows_every_part_and_runs_again_without_duplicates(login) -> None:
    seed_demo()
    _seed_demo()  # the demo step "participation": ideas, then pulse, workshops and the rest
    assert PulseRound.objects.count() == 2
    counts = (PulseRound.objects.count(), PulseResponse.objects.count(),
              Workshop.objects.count(), Decision.objects.count())  # fmt: skip
    assert seed_activities() == {"rounds": 0, "projects": 0}
    assert seed_participation() == {"projects": 0, "items": 0}
    assert counts == (PulseRound.objects.count(), PulseResponse.objects.count(),
                      Workshop.objects.count(), Decision.objects.count())  # fmt: skip

    project = Project.objects.get(title=DEMO_TITLE)
    assert project.current_phase == "erproben"
    pilot = project.phases.get(key="erproben")
    assert pilot.starts_on and pilot.ends_on
    assert pilot.starts_on <= timezone.localdate() <= pilot.ends_on  # the pilot is running
    rounds = list(project.pulse_rounds.order_by("number"))
    assert [r.status for r in rounds] == ["released", "released"]
    for r in rounds:  # enough answers: the means are shown, not withheld
        assert all(q["mean"]["value"] is not None for q in r.released["questions"].values())
    report = decision_log.decisions_for_report(project)
    assert len(report) == 3 and report[-1].corrects == report[0]
    assert project.workshops.get().photos.count() == 1
    assessment = project.impact_assessments.get()
    rows = impact_service.side_by_side(assessment, lead_user(project))
    assert all(r.management is not None and r.works_council is not None for r in rows)
    assert not any(r.employees_withheld for r in rows)

    small = Project.objects.get(title=SMALL_TITLE, organisation__legal_name=SMALL_COMPANY)
    assert not small.organisation.memberships.filter(role=Role.WORKS_COUNCIL).exists()
    assert small.members.filter(is_facilitator=True, role="lead").exists()

    # a § 87 consent pending: asked for by the lead, not yet decided by the council
    step = project.codetermination_steps.get(step_id="monitoring_consent")
    assert step.status == "requested"
    council = Membership.objects.get(organisation=project.organisation, role=Role.WORKS_COUNCIL)
    page = login(council).get(reverse("participation:codetermination", kwargs={"pk": project.pk}))
    assert "§ 87" in page.text and "Ohne Betriebsrat" not in page.text

    lead = Membership.objects.get(organisation=project.organisation, role=Role.COMPANY_LEAD)
    c = login(lead)
    for name in ("pulse", "workshops", "impacts", "decisions"):
        assert c.get(reverse(f"participation:{name}", kwargs={"pk": project.pk})).status_code == 200
    compare = c.get(reverse("participation:pulse", kwargs={"pk": project.pk}),
                    {"vorher": rounds[0].pk, "nachher": rounds[1].pk})  # fmt: skip
    assert "Veränderung" in compare.text


@pytest.mark.django_db
def test_my_data_lists_pulse_participation_but_never_answers_and_erasure_keeps_decisions() -> None:
    from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

    from ..activity_personal_data import erase_activities, export_activities
    from ..models import PulseToken
    from .activity_factories import make_decision
    from .factories import make_project

    company = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    project = make_project(company)
    round_ = PulseRound.objects.create(
        project=project, number=1, title="Puls", version="1",
        opens_on=project.phases.first().starts_on, closes_on=project.phases.first().ends_on,
    )  # fmt: skip
    PulseToken.objects.create(round=round_, membership=lead, token_hash="h", used=True)
    decision = make_decision(project)
    Decision.objects.filter(pk=decision.pk).update(recorded_by=lead)
    export = export_activities(lead.user)
    assert export["pulse_rounds"] == [
        {"project": project.title, "round": "Puls", "took_part": True}
    ]
    assert "answers" not in str(export) and export["decisions_recorded"][0]["title"] == "Pilot"
    erase_activities(lead.user)
    assert not PulseToken.objects.exists()
    assert Decision.objects.get(pk=decision.pk).recorded_by is None
