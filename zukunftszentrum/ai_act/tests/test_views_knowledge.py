"""The knowledge pages: fact sheets and notice templates for everyone, the company fill-in only
for the company's own lead (403 for a role without it, 404 for another tenant's organisation)."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from zukunftszentrum.ai_act.factsheets import FAMILIES
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def signed_in(client: Client, role: Role, **kwargs):
    member = make_member(role, **kwargs)
    client.force_login(member.user)
    return member


def test_overview_lists_every_family_for_anonymous_visitors(client: Client) -> None:
    response = client.get(reverse("ai_act:knowledge"))
    assert response.status_code == 200
    for family in FAMILIES:
        assert reverse("ai_act:factsheet", kwargs={"family": family}).encode() in response.content
    assert b"Bilderkennung" in response.content
    assert reverse("ai_act:notices").encode() in response.content


@pytest.mark.parametrize("family", FAMILIES)
def test_factsheet_renders_with_contents_stand_and_sources(client: Client, family: str) -> None:
    response = client.get(reverse("ai_act:factsheet", kwargs={"family": family}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inhalt" in html and "Stand" in html and "Quellen" in html
    assert 'href="#was-beschaeftigte-wissen-sollten"' in html
    assert 'id="was-beschaeftigte-wissen-sollten"' in html
    assert "eur-lex.europa.eu" in html
    assert "<script>" not in html.split("</main>")[0]


def test_factsheet_in_english(client: Client) -> None:
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("ai_act:factsheet", kwargs={"family": "speech"}), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert b"Speech recognition and synthesis" in response.content
    assert b'id="how-it-works"' in response.content
    assert b"Contents" in response.content and b"Sources" in response.content
    assert b"As of" in response.content


def test_copy_script_is_a_static_file() -> None:
    assert finders.find("ai_act/copy.js") is not None
    assert finders.find("ai_act/knowledge.css") is not None


def test_unknown_family_is_404(client: Client) -> None:
    response = client.get(reverse("ai_act:factsheet", kwargs={"family": "magic"}))
    assert response.status_code == 404


def test_factsheet_renders_for_a_signed_in_employee(client: Client) -> None:
    signed_in(client, Role.EMPLOYEE)
    response = client.get(reverse("ai_act:factsheet", kwargs={"family": "forecasting"}))
    assert response.status_code == 200


def test_menu_links_the_knowledge_pages(client: Client) -> None:
    response = client.get(reverse("core:home"))
    assert reverse("ai_act:knowledge").encode() in response.content


def test_notices_show_placeholders_and_copyable_text_to_anonymous_visitors(client: Client) -> None:
    response = client.get(reverse("ai_act:notices"))
    assert response.status_code == 200
    html = response.content.decode()
    for article in ("Art. 50(1)", "Art. 50(3)", "Art. 50(4)"):
        assert article in html
    assert "{company}" in html and "{contact}" in html
    assert html.count("<textarea") == 8  # four notices, German and English
    assert "readonly" in html
    assert "ai_act/copy.js" in html
    assert "Mit den Angaben Ihres Unternehmens" not in html  # no company: no fill-in offer


def test_lead_is_offered_the_fill_in_for_own_company_only(client: Client) -> None:
    lead = signed_in(client, Role.COMPANY_LEAD)
    response = client.get(reverse("ai_act:notices"))
    own = reverse("ai_act:notices_filled", kwargs={"organisation": lead.organisation_id})
    assert own.encode() in response.content


def test_employee_is_not_offered_the_fill_in(client: Client) -> None:
    employee = signed_in(client, Role.EMPLOYEE)
    response = client.get(reverse("ai_act:notices"))
    url = reverse("ai_act:notices_filled", kwargs={"organisation": employee.organisation_id})
    assert url.encode() not in response.content


def test_fill_in_shows_the_company_name_and_the_contact(client: Client) -> None:
    company = make_organisation(name="Tischlerei Holzwurm GmbH")
    signed_in(client, Role.COMPANY_LEAD, organisation=company)
    url = reverse("ai_act:notices_filled", kwargs={"organisation": company.pk})
    response = client.get(url, {"kontakt": "info@holzwurm.example"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "KI-Assistenten von Tischlerei Holzwurm GmbH" in html
    assert "AI assistant of Tischlerei Holzwurm GmbH" in html
    assert "unter info@holzwurm.example" in html
    assert "{company}" not in html.split("<textarea")[1]


def test_fill_in_never_shows_another_tenants_name(client: Client) -> None:
    own = make_organisation(name="Eigene Bäckerei KG")
    make_organisation(name="Fremde Metallbau AG")
    signed_in(client, Role.COMPANY_LEAD, organisation=own)
    response = client.get(reverse("ai_act:notices_filled", kwargs={"organisation": own.pk}))
    assert b"Eigene B\xc3\xa4ckerei KG" in response.content
    assert b"Fremde Metallbau AG" not in response.content


def test_fill_in_for_a_foreign_organisation_is_404(client: Client) -> None:
    foreign = make_organisation(name="Fremde Metallbau AG")
    signed_in(client, Role.COMPANY_LEAD)
    response = client.get(reverse("ai_act:notices_filled", kwargs={"organisation": foreign.pk}))
    assert response.status_code == 404
    assert b"Fremde Metallbau AG" not in response.content


def test_fill_in_for_a_missing_organisation_is_404(client: Client) -> None:
    signed_in(client, Role.SOLO)
    response = client.get(reverse("ai_act:notices_filled", kwargs={"organisation": 999999}))
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.ADVISOR])
def test_fill_in_is_403_for_roles_without_the_capability(client: Client, role: Role) -> None:
    member = signed_in(client, role)
    org = member.organisation or make_organisation()
    response = client.get(reverse("ai_act:notices_filled", kwargs={"organisation": org.pk}))
    assert response.status_code == 403


def test_fill_in_asks_anonymous_visitors_to_sign_in(client: Client) -> None:
    org = make_organisation()
    response = client.get(reverse("ai_act:notices_filled", kwargs={"organisation": org.pk}))
    assert response.status_code == 302
    assert "/konto/" in response["Location"] or "login" in response["Location"]


def test_fill_in_escapes_the_company_name_and_refuses_an_overlong_contact(client: Client) -> None:
    company = make_organisation(name="<b>Fett</b> GmbH")
    signed_in(client, Role.COMPANY_LEAD, organisation=company)
    url = reverse("ai_act:notices_filled", kwargs={"organisation": company.pk})
    response = client.get(url, {"kontakt": "x" * 201})
    html = response.content.decode()
    assert "<b>Fett</b>" not in html
    assert "&lt;b&gt;Fett&lt;/b&gt; GmbH" in html
    assert "{contact}" in html  # the overlong contact is not used
    assert "(Er besteht aus 201 Zeichen.)" in html
