"""The self-checks in "Meine Daten": own answers exported, anonymous ones never; deletion
detaches submitted answers and removes drafts and participation records."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.models import Participation, Response
from zukunftszentrum.core.personal_data import export_document, sections
from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

pytestmark = pytest.mark.django_db

VOICE_TEXT = "Unverwechselbarer Freitext 4711"


@pytest.fixture
def company():
    lead = make_member(Role.COMPANY_LEAD)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    return lead, employee


def _submit(response: Response, answers: dict) -> Response:
    Response.objects.filter(pk=response.pk).update(answers=answers)
    response.refresh_from_db()
    return actions.submit_response(response=response, version=response.version)


def _readiness(member, lead) -> Response:
    check = actions.open_assessment(member=lead, instrument_key="readiness")
    response, _token = actions.start_assessment_response(member=member, assessment=check)
    return _submit(response, {"strategy_goals": 4, "data_digital": 2})


def _voice(member, lead) -> Response:
    check = actions.open_assessment(member=lead, instrument_key="work_voice")
    response, token = actions.start_assessment_response(member=member, assessment=check)
    assert token and response.respondent_id is None
    return _submit(response, {"exp_routine": 5, "message_to_management": VOICE_TEXT})


def _as_text(document: dict) -> str:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_sections_are_registered_with_titles() -> None:
    ours = {s.name: s for s in sections()}
    assert {"self_checks", "self_check_participations"} <= set(ours)
    assert all(ours[n].title and ours[n].description for n in ("self_checks",))
    assert ours["self_checks"].order < ours["profile"].order  # before the account is renamed


def test_export_holds_own_answers_with_version_and_result(company) -> None:
    lead, employee = company
    _readiness(employee, lead)
    rows = export_document(employee.user)["self_checks"]
    assert len(rows) == 1
    row = rows[0]
    assert row["instrument"] == "readiness" and row["version"] and row["submitted_at"]
    assert row["answers"] == {"strategy_goals": 4, "data_digital": 2}
    assert row["result"]["dimensions"]["strategy"]["score"] == 75.0
    assert row["perspective"] == "employee"


def test_anonymous_answers_appear_in_nobodys_export(company) -> None:
    lead, employee = company
    _voice(employee, lead)
    for person in (employee.user, lead.user):
        document = export_document(person)
        assert document["self_checks"] == []
        assert VOICE_TEXT not in _as_text(document)
    participations = export_document(employee.user)["self_check_participations"]
    assert [p["instrument"] for p in participations] == ["work_voice"]
    assert "answers" not in participations[0]


def test_export_never_holds_a_colleagues_answers(company) -> None:
    lead, employee = company
    _readiness(employee, lead)
    assert export_document(lead.user)["self_checks"] == []


def test_deletion_detaches_submitted_answers_and_drops_drafts(company) -> None:
    lead, employee = company
    submitted = _readiness(employee, lead)
    draft, _token = actions.start_individual_response(
        user=employee.user, instrument_key="competence"
    )
    voice = _voice(employee, lead)
    org_actions.delete_account(user=employee.user)

    submitted.refresh_from_db()
    assert submitted.respondent_id is None and submitted.result is not None
    assert submitted.resume_token_hash  # a link that nobody holds
    assert submitted.organisation_id == employee.organisation_id  # still counts in aggregates
    assert not Response.objects.filter(pk=draft.pk).exists()
    assert not Participation.objects.filter(user=employee.user).exists()
    voice.refresh_from_db()
    assert voice.answers["message_to_management"] == VOICE_TEXT  # anonymous: untouched
    assert export_document(employee.user)["self_checks"] == []


def test_deletion_drops_free_texts_of_detached_answers() -> None:
    lead = make_member(Role.COMPANY_LEAD)  # alone: may delete the account
    check = actions.open_assessment(member=lead, instrument_key="needs")
    response, _token = actions.start_assessment_response(member=lead, assessment=check)
    _submit(response, {"willingness": "yes", "needs_remarks": "Ruf mich an: 0170 1234567"})
    org_actions.delete_account(user=lead.user)
    response.refresh_from_db()
    assert response.respondent_id is None
    assert response.answers == {"willingness": "yes"}


def test_deleting_someone_leaves_other_peoples_answers_alone(company) -> None:
    lead, employee = company
    mine = _readiness(lead, lead)
    _readiness(employee, lead)
    org_actions.delete_account(user=employee.user)
    mine.refresh_from_db()
    assert mine.respondent_id == lead.user_id
