"""A company lead invites an employee, who accepts in another browser; a works council member
who is also an employee switches between the two roles."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation, make_user

from .axe import check_a11y, visit
from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_PASSWORD = "Lernpfad-Werkbank-42"


def invitation_link(mailbox: list, to: str) -> str:
    """The one invitation link mailed to `to`."""
    mails = [m for m in mailbox if to in m.to]
    assert len(mails) == 1, f"expected one mail to {to}, got {[m.to for m in mailbox]}"
    links = re.findall(r"https?://\S+/einladung/[^\s/]+/", mails[0].body)
    assert len(links) == 1, mails[0].body
    return links[0]


def test_lead_invites_an_employee_who_signs_up(
    page: Page, fresh_page: Page, url, mailoutbox
) -> None:
    company = make_organisation(name="Musterbau GmbH", land="NW", headcount=42)
    make_member(
        Role.COMPANY_LEAD, organisation=company, user=make_user("clara@musterbau.de", name="Clara")
    )

    log_in(page, url("account_login"), "clara@musterbau.de")
    expect(page).to_have_url(url("organisations:dashboard"))
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Übersicht")

    page.get_by_role("link", name="Mitglieder und Einladungen").click()
    expect(page).to_have_url(url("organisations:organisation_detail", company.pk))
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Musterbau GmbH")
    size = page.locator(".kern-description-list-item", has_text="Größenklasse")
    expect(size).to_contain_text("Kleines Unternehmen (10–49)")

    page.get_by_role("link", name="Person einladen").click()
    expect(page).to_have_url(url("organisations:organisation_invite", company.pk))
    check_a11y(page)
    page.get_by_label("E-Mail-Adresse").fill("ben@musterbau.de")
    page.get_by_label("Beschäftigte:r").check()
    page.get_by_role("button", name="Einladung senden").click()
    expect(page).to_have_url(url("organisations:organisation_detail", company.pk))
    check_a11y(page)
    expect(page.locator(".zz-messages")).to_contain_text("ben@musterbau.de")
    expect(page.locator("main table", has_text="ben@musterbau.de")).to_be_visible()
    link = invitation_link(mailoutbox, "ben@musterbau.de")

    page.locator("header").get_by_role("button", name="Abmelden").click()
    expect(page).to_have_url(url("core:home"))
    check_a11y(page)
    expect(page.locator("header").get_by_role("link", name="Anmelden")).to_be_visible()

    visit(fresh_page, link)
    fresh_page.get_by_label("Ihr Name").fill("Ben Beispiel")
    fresh_page.get_by_label("Passwort", exact=True).fill(NEW_PASSWORD)
    fresh_page.get_by_label("Passwort wiederholen").fill(NEW_PASSWORD)
    fresh_page.get_by_label("Datenschutzhinweise gelesen", exact=False).check()
    fresh_page.locator("main form").get_by_role("button").last.click()
    expect(fresh_page).to_have_url(url("organisations:dashboard"))
    check_a11y(fresh_page)
    expect(fresh_page.locator(".zz-messages")).to_contain_text("Willkommen")
    expect(fresh_page.locator("main .kern-preline")).to_have_text("Beschäftigte:r – Musterbau GmbH")
    ben = Membership.objects.get(user__email="ben@musterbau.de")
    assert (ben.role, ben.organisation_id) == (Role.EMPLOYEE.value, company.pk)


def switch_role(page: Page, label: str) -> None:
    """Choose a role in the header's role bar and confirm."""
    page.get_by_label("Sie handeln als").select_option(label=label)
    page.locator("header").get_by_role("button", name="Wechseln").click()


def test_works_council_member_switches_role_in_the_header(page: Page, url) -> None:
    company = make_organisation(name="Druckerei Adler KG", has_works_council=True)
    person = make_user("dana@adler.de", name="Dana Adler")
    make_member(Role.EMPLOYEE, organisation=company, user=person)
    make_member(Role.WORKS_COUNCIL, organisation=company, user=person)

    log_in(page, url("account_login"), "dana@adler.de")
    expect(page).to_have_url(url("organisations:dashboard"))
    check_a11y(page)
    expect(page.get_by_label("Sie handeln als").locator("option")).to_have_count(2)

    switch_role(page, "Beschäftigte:r – Druckerei Adler KG")
    expect(page).to_have_url(url("organisations:dashboard"))
    check_a11y(page)
    expect(page.locator(".zz-messages")).to_contain_text("Sie handeln jetzt als Beschäftigte:r")
    expect(page.locator("main .kern-preline")).to_have_text("Beschäftigte:r – Druckerei Adler KG")
    expect(page.locator("main")).not_to_contain_text("BetrVG")

    switch_role(page, "Betriebsrat – Druckerei Adler KG")
    expect(page).to_have_url(url("organisations:dashboard"))
    check_a11y(page)
    expect(page.locator(".zz-messages")).to_contain_text("Sie handeln jetzt als Betriebsrat")
    expect(page.locator("main .kern-preline")).to_have_text("Betriebsrat – Druckerei Adler KG")
    expect(page.locator("main")).to_contain_text("§ 90 BetrVG")
    council = Membership.objects.get(user=person, role=Role.WORKS_COUNCIL.value)
    expect(page.get_by_label("Sie handeln als")).to_have_value(str(council.pk))

    page.get_by_role("link", name="Zur Organisation").click()
    expect(page).to_have_url(url("organisations:organisation_detail", company.pk))
    check_a11y(page)
    expect(page.locator("header select option[selected]")).to_contain_text("Betriebsrat")
