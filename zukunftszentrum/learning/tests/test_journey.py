"""The "done when" of learning, tried as new users would, through the pages only: an employee
with gaps opens "Mein Lernweg", sees a plan with reasons and registers; the trainer confirms
attendance; the evidence and the level update and the plan moves on. A lead plans a team with
seat limits and sees the schedule but no one's levels. A trainer runs a course from the
waitlist to attendance."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zukunftszentrum.learning.competence.evidence import levels_of, record
from zukunftszentrum.learning.models import (
    EvidenceKind,
    JobProfileAssignment,
    OwnGoal,
    Registration,
    RegistrationStatus,
    TeamPlan,
)
from zukunftszentrum.learning.paths.pages import competence_title
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer
from .test_path_views import LEVEL_WORDS

pytestmark = pytest.mark.django_db

MINE = reverse("learning:paths")


def _main(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _section(html: str, heading: str) -> str:
    start = html.index(heading)
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


@pytest.fixture
def centre():
    return make_centre()


@pytest.fixture
def lead():
    return make_member(Role.COMPANY_LEAD)


@pytest.fixture
def trainer(centre):
    return make_member(Role.TRAINER, centre=centre)


def test_an_employee_learns_from_plan_to_evidence_and_the_plan_moves_on(
    login, client, centre, lead, trainer, django_capture_on_commit_callbacks
):
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    employee.user.full_name = "Erika Beispiel"
    employee.user.save()
    land = lead.organisation.land_id
    workshop = make_module(centre, title="Prompten im Alltag", competences={"prompting": 3})
    offer = make_offer(workshop, capacity=3, land=land)
    # the next step builds on the workshop: it comes after it in the plan
    rights = make_module(
        centre,
        title="Urheberrecht und KI",
        competences={"copyright_ip": 2},
        format="self_learning",
    )
    rights.prerequisite_modules.set([workshop])
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    OwnGoal.objects.create(user=employee.user, competence="copyright_ip", level=2)

    # the self-rating of the competence check is where the plan starts from
    record(user=employee.user, competence="prompting", kind=EvidenceKind.SELF_RATING, level=1)
    start = levels_of(employee.user)["prompting"].level
    assert start == 1

    client = login(employee)

    # "Mein Lernweg": nothing planned yet, one button plans it
    assert "Lernweg berechnen" in _main(client.get(MINE))
    assert client.post(reverse("learning:path_plan")).status_code == 302
    html = _main(client.get(MINE))
    next_step = _section(html, "Nächster Schritt")
    assert "Prompten im Alltag" in next_step
    assert f"Stufe {start} auf 3" in next_step and competence_title("prompting") in next_step
    assert "Voraussetzung für „Urheberrecht und KI“" not in next_step  # it closes a gap itself
    timeline = _section(html, "Zeitplan")
    assert timeline.index("Prompten im Alltag") < timeline.index("Urheberrecht und KI")
    assert "0 von 2 Lücken geschlossen" in html

    # registering from the plan's next step
    register = reverse("learning:offer_register", args=[offer.pk])
    assert register in next_step
    assert client.post(register).status_code == 302
    assert "Sie sind angemeldet." in _section(_main(client.get(MINE)), "Nächster Schritt")

    # the trainer sees the person on the course page and confirms attendance
    trainer_client = login(trainer, client.__class__())
    course = _main(trainer_client.get(reverse("learning:course", args=[offer.pk])))
    assert "Erika Beispiel" in course
    registration = Registration.objects.get(offer=offer, user=employee.user)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = trainer_client.post(
            reverse("learning:course_attendance", args=[registration.pk, "teilgenommen"])
        )
    assert confirmed.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED

    # the evidence log has the attendance, and the level counts it (measured beats self-rated)
    evidence = client.get(reverse("api:learning_my_evidence")).json()
    assert EvidenceKind.ATTENDED in [e["kind"] for e in evidence["entries"]]
    prompting = levels_of(employee.user)["prompting"]
    assert prompting.level == 3 and prompting.basis != "self"

    # the plan moves on: the workshop is done, the next step is the module after it
    html = _main(client.get(MINE))
    assert "Urheberrecht und KI" in _section(html, "Nächster Schritt")
    assert "(erledigt)" in _section(html, "Zeitplan")
    assert "1 von 2 Lücken geschlossen" in html
    # planning again leaves the closed gap out and keeps the history
    assert client.post(reverse("learning:path_plan")).status_code == 302
    html = _main(client.get(MINE))
    assert "Prompten im Alltag" not in _section(html, "Zeitplan")
    assert "Urheberrecht und KI" in _section(html, "Nächster Schritt")


def test_a_lead_plans_a_team_with_seat_limits_and_sees_no_ones_levels(
    login, centre, lead, django_capture_on_commit_callbacks
):
    land = lead.organisation.land_id
    workshop = make_module(centre, title="Prompten im Alltag", competences={"prompting": 3})
    soon = make_offer(workshop, capacity=1, days=10, land=land)
    later = make_offer(workshop, capacity=1, days=40, land=land)
    names = ["Anna Arendt", "Ben Brandt"]
    for name in names:
        colleague = make_member(Role.EMPLOYEE, organisation=lead.organisation)
        colleague.user.full_name = name
        colleague.user.save()
        JobProfileAssignment.objects.create(
            organisation=lead.organisation, user=colleague.user, profile="office_admin"
        )
        OwnGoal.objects.create(user=colleague.user, competence="prompting", level=3)
        record(user=colleague.user, competence="prompting", kind=EvidenceKind.SELF_RATING, level=1)

    client = login(lead)
    assert "Teamplan" in _main(client.get(reverse("learning:team")))
    response = client.post(reverse("learning:team"), {"profile": "office_admin"})
    plan = TeamPlan.objects.get()
    assert response.url == reverse("learning:team_plan", args=[lead.organisation_id, plan.pk])
    html = _main(client.get(response.url))
    # one seat each: one colleague on each date, nobody left out, nobody on the same seat
    assert {int(k) for k in plan.schedule} == {soon.pk, later.pk}
    assert sorted(len(v) for v in plan.schedule.values()) == [1, 1]
    for name in names:
        assert name in html
    # the schedule only: no levels, gaps, targets or self-ratings of anyone
    for word in LEVEL_WORDS:
        assert word not in html, word
    assert not re.search(r"\b[0-4] (von|auf) [0-4]\b", html)

    # one click registers everyone on their date: both get a seat, nobody waits
    register = reverse("learning:team_register", args=[lead.organisation_id, plan.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(register).status_code == 302
    statuses = Registration.objects.values_list("status", flat=True)
    assert sorted(statuses) == [RegistrationStatus.REGISTERED] * 2


def test_a_trainer_runs_a_course_from_the_waitlist_to_attendance(
    login, centre, trainer, django_capture_on_commit_callbacks
):
    workshop = make_module(centre, title="Prompten im Alltag", competences={"prompting": 3})
    offer = make_offer(workshop, capacity=1)
    first = make_member(Role.EMPLOYEE)
    second = make_member(Role.EMPLOYEE)
    second.user.full_name = "Wanda Warteliste"
    second.user.save()
    register = reverse("learning:offer_register", args=[offer.pk])
    for member in (first, second):
        with django_capture_on_commit_callbacks(execute=True):
            assert login(member).post(register).status_code == 302
    waiting = Registration.objects.get(user=second.user)
    assert waiting.status == RegistrationStatus.WAITLISTED

    client = login(trainer)
    course_url = reverse("learning:course", args=[offer.pk])
    course = _main(client.get(course_url))
    assert "Wanda Warteliste" in course and "Platz 1" in course
    # no attendance for someone still waiting
    assert reverse("learning:course_attendance", args=[waiting.pk, "teilgenommen"]) not in course

    # one more seat: the waitlist moves up by itself
    with django_capture_on_commit_callbacks(execute=True):
        raised = client.post(reverse("learning:offer_capacity", args=[offer.pk]), {"capacity": 2})
    assert raised.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED and waiting.position is None

    # the trainer confirms one attendance and records one no-show
    confirm = reverse("learning:course_attendance", args=[waiting.pk, "teilgenommen"])
    assert confirm in _main(client.get(course_url))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm).status_code == 302
    other = Registration.objects.get(user=first.user)
    absent = reverse("learning:course_attendance", args=[other.pk, "nicht-erschienen"])
    assert client.post(absent).status_code == 302
    assert dict(Registration.objects.values_list("user_id", "status")) == {
        second.user_id: RegistrationStatus.ATTENDED,
        first.user_id: RegistrationStatus.NO_SHOW,
    }
    assert levels_of(second.user)["prompting"].level == 3
    assert levels_of(first.user).get("prompting") is None or (
        levels_of(first.user)["prompting"].level < 3
    )
