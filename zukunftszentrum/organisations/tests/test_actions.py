"""The rules of the organisations app's actions: who may invite, remove, request and decide."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from zukunftszentrum.core.models import AuditEvent, ConsentRecord
from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.audit_actions import OrganisationAction
from zukunftszentrum.organisations.exceptions import (
    AccompanimentError,
    AccountExists,
    DuplicateMembership,
    InvitationExpired,
    InvitationForAnotherAccount,
    InvitationInvalid,
    InvitationUsed,
    LastCompanyLead,
    NotAllowed,
    SelfInvitation,
)
from zukunftszentrum.organisations.models import Accompaniment, Invitation, Membership, User
from zukunftszentrum.organisations.queries import (
    accompaniments_visible_to,
    invitations_manageable_by,
    organisations_visible_to,
)
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
    make_solo,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two companies, a solo, two centres, and one person per role."""
    company, other_company = make_organisation(), make_organisation()
    centre, other_centre = make_centre(), make_centre()
    solo = make_solo()
    return {
        "company": company,
        "other_company": other_company,
        "centre": centre,
        "other_centre": other_centre,
        "solo": solo,
        "lead": make_member(Role.COMPANY_LEAD, organisation=company),
        "other_lead": make_member(Role.COMPANY_LEAD, organisation=other_company),
        "employee": make_member(Role.EMPLOYEE, organisation=company),
        "works_council": make_member(Role.WORKS_COUNCIL, organisation=company),
        "solo_member": make_member(Role.SOLO, organisation=solo),
        "centre_admin": make_member(Role.CENTRE_ADMIN, centre=centre),
        "advisor": make_member(Role.ADVISOR, centre=centre),
        "trainer": make_member(Role.TRAINER, centre=centre),
        "other_advisor": make_member(Role.ADVISOR, centre=other_centre),
        "other_centre_admin": make_member(Role.CENTRE_ADMIN, centre=other_centre),
        "programme_admin": make_member(Role.PROGRAMME_ADMIN),
    }


EMAIL = "neu@example.org"


def _invite(world, inviter: str, target: str, role: Role, email: str = EMAIL):
    scope = "centre" if "centre" in target else "organisation"
    return actions.invite(member=world[inviter], email=email, role=role, **{scope: world[target]})


# --- invite ---------------------------------------------------------------------------------

INVITE_CASES = [
    ("lead", "company", Role.EMPLOYEE, None),
    ("lead", "company", Role.WORKS_COUNCIL, None),
    ("lead", "company", Role.COMPANY_LEAD, None),
    ("lead", "company", Role.ADVISOR, NotAllowed),
    ("lead", "other_company", Role.EMPLOYEE, NotAllowed),
    ("employee", "company", Role.EMPLOYEE, NotAllowed),
    ("works_council", "company", Role.EMPLOYEE, NotAllowed),
    ("solo_member", "solo", Role.EMPLOYEE, NotAllowed),
    ("centre_admin", "centre", Role.ADVISOR, None),
    ("centre_admin", "centre", Role.TRAINER, None),
    ("centre_admin", "centre", Role.CENTRE_ADMIN, None),
    ("centre_admin", "centre", Role.EMPLOYEE, NotAllowed),
    ("centre_admin", "other_centre", Role.ADVISOR, NotAllowed),
    ("advisor", "centre", Role.ADVISOR, NotAllowed),
    ("trainer", "centre", Role.TRAINER, NotAllowed),
    ("centre_admin", "company", Role.EMPLOYEE, NotAllowed),
]


@pytest.mark.parametrize(("inviter", "target", "role", "error"), INVITE_CASES)
def test_who_may_invite_whom(world, inviter, target, role, error) -> None:
    if error:
        with pytest.raises(error):
            _invite(world, inviter, target, role)
        assert not Invitation.objects.exists()
    else:
        invitation, token = _invite(world, inviter, target, role)
        assert invitation.role == role
        assert actions.find_invitation(token) == invitation


