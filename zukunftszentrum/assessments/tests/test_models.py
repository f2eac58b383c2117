"""The database refuses inconsistent self-check data."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from zukunftszentrum.assessments.models import Assessment, Participation, Response
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation, make_user

from .factories import make_assessment, make_response

pytestmark = pytest.mark.django_db


def test_only_one_open_check_per_organisation_and_instrument() -> None:
    org = make_organisation()
    make_assessment(org)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_assessment(org)


def test_a_closed_check_does_not_block_a_new_one() -> None:
    org = make_organisation()
    first = make_assessment(org)
    first.status, first.closed_at = Assessment.Status.CLOSED, timezone.now()
    first.save()
    assert make_assessment(org).is_open


def test_closed_at_must_match_status() -> None:
    org = make_organisation()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            organisation=org, instrument_key="x", version="1", status=Assessment.Status.CLOSED
        )


def test_one_response_per_person_and_check() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    assessment = make_assessment(lead.organisation)
    make_response(lead, assessment)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_response(lead, assessment)


def test_one_draft_of_an_individual_check_per_person() -> None:
    member = make_member(Role.EMPLOYEE)
    make_response(member, key="flowself")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_response(member, key="flowself")


def test_a_submitted_individual_check_allows_a_repeat() -> None:
    member = make_member(Role.EMPLOYEE)
    first = make_response(member, key="flowself")
    first.submitted_at, first.result = timezone.now(), {"overall": 50}
    first.save()
    assert make_response(member, key="flowself").pk != first.pk


def test_result_is_stored_exactly_on_submit() -> None:
    member = make_member(Role.EMPLOYEE)
    response = make_response(member, key="flowself")
    response.submitted_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        response.save()


def test_a_response_belongs_to_a_person_or_a_token() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(instrument_key="flowself", version="2026.1")


def test_participation_is_unique_and_has_no_link_to_a_response() -> None:
    org = make_organisation()
    assessment = make_assessment(org, key="flowvoice")
    user = make_user()
    Participation.objects.create(assessment=assessment, user=user)
    field_names = {f.name for f in Participation._meta.get_fields()}
    assert "response" not in field_names
    assert not any(
        f.is_relation and f.related_model is Response for f in Participation._meta.get_fields()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(assessment=assessment, user=user)


def test_response_ids_are_not_guessable() -> None:
    member = make_member(Role.EMPLOYEE)
    response = make_response(member, key="flowself")
    assert len(str(response.pk)) == 36
