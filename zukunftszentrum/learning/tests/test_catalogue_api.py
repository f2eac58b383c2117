"""The public catalogue API: filters as on the page, nothing unpublished, no people."""

from __future__ import annotations

import pytest
from django.test import Client

from zukunftszentrum.learning.catalogue import actions
from zukunftszentrum.learning.models import OfferStatus
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db


def test_modules_and_offers_with_filters(client: Client) -> None:
    centre = make_centre(lands=("BY",))
    prompting = make_module(centre, title="Prompting")
    make_module(centre, title="Recht", competences={"copyright_ip": 1}, summary="Urheberrecht.")
    make_module(centre, title="Geheim", published=False)
    offer = make_offer(prompting, capacity=3, land="BY")
    make_offer(prompting, status=OfferStatus.DRAFT)
    actions.register(member=make_member(Role.EMPLOYEE), offer=offer)

    modules = client.get("/api/learning/modules").json()
    assert {m["title"] for m in modules["items"]} == {"Prompting", "Recht"}
    legal = client.get("/api/learning/modules", {"competence": "copyright_ip"}).json()
    assert [m["title"] for m in legal["items"]] == ["Recht"]

    offers = client.get("/api/learning/offers", {"land": "by"}).json()
    assert offers["count"] == 1
    item = offers["items"][0]
    assert item["free_seats"] == 2 and item["module_title"] == "Prompting"
    assert len(item["sessions"]) == 1
    assert client.get("/api/learning/offers", {"land": "HH"}).json()["count"] == 0
    in_month = client.get("/api/learning/offers", {"month": item["sessions"][0]["starts_at"][:7]})
    assert in_month.json()["count"] == 1


def test_paths_are_in_the_schema(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/learning/modules", "/api/learning/offers"} <= set(paths)