def test_the_token_is_stored_only_as_a_hash(world) -> None:
    invitation, token = _invite(world, "lead", "company", Role.EMPLOYEE)
    assert token not in invitation.token_hash
    assert invitation.token_hash == actions.hash_token(token)


def test_inviting_someone_who_already_has_the_role_is_refused(world) -> None:
    world["employee"].user.email = "kollegin@example.org"
    world["employee"].user.save()
    with pytest.raises(DuplicateMembership):
        _invite(world, "lead", "company", Role.EMPLOYEE, email="Kollegin@Example.org")


def test_a_second_invitation_replaces_the_first_link(world) -> None:
    first, first_token = _invite(world, "lead", "company", Role.EMPLOYEE)
    _second, second_token = _invite(world, "lead", "company", Role.EMPLOYEE)
    with pytest.raises(InvitationInvalid):
        actions.find_invitation(first_token)
    assert actions.find_invitation(second_token)
    first.refresh_from_db()
    assert first.revoked_at is not None


# --- find and accept --------------------------------------------------------------------------


def test_find_invitation_says_why_a_link_does_not_work(world) -> None:
    with pytest.raises(InvitationInvalid) as unknown:
        actions.find_invitation("kein-gueltiger-link")
    assert type(unknown.value) is InvitationInvalid and unknown.value.invitation is None

    invitation, token = _invite(world, "lead", "company", Role.EMPLOYEE)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(InvitationExpired) as expired:
        actions.find_invitation(token)
    assert expired.value.invitation == invitation

    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    with pytest.raises(InvitationInvalid) as revoked:
        actions.find_invitation(token)
    assert not isinstance(revoked.value, InvitationExpired | InvitationUsed)


def test_accepting_makes_a_membership_once(world) -> None:
    _invitation, token = _invite(world, "lead", "company", Role.WORKS_COUNCIL)
    person = make_user("Neu@Example.org")  # the address, written differently, is the same
    membership = actions.accept_invitation(token=token, user=person)
    assert (membership.role, membership.organisation) == (Role.WORKS_COUNCIL, world["company"])
    with pytest.raises(InvitationUsed) as second:
        actions.accept_invitation(token=token, user=person)
    assert second.value.invitation.accepted_by == person
    assert Membership.objects.filter(user=person).count() == 1


def test_accepting_a_role_one_already_has_leaves_the_invitation_open(world) -> None:
    invitation, token = _invite(world, "lead", "company", Role.EMPLOYEE)
    person = make_member(Role.EMPLOYEE, organisation=world["company"], user=make_user(EMAIL)).user
    with pytest.raises(DuplicateMembership):
        actions.accept_invitation(token=token, user=person)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_another_account_is_refused_logged_and_the_invitation_stays_open(world) -> None:
    invitation, token = _invite(world, "lead", "company", Role.EMPLOYEE)
    stranger = make_user("privat@example.org")
    with pytest.raises(InvitationForAnotherAccount) as refused:
        actions.accept_invitation(token=token, user=stranger)
    assert EMAIL in str(refused.value) and "privat@example.org" in str(refused.value)
    assert not Membership.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and actions.find_invitation(token) == invitation
    event = AuditEvent.objects.get(action=actions.INVITATION_REFUSED)
    assert (event.actor, event.organisation_id) == (stranger, world["company"].pk)
    assert event.details["invitation_id"] == invitation.pk
    # The invited address can still accept afterwards.
    assert actions.accept_invitation(token=token, user=make_user(EMAIL)).role == Role.EMPLOYEE


def test_register_and_accept_creates_person_consent_and_role(world) -> None:
    _invitation, token = _invite(world, "lead", "company", Role.EMPLOYEE, email="Neu@Example.org")
    membership = actions.register_and_accept_invitation(
        token=token, full_name=" Nora Neu ", password="ein-langes-passwort-42"
    )
    user = membership.user
    assert (user.email, user.full_name) == ("neu@example.org", "Nora Neu")
    assert user.check_password("ein-langes-passwort-42")
    assert ConsentRecord.objects.filter(
        user=user, kind="privacy_notice", version=settings.ZZ_PRIVACY_NOTICE_VERSION
    ).exists()


