"""The API: public instruments, the caller's own results only, and a rendering OpenAPI schema."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.assessments.models import Assessment, Response
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

SNAPSHOT = {
    "dimensions": {"strategy": {"score": 50.0, "level": 3, "n_items": 2}},
    "overall": 50.0,
    "overall_level": 3,
    "knowledge": {},
    "recommendations": [],
}


def _instrument():
    return catalog().all_latest()[0]


def _response(user=None, *, organisation=None, assessment=None, perspective="employee", token=None):
    inst = _instrument()
    return Response.objects.create(
        instrument_key=inst.key,
        version=inst.version,
        respondent=user,
        organisation=organisation,
        assessment=assessment,
        perspective=perspective,
        answers={"x": 4},
        submitted_at=timezone.now(),
        result=SNAPSHOT,
        resume_token_hash=token,
    )


def test_instrument_list_is_public_and_follows_the_language() -> None:
    de = Client().get("/api/instruments")
    assert de.status_code == 200
    inst = _instrument()
    entry = next(e for e in de.json() if e["key"] == inst.key)
    assert entry["title"] == inst.title.de
    assert entry["version"] == inst.version
    assert entry["duration_minutes"] == inst.duration_minutes
    en = Client().get("/api/instruments?lang=en").json()
    assert next(e for e in en if e["key"] == inst.key)["title"] == inst.title.en


def test_unknown_language_is_refused() -> None:
    assert Client().get("/api/instruments?lang=fr").status_code == 422


def test_instrument_detail_has_pages_and_items_without_correct_answers() -> None:
    inst = _instrument()
    answer = Client().get(f"/api/instruments/{inst.key}?lang=en")
    assert answer.status_code == 200
    data = answer.json()
    assert [d["id"] for d in data["dimensions"]] == [d.id for d in inst.dimensions]
    assert len(data["levels"]) == 5
    first = inst.pages[0].items[0]
    item = data["pages"][0]["items"][0]
    assert item["id"] == first.id and item["text"] == first.text.en
    items = [i for page in data["pages"] for i in page["items"]]
    assert all("correct" not in i and "score_range" not in i for i in items)
    assert all(set(o) == {"value", "text"} for i in items for o in i["options"])


def test_knowledge_questions_are_served_without_the_correct_option() -> None:
    quizzes = [i for i in catalog().all_latest() if any(it.type == "knowledge" for it in i.items)]
    if not quizzes:
        pytest.skip("no instrument with knowledge questions yet")
    inst = quizzes[0]
    data = Client().get(f"/api/instruments/{inst.key}").json()
    served = {i["id"]: i for page in data["pages"] for i in page["items"]}
    for item in inst.items:
        if item.type == "knowledge":
            assert set(served[item.id]) >= {"id", "options"}
            assert "correct" not in served[item.id]


def test_unknown_instrument_or_version_is_404() -> None:
    assert Client().get("/api/instruments/gibt_es_nicht").status_code == 404
    assert Client().get(f"/api/instruments/{_instrument().key}?version=1999.1").status_code == 404


def test_my_results_needs_a_session() -> None:
    assert Client().get("/api/me/results").status_code == 401


def test_my_results_lists_only_own_submitted_responses(login) -> None:
    member = make_member(Role.EMPLOYEE)
    mine = _response(member.user, organisation=member.organisation)
    _response(make_member(Role.EMPLOYEE).user)  # someone else's
    data = login(member).get("/api/me/results").json()
    assert [r["id"] for r in data] == [str(mine.pk)]
    assert data[0]["result"]["overall"] == 50.0
    assert "answers" not in data[0]


def test_employer_never_gets_an_employees_response(login) -> None:
    company = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    employee = make_member(Role.EMPLOYEE, organisation=company)
    inst = _instrument()
    run = Assessment.objects.create(
        organisation=company, instrument_key=inst.key, version=inst.version, opened_by=lead.user
    )
    theirs = _response(employee.user, organisation=company, assessment=run)
    anonymous = _response(organisation=company, assessment=run, token="a" * 64)
    own = _response(lead.user, organisation=company, assessment=run, perspective="company_lead")
    body = login(lead).get("/api/me/results").content.decode()
    assert str(own.pk) in body
    assert str(theirs.pk) not in body
    assert str(anonymous.pk) not in body


def test_wrong_tenant_sees_nothing(login) -> None:
    member = make_member(Role.EMPLOYEE)
    _response(member.user, organisation=member.organisation)
    other = make_member(Role.COMPANY_LEAD)
    assert login(other).get("/api/me/results").json() == []


def test_openapi_schema_lists_the_paths() -> None:
    answer = Client().get("/api/openapi.json")
    assert answer.status_code == 200
    paths = answer.json()["paths"]
    assert {"/api/instruments", "/api/instruments/{key}", "/api/me/results"} <= set(paths)


def test_docs_page_renders() -> None:
    assert Client().get("/api/docs").status_code == 200


def test_every_api_operation_is_public_or_refuses_anonymous_callers() -> None:
    """The access walk leaves api/ out (ninja answers 401, not a login redirect): this covers it."""
    schema = Client().get("/api/openapi.json").json()
    samples = {"key": _instrument().key}
    checked = 0
    for route, operations in schema["paths"].items():
        for method, operation in operations.items():
            url = route.format(**samples)
            answer = getattr(Client(), method)(url)
            if operation.get("security"):
                assert answer.status_code == 401, (method, url, answer.status_code)
            else:
                assert answer.status_code == 200, (method, url, answer.status_code)
            checked += 1
    assert checked >= 3


def test_api_root_does_not_error() -> None:
    assert Client().get("/api/").status_code < 500
