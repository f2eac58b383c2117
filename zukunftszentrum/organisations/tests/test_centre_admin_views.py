"""A centre admin edits the centre's public details and removes people from the team."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations.forms import CentreForm
from zukunftszentrum.organisations.models import Centre
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

pytestmark = pytest.mark.django_db
EDIT = reverse("organisations:centre_edit")


def _remove_url(membership) -> str:
    return reverse("organisations:centre_remove_staff", args=[membership.pk])


def _form(centre: Centre, **changes: str) -> dict[str, str]:
    fields = CentreForm.Meta.fields
    return {**{f: getattr(centre, f) for f in fields}, **changes}


def test_admin_edits_details_and_the_change_is_logged(login) -> None:
    admin = make_member(Role.CENTRE_ADMIN)
    response = login(admin).post(EDIT, _form(admin.centre, summary="Neu", phone="+49 30 1"))
    assert response.status_code == 302
    admin.centre.refresh_from_db()
    assert (admin.centre.summary, admin.centre.phone) == ("Neu", "+49 30 1")
    event = AuditEvent.objects.get(action="centre_changed")
    assert event.centre_id == admin.centre.pk and event.details["fields"] == ["phone", "summary"]


def test_bad_input_keeps_what_was_typed(login) -> None:
    admin = make_member(Role.CENTRE_ADMIN)
    response = login(admin).post(EDIT, _form(admin.centre, email="kaputt", summary="Behalten"))
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert "Behalten" in response.content.decode()
    admin.centre.refresh_from_db()
    assert admin.centre.summary != "Behalten"


def test_duplicate_centre_name_is_refused(login) -> None:
    make_centre(name="Zentrum Vergeben")
    admin = make_member(Role.CENTRE_ADMIN)
    response = login(admin).post(EDIT, _form(admin.centre, name="Zentrum Vergeben"))
    assert "name" in response.context["form"].errors


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.TRAINER, Role.COMPANY_LEAD])
def test_other_roles_may_not_edit(login, role: Role) -> None:
    assert login(make_member(role)).get(EDIT).status_code == 403


def test_admin_removes_a_team_member(login) -> None:
    admin = make_member(Role.CENTRE_ADMIN)
    advisor = make_member(Role.ADVISOR, centre=admin.centre)
    response = login(admin).post(_remove_url(advisor))
    assert response.status_code == 302
    advisor.refresh_from_db()
    assert advisor.ended_at is not None


def test_staff_of_another_centre_is_not_found(login) -> None:
    admin = make_member(Role.CENTRE_ADMIN)
    foreign = make_member(Role.ADVISOR, centre=make_centre())
    assert login(admin).post(_remove_url(foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.ended_at is None


def test_advisor_may_not_remove_colleagues(login) -> None:
    advisor = make_member(Role.ADVISOR)
    colleague = make_member(Role.TRAINER, centre=advisor.centre)
    assert login(advisor).post(_remove_url(colleague)).status_code == 403


def test_removal_asks_first_and_a_second_tab_changes_nothing(login) -> None:
    admin = make_member(Role.CENTRE_ADMIN)
    advisor = make_member(Role.ADVISOR, centre=admin.centre)
    client = login(admin)
    question = client.get(_remove_url(advisor))
    assert question.status_code == 200 and "verliert sofort den Zugang" in question.text
    advisor.refresh_from_db()
    assert advisor.ended_at is None
    client.post(_remove_url(advisor))
    advisor.refresh_from_db()
    ended_at = advisor.ended_at
    assert ended_at is not None
    assert "bereits nicht mehr" in client.post(_remove_url(advisor), follow=True).text
    advisor.refresh_from_db()
    assert advisor.ended_at == ended_at
