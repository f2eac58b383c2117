"""Learning paths from the models: levels (measured beats self-rating), targets from every
source, the catalogue's offers and seats, stored plans and their history, the team plan sharing
seats and registering its schedule."""

from __future__ import annotations

import pytest

from zukunftszentrum.learning.catalogue.actions import register
from zukunftszentrum.learning.competence import targets
from zukunftszentrum.learning.competence.evidence import levels_of, record
from zukunftszentrum.learning.competence.targets import TargetRequirement
from zukunftszentrum.learning.models import (
    Evidence,
    EvidenceKind,
    JobProfileAssignment,
    LearningPlan,
    OwnGoal,
    RegistrationStatus,
)
from zukunftszentrum.learning.paths import plans as paths
from zukunftszentrum.learning.paths import team
from zukunftszentrum.learning.paths.pages import gap_reason, step_reason
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer
from .helpers import submit_competence_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return make_centre()


@pytest.fixture
def lead():
    return make_member(Role.COMPANY_LEAD)


@pytest.fixture
def employee(lead):
    return make_member(Role.EMPLOYEE, organisation=lead.organisation)


def _inputs(member):
    catalogue = paths.load_catalogue(holders=[member.user])
    return paths.person_inputs(member.user, member.organisation, catalogue)


def test_the_measured_level_counts_before_a_higher_self_rating(employee):
    record(user=employee.user, competence="prompting", kind=EvidenceKind.SELF_RATING, level=4)
    record(user=employee.user, competence="prompting", kind=EvidenceKind.QUIZ, level=1)
    record(user=employee.user, competence="ai_basics", kind=EvidenceKind.SELF_RATING, level=2)
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    inputs = _inputs(employee)
    assert inputs.learner.current["prompting"] == 1  # not the self-rated 4
    assert inputs.learner.current["ai_basics"] == 2  # no measurement: the self-rating counts
    assert inputs.levels["prompting"] == (1, "measured")
    assert inputs.learner.gaps()["prompting"] == (1, 3)


def test_targets_come_from_every_source_with_their_reasons(employee, monkeypatch):
    JobProfileAssignment.objects.create(
        organisation=employee.organisation, user=employee.user, profile="office_admin"
    )
    OwnGoal.objects.create(user=employee.user, competence="copyright_ip", level=4)
    extra = TargetRequirement("ai_act_obligations", 4, "KI-System Testsystem", "ai_system:1")
    monkeypatch.setitem(targets._sources, "test_system", lambda user, org: [extra])
    inputs = _inputs(employee)
    assert inputs.learner.targets["ai_act_obligations"] == 4
    assert inputs.learner.targets["copyright_ip"] == 4
    assert inputs.targets["ai_act_obligations"].reasons[0] == "KI-System Testsystem"
    assert "eigenes Ziel" in inputs.targets["copyright_ip"].reasons
    # the job profile contributes its own competences with its reason
    profile_reasons = [r for t in inputs.targets.values() for r in t.reasons]
    assert any(r.startswith("Berufsprofil") for r in profile_reasons)


def test_the_settings_and_the_organisations_land_reach_the_learner(employee):
    paths.save_settings(user=employee.user, online=False, travels=False, monthly_hours=4)
    learner = _inputs(employee).learner
    assert (learner.accepts_online, learner.travels, learner.monthly_hours) == (False, False, 4.0)
    assert learner.land == employee.organisation.land_id


def test_planning_catches_up_older_competence_checks_first(employee):
    """A check whose self-ratings are not in the log yet (one from before the signal, or the
    demo's) counts as on "Meine Kompetenzen", so visiting that page later cannot close the
    plan's gaps after the fact."""
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=4)
    submit_competence_check(employee, value=5)
    Evidence.objects.erase_for(employee.user)  # the check is there, its self-ratings are not
    plan = paths.plan_for(employee.user, employee.organisation)
    rated = levels_of(employee.user)["prompting"].self_rating
    assert rated is not None and rated > 0
    assert plan.inputs["gaps"]["prompting"] == [rated, 4]


def test_a_plan_is_stored_and_the_next_one_supersedes_it(employee, centre):
    module = make_module(centre, competences={"prompting": 3})
    offer = make_offer(module, capacity=3, land=employee.organisation.land_id)
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    OwnGoal.objects.create(user=employee.user, competence="work_design", level=4)
    first = paths.plan_for(employee.user, employee.organisation)
    assert [s["offer"] for s in first.steps] == [offer.pk]
    assert first.steps[0]["changes"] == [["prompting", 0, 3, True]]
    assert [(g["competence"], g["reason"]) for g in first.open_gaps] == [
        ("work_design", "no_module")
    ]
    assert first.gaps_total == 2 and first.inputs["targets"]["prompting"]["level"] == 3
    second = paths.plan_for(employee.user, employee.organisation)
    first.refresh_from_db()
    assert first.superseded_by == second and first.superseded_at is not None
    assert paths.current_plan(employee.user) == second
    assert paths.plan_history(employee.user) == [first]


def test_an_excluded_module_leaves_the_gap_open_with_its_reason(employee, centre):
    module = make_module(centre, competences={"prompting": 3})
    make_offer(module, land=employee.organisation.land_id)
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    paths.toggle_module(user=employee.user, module_id=module.pk, what="exclude")
    plan = paths.plan_for(employee.user, employee.organisation)
    assert plan.steps == [] and plan.open_gaps[0]["reason"] == "excluded"
    paths.toggle_module(user=employee.user, module_id=module.pk, what="free")
    assert paths.plan_for(employee.user, employee.organisation).open_gaps == []


