"""Actions of the self-checks: open, close, start, save a page, submit."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.exceptions import (
    AlreadyParticipated,
    AlreadySubmitted,
    AssessmentClosed,
    NotAllowed,
    OutdatedVersion,
    UnknownInstrument,
)
from zukunftszentrum.assessments.models import Assessment, Participation, Response
from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .factories import FLOWCHECK_PAGES, flow_content, make_assessment  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_content")]


def _post(data: dict) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in data.items()}


def _answer_all(response: Response) -> None:
    for index, data in enumerate(FLOWCHECK_PAGES):
        outcome = actions.save_page(
            response=response, page_index=index, data=_post(data), version="2026.1", forward=True
        )
        assert outcome.ok, outcome


def test_lead_opens_a_check_and_a_second_open_returns_the_same() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    first = actions.open_assessment(member=lead, instrument_key="flowcheck")
    second = actions.open_assessment(member=lead, instrument_key="flowcheck")
    assert first.pk == second.pk and first.version == "2026.1"
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.WORKS_COUNCIL])
def test_only_leads_open_checks(role: Role) -> None:
    with pytest.raises(NotAllowed):
        actions.open_assessment(member=make_member(role), instrument_key="flowcheck")


def test_individual_checks_and_unknown_instruments_are_not_opened() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    with pytest.raises(NotAllowed):
        actions.open_assessment(member=lead, instrument_key="flowself")
    with pytest.raises(UnknownInstrument):
        actions.open_assessment(member=lead, instrument_key="nope")


def test_close_only_own_organisation() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    other_lead = make_member(Role.COMPANY_LEAD)
    assessment = actions.open_assessment(member=lead, instrument_key="flowcheck")
    with pytest.raises(NotAllowed):
        actions.close_assessment(member=other_lead, assessment=assessment)
    closed = actions.close_assessment(member=lead, assessment=assessment)
    assert closed.status == Assessment.Status.CLOSED and closed.closed_at is not None


def test_members_answer_in_their_perspective_and_resume_instead_of_a_second() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    council = make_member(Role.WORKS_COUNCIL, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="flowcheck")
    mine, token = actions.start_assessment_response(member=council, assessment=assessment)
    again, _ = actions.start_assessment_response(member=council, assessment=assessment)
    assert token is None and mine.pk == again.pk
    assert mine.perspective == "works_council" and mine.respondent == council.user


def test_member_of_another_organisation_cannot_answer() -> None:
    assessment = make_assessment(make_member(Role.COMPANY_LEAD).organisation)
    with pytest.raises(NotAllowed):
        actions.start_assessment_response(member=make_member(Role.EMPLOYEE), assessment=assessment)


def test_advisor_answers_only_with_an_active_accompaniment() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    advisor = make_member(Role.ADVISOR, centre=make_centre())
    assessment = make_assessment(lead.organisation)
    with pytest.raises(NotAllowed):
        actions.start_assessment_response(member=advisor, assessment=assessment)
    acc = org_actions.request_accompaniment(member=advisor, organisation=lead.organisation)
    org_actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    response, _ = actions.start_assessment_response(member=advisor, assessment=assessment)
    assert response.perspective == "advisor"


def test_closed_check_cannot_be_started() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    assessment = actions.open_assessment(member=lead, instrument_key="flowcheck")
    actions.close_assessment(member=lead, assessment=assessment)
    assessment.refresh_from_db()
    with pytest.raises(AssessmentClosed):
        actions.start_assessment_response(member=lead, assessment=assessment)


def test_anonymous_check_records_participation_but_not_the_person() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="flowvoice")
    response, token = actions.start_assessment_response(member=employee, assessment=assessment)
    assert token and response.respondent is None and response.resume_token_hash
    assert response.resume_token_hash != token
    assert Participation.objects.filter(assessment=assessment, user=employee.user).exists()
    with pytest.raises(AlreadyParticipated):
        actions.start_assessment_response(member=employee, assessment=assessment)
    assert Response.objects.filter(assessment=assessment).count() == 1


def test_anonymous_answers_keep_only_the_day() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="flowvoice")
    response, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    actions.save_page(response=response, page_index=0, data={"q-v_hope": ["4"]}, version="2026.1")
    submitted = actions.submit_response(response=response, version="2026.1")
    for moment in (submitted.started_at, submitted.updated_at, submitted.submitted_at):
        assert moment is not None
        assert (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)


def test_lead_is_not_asked_in_the_employees_view() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    assessment = actions.open_assessment(member=lead, instrument_key="flowvoice")
    with pytest.raises(NotAllowed):
        actions.start_assessment_response(member=lead, assessment=assessment)


def test_individual_check_without_account_gets_a_token_and_with_account_resumes() -> None:
    anon, token = actions.start_individual_response(user=None, instrument_key="flowself")
    assert token and anon.respondent is None
    member = make_member(Role.EMPLOYEE)
    mine, no_token = actions.start_individual_response(user=member.user, instrument_key="flowself")
    again, _ = actions.start_individual_response(user=member.user, instrument_key="flowself")
    assert no_token is None and mine.pk == again.pk and mine.respondent == member.user


def test_two_tabs_starting_the_same_check_at_once_resume_one_draft(monkeypatch) -> None:
    """The second request looked before the first one's draft was stored, then finds it when
    its own insert is refused: the person gets the draft, not a server error."""
    from django.db.models import QuerySet

    member = make_member(Role.EMPLOYEE)
    first, _ = actions.start_individual_response(user=member.user, instrument_key="flowself")
    looked = {"before": False}
    real_first = QuerySet.first

    def first_sees_nothing_yet(queryset):  # the moment before the other tab committed
        if queryset.model is Response and not looked["before"]:
            looked["before"] = True
            return None
        return real_first(queryset)

    monkeypatch.setattr(QuerySet, "first", first_sees_nothing_yet)
    second, token = actions.start_individual_response(user=member.user, instrument_key="flowself")
    assert looked["before"] and token is None and second.pk == first.pk
    assert Response.objects.filter(respondent=member.user).count() == 1


def test_page_keeps_valid_answers_and_reports_invalid_ones() -> None:
    member = make_member(Role.EMPLOYEE)
    response, _ = actions.start_individual_response(user=member.user, instrument_key="flowself")
    outcome = actions.save_page(
        response=response,
        page_index=0,
        data=_post({"q-s_use": "9", "q-s_quiz": "b"}),
        version="2026.1",
    )
    response.refresh_from_db()
    assert "s_use" in outcome.errors and response.answers == {"s_quiz": "b"}


def test_tampered_item_id_is_reported_not_stored() -> None:
    member = make_member(Role.EMPLOYEE)
    response, _ = actions.start_individual_response(user=member.user, instrument_key="flowself")
    outcome = actions.save_page(
        response=response,
        page_index=0,
        data=_post({"q-s_use": "3", "q-evil": "1"}),
        version="2026.1",
    )
    response.refresh_from_db()
    assert outcome.notes and response.answers == {"s_use": 3}


def test_forward_requires_required_items_but_back_does_not() -> None:
    member = make_member(Role.EMPLOYEE)
    response, _ = actions.start_individual_response(user=member.user, instrument_key="flowself")
    back = actions.save_page(response=response, page_index=0, data={}, version="2026.1")
    forward = actions.save_page(
        response=response, page_index=0, data={}, version="2026.1", forward=True
    )
    assert back.ok and forward.errors == {"s_use": "Bitte beantworten Sie diese Frage."}


def test_outdated_version_is_refused_and_nothing_is_written() -> None:
    member = make_member(Role.EMPLOYEE)
    response, _ = actions.start_individual_response(user=member.user, instrument_key="flowself")
    with pytest.raises(OutdatedVersion):
        actions.save_page(
            response=response, page_index=0, data=_post({"q-s_use": "3"}), version="2025.9"
        )
    with pytest.raises(OutdatedVersion):
        actions.submit_response(response=response, version="2025.9")
    response.refresh_from_db()
    assert response.answers == {} and response.submitted_at is None


def test_submit_stores_the_result_and_a_second_submit_is_refused() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    assessment = actions.open_assessment(member=lead, instrument_key="flowcheck")
    response, _ = actions.start_assessment_response(member=lead, assessment=assessment)
    _answer_all(response)
    submitted = actions.submit_response(response=response, version="2026.1")
    assert submitted.submitted_at is not None
    assert submitted.result["dimensions"]["alpha"]["score"] == 75.0
    assert submitted.result["recommendations"][0]["id"] == "alpha-start"
    with pytest.raises(AlreadySubmitted):
        actions.submit_response(response=response, version="2026.1")
    with pytest.raises(AlreadySubmitted):
        actions.save_page(response=response, page_index=0, data={}, version="2026.1")


def test_submit_needs_required_answers() -> None:
    member = make_member(Role.EMPLOYEE)
    response, _ = actions.start_individual_response(user=member.user, instrument_key="flowself")
    with pytest.raises(NotAllowed):
        actions.submit_response(response=response, version="2026.1")


def test_hidden_items_are_dropped_on_submit() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    assessment = actions.open_assessment(member=lead, instrument_key="flowcheck")
    response, _ = actions.start_assessment_response(member=lead, assessment=assessment)
    _answer_all(response)
    actions.save_page(
        response=response,
        page_index=0,
        data=_post({"q-q_goals": "4", "q-q_uses": "no"}),
        version="2026.1",
    )
    response.refresh_from_db()
    assert "q_staff" in response.answers  # kept while answering: changing one's mind loses nothing
    submitted = actions.submit_response(response=response, version="2026.1")
    assert "q_staff" not in submitted.answers


def test_closed_in_the_meantime_keeps_answers_but_refuses_submit() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="flowcheck")
    response, _ = actions.start_assessment_response(member=employee, assessment=assessment)
    actions.close_assessment(member=lead, assessment=assessment)
    outcome = actions.save_page(
        response=response, page_index=0, data=_post(FLOWCHECK_PAGES[0]), version="2026.1"
    )
    response.refresh_from_db()
    assert outcome.closed and response.answers == {"q_goals": 4, "q_uses": "yes"}
    with pytest.raises(AssessmentClosed):
        actions.submit_response(response=response, version="2026.1")
    response.refresh_from_db()
    assert response.submitted_at is None and response.answers


def test_old_version_stays_scorable(settings) -> None:
    member = make_member(Role.EMPLOYEE)
    response, _ = actions.start_individual_response(user=member.user, instrument_key="flowself")
    response.answers = {"s_use": 5}
    response.save()
    submitted = actions.submit_response(response=response, version="2026.1")
    assert submitted.version == "2026.1" and submitted.result["overall"] == 100.0
    assert submitted.submitted_at is not None and submitted.submitted_at <= timezone.now()
