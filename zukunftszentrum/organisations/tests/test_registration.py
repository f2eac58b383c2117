"""Self-registration of a company lead or a solo self-employed person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.organisations.models import Membership, Organisation, User
from zukunftszentrum.organisations.tests.factories import make_member, make_user

pytestmark = pytest.mark.django_db
URL = reverse("organisations:register")

VALID = {
    "kind": "company",
    "full_name": "Frieda Muster",
    "email": "Frieda@Beispiel-Tischlerei.example",
    "password": "ein-gutes-Passwort-42",
    "legal_name": "Tischlerei Muster GmbH",
    "land": "BY",
    "kreis_ags": "09162",
    "wz_section": "C",
    "headcount": "14",
    "has_works_council": "",
    "privacy": "on",
}


def test_company_registration_creates_person_organisation_lead_and_consent(client) -> None:
    response = client.post(URL, VALID)
    assert response.status_code == 302 and response["Location"] == reverse(
        "organisations:dashboard"
    )
    user = User.objects.get(email="frieda@beispiel-tischlerei.example")
    org = Organisation.objects.get(legal_name="Tischlerei Muster GmbH")
    assert org.size_class == "small" and org.kreis_ags == "09162"
    assert org.kreis_name == "München, Landeshauptstadt"  # chosen by name, no AGS typed
    assert Membership.objects.get(user=user).role == "company_lead"
    assert ConsentRecord.objects.filter(user=user).count() == 1
    assert client.get(reverse("organisations:dashboard")).context["member"].organisation == org


def test_solo_registration_is_an_organisation_of_one(client) -> None:
    client.post(URL, {**VALID, "kind": "solo", "headcount": "", "has_works_council": "on"})
    org = Organisation.objects.get()
    assert (org.kind, org.headcount, org.has_works_council) == ("solo", 1, False)
    assert Membership.objects.get().role == "solo"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "keine-adresse"}, "email"),
        ({"kreis_ags": "08111"}, "kreis_ags"),  # a Kreis of Baden-Württemberg, Land is Bayern
        ({"kreis_ags": "09999"}, "kreis_ags"),  # not a Kreis at all
        ({"headcount": ""}, "headcount"),
        ({"headcount": "1,5"}, "headcount"),  # people, not full-time equivalents
        ({"headcount": "1.000"}, "headcount"),  # Django alone would read this as 1
        ({"password": "12345678"}, "password"),
        ({"privacy": ""}, "privacy"),
        ({"land": "XX"}, "land"),
        ({"wz_section": "Z"}, "wz_section"),
    ],
)
def test_bad_input_is_named_and_nothing_is_lost(client, change: dict, field: str) -> None:
    response = client.post(URL, {**VALID, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Tischlerei Muster GmbH" in response.content.decode()  # the rest is kept
    assert not User.objects.exists() and not Organisation.objects.exists()


def test_existing_email_is_refused_without_creating_anything(client) -> None:
    make_user("frieda@beispiel-tischlerei.example")
    response = client.post(URL, VALID)
    assert "email" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_signed_in_person_is_sent_to_the_dashboard(login) -> None:
    client = login(
        make_member(
            __import__("zukunftszentrum.organisations.roles", fromlist=["Role"]).Role.EMPLOYEE
        )
    )
    assert client.get(URL)["Location"] == reverse("organisations:dashboard")
