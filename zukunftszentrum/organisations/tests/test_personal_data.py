"""The personal-data registry: what a person downloads, and what deleting the account does."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent, ConsentRecord
from zukunftszentrum.core.personal_data import export_document, sections
from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.audit_actions import OrganisationAction
from zukunftszentrum.organisations.exceptions import LastCompanyLead
from zukunftszentrum.organisations.models import Membership, Organisation, User
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import PASSWORD, make_member, make_user

pytestmark = pytest.mark.django_db


def _consent(user: User) -> ConsentRecord:
    return actions.record_consent(
        user=user,
        kind=ConsentRecord.Kind.PRIVACY_NOTICE,
        version=settings.ZZ_PRIVACY_NOTICE_VERSION,
    )


def _as_text(document: dict) -> str:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_every_section_has_a_title_and_a_description() -> None:
    names = [s.name for s in sections()]
    assert {"profile", "memberships", "invitations", "consents", "audit_log"} <= set(names)
    assert all(s.title and s.description for s in sections())


def test_export_holds_profile_memberships_consents_and_audit_log() -> None:
    lead = make_member(Role.COMPANY_LEAD, user=make_user("lea@example.org", name="Lea Lind"))
    _consent(lead.user)
    document = export_document(lead.user)
    assert lead.organisation is not None
    assert document["meta"]["format_version"] == 1 and document["meta"]["generated_at"]
    assert document["profile"]["email"] == "lea@example.org"
    assert document["profile"]["name"] == "Lea Lind"
    assert document["memberships"][0]["role"] == Role.COMPANY_LEAD
    assert document["memberships"][0]["organisation"] == lead.organisation.legal_name
    assert document["consents"][0]["version"] == settings.ZZ_PRIVACY_NOTICE_VERSION
    assert CoreAction.CONSENT_GIVEN in {e["action"] for e in document["audit_log"]}
    assert set(document["meta"]["sections"]) == set(document) - {"meta"}


def test_export_never_holds_another_persons_data() -> None:
    lead = make_member(Role.COMPANY_LEAD, user=make_user("lea@example.org", name="Lea Lind"))
    colleague = make_member(
        Role.EMPLOYEE,
        user=make_user("kai@example.org", name="Kai Kollege"),
        organisation=lead.organisation,
    )
    _consent(colleague.user)
    actions.invite(
        member=lead, email="neu@example.org", role=Role.EMPLOYEE, organisation=lead.organisation
    )
    actions.end_membership(member=lead, membership=colleague)  # an event about the colleague
    text = _as_text(export_document(lead.user))
    for foreign in ("kai@example.org", "Kai Kollege", "neu@example.org"):
        assert foreign not in text


def test_solo_export_holds_the_own_business() -> None:
    solo = make_member(Role.SOLO)
    document = export_document(solo.user)
    assert solo.organisation is not None
    assert document["solo_organisation"][0]["name"] == solo.organisation.legal_name


def test_deletion_pseudonymises_the_account_and_ends_memberships() -> None:
    employee = make_member(Role.EMPLOYEE, user=make_user("kai@example.org", name="Kai Kollege"))
    _consent(employee.user)
    EmailAddress.objects.create(user=employee.user, email="kai@example.org", primary=True)
    actions.delete_account(user=employee.user)
    user = User.objects.get(pk=employee.user.pk)
    assert user.full_name == "" and "kai" not in user.email and user.erased_at is not None
    assert not user.is_active and not user.has_usable_password()
    assert Membership.objects.get(pk=employee.pk).ended_at is not None
    assert not ConsentRecord.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email__iexact="kai@example.org").exists()


def test_deleted_person_cannot_log_in() -> None:
    employee = make_member(Role.EMPLOYEE, user=make_user("kai@example.org"))
    actions.delete_account(user=employee.user)
    client = Client()
    client.post("/konto/login/", {"login": "kai@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_deletion_keeps_audit_events_without_the_address() -> None:
    employee = make_member(Role.EMPLOYEE, user=make_user("kai@example.org"))
    _consent(employee.user)
    lead = make_member(Role.COMPANY_LEAD, organisation=employee.organisation)
    actions.invite(
        member=lead,
        email="kai@example.org",
        role=Role.WORKS_COUNCIL,
        organisation=lead.organisation,
    )
    before = AuditEvent.objects.count()
    actions.delete_account(user=employee.user)
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.filter(action=CoreAction.ACCOUNT_DELETED).exists()
    assert not AuditEvent.objects.filter(summary__icontains="kai@example.org").exists()
    assert AuditEvent.objects.filter(action=CoreAction.CONSENT_GIVEN).exists()


def test_deletion_is_refused_for_the_last_lead_with_colleagues() -> None:
    lead = make_member(Role.COMPANY_LEAD, user=make_user("lea@example.org"))
    make_member(Role.EMPLOYEE, organisation=lead.organisation)
    with pytest.raises(LastCompanyLead):
        actions.delete_account(user=lead.user)
    user = User.objects.get(pk=lead.user.pk)
    assert user.email == "lea@example.org" and user.is_active
    assert Membership.objects.get(pk=lead.pk).ended_at is None


def test_last_lead_alone_may_delete() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    actions.delete_account(user=lead.user)
    assert Membership.objects.get(pk=lead.pk).ended_at is not None


def test_deleting_a_solo_removes_the_business_name_from_org_and_log() -> None:
    solo = make_member(Role.SOLO)
    business = solo.organisation
    assert business is not None
    business.legal_name = "Grafikbüro Kim Kranich"
    business.save()
    AuditEvent.objects.create(
        action=OrganisationAction.ACCOMPANIMENT_CHANGED,
        summary="Zentrum → Grafikbüro Kim Kranich: requested",
        organisation_id=business.pk,
    )
    actions.delete_account(user=solo.user)
    assert "Kranich" not in Organisation.objects.get(pk=business.pk).legal_name
    assert not AuditEvent.objects.filter(summary__icontains="Kranich").exists()


def test_deleting_someone_leaves_other_people_alone() -> None:
    lead = make_member(Role.COMPANY_LEAD, user=make_user("lea@example.org", name="Lea Lind"))
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    _consent(lead.user)
    actions.delete_account(user=employee.user)
    lea = User.objects.get(pk=lead.user.pk)
    assert lea.email == "lea@example.org" and lea.full_name == "Lea Lind" and lea.is_active
    assert Membership.objects.get(pk=lead.pk).ended_at is None
    assert ConsentRecord.objects.filter(user=lea).exists()