def test_register_refuses_an_address_that_has_an_account(world) -> None:
    make_user("neu@example.org")
    _invitation, token = _invite(world, "lead", "company", Role.EMPLOYEE)
    with pytest.raises(AccountExists):
        actions.register_and_accept_invitation(token=token, full_name="X", password="pw-12345678")


def test_register_with_a_used_link_creates_nobody(world) -> None:
    invitation, token = _invite(world, "lead", "company", Role.EMPLOYEE, email="a@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    with pytest.raises(InvitationUsed):
        actions.register_and_accept_invitation(token=token, full_name="X", password="pw-12345678")
    assert not User.objects.filter(email="a@example.org").exists()


# --- revoke -----------------------------------------------------------------------------------

REVOKE_CASES = [
    ("lead", "company", None),
    ("other_lead", "company", NotAllowed),
    ("employee", "company", NotAllowed),
    ("centre_admin", "centre", None),
    ("other_centre_admin", "centre", NotAllowed),
    ("advisor", "centre", NotAllowed),
]


@pytest.mark.parametrize(("who", "target", "error"), REVOKE_CASES)
def test_who_may_revoke(world, who, target, error) -> None:
    inviter = "lead" if target == "company" else "centre_admin"
    role = Role.EMPLOYEE if target == "company" else Role.ADVISOR
    invitation, token = _invite(world, inviter, target, role)
    if error:
        with pytest.raises(error):
            actions.revoke_invitation(member=world[who], invitation=invitation)
        assert actions.find_invitation(token)
    else:
        actions.revoke_invitation(member=world[who], invitation=invitation)
        with pytest.raises(InvitationInvalid):
            actions.find_invitation(token)


def test_an_accepted_invitation_cannot_be_revoked(world) -> None:
    invitation, token = _invite(world, "lead", "company", Role.EMPLOYEE)
    actions.accept_invitation(token=token, user=make_user(EMAIL))
    invitation.refresh_from_db()
    with pytest.raises(InvitationUsed):
        actions.revoke_invitation(member=world["lead"], invitation=invitation)


def test_invitations_manageable_by_is_scoped_to_the_tenant(world) -> None:
    mine, _ = _invite(world, "lead", "company", Role.EMPLOYEE)
    theirs, _ = _invite(world, "other_lead", "other_company", Role.EMPLOYEE)
    staff, _ = _invite(world, "centre_admin", "centre", Role.ADVISOR)
    assert list(invitations_manageable_by(world["lead"])) == [mine]
    assert list(invitations_manageable_by(world["other_lead"])) == [theirs]
    assert list(invitations_manageable_by(world["centre_admin"])) == [staff]
    assert not invitations_manageable_by(world["employee"]).exists()
    assert not invitations_manageable_by(world["advisor"]).exists()


# --- end membership ---------------------------------------------------------------------------

END_CASES = [
    ("lead", "employee", None),
    ("lead", "works_council", None),
    ("lead", "lead", LastCompanyLead),
    ("other_lead", "employee", NotAllowed),
    ("employee", "works_council", NotAllowed),
    ("centre_admin", "advisor", None),
    ("other_centre_admin", "advisor", NotAllowed),
    ("advisor", "trainer", NotAllowed),
]


@pytest.mark.parametrize(("who", "whom", "error"), END_CASES)
def test_who_may_end_a_membership(world, who, whom, error) -> None:
    target = world[whom]
    if error:
        with pytest.raises(error):
            actions.end_membership(member=world[who], membership=target)
    else:
        actions.end_membership(member=world[who], membership=target)
    target.refresh_from_db()
    assert (target.ended_at is None) == bool(error)


def test_a_lead_may_go_when_another_lead_stays(world) -> None:
    second = make_member(Role.COMPANY_LEAD, organisation=world["company"])
    actions.end_membership(member=second, membership=world["lead"])
    with pytest.raises(LastCompanyLead):
        actions.end_membership(member=second, membership=second)


# --- organisation facts -----------------------------------------------------------------------


def test_a_lead_updates_the_facts_and_the_size_class_follows(world) -> None:
    org = actions.update_organisation(
        member=world["lead"], organisation=world["company"], changes={"headcount": 300}
    )
    assert org.size_class == "large" and not org.is_target_group
    event = AuditEvent.objects.get(action=OrganisationAction.ORGANISATION_CHANGED)
    assert event.organisation_id == org.pk and event.details["fields"] == ["headcount"]


@pytest.mark.parametrize("who", ["employee", "other_lead", "advisor"])
def test_only_the_own_lead_updates_the_facts(world, who) -> None:
    with pytest.raises(NotAllowed):
        actions.update_organisation(
            member=world[who], organisation=world["company"], changes={"legal_name": "X"}
        )
    world["company"].refresh_from_db()
    assert world["company"].legal_name != "X"


# --- accompaniment ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "error"),
    [("advisor", None), ("centre_admin", None), ("trainer", NotAllowed), ("lead", NotAllowed)],
)
def test_who_may_request_an_accompaniment(world, who, error) -> None:
    if error:
        with pytest.raises(error):
            actions.request_accompaniment(member=world[who], organisation=world["company"])
    else:
        acc = actions.request_accompaniment(member=world[who], organisation=world["company"])
        assert acc.status == Accompaniment.Status.REQUESTED


