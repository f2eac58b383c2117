"""The demo project, the menu entry and the overview card, the anonymous-post counter, and this
app's share of "Meine Daten"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from zukunftszentrum.organisations.demo import seed_demo
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import anonymity
from ..demo import DEMO_TITLE, seed_participation
from ..models import Item, Project
from ..personal_data import erase_contributions, export_contributions
from .factories import make_item, make_project


@pytest.mark.django_db
def test_the_demo_project_collects_named_and_anonymous_items_and_answers(login) -> None:
    seed_demo()
    assert seed_participation() == {"projects": 1, "items": 6}
    assert seed_participation() == {"projects": 0, "items": 0}  # runs again without duplicates
    project = Project.objects.get(title=DEMO_TITLE, organisation__legal_name=SHOWCASE_COMPANY)
    assert project.current_phase == "ideen_und_bedenken"
    items = project.items.all()
    assert items.filter(is_anonymous=True, author__isnull=True).count() == 4
    assert items.filter(is_anonymous=False, author__isnull=False).count() == 2
    assert items.exclude(status="open").count() == 4
    assert project.members.filter(is_facilitator=True).exists()
    lead = Membership.objects.get(organisation=project.organisation, role=Role.COMPANY_LEAD)
    page = login(lead).get(reverse("participation:items", kwargs={"pk": project.pk}))
    assert page.status_code == 200 and "eine anonyme Meldung" in page.text


@pytest.mark.django_db
def test_menu_and_card_for_the_company(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    project = make_project(lead.organisation, title="Sichtprüfung")
    page = login(lead).get(reverse("organisations:dashboard"))
    assert "Mitgestalten" in page.text and "Sichtprüfung" in page.text
    assert reverse("participation:projects") in page.text
    listing = login(lead).get(reverse("participation:projects"))
    assert "Sichtprüfung" in listing.text and "Ideen und Bedenken" in listing.text
    assert project.pk


@pytest.mark.django_db
def test_my_data_holds_named_contributions_only_and_erasure_keeps_them_nameless() -> None:
    company = make_organisation()
    author = make_member(Role.EMPLOYEE, organisation=company)
    project = make_project(company)
    make_item(project, author=author, title="Mit Namen")
    make_item(project, anonymous=True, title="Ohne Namen")
    export = export_contributions(author.user)
    assert [i["title"] for i in export["items"]] == ["Mit Namen"]
    erase_contributions(author.user)
    assert Item.objects.get(title="Mit Namen").author is None
    assert Item.objects.count() == 2


DAY = dt.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("counters", "left"),
    [
        (None, 5),
        ({}, 5),
        ({"7": ["2026-06-15", 2]}, 3),
        ({"7": ["2026-06-15", 9]}, 0),
        ({"7": ["2026-06-14", 5]}, 5),  # yesterday's count does not carry over
        ({"8": ["2026-06-15", 5]}, 5),  # another project
        ({"7": "broken"}, 5),
        ("broken", 5),
    ],
)
def test_anonymous_allowance(counters: object, left: int) -> None:
    assert anonymity.allowance(counters, 7, DAY) == left


def test_counting_drops_other_days_and_keeps_no_content() -> None:
    counters = anonymity.counted({"7": ["2026-06-14", 4], "8": ["2026-06-15", 1]}, 7, DAY)
    assert counters == {"8": ["2026-06-15", 1], "7": ["2026-06-15", 1]}
    assert anonymity.counted(counters, 7, DAY)["7"] == ["2026-06-15", 2]
