"""Taking a check through the web pages, without JavaScript: the Django test client posts the
forms a browser would post. Also: roles, tenants, tokens and the employer's blindness."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.models import Assessment, Participation, Response
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .factories import FLOWCHECK_PAGES, flow_content, make_assessment  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_content")]

V = "2026.1"
PERSONAL_URLS = ("continue", "review", "done", "result")


def _page_url(response: Response, number: int) -> str:
    return reverse("assessments:page", args=[response.pk, number])


def _company(login):
    lead = make_member(Role.COMPANY_LEAD)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="flowcheck")
    return lead, employee, assessment


def _token_from(location: str) -> str:
    match = re.search(r"/checks/weiter/([^/]+)/", location)
    assert match, location
    return match.group(1)


def test_overview_lists_checks_for_the_role(login) -> None:
    lead, employee, assessment = _company(login)
    page = login(lead).get(reverse("assessments:overview"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ablauf-Check" in text and reverse("assessments:close", args=[assessment.pk]) in text
    assert reverse("assessments:open") in text and "Stimmen-Check" in text
    other = login(employee, Client()).get(reverse("assessments:overview")).content.decode()
    assert reverse("assessments:assessment_start", args=[assessment.pk]) in other
    assert reverse("assessments:open") not in other


def test_lead_opens_twice_and_gets_one_check(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    client = login(lead)
    for _ in range(2):
        answer = client.post(reverse("assessments:open"), {"instrument": "flowcheck"})
        assert answer.status_code == 302
    assert Assessment.objects.filter(organisation=lead.organisation).count() == 1


def test_employee_may_not_open_or_close(login) -> None:
    _lead, employee, assessment = _company(login)
    client = login(employee)
    assert client.post(reverse("assessments:open"), {"instrument": "flowcheck"}).status_code == 403
    assert client.post(reverse("assessments:close", args=[assessment.pk])).status_code == 403


def test_lead_of_another_company_gets_404(login) -> None:
    _lead, _employee, assessment = _company(login)
    stranger = make_member(Role.COMPANY_LEAD)
    client = login(stranger)
    assert client.post(reverse("assessments:close", args=[assessment.pk])).status_code == 404
    url = reverse("assessments:assessment_start", args=[assessment.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assessment.refresh_from_db()
    assert assessment.is_open


def test_trainer_may_not_take_a_company_check(login) -> None:
    _lead, _employee, assessment = _company(login)
    url = reverse("assessments:assessment_start", args=[assessment.pk])
    assert login(make_member(Role.TRAINER)).get(url).status_code == 403


def test_no_js_page_flow_end_to_end(login) -> None:
    _lead, employee, assessment = _company(login)
    client = login(employee)
    start = client.post(reverse("assessments:assessment_start", args=[assessment.pk]))
    response = Response.objects.get(assessment=assessment, respondent=employee.user)
    assert start["Location"] == reverse("assessments:continue", args=[response.pk])
    assert client.get(start["Location"])["Location"] == _page_url(response, 1)

    first = client.get(_page_url(response, 1)).content.decode()
    assert "Seite 1 von 3" in first and "<progress" in first and 'value="na"' in first
    assert 'aria-describedby="q-q_goals-hint"' in first

    # Weiter without the required answers: messages at the items, what was given is kept
    missing = client.post(_page_url(response, 1), {"version": V, "step": "next", "q-q_uses": "yes"})
    assert (
        missing.status_code == 200
        and "Bitte beantworten Sie diese Frage." in missing.content.decode()
    )
    response.refresh_from_db()
    assert response.answers == {"q_uses": "yes"}

    nxt = client.post(_page_url(response, 1), {"version": V, "step": "next", **FLOWCHECK_PAGES[0]})
    assert nxt["Location"] == _page_url(response, 2)
    # Zurück saves as well
    back = client.post(_page_url(response, 2), {"version": V, "step": "back", "q-q_staff": "7"})
    assert back["Location"] == _page_url(response, 1)
    response.refresh_from_db()
    assert response.answers["q_staff"] == 7
    client.post(_page_url(response, 2), {"version": V, "step": "next", **FLOWCHECK_PAGES[1]})
    to_review = client.post(_page_url(response, 3), {"version": V, "step": "next"})
    assert to_review["Location"] == reverse("assessments:review", args=[response.pk])

    review = client.get(to_review["Location"]).content.decode()
    assert "Anmerkungen" in review and "2 Fragen sind noch offen" in review
    done = client.post(to_review["Location"], {"version": V})
    assert done["Location"] == reverse("assessments:done", args=[response.pk])
    response.refresh_from_db()
    assert response.is_submitted and response.result["overall"] is not None

    again = client.post(to_review["Location"], {"version": V}, follow=True)
    assert "bereits abgesendet" in again.content.decode()
    result = client.get(reverse("assessments:result", args=[response.pk]))
    assert result.status_code == 200 and "<caption" in result.content.decode()


def test_hidden_items_are_skipped(login) -> None:
    _lead, employee, assessment = _company(login)
    response, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    client = login(employee)
    client.post(
        _page_url(response, 1), {"version": V, "step": "next", "q-q_goals": "3", "q-q_uses": "no"}
    )
    second = client.get(_page_url(response, 2)).content.decode()
    assert "q-q_tools" in second and "q-q_staff" not in second


def test_out_of_scale_and_tampered_ids_keep_the_rest(login) -> None:
    _lead, employee, assessment = _company(login)
    response, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    answer = login(employee).post(
        _page_url(response, 1),
        {"version": V, "step": "next", "q-q_goals": "9", "q-q_uses": "yes", "q-evil": "1"},
    )
    text = answer.content.decode()
    assert answer.status_code == 200
    assert "Bitte wählen Sie einen Wert der Skala" in text
    assert "zu keiner Frage dieser Seite" in text
    response.refresh_from_db()
    assert response.answers == {"q_uses": "yes"}


def test_outdated_version_shows_a_message_and_keeps_the_input(login) -> None:
    _lead, employee, assessment = _company(login)
    response, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    answer = login(employee).post(
        _page_url(response, 1), {"version": "2025.1", "step": "next", "q-q_goals": "5"}
    )
    text = answer.content.decode()
    assert answer.status_code == 409 and "Die Fragen wurden inzwischen aktualisiert" in text
    assert re.search(r'value="5"\s+checked', text)


def test_check_closed_in_the_meantime(login) -> None:
    lead, employee, assessment = _company(login)
    response, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    actions.close_assessment(member=lead, assessment=assessment)
    client = login(employee)
    saved = client.post(
        _page_url(response, 1), {"version": V, "step": "next", **FLOWCHECK_PAGES[0]}, follow=True
    )
    assert "inzwischen abgeschlossen" in saved.content.decode()
    submit = client.post(reverse("assessments:review", args=[response.pk]), {"version": V})
    assert "inzwischen abgeschlossen" in submit.content.decode()
    response.refresh_from_db()
    assert response.answers["q_goals"] == 4 and not response.is_submitted


def test_expired_session_goes_to_login_and_answers_are_kept(login) -> None:
    _lead, employee, assessment = _company(login)
    response, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    client = login(employee)
    client.post(_page_url(response, 1), {"version": V, "step": "next", **FLOWCHECK_PAGES[0]})
    client.logout()
    answer = client.post(_page_url(response, 2), {"version": V, "step": "next", "q-q_staff": "3"})
    assert answer.status_code == 302 and answer["Location"].startswith("/konto/login/?next=")
    response.refresh_from_db()
    assert response.answers == {"q_goals": 4, "q_uses": "yes"}


def test_anonymous_visitor_takes_the_competence_check_by_token() -> None:
    client = Client()
    assert client.get(reverse("assessments:individual_start")).status_code == 200
    start = client.post(reverse("assessments:individual_start"))
    token = _token_from(start["Location"])
    resume = client.get(start["Location"]).content.decode()
    assert "privater Link" in resume and token in resume
    page = reverse("assessments:token_page", args=[token, 1])
    done = client.post(page, {"version": V, "step": "next", "q-s_use": "2", "q-s_quiz": "b"})
    assert done["Location"] == reverse("assessments:token_review", args=[token])
    client.post(done["Location"], {"version": V})
    # a new browser with only the link sees the result
    result = Client().get(reverse("assessments:result_by_token", args=[token]))
    assert result.status_code == 200 and "Lernen Sie die Grundlagen." in result.content.decode()
    assert Client().get(reverse("assessments:resume", args=["falsch"])).status_code == 404


def test_signed_in_competence_check_is_tied_to_the_person(login) -> None:
    member = make_member(Role.SOLO)
    client = login(member)
    start = client.post(reverse("assessments:individual_start"))
    response = Response.objects.get(respondent=member.user)
    assert response.resume_token_hash is None
    assert start["Location"] == reverse("assessments:continue", args=[response.pk])
    assert (
        reverse("assessments:continue", args=[response.pk])
        in client.get(reverse("assessments:overview")).content.decode()
    )


def test_employee_voice_is_anonymous_and_once(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="flowvoice")
    client = login(employee)
    start = client.post(reverse("assessments:assessment_start", args=[assessment.pk]))
    token = _token_from(start["Location"])
    response = Response.objects.get(assessment=assessment)
    assert response.respondent is None
    assert Participation.objects.filter(user=employee.user, assessment=assessment).exists()
    overview = client.get(reverse("assessments:overview")).content.decode()
    assert "Sie haben teilgenommen" in overview and str(response.pk) not in overview
    again = client.post(reverse("assessments:assessment_start", args=[assessment.pk]))
    assert again.status_code == 200 and "bereits teilgenommen" in again.content.decode()
    assert Response.objects.filter(assessment=assessment).count() == 1
    # even the respondent's own account cannot open the anonymous response by id: only the link
    for name in PERSONAL_URLS:
        assert client.get(reverse(f"assessments:{name}", args=[response.pk])).status_code == 404
    assert client.get(reverse("assessments:resume", args=[token])).status_code == 200
    lead_client = login(lead, Client())
    for name in PERSONAL_URLS:
        assert (
            lead_client.get(reverse(f"assessments:{name}", args=[response.pk])).status_code == 404
        )


def test_employer_never_sees_an_individual_response(login) -> None:
    lead, employee, assessment = _company(login)
    response, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    for index, data in enumerate(FLOWCHECK_PAGES):
        actions.save_page(
            response=response,
            page_index=index,
            version=V,
            data={k: v if isinstance(v, list) else [v] for k, v in data.items()},
        )
    actions.submit_response(response=response, version=V)
    own_individual, _ = actions.start_individual_response(
        user=employee.user, instrument_key="flowself"
    )
    client = login(lead)
    for target in (response, own_individual):
        for name in PERSONAL_URLS:
            url = reverse(f"assessments:{name}", args=[target.pk])
            assert client.get(url).status_code == 404, url
        assert client.get(_page_url(target, 1)).status_code == 404
        assert client.post(_page_url(target, 1), {"version": V}).status_code == 404
    overview = client.get(reverse("assessments:overview")).content.decode()
    assert str(response.pk) not in overview and str(own_individual.pk) not in overview


def test_advisor_fills_the_check_with_the_company(login) -> None:
    from zukunftszentrum.organisations import actions as org_actions
    from zukunftszentrum.organisations.tests.factories import make_centre

    lead, _employee, assessment = _company(login)
    advisor = make_member(Role.ADVISOR, centre=make_centre())
    url = reverse("assessments:assessment_start", args=[assessment.pk])
    assert login(advisor).get(url).status_code == 404
    acc = org_actions.request_accompaniment(member=advisor, organisation=lead.organisation)
    org_actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    client = login(advisor, Client())
    assert "gemeinsam mit dem Unternehmen" in client.get(url).content.decode()
    client.post(url)
    assert (
        Response.objects.get(assessment=assessment, respondent=advisor.user).perspective
        == "advisor"
    )


def test_opening_an_unknown_check_gives_a_message(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    answer = login(lead).post(reverse("assessments:open"), {"instrument": "nope"}, follow=True)
    assert "Diesen Check gibt es nicht" in answer.content.decode()
    assert not Assessment.objects.exists()