def test_only_one_open_request_per_centre_and_organisation(world) -> None:
    actions.request_accompaniment(member=world["advisor"], organisation=world["company"])
    with pytest.raises(AccompanimentError):
        actions.request_accompaniment(member=world["centre_admin"], organisation=world["company"])


DECIDE_CASES = [
    ("lead", True, None, Accompaniment.Status.ACTIVE),
    ("lead", False, None, Accompaniment.Status.DECLINED),
    ("other_lead", True, NotAllowed, Accompaniment.Status.REQUESTED),
    ("employee", True, NotAllowed, Accompaniment.Status.REQUESTED),
    ("advisor", True, NotAllowed, Accompaniment.Status.REQUESTED),
]


@pytest.mark.parametrize(("who", "consent", "error", "status"), DECIDE_CASES)
def test_who_may_decide_on_a_request(world, who, consent, error, status) -> None:
    acc = actions.request_accompaniment(member=world["advisor"], organisation=world["company"])
    if error:
        with pytest.raises(error):
            actions.decide_accompaniment(member=world[who], accompaniment=acc, consent=consent)
    else:
        actions.decide_accompaniment(member=world[who], accompaniment=acc, consent=consent)
    acc.refresh_from_db()
    assert acc.status == status


def test_a_decision_is_made_once(world) -> None:
    acc = actions.request_accompaniment(member=world["advisor"], organisation=world["company"])
    actions.decide_accompaniment(member=world["lead"], accompaniment=acc, consent=True)
    with pytest.raises(AccompanimentError):
        actions.decide_accompaniment(member=world["lead"], accompaniment=acc, consent=False)


@pytest.mark.parametrize(
    ("who", "error"),
    [("lead", None), ("advisor", None), ("other_advisor", NotAllowed), ("employee", NotAllowed)],
)
def test_who_may_end_an_accompaniment(world, who, error) -> None:
    acc = actions.request_accompaniment(member=world["advisor"], organisation=world["company"])
    actions.decide_accompaniment(member=world["lead"], accompaniment=acc, consent=True)
    if error:
        with pytest.raises(error):
            actions.end_accompaniment(member=world[who], accompaniment=acc)
    else:
        actions.end_accompaniment(member=world[who], accompaniment=acc)
    acc.refresh_from_db()
    expected = Accompaniment.Status.ACTIVE if error else Accompaniment.Status.ENDED
    assert acc.status == expected


