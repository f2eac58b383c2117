"""Sharing completions with the organisation: the person sees what could be shared (completions
only, never self-ratings or quiz results), shares all, some or none, and a withdrawal counts at
once; the organisation's read sees nothing unshared and nobody who left; every change is audited
and in "Meine Daten"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.core.personal_data import sections
from zukunftszentrum.learning.competence.evidence import record
from zukunftszentrum.learning.models import EvidenceKind
from zukunftszentrum.learning.sharing.completions import completions_of, shared_completions
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
)

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db

SHARE = reverse("learning:sharing")


@pytest.fixture
def company():
    return make_organisation()


@pytest.fixture
def employee(company):
    member = make_member(Role.EMPLOYEE, organisation=company)
    offer = make_offer(make_module(make_centre(), title="KI im Büro"))
    record(
        user=member.user,
        competence="prompting",
        kind=EvidenceKind.ATTENDED,
        level=2,
        source=f"offer:{offer.pk}",
    )
    for version in ("1", "2"):  # two versions of one unit are one completion
        record(
            user=member.user,
            competence="ai_basics",
            kind=EvidenceKind.UNIT_PASSED,
            level=1,
            source=f"unit:was-ist-ki@{version}",
            note="Was KI ist und was nicht",
        )
    record(user=member.user, competence="prompting", kind=EvidenceKind.QUIZ, level=3, note="9/10")
    record(user=member.user, competence="copyright_ip", kind=EvidenceKind.SELF_RATING, level=4)
    return member


def _titles(organisation) -> list[str]:
    return sorted(s.title for s in shared_completions(organisation))


def test_only_completions_can_be_shared_never_ratings_or_scores(login, employee):
    found = completions_of(employee.user)
    assert sorted((c.kind, c.title) for c in found) == [
        ("attended", "KI im Büro"),
        ("unit_passed", "Was KI ist und was nicht"),
    ]
    html = login(employee).get(SHARE).content.decode()
    assert "KI im Büro" in html and "Was KI ist und was nicht" in html
    assert html.count('name="ref"') == 2 and "9/10" not in html


def test_nothing_reaches_the_employer_until_the_person_shares(login, employee, company):
    assert shared_completions(company) == []
    client = login(employee)
    unit = next(c for c in completions_of(employee.user) if c.kind == "unit_passed")
    assert client.post(SHARE, {"choice": "selected", "ref": [unit.ref]}).status_code == 302
    assert _titles(company) == ["Was KI ist und was nicht"]
    shared = shared_completions(company)[0]
    assert shared.person == employee.user and shared.competences == ("ai_basics",)

    client.post(SHARE, {"choice": "all"})
    assert _titles(company) == ["KI im Büro", "Was KI ist und was nicht"]
    client.post(SHARE, {"choice": "selected", "ref": [unit.ref]})  # withdraws the module
    assert _titles(company) == ["Was KI ist und was nicht"]
    client.post(SHARE, {"choice": "none"})
    assert shared_completions(company) == []


def test_a_reference_the_person_does_not_hold_is_ignored(login, employee, company):
    other = make_member(Role.EMPLOYEE, organisation=company)
    record(
        user=other.user,
        competence="ai_basics",
        kind=EvidenceKind.UNIT_PASSED,
        level=1,
        source="unit:fremd@1",
        note="Fremde Einheit",
    )
    login(employee).post(SHARE, {"choice": "selected", "ref": ["unit:fremd", "offer:999999"]})
    assert shared_completions(company) == []


def test_another_organisation_and_a_former_member_see_nothing(login, employee, company):
    login(employee).post(SHARE, {"choice": "all"})
    assert shared_completions(make_organisation()) == []
    employee.ended_at = employee.created_at
    employee.save(update_fields=["ended_at"])
    assert shared_completions(company) == []


def test_changes_are_audited_and_in_my_data(login, employee):
    client = login(employee)
    client.post(SHARE, {"choice": "all"})
    client.post(SHARE, {"choice": "none"})
    actions = list(AuditEvent.objects.filter(actor=employee.user).values_list("action", flat=True))
    assert actions.count("learning_completion_shared") == 2
    assert actions.count("learning_completion_withdrawn") == 2
    section = next(s for s in sections() if s.name == "learning_sharing")
    client.post(SHARE, {"choice": "all"})
    exported = section.export(employee.user)
    assert len(exported[0]["shared"]) == 2
    section.erase(employee.user)
    assert section.export(employee.user) == []


def test_roles_without_learning_get_403(login):
    for role in (Role.ADVISOR, Role.TRAINER, Role.CENTRE_ADMIN):
        assert login(make_member(role)).get(SHARE).status_code == 403
