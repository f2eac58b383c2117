"""The Django admin at /verwaltung/: programme administration and superusers only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations.audit_actions import OrganisationAction
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
CHANGELISTS = [
    "admin:organisations_user_changelist",
    "admin:organisations_land_changelist",
    "admin:organisations_centre_changelist",
    "admin:organisations_organisation_changelist",
    "admin:organisations_membership_changelist",
    "admin:organisations_invitation_changelist",
    "admin:organisations_accompaniment_changelist",
    "admin:core_auditevent_changelist",
    "admin:core_consentrecord_changelist",
]


@pytest.fixture
def programme_admin():
    return make_member(Role.PROGRAMME_ADMIN)


def test_programme_admin_enters_without_staff_flag(login, programme_admin) -> None:
    assert not programme_admin.user.is_staff
    response = login(programme_admin).get(INDEX)
    assert response.status_code == 200
    assert "Organisationen" in response.content.decode()


@pytest.mark.parametrize("name", CHANGELISTS)
def test_programme_admin_opens_every_changelist(login, programme_admin, name: str) -> None:
    make_organisation()
    assert login(programme_admin).get(reverse(name)).status_code == 200


def test_organisation_list_filters_by_land_wz_and_size(login, programme_admin) -> None:
    make_organisation(name="Kleinbetrieb GmbH", headcount=5, wz="C", land="BY")
    make_organisation(name="Mittelstand AG", headcount=120, wz="J", land="HH")
    client = login(programme_admin)
    url = reverse("admin:organisations_organisation_changelist")
    page = client.get(url, {"size_class": "micro"}).content.decode()
    assert "Kleinbetrieb GmbH" in page and "Mittelstand AG" not in page
    page = client.get(url, {"land__code__exact": "HH", "wz_section__exact": "J"}).content.decode()
    assert "Mittelstand AG" in page and "Kleinbetrieb GmbH" not in page


@pytest.mark.parametrize(
    "role", [Role.COMPANY_LEAD, Role.CENTRE_ADMIN, Role.EMPLOYEE, Role.REVIEWER]
)
def test_other_roles_cannot_enter_even_as_staff(login, role: Role) -> None:
    member = make_member(role)
    member.user.is_staff = True  # the flag alone opens nothing
    member.user.save()
    client = login(member)
    response = client.get(INDEX, follow=True)
    assert response.status_code == 403
    name = "admin:organisations_organisation_changelist"
    assert client.get(reverse(name), follow=True).status_code == 403


def test_ended_programme_admin_role_closes_the_admin(login, programme_admin) -> None:
    Membership.objects.filter(pk=programme_admin.pk).update(ended_at=timezone.now())
    client = login(programme_admin)
    assert client.get(INDEX, follow=True).status_code == 403


def test_anonymous_visitors_go_to_the_platform_login(client) -> None:
    response = client.get(INDEX, follow=True)
    assert response.redirect_chain[-1][0].startswith("/konto/login/?next=/verwaltung/")


def test_superuser_without_role_enters(client) -> None:
    superuser = get_user_model().objects.create_superuser("root@example.org", "x-pass-123-y")
    client.force_login(superuser)
    assert client.get(INDEX).status_code == 200


def test_audit_events_cannot_be_added_changed_or_deleted(login, programme_admin) -> None:
    event = AuditEvent.objects.create(action=CoreAction.LOGIN, summary="x")
    client = login(programme_admin)
    assert client.get(reverse("admin:core_auditevent_add")).status_code == 403
    assert client.get(reverse("admin:core_auditevent_delete", args=[event.pk])).status_code == 403
    page = client.get(reverse("admin:core_auditevent_change", args=[event.pk])).content.decode()
    assert 'name="_save"' not in page  # shown, not editable


def test_no_one_sets_other_peoples_passwords_in_the_admin(login, programme_admin) -> None:
    other = make_user()
    client = login(programme_admin)
    page = client.get(reverse("admin:organisations_user_change", args=[other.pk])).content.decode()
    assert "pbkdf2" not in page and "md5$" not in page and 'name="password"' not in page
    assert client.get(f"/verwaltung/organisations/user/{other.pk}/password/").status_code in (
        302,
        404,
    )


def test_programme_admin_cannot_make_superusers_or_edit_them(login, programme_admin) -> None:
    superuser = get_user_model().objects.create_superuser("root@example.org", "x-pass-123-y")
    target = make_user()
    client = login(programme_admin)
    url = reverse("admin:organisations_user_change", args=[target.pk])
    client.post(
        url,
        {
            "email": target.email,
            "full_name": "Neu",
            "preferred_language": "de",
            "is_active": "on",
            "is_superuser": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    target.refresh_from_db()
    assert target.full_name == "Neu" and not target.is_superuser
    su_url = reverse("admin:organisations_user_change", args=[superuser.pk])
    client.post(su_url, {"email": "mine@example.org", "preferred_language": "de"})
    superuser.refresh_from_db()
    assert superuser.email == "root@example.org"


def test_roles_granted_in_the_admin_are_logged(login, programme_admin) -> None:
    centre = make_centre()
    person = make_user("neu@example.org")
    response = login(programme_admin).post(
        reverse("admin:organisations_membership_add"),
        {"user": person.pk, "role": Role.ADVISOR.value, "centre": centre.pk},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=person, centre=centre, role=Role.ADVISOR).exists()
    event = AuditEvent.objects.get(action=OrganisationAction.ROLE_GRANTED)
    assert event.centre_id == centre.pk and event.actor == programme_admin.user


def test_admin_refuses_a_role_in_the_wrong_scope(login, programme_admin) -> None:
    person = make_user()
    response = login(programme_admin).post(
        reverse("admin:organisations_membership_add"),
        {"user": person.pk, "role": Role.COMPANY_LEAD.value, "centre": make_centre().pk},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Membership.objects.filter(user=person).exists()


def test_centre_changes_in_the_admin_are_logged(login, programme_admin) -> None:
    centre = make_centre(name="Zentrum Alt")
    client = login(programme_admin)
    response = client.post(
        reverse("admin:organisations_centre_change", args=[centre.pk]),
        {"name": "Zentrum Neu", "slug": centre.slug, "kind": "regional", "lands": ["BY"]},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action=OrganisationAction.CENTRE_CHANGED, centre_id=centre.pk
    ).exists()


def test_admin_password_change_goes_to_the_platform_page(login, programme_admin) -> None:
    response = login(programme_admin).get(reverse("admin:password_change"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")


def test_person_page_lists_their_roles(login, programme_admin) -> None:
    employee = make_member(Role.EMPLOYEE, organisation=make_organisation(name="Rollen-Test GmbH"))
    url = reverse("admin:organisations_user_change", args=[employee.user_id])
    assert "Rollen-Test GmbH" in login(programme_admin).get(url).content.decode()