def test_consent_opens_the_company_to_the_centre_and_ending_closes_it(world) -> None:
    advisor, company = world["advisor"], world["company"]
    acc = actions.request_accompaniment(member=advisor, organisation=company)
    assert company not in organisations_visible_to(advisor)
    actions.decide_accompaniment(member=world["lead"], accompaniment=acc, consent=True)
    assert company in organisations_visible_to(advisor)
    assert company not in organisations_visible_to(world["other_advisor"])
    actions.end_accompaniment(member=world["lead"], accompaniment=acc)
    assert company not in organisations_visible_to(advisor)


def _lead_email(world, who: str, email: str) -> None:
    world[who].user.email = email
    world[who].user.save()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("chefin@example.org", 1),
        ("  Chefin@Example.ORG ", 1),
        ("kollege@example.org", 0),  # an employee's address asks nobody
        ("niemand@example.org", 0),
        ("solo@example.org", 1),  # a solo self-employed person decides for themselves
    ],
)
def test_request_by_lead_email_reaches_only_leads(world, typed, expected) -> None:
    _lead_email(world, "lead", "chefin@example.org")
    _lead_email(world, "employee", "kollege@example.org")
    _lead_email(world, "solo_member", "solo@example.org")
    created = actions.request_accompaniment_by_lead_email(member=world["advisor"], lead_email=typed)
    assert len(created) == expected
    assert Accompaniment.objects.count() == expected


def test_request_by_lead_email_twice_is_quiet(world) -> None:
    _lead_email(world, "lead", "chefin@example.org")
    first = actions.request_accompaniment_by_lead_email(
        member=world["advisor"], lead_email="chefin@example.org"
    )
    again = actions.request_accompaniment_by_lead_email(
        member=world["advisor"], lead_email="chefin@example.org"
    )
    assert (len(first), again) == (1, [])


def test_request_by_lead_email_ignores_former_leads(world) -> None:
    second = make_member(Role.COMPANY_LEAD, organisation=world["company"])
    _lead_email(world, "lead", "frueher@example.org")
    actions.end_membership(member=second, membership=world["lead"])
    assert not actions.request_accompaniment_by_lead_email(
        member=world["advisor"], lead_email="frueher@example.org"
    )


def test_request_by_lead_email_needs_the_capability(world) -> None:
    with pytest.raises(NotAllowed):
        actions.request_accompaniment_by_lead_email(
            member=world["trainer"], lead_email="x@example.org"
        )


def test_a_centre_never_sees_open_or_declined_requests(world) -> None:
    advisor = world["advisor"]
    open_request = actions.request_accompaniment(member=advisor, organisation=world["company"])
    declined = actions.request_accompaniment(member=advisor, organisation=world["other_company"])
    actions.decide_accompaniment(member=world["other_lead"], accompaniment=declined, consent=False)
    assert not accompaniments_visible_to(advisor).exists()
    actions.end_accompaniment(member=world["lead"], accompaniment=open_request)  # withdrawn
    assert not accompaniments_visible_to(advisor).exists()
    assert list(accompaniments_visible_to(world["lead"])) == [open_request]


def test_employees_see_only_agreed_accompaniments(world) -> None:
    acc = actions.request_accompaniment(member=world["advisor"], organisation=world["company"])
    assert not accompaniments_visible_to(world["employee"]).exists()
    actions.decide_accompaniment(member=world["lead"], accompaniment=acc, consent=True)
    assert list(accompaniments_visible_to(world["employee"])) == [acc]
    assert not accompaniments_visible_to(world["other_lead"]).exists()


def test_nobody_invites_their_own_address() -> None:
    lead = make_member(Role.COMPANY_LEAD)
    with pytest.raises(SelfInvitation):
        actions.invite(
            member=lead,
            email=f" {lead.user.email.upper()} ",
            role=Role.EMPLOYEE,
            organisation=lead.organisation,
        )