def test_a_full_offer_is_not_planned_but_the_persons_own_seat_is(employee, centre, lead):
    module = make_module(centre, competences={"prompting": 2})
    offer = make_offer(module, capacity=1, land=employee.organisation.land_id)
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=2)
    OwnGoal.objects.create(user=lead.user, competence="prompting", level=2)
    register(member=lead, offer=offer)
    assert paths.plan_for(employee.user, employee.organisation).open_gaps[0]["reason"] == (
        "no_seat"
    )
    assert paths.plan_for(lead.user, lead.organisation).steps[0]["offer"] == offer.pk


def test_reasons_are_worded_from_codes_and_changes_not_the_planners_text():
    step = {"changes": [["prompting", 1, 3, True]], "locked": True}
    assert step_reason(step, None) == (
        "schließt die Lücke bei Aufträge formulieren (Prompting): Stufe 1 auf 3 "
        "(von Ihnen festgelegt)"
    )
    assert step_reason({"changes": [["prompting", 0, 1, False]]}, "Modul B") == (
        "Voraussetzung für „Modul B“"
    )
    assert gap_reason("no_date", 3) == "kein Termin im Zeitraum"


def test_the_team_plan_shares_the_last_seat_and_registers_the_schedule(lead, employee, centre):
    land = lead.organisation.land_id
    module = make_module(centre, competences={"prompting": 2})
    soon = make_offer(module, capacity=1, days=10, land=land)
    later = make_offer(module, capacity=5, days=40, land=land)
    for member in (lead, employee):
        OwnGoal.objects.create(user=member.user, competence="prompting", level=2)
    people = team.group_people(
        lead.organisation, team.MEMBERS, "", [lead.user_id, employee.user_id]
    )
    plan = team.start(
        member=lead, organisation=lead.organisation, kind=team.MEMBERS, key="", people=people
    )
    plan.refresh_from_db()
    assert plan.status == "done"
    schedule = {int(k): sorted(v) for k, v in plan.schedule.items()}
    assert sorted(schedule) == [soon.pk, later.pk]  # one seat: the other person on another date
    assert sorted(schedule[soon.pk] + schedule[later.pk]) == sorted(people)
    result = team.register_schedule(member=lead, plan=plan)
    assert len(result.registered) == 2 and result.waitlisted == []
    statuses = [r.status for offer in (soon, later) for r in offer.registrations.all()]
    assert statuses == [RegistrationStatus.REGISTERED] * 2


def test_registering_a_schedule_whose_offer_filled_up_puts_the_person_on_the_waitlist(
    lead, employee, centre
):
    module = make_module(centre, competences={"prompting": 2})
    offer = make_offer(module, capacity=1, land=lead.organisation.land_id)
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=2)
    plan = team.start(
        member=lead,
        organisation=lead.organisation,
        kind=team.MEMBERS,
        key="",
        people=[employee.user_id],
    )
    plan.refresh_from_db()
    assert plan.schedule == {str(offer.pk): [employee.user_id]}
    register(member=make_member(Role.EMPLOYEE), offer=offer)  # someone else was quicker
    result = team.register_schedule(member=lead, plan=plan)
    assert result.registered == [] and len(result.waitlisted) == 1


def test_the_team_plan_stores_nothing_but_the_schedule(lead, employee, centre):
    module = make_module(centre, competences={"prompting": 2})
    make_offer(module, land=lead.organisation.land_id)
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=2)
    plan = team.start(
        member=lead,
        organisation=lead.organisation,
        kind=team.MEMBERS,
        key="",
        people=[employee.user_id],
    )
    plan.refresh_from_db()
    stored = {f.name for f in plan._meta.concrete_fields}
    assert not stored & {"levels", "gaps", "targets", "open_gaps", "steps"}
    assert LearningPlan.objects.filter(user=employee.user).count() == 0


def test_meine_daten_exports_the_plans_and_deletion_takes_the_person_out_of_team_plans(
    lead, employee, centre
):
    from zukunftszentrum.core.personal_data import erase_personal_data, export_personal_data

    module = make_module(centre, competences={"prompting": 2})
    offer = make_offer(module, capacity=5, land=lead.organisation.land_id)
    for member in (lead, employee):
        OwnGoal.objects.create(user=member.user, competence="prompting", level=2)
    paths.plan_for(employee.user, employee.organisation)
    plan = team.start(
        member=lead,
        organisation=lead.organisation,
        kind=team.MEMBERS,
        key="",
        people=[lead.user_id, employee.user_id],
    )
    exported = export_personal_data(employee.user)["learning_paths"]
    assert len(exported["plans"]) == 1 and exported["plans"][0]["steps"][0]["offer"] == offer.pk
    assert exported["team_plans"][0]["offers"] == [offer.pk]
    erase_personal_data(employee.user)
    plan.refresh_from_db()
    assert plan.people == [lead.user_id] and plan.schedule == {str(offer.pk): [lead.user_id]}
    assert not LearningPlan.objects.filter(user=employee.user).exists()


def test_a_team_plan_left_by_a_dead_worker_is_queued_again_and_runs_once(
    lead, employee, centre, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from zukunftszentrum.learning.models import TeamPlan

    module = make_module(centre, competences={"prompting": 2})
    make_offer(module, land=lead.organisation.land_id)
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=2)
    settings.ZZ_RUN_TASKS_INLINE = False
    plan = TeamPlan.objects.create(
        organisation=lead.organisation, people=[employee.user_id], status="running"
    )
    assert team.requeue_lost() == 0  # still within its time
    TeamPlan.objects.filter(pk=plan.pk).update(requested_at=timezone.now() - timedelta(hours=1))
    assert team.requeue_lost() == 1
    assert team.run(plan.pk) == "done" and team.run(plan.pk) == "nothing"
    plan.refresh_from_db()
    assert plan.status == "done" and plan.schedule
