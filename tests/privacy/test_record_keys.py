"""The organisations' record keys (the secret of the cell key method) are drawn at random, one
per organisation, and never shown: not in the administration, not in "Meine Daten"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.core.disclosure.keys import KEY_SPACE
from zukunftszentrum.organisations.personal_data import export_solo_organisations
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def test_every_organisation_gets_its_own_random_key() -> None:
    keys = {make_organisation().record_key for _ in range(20)}
    assert len(keys) == 20 and all(0 <= k < KEY_SPACE for k in keys)


def test_the_administration_never_shows_the_key(login) -> None:
    org = make_organisation()
    client = login(make_member(Role.PROGRAMME_ADMIN))
    for url in (
        reverse("admin:organisations_organisation_change", args=[org.pk]),
        reverse("admin:organisations_organisation_changelist"),
    ):
        page = client.get(url).content.decode()
        assert str(org.record_key) not in page and "record_key" not in page


def test_my_data_never_holds_the_key() -> None:
    solo = make_member(Role.SOLO)
    assert solo.organisation is not None
    exported = export_solo_organisations(solo.user)
    assert exported and all("record_key" not in row for row in exported)
    assert str(solo.organisation.record_key) not in repr(exported)
