"""'Mein Lernweg', the team plan, the demand section and the own-path API: the person sees only
their own plan (another's is a 404), wrong roles get 403, other companies 404, and the team
pages show who attends what — never anyone's levels, gaps or targets."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zukunftszentrum.learning.competence.evidence import record
from zukunftszentrum.learning.models import (
    EvidenceKind,
    JobProfileAssignment,
    LearningPlan,
    OwnGoal,
    PathSettings,
    Registration,
    RegistrationStatus,
    TeamPlan,
)
from zukunftszentrum.learning.paths import plans as paths
from zukunftszentrum.learning.paths import team
from zukunftszentrum.learning.paths.pages import competence_title
from zukunftszentrum.organisations.models import Accompaniment
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db

MINE = reverse("learning:paths")
LEVEL_WORDS = (
    "Stufe",
    "Kennen",
    "Anwenden mit Anleitung",
    "Selbstständig anwenden",
    "Anleiten und gestalten",
    "Lücke",
    "Ziel",
    "Selbsteinschätzung",
    "Prompting",
)


@pytest.fixture
def centre():
    return make_centre()


@pytest.fixture
def lead():
    return make_member(Role.COMPANY_LEAD)


@pytest.fixture
def employee(lead):
    return make_member(Role.EMPLOYEE, organisation=lead.organisation)


@pytest.fixture
def offer(centre, lead):
    module = make_module(centre, title="Prompten im Alltag", competences={"prompting": 3})
    return make_offer(module, capacity=4, land=lead.organisation.land_id)


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# --- Mein Lernweg -------------------------------------------------------------------------
def test_the_page_plans_on_request_and_shows_next_step_reasons_and_open_gaps(
    login, employee, offer
):
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    OwnGoal.objects.create(user=employee.user, competence="work_design", level=2)
    client = login(employee)
    first = client.get(MINE)
    assert first.status_code == 200 and "Lernweg berechnen" in first.content.decode()
    assert LearningPlan.objects.count() == 0  # a page view never plans
    assert client.post(reverse("learning:path_plan")).status_code == 302
    html = _main(client.get(MINE))
    assert "Prompten im Alltag" in html
    assert reverse("learning:offer_register", args=[offer.pk]) in html
    assert "schließt die Lücke bei Aufträge formulieren (Prompting): Stufe 0 auf 3" in html
    assert "Kein Modul im Katalog erreicht Stufe 2." in html
    assert "0 von 2 Lücken geschlossen" in html
    assert LearningPlan.objects.count() == 1


def test_a_plan_without_steps_says_why_and_does_not_claim_all_is_done(login, employee):
    # a goal no module in the catalogue reaches: nothing to plan, the gap stays open
    OwnGoal.objects.create(user=employee.user, competence="work_design", level=2)
    paths.plan_for(employee.user, employee.organisation)
    html = _main(login(employee).get(MINE))
    assert "Alle Schritte sind erledigt." not in html
    assert "Für Ihre offenen Lücken gibt es im Zeitraum keinen passenden Termin" in html
    assert "0 von 1 Lücken geschlossen" in html and "Schritten erledigt" not in html


def test_progress_counts_gaps_closed_since_the_plan(login, employee, offer):
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    paths.plan_for(employee.user, employee.organisation)
    record(user=employee.user, competence="prompting", kind=EvidenceKind.ATTENDED, level=3)
    html = _main(login(employee).get(MINE))
    assert "1 von 1 Lücken geschlossen" in html and "Alle Schritte sind erledigt." in html
    # the evidence came from elsewhere, not from this step's offer: not called "attended"
    assert "(nicht mehr nötig: die Lücke ist schon geschlossen)" in html
    assert "(erledigt)" not in html


def test_an_attended_step_is_done(login, employee, offer):
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    paths.plan_for(employee.user, employee.organisation)
    Registration.objects.create(
        offer=offer,
        user=employee.user,
        organisation=employee.organisation,
        status=RegistrationStatus.ATTENDED,
    )
    html = _main(login(employee).get(MINE))
    assert "(erledigt)" in html and "nicht mehr nötig" not in html


def test_excluding_a_module_plans_again_and_keeps_the_history(login, employee, offer):
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    first = paths.plan_for(employee.user, employee.organisation)
    client = login(employee)
    url = reverse("learning:path_module", args=[offer.module_id, "exclude"])
    assert client.post(url).status_code == 302
    assert PathSettings.objects.get(user=employee.user).excluded == [offer.module_id]
    current = paths.current_plan(employee.user)
    assert current != first and current.open_gaps[0]["reason"] == "excluded"
    html = _main(client.get(MINE))
    assert reverse("learning:path_old", args=[first.pk]) in html  # the history
    assert client.get(reverse("learning:path_old", args=[first.pk])).status_code == 200
    assert client.post(
        reverse("learning:path_module", args=[offer.module_id, "x"])
    ).status_code == (404)


def test_settings_are_checked_and_a_wrong_window_is_refused(login, employee):
    client = login(employee)
    data = {"start": "2027-05-01", "end": "2027-04-01", "monthly_hours": "6", "online": "on"}
    page = client.post(reverse("learning:path_settings"), data)
    assert (
        page.status_code == 400 and "Das Ende muss nach dem Beginn liegen." in page.content.decode()
    )
    data["end"] = "2027-12-01"
    assert client.post(reverse("learning:path_settings"), data).status_code == 302
    saved = PathSettings.objects.get(user=employee.user)
    assert (saved.online, saved.travels, float(saved.monthly_hours)) == (True, False, 6.0)
    assert paths.current_plan(employee.user).inputs["end"] == "2027-12-01"


def test_another_persons_plan_is_a_404(login, employee, lead):
    theirs = paths.plan_for(lead.user, lead.organisation)
    assert login(employee).get(reverse("learning:path_old", args=[theirs.pk])).status_code == 404


def test_roles_that_do_not_learn_get_403(login):
    trainer = make_member(Role.TRAINER)
    client = login(trainer)
    assert client.get(MINE).status_code == 403
    assert client.post(reverse("learning:path_plan")).status_code == 403


# --- the team plan ------------------------------------------------------------------------
def test_the_lead_plans_a_team_and_sees_who_attends_but_no_levels(login, lead, employee, offer):
    JobProfileAssignment.objects.create(
        organisation=lead.organisation, user=employee.user, profile="office_admin"
    )
    record(user=employee.user, competence="prompting", kind=EvidenceKind.SELF_RATING, level=1)
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    employee.user.full_name = "Erika Beispiel"
    employee.user.save()
    client = login(lead)
    assert client.get(reverse("learning:team")).status_code == 200
    response = client.post(reverse("learning:team"), {"profile": "office_admin"})
    plan = TeamPlan.objects.get()
    assert response.url == reverse("learning:team_plan", args=[lead.organisation_id, plan.pk])
    html = _main(client.get(response.url))
    assert "Erika Beispiel" in html and "Prompten im Alltag" in html
    for word in LEVEL_WORDS:
        assert word not in html, word
    assert not re.search(r"\b[0-4] (von|auf) [0-4]\b", html)
    register = reverse("learning:team_register", args=[lead.organisation_id, plan.pk])
    assert client.post(register).status_code == 302
    assert offer.registrations.get().user == employee.user


def test_the_team_pages_refuse_wrong_roles_and_other_companies(login, lead, employee):
    other = make_member(Role.COMPANY_LEAD)
    theirs = TeamPlan.objects.create(organisation=other.organisation, people=[])
    assert login(employee).get(reverse("learning:team")).status_code == 403
    client = login(lead)
    assert client.get(reverse("learning:team_of", args=[other.organisation_id])).status_code == 404
    url = reverse("learning:team_plan", args=[lead.organisation_id, theirs.pk])
    assert client.get(url).status_code == 404
    url = reverse("learning:team_plan", args=[other.organisation_id, theirs.pk])
    assert client.get(url).status_code == 404


def test_an_advisor_plans_only_for_an_accompanied_company(login, lead, centre):
    advisor = make_member(Role.ADVISOR, centre=centre)
    client = login(advisor)
    url = reverse("learning:team_of", args=[lead.organisation_id])
    assert client.get(url).status_code == 404
    Accompaniment.objects.create(
        centre=centre, organisation=lead.organisation, status=Accompaniment.Status.ACTIVE
    )
    assert client.get(url).status_code == 200


# --- unmet demand -------------------------------------------------------------------------
def test_open_gaps_reach_the_demand_page_only_as_protected_counts(login, employee, centre):
    OwnGoal.objects.create(user=employee.user, competence="work_design", level=4)
    paths.plan_for(employee.user, employee.organisation)
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    html = _main(login(admin).get(reverse("learning:demand")))
    section = html[html.index("Lücken ohne passendes Angebot") :]
    row = section[section.index("<tbody>") : section.index("</tbody>")]
    assert competence_title("work_design") in row
    cells = re.findall(r"<td>([^<]*)</td>", row)
    assert cells[2] != "1" and "unter" in cells[2]  # one person: withheld, never the raw count


# --- the API ------------------------------------------------------------------------------
def test_the_api_gives_the_caller_their_own_plan_and_evidence(login, client, employee, offer):
    url = reverse("api:learning_my_plan")
    assert client.get(url).status_code == 401
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    record(user=employee.user, competence="prompting", kind=EvidenceKind.SELF_RATING, level=1)
    client = login(employee)
    assert client.get(url).status_code == 404  # no plan yet
    paths.plan_for(employee.user, employee.organisation)
    body = client.get(url).json()
    assert [s["offer"] for s in body["steps"]] == [offer.pk]
    assert body["steps"][0]["changes"][0] == {
        "competence": "prompting",
        "from_level": 1,
        "to_level": 3,
        "closes_gap": True,
    }
    evidence = client.get(reverse("api:learning_my_evidence")).json()
    assert [e["kind"] for e in evidence["entries"]] == ["self_rating"]
    prompting = next(x for x in evidence["levels"] if x["competence"] == "prompting")
    assert prompting == {
        "competence": "prompting",
        "level": 1,
        "basis": "self",
        "measured": None,
        "self_rating": 1,
    }


def test_the_api_refuses_roles_that_do_not_learn_and_shows_nobody_elses_plan(login, lead):
    trainer = make_member(Role.TRAINER)
    client = login(trainer)
    assert client.get(reverse("api:learning_my_plan")).status_code == 403
    assert client.get(reverse("api:learning_my_evidence")).status_code == 403
    paths.plan_for(lead.user, lead.organisation)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    assert login(employee).get(reverse("api:learning_my_plan")).status_code == 404
    assert team.learners_of(lead.organisation).keys() == {lead.user_id, employee.user_id}


def test_the_reasons_read_in_english_too(login, employee, offer):
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    OwnGoal.objects.create(user=employee.user, competence="work_design", level=2)
    paths.plan_for(employee.user, employee.organisation)
    html = _main(login(employee).get(MINE, HTTP_ACCEPT_LANGUAGE="en"))
    assert "closes the gap in" in html and ": level 0 to 3" in html
    assert "No module in the catalogue reaches level 2." in html
    assert "Next step" in html and "Timeline" in html and "My learning path" in html
    assert "schließt" not in html


def test_a_changed_target_asks_to_plan_again(login, employee, offer):
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    paths.plan_for(employee.user, employee.organisation)
    client = login(employee)
    hint = "Ihre Ziele haben sich seit diesem Plan geändert."
    assert hint not in client.get(MINE).content.decode()
    OwnGoal.objects.create(user=employee.user, competence="copyright_ip", level=2)
    assert hint in client.get(MINE).content.decode()


def test_the_api_names_a_prerequisite_step_as_such(login, employee, centre):
    basics = make_module(centre, title="Grundlagen", competences={"ai_basics": 1})
    advanced = make_module(centre, title="Vertiefung", competences={"prompting": 3})
    advanced.prerequisite_modules.set([basics])
    OwnGoal.objects.create(user=employee.user, competence="prompting", level=3)
    paths.plan_for(employee.user, employee.organisation)
    steps = login(employee).get(reverse("api:learning_my_plan")).json()["steps"]
    assert [s["module"] for s in steps] == [basics.pk, advanced.pk]
    assert steps[0]["reason"] == "Voraussetzung für „Vertiefung“"
