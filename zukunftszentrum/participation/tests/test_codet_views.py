"""Co-determination, the works agreement, the process report and the hand-over from the AI
inventory as people use them: each page with its wrong-role (403) and wrong-tenant (404) case."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from zukunftszentrum.ai_act.tests.factories import make_classified, make_system
from zukunftszentrum.core.models import AuditEvent, PreparedDownload
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from ..models import AgreementSectionEdit, CodeterminationStep, Project, ProjectFactsRecord
from ..phases import ProjectRole
from .factories import list_member, make_document, make_item, make_project

pytestmark = pytest.mark.django_db

FACTS = {
    "has_works_council": "on",
    "employees": "35",
    "monitors_behaviour_or_performance": "on",
    "changes_work_procedures": "on",
}


@pytest.fixture
def company():
    return make_organisation(land="HH", headcount=40, has_works_council=True)


@pytest.fixture
def people(company):
    return {
        role: make_member(role, organisation=company)
        for role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL)
    }


@pytest.fixture
def project(company):
    return make_project(company)


@pytest.fixture
def stranger():
    return make_member(Role.COMPANY_LEAD, organisation=make_organisation(land="BY"))


def url(name: str, project: Project, **extra) -> str:
    return reverse(f"participation:{name}", kwargs={"pk": project.pk, **extra})


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    out = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8")


needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


# --- facts and steps --------------------------------------------------------------------------


def test_facts_are_prefilled_from_the_company_and_saved_with_an_audit_event(
    login, people, project
) -> None:
    c = login(people[Role.COMPANY_LEAD])
    page = c.get(url("codetermination", project))
    assert page.status_code == 200
    assert "noch nicht gespeichert" in page.text and "Profil des Unternehmens" in page.text
    assert c.post(url("facts_save", project), FACTS).status_code == 302
    assert ProjectFactsRecord.objects.get(project=project).facts["employees"] == 35
    assert AuditEvent.objects.filter(action="participation_facts_recorded").exists()
    page = c.get(url("codetermination", project))
    assert "§ 87 Abs. 1 Nr. 6" in page.text and "https://www.gesetze-im-internet.de" in page.text
    assert "§ 90 Abs. 1 Nr. 3" in page.text and "111" in page.text
    assert page.text.count("BGBl. I S. 2518") == 1  # the law's version, named once


def test_an_employee_reads_the_steps_but_records_no_facts(login, people, project) -> None:
    c = login(people[Role.EMPLOYEE])
    assert c.get(url("codetermination", project)).status_code == 200
    assert c.post(url("facts_save", project), FACTS).status_code == 403
    assert not ProjectFactsRecord.objects.exists()


def test_another_company_gets_404(login, stranger, project) -> None:
    c = login(stranger)
    assert c.get(url("codetermination", project)).status_code == 404
    assert c.post(url("facts_save", project), FACTS).status_code == 404
    assert c.post(url("step_record", project, step_id="monitoring_consent")).status_code == 404


def test_the_council_records_its_consent_the_lead_cannot(login, people, project) -> None:
    login(people[Role.COMPANY_LEAD]).post(url("facts_save", project), FACTS)
    doc = make_document(project)
    step = url("step_record", project, step_id="monitoring_consent")
    decision = {
        "monitoring_consent-status": "consent_given",
        "monitoring_consent-decision": "Zugestimmt mit Auflagen.",
        "monitoring_consent-decided_on": "2026-06-01",
        "monitoring_consent-documents": [doc.pk],
    }
    lead = login(people[Role.COMPANY_LEAD])
    assert lead.post(step, decision).status_code == 400  # not a status the lead may choose
    assert not CodeterminationStep.objects.exists()
    council = login(people[Role.WORKS_COUNCIL])
    assert council.post(step, decision).status_code == 302
    row = CodeterminationStep.objects.get(project=project, step_id="monitoring_consent")
    assert row.status == "consent_given" and list(row.documents.all()) == [doc]
    assert AuditEvent.objects.filter(action="participation_step_recorded").count() == 1
    page = council.get(url("codetermination", project))
    assert "Zustimmung erteilt" in page.text and "Zugestimmt mit Auflagen." in page.text
    employee = login(people[Role.EMPLOYEE])
    assert employee.post(step, decision).status_code == 403
    info = url("step_record", project, step_id="employees_information")  # the employer's step
    info_data = {"employees_information-status": "consent_given"}
    assert login(people[Role.WORKS_COUNCIL]).post(info, info_data).status_code == 403


def test_the_council_is_offered_no_consent_on_an_information_step(login, people, project):
    login(people[Role.COMPANY_LEAD]).post(url("facts_save", project), FACTS)
    council = login(people[Role.WORKS_COUNCIL])
    page = council.get(url("codetermination", project)).text
    assert 'action="' + url("step_record", project, step_id="monitoring_consent") in page
    assert url("step_record", project, step_id="work_procedures_information") not in page
    info = url("step_record", project, step_id="work_procedures_information")
    data = {"work_procedures_information-status": "consent_given"}
    assert council.post(info, data).status_code == 403
    assert not CodeterminationStep.objects.exists()


def test_the_lead_marks_a_step_requested(login, people, project) -> None:
    c = login(people[Role.COMPANY_LEAD])
    c.post(url("facts_save", project), FACTS)
    step = url("step_record", project, step_id="work_procedures_information")
    assert c.post(step, {"work_procedures_information-status": "requested"}).status_code == 302
    assert CodeterminationStep.objects.get().status == "requested"


def test_a_step_that_does_not_apply_is_404(login, people, project) -> None:
    c = login(people[Role.COMPANY_LEAD])
    assert c.post(url("step_record", project, step_id="monitoring_consent")).status_code == 404


def test_without_a_works_council_the_page_says_who_is_involved_instead(
    login, people, project
) -> None:
    c = login(people[Role.COMPANY_LEAD])
    c.post(url("facts_save", project), {"employees": "12", "changes_work_procedures": "on"})
    page = c.get(url("codetermination", project))
    assert "Ohne Betriebsrat" in page.text and "§ 81" in page.text
    assert "§ 87 Abs. 1 Nr. 6" not in page.text


def test_a_high_risk_system_prefills_the_fact(login, people, company) -> None:
    system = make_classified(company)
    project = Project.objects.create(
        organisation=company, title="Schicht", current_phase="verstehen", ai_system_id=system.pk
    )
    page = login(people[Role.COMPANY_LEAD]).get(url("codetermination", project))
    assert "Einstufung von „Schichtplaner“" in page.text
    assert 'name="high_risk_at_workplace" checked' in page.text


# --- works agreement ------------------------------------------------------------------------


def test_the_council_edits_a_section_and_regenerating_keeps_it(login, people, company) -> None:
    system = make_system(company, name="Sichtprüfung KI", vendor="Optik AG")
    project = make_project(company)
    project.ai_system_id = system.pk
    project.save()
    c = login(people[Role.WORKS_COUNCIL])
    page = c.get(url("agreement", project))
    assert page.status_code == 200 and "Sichtprüfung KI" in page.text and "Optik AG" in page.text
    data = {"section": "§ 3", "s-3-text": "Keine Leistungskontrolle.\n\n- nie [Ausnahme]"}
    assert c.post(url("section_save", project), data).status_code == 302
    assert AgreementSectionEdit.objects.get(project=project, section="§ 3")
    assert AuditEvent.objects.filter(action="participation_agreement_edit").exists()
    # The project changes; the generated text moves on, the edit stays.
    system.vendor = "Andere GmbH"
    system.save()
    page = c.get(url("agreement", project))
    assert "Keine Leistungskontrolle." in page.text and "Andere GmbH" in page.text
    docx = Document(io.BytesIO(c.get(url("agreement_docx", project)).content))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "Keine Leistungskontrolle." in text and "[Ausnahme]" in text
    assert "Anlage 1 Sichtprüfung KI" in text
    # Asked for: regenerate drops the edit.
    assert c.post(url("agreement_regenerate", project), {"section": "§ 3"}).status_code == 302
    assert not AgreementSectionEdit.objects.exists()


@needs_pdftotext
def test_the_outline_as_pdf(login, people, project, tmp_path) -> None:
    c = login(people[Role.COMPANY_LEAD])
    response = fetch_prepared(c, c.get(url("agreement_pdf", project)))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Betriebsvereinbarung" in text and "Geltungsbereich" in text


def test_employees_neither_read_nor_edit_the_outline(login, people, project) -> None:
    c = login(people[Role.EMPLOYEE])
    page = c.get(url("agreement", project))  # a link followed: the reason, not the text
    assert page.status_code == 200 and "sehen die Leitung, der Betriebsrat" in page.text
    assert "Geltungsbereich" not in page.text
    download = c.get(url("agreement_docx", project))
    assert download.status_code == 302 and download["Content-Type"].startswith("text/html")
    data = {"section": "§ 1", "s-1-text": "x"}
    assert c.post(url("section_save", project), data).status_code == 403


def test_an_advisor_reads_but_does_not_edit(login, people, company, project) -> None:
    from zukunftszentrum.organisations.models import Accompaniment
    from zukunftszentrum.organisations.tests.factories import make_centre

    centre = make_centre()
    Accompaniment.objects.create(
        centre=centre, organisation=company, status=Accompaniment.Status.ACTIVE
    )
    advisor = make_member(Role.ADVISOR, centre=centre)
    list_member(project, advisor, ProjectRole.ADVISOR)
    c = login(advisor)
    assert c.get(url("agreement", project)).status_code == 200
    assert (
        c.post(url("section_save", project), {"section": "§ 1", "s-1-text": "x"}).status_code == 403
    )


def test_the_outline_of_another_company_is_404(login, stranger, project) -> None:
    c = login(stranger)
    assert c.get(url("agreement", project)).status_code == 404
    assert c.get(url("agreement_docx", project)).status_code == 404


# --- process report ---------------------------------------------------------------------------


@needs_pdftotext
def test_the_process_report(login, people, project, tmp_path) -> None:
    lead = people[Role.COMPANY_LEAD]
    for n in range(3):
        make_item(project, author=people[Role.EMPLOYEE], title=f"Idee {n}")
    c = login(lead)
    c.post(url("facts_save", project), FACTS)
    response = fetch_prepared(c, c.get(url("report_pdf", project)))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "Prozessbericht" in text and "Idee 1" in text
    assert "weniger als 5" in text  # three concerns: not a number
    assert "Ideen und Bedenken" in text and "87" in text
    assert AuditEvent.objects.filter(action="participation_report_download").exists()


def test_the_report_is_for_lead_and_facilitator(login, people, stranger, project) -> None:
    for role in (Role.EMPLOYEE, Role.WORKS_COUNCIL):  # a refused download: back, with the reason
        response = login(people[role]).get(url("report_pdf", project))
        assert response.status_code == 302 and response["Location"] == url("workspace", project)
    assert login(stranger).get(url("report_pdf", project)).status_code == 404
    assert login(stranger).get(url("agreement_pdf", project)).status_code == 404
    refused = login(people[Role.EMPLOYEE]).get(url("agreement_pdf", project))
    assert refused["Location"] == url("workspace", project)
    assert not PreparedDownload.objects.exists()


def test_the_prepared_report_asks_the_project_role_again_when_fetched(
    login, people, company, project
) -> None:
    facilitator = make_member(Role.EMPLOYEE, organisation=company)
    row = list_member(project, facilitator, ProjectRole.EMPLOYEE, facilitator=True)
    c = login(facilitator)
    asked = c.get(url("report_pdf", project))
    assert asked.status_code == 302 and fetch_prepared(c, asked).status_code == 200
    row.delete()  # no longer the facilitator: the file built for them is not handed out
    assert fetch_prepared(c, asked).status_code == 404


@needs_pdftotext
def test_the_report_lists_the_published_decisions_not_the_drafts(
    login, people, project, tmp_path
) -> None:
    from .activity_factories import make_decision

    make_decision(project, title="Pilot in der Frühschicht")
    make_decision(project, published=False, title="Noch offen: Ausweitung")
    c = login(people[Role.COMPANY_LEAD])
    response = fetch_prepared(c, c.get(url("report_pdf", project)))
    text = pdf_text(response.content, tmp_path)
    assert "Pilot in der Frühschicht" in text and "Geschäftsführung und Betriebsrat" in text
    assert "Ausweitung" not in text


# --- the hand-over from the AI inventory ------------------------------------------------------


def test_starting_a_project_from_an_ai_system(login, people, company) -> None:
    system = make_classified(company)
    c = login(people[Role.COMPANY_LEAD])
    detail = c.get(reverse("ai_act:system_detail", args=[system.pk]))
    link = reverse("participation:project_for_system", args=[system.pk])
    assert link in detail.text
    assert c.get(link).status_code == 200
    response = c.post(link)
    project = Project.objects.get()
    assert project.ai_system_id == system.pk and response.status_code == 302
    page = c.get(url("codetermination", project))
    assert 'name="high_risk_at_workplace" checked' in page.text
    # A second time opens the same project.
    assert c.post(link)["Location"] == reverse("participation:workspace", args=[project.pk])
    assert Project.objects.count() == 1


def test_the_hand_over_needs_the_lead_and_the_own_system(login, people, company, stranger) -> None:
    system = make_system(company)
    link = reverse("participation:project_for_system", args=[system.pk])
    employee = login(people[Role.EMPLOYEE])
    assert employee.post(link).status_code == 403
    assert "startet die Geschäftsführung" in employee.get(link).text
    assert login(stranger).get(link).status_code == 404
    assert not Project.objects.exists()


def test_the_pages_in_english(login, people, project) -> None:
    c = login(people[Role.COMPANY_LEAD])
    c.post(url("facts_save", project), FACTS)
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    steps_page = c.get(url("codetermination", project)).text
    assert "Steps the project triggers" in steps_page and "Section 87(1) no. 6" in steps_page
    assert "Draft works agreement" in c.get(url("agreement", project)).text
    assert "Opinion map" in c.get(url("opinion", project)).text
    assert "Email notifications" in c.get(url("notifications", project)).text
