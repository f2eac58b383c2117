"""The inventory's pages: the lead enters, edits and retires systems; the works council and an
accompanying centre read; an employee gets 403; another organisation's system is a 404."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zukunftszentrum.ai_act.models import AISystem
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .factories import make_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return make_member(Role.COMPANY_LEAD, organisation=make_organisation(name="Eigene GmbH"))


FORM = {
    "name": "Bewerbungsvorauswahl",
    "system_type": "applicant_screening",
    "vendor": "Beispiel",
    "user_profiles": ["management"],
    "hosting": "eu",
    "status": "pilot",
}


def test_the_lead_enters_a_system_and_sees_it_listed(login, lead) -> None:
    client = login(lead)
    answer = client.post(reverse("ai_act:system_create"), FORM)
    system = AISystem.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "ai_act:system_detail", args=[system.pk]
    )
    assert system.organisation == lead.organisation and system.user_profiles == ["management"]
    assert AuditEvent.objects.filter(action="ai_system_created").exists()
    page = client.get(reverse("ai_act:systems")).content.decode()
    assert "Bewerbungsvorauswahl" in page and "noch nicht eingestuft" in page


def test_the_catalogue_prefills_a_new_system(login, lead) -> None:
    page = login(lead).get(reverse("ai_act:system_create") + "?type=applicant_screening")
    form = page.context["form"]
    assert form.initial["system_type"] == "applicant_screening"
    assert form.initial["employee_data"] is True
    assert "Bewerbungen auswerten" in form.initial["purpose"]


def test_edit_and_retire(login, lead) -> None:
    system = make_system(lead.organisation)
    client = login(lead)
    answer = client.post(
        reverse("ai_act:system_edit", args=[system.pk]), {**FORM, "name": "Neuer Name"}
    )
    assert answer.status_code == 302
    system.refresh_from_db()
    assert system.name == "Neuer Name"
    url = reverse("ai_act:system_retire", args=[system.pk])
    assert "bleibt mit seiner Einstufung" in client.get(url).content.decode()
    client.post(url)
    system.refresh_from_db()
    assert system.status == AISystem.Status.RETIRED and system.retired_on is not None
    assert "bereits außer Betrieb" in client.get(url).content.decode()


@pytest.mark.parametrize("role", [Role.WORKS_COUNCIL, Role.COMPANY_LEAD])
def test_the_organisation_reads(login, lead, role) -> None:
    system = make_system(lead.organisation, name="Kundenchat")
    member = (
        lead if role is Role.COMPANY_LEAD else make_member(role, organisation=lead.organisation)
    )
    page = login(member).get(reverse("ai_act:system_detail", args=[system.pk]))
    assert page.status_code == 200 and "Kundenchat" in page.content.decode()
    assert ("Angaben bearbeiten" in page.content.decode()) is (role is Role.COMPANY_LEAD)


def test_an_accompanying_advisor_reads_only_while_accompanying(login, lead) -> None:
    system = make_system(lead.organisation)
    advisor = make_member(Role.ADVISOR)
    url = reverse("ai_act:system_detail", args=[system.pk])
    assert login(advisor).get(url).status_code == 404
    acc = org_actions.request_accompaniment(member=advisor, organisation=lead.organisation)
    org_actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    assert login(advisor).get(url).status_code == 200
    assert login(advisor).get(reverse("ai_act:system_edit", args=[system.pk])).status_code == 403


def test_wrong_role_is_403(login, lead) -> None:
    system = make_system(lead.organisation)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    client = login(employee)
    assert client.get(reverse("ai_act:systems")).status_code == 403
    assert client.get(reverse("ai_act:system_detail", args=[system.pk])).status_code == 403
    council = make_member(Role.WORKS_COUNCIL, organisation=lead.organisation)
    assert login(council).post(reverse("ai_act:system_create"), FORM).status_code == 403


def test_wrong_tenant_is_404(login, lead) -> None:
    system = make_system(lead.organisation, name="Geheimes System")
    other = make_member(Role.COMPANY_LEAD)
    client = login(other)
    for name in ("ai_act:system_detail", "ai_act:system_edit", "ai_act:system_retire"):
        assert client.get(reverse(name, args=[system.pk])).status_code == 404
    assert client.post(reverse("ai_act:system_retire", args=[system.pk])).status_code == 404
    assert "Geheimes System" not in client.get(reverse("ai_act:systems")).content.decode()


def _xlsx(rows: list[list[object]]) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "liste.xlsx"
    return buffer


def test_import_names_bad_rows_and_keeps_the_valid_ones_for_review(login, lead) -> None:
    client = login(lead)
    upload = _xlsx(
        [
            ["Name", "Art", "Status"],
            ["Kundenchat", "Kundenservice-Chatbot", "im Einsatz"],
            ["", "Übersetzung", ""],
            ["Orakel", "Zauberkugel", ""],
            ["Belege", "document_capture", "geplant"],
        ]
    )
    answer = client.post(reverse("ai_act:systems_import"), {"file": upload})
    assert answer["Location"] == reverse("ai_act:systems_import_review")
    page = client.get(answer["Location"]).content.decode()
    assert "Zeile 3: Der Name fehlt." in page
    assert "Zeile 4: Die Art „Zauberkugel“ kennen wir nicht." in page
    assert "2 Systeme übernehmen" in page
    assert not AISystem.objects.exists()  # nothing stored before the person confirms
    client.post(reverse("ai_act:systems_import_review"), {"action": "confirm"})
    assert sorted(AISystem.objects.values_list("name", "status")) == [
        ("Belege", "planned"),
        ("Kundenchat", "in_use"),
    ]


def test_import_of_a_wrong_file_type_says_so(login, lead) -> None:
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "liste.pdf"
    page = login(lead).post(reverse("ai_act:systems_import"), {"file": upload})
    assert page.status_code == 200
    assert "Bitte laden Sie eine CSV- oder XLSX-Datei hoch." in page.content.decode()


def test_a_pending_import_is_not_shown_to_another_organisation(login, lead) -> None:
    client = login(lead)
    upload = _xlsx([["Name"], ["Kundenchat"]])
    client.post(reverse("ai_act:systems_import"), {"file": upload})
    other = make_member(Role.COMPANY_LEAD, user=lead.user)
    login(other, client)
    answer = client.post(reverse("ai_act:systems_import_review"), {"action": "confirm"})
    assert answer.status_code == 302 and not AISystem.objects.exists()


def test_the_inventory_downloads_as_xlsx(login, lead) -> None:
    make_system(lead.organisation, name="=HYPERLINK(1)")
    make_system(make_organisation(), name="Fremdes System")
    answer = login(lead).get(reverse("ai_act:systems_export"))
    assert answer["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["=HYPERLINK(1)"]  # stored as text, and only the own organisation's
    assert sheet.cell(2, 2).data_type == "s"
