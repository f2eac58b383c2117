"""Removing a centre: refused while it still covers Länder or has a team."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.exceptions import CentreStillCovers, NotAllowed
from zukunftszentrum.organisations.models import Centre
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

pytestmark = pytest.mark.django_db


def test_centre_that_still_covers_laender_is_kept_with_a_clear_message() -> None:
    centre = make_centre(lands=("HB", "NI"))
    with pytest.raises(CentreStillCovers, match="Niedersachsen"):
        actions.delete_centre(member=None, centre=centre)
    assert Centre.objects.filter(pk=centre.pk).exists()


def test_centre_with_staff_is_kept() -> None:
    centre = make_centre(lands=())
    make_member(Role.ADVISOR, centre=centre)
    with pytest.raises(CentreStillCovers):
        actions.delete_centre(member=None, centre=centre)


def test_empty_centre_is_removed() -> None:
    centre = make_centre(lands=())
    actions.delete_centre(member=None, centre=centre)
    assert not Centre.objects.filter(pk=centre.pk).exists()


def test_only_the_programme_administration_may_delete() -> None:
    admin = make_member(Role.CENTRE_ADMIN, centre=make_centre(lands=()))
    with pytest.raises(NotAllowed):
        actions.delete_centre(member=admin, centre=admin.centre)


def test_command_names_the_reason() -> None:
    centre = make_centre(lands=("SL",))
    with pytest.raises(CommandError, match="Saarland"):
        call_command("delete_centre", centre.slug)
    with pytest.raises(CommandError, match="kein Zentrum"):
        call_command("delete_centre", "gibt-es-nicht")
    centre.lands.clear()
    call_command("delete_centre", centre.slug)
    assert not Centre.objects.filter(pk=centre.pk).exists()
