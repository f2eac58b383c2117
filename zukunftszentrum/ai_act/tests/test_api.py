"""POST /api/ai-act/assess: the batch check through the API, with access and refusals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

pytestmark = pytest.mark.django_db
URL = reverse("api:ai_act_assess")
SYSTEMS = [
    {"id": "chatbot", "interacts_with_natural_persons": True},
    {
        "id": "schichtplan",
        "annex_iii": "employment_work_relationship",
        "profiles_natural_persons": True,
        "used_at_workplace": True,
    },
]


def _post(client, body):
    return client.post(URL, body, content_type="application/json")


@pytest.mark.parametrize("role", [Role.COMPANY_LEAD, Role.WORKS_COUNCIL, Role.PROGRAMME_ADMIN])
def test_roles_that_see_ai_systems_get_the_results(login, role) -> None:
    response = _post(login(make_member(role)), {"law": "omnibus", "systems": SYSTEMS})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["law"], data["law_status"]) == ("omnibus", "pending_publication")
    assert data["systems"][0] == {
        "id": "chatbot",
        "risk": "transparency",
        "obligations": ["Art. 4"],
        "applies_from": {"Art. 4": "2025-02-02"},
    }
    assert data["systems"][1]["risk"] == "high_risk"
    assert data["systems"][1]["applies_from"]["Art. 26(7)"] == "2027-12-02"


def test_the_adopted_version_is_the_default(login) -> None:
    data = _post(login(make_member(Role.COMPANY_LEAD)), {"systems": SYSTEMS}).json()
    assert data["law"] == "adopted"
    assert data["systems"][1]["applies_from"]["Art. 26(7)"] == "2026-08-02"


def test_wrong_role_gets_403(login) -> None:
    assert _post(login(make_member(Role.EMPLOYEE)), {"systems": SYSTEMS}).status_code == 403


def test_signed_out_gets_401(client) -> None:
    assert _post(client, {"systems": SYSTEMS}).status_code == 401


@pytest.mark.parametrize(
    ("system", "loc", "named"),
    [
        ({"id": "x", "uses_magic": True}, ["body", "systems", 0, "uses_magic"], "uses_magic"),
        ({"id": "x", "annex_iii": "hr"}, ["body", "systems", 0, "annex_iii"], "„hr“"),
    ],
)
def test_an_unknown_fact_or_value_is_refused_naming_it(login, system, loc, named) -> None:
    response = _post(login(make_member(Role.COMPANY_LEAD)), {"systems": [system]})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == loc and named in problem["msg"] and problem["type"] == "fact"


def test_an_unknown_law_version_is_refused(login) -> None:
    response = _post(login(make_member(Role.COMPANY_LEAD)), {"law": "draft", "systems": SYSTEMS})
    assert response.status_code == 422


def test_the_endpoint_is_documented(client) -> None:
    schema = client.get(reverse("api:openapi-json")).json()
    assert "/api/ai-act/assess" in schema["paths"]


def test_wrong_role_gets_403_even_with_a_bad_body(login) -> None:
    client = login(make_member(Role.REVIEWER))
    assert client.post(URL, "not json", content_type="application/json").status_code == 403
