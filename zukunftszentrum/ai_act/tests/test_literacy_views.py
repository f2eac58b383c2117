"""The Art. 4 record: who reads it (lead, accompanying advisor; employees 403, other companies
404), what it counts (only what people shared, at once after a change), what it withholds, the
lead's internal guidance, and the PDF naming the law version applied."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zukunftszentrum.ai_act import content, law_status, literacy_forms
from zukunftszentrum.ai_act.audit_actions import LiteracyAction
from zukunftszentrum.ai_act.literacy import record_context
from zukunftszentrum.ai_act.literacy_models import LiteracyGuidance
from zukunftszentrum.ai_act.models import LawVersionStatus
from zukunftszentrum.core.models import AuditEvent, PreparedDownload
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.learning.competence.evidence import record
from zukunftszentrum.learning.models import EvidenceKind
from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .factories import make_system
from .literacy_helpers import UNIT_TITLE, person, share_all, share_none

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def company():
    return make_organisation()


@pytest.fixture
def lead(company):
    return make_member(Role.COMPANY_LEAD, organisation=company)


def _url(name: str, company, *args: int) -> str:
    return reverse(f"ai_act:{name}", args=[company.pk, *args])


def test_lead_and_accompanying_advisor_read_it_employees_and_others_do_not(login, company, lead):
    assert login(lead, Client()).get(_url("literacy", company)).status_code == 200
    advisor = make_member(Role.ADVISOR)
    assert login(advisor, Client()).get(_url("literacy", company)).status_code == 404
    accompaniment = org_actions.request_accompaniment(member=advisor, organisation=company)
    org_actions.decide_accompaniment(member=lead, accompaniment=accompaniment, consent=True)
    assert login(advisor, Client()).get(_url("literacy", company)).status_code == 200
    for role in (Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.TRAINER):
        member = make_member(role, organisation=company if role != Role.TRAINER else None)
        for name in ("literacy", "literacy_pdf"):
            assert login(member, Client()).get(_url(name, company)).status_code == 403
    other_lead = make_member(Role.COMPANY_LEAD, organisation=make_organisation())
    for name in ("literacy", "literacy_pdf"):
        assert login(other_lead, Client()).get(_url(name, company)).status_code == 404


def test_the_record_counts_only_what_is_shared_and_changes_at_once(company, lead):
    people = [person(company, "production_crafts") for _ in range(6)]
    people += [person(company, "office_admin") for _ in range(5)]
    silent = person(company, "office_admin", shares=False)
    record(
        user=silent.user,
        competence="prompting",
        kind=EvidenceKind.UNIT_PASSED,
        level=2,
        source="unit:geheim@1",
        note="Nicht geteilte Einheit",
    )
    context = record_context(lead, company)
    assert context["everybody"].value is not None
    assert [m.title for m in context["measures"]] == [UNIT_TITLE]
    production = next(f for f in context["by_profile"] if f.label == "Produktion und Handwerk")
    assert production.value is not None

    for member in people[:3]:  # production falls below the minimum at once
        share_none(member)
    context = record_context(lead, company)
    production = next(f for f in context["by_profile"] if f.label == "Produktion und Handwerk")
    assert production.value is None
    for member in people[:3]:
        share_all(member)
    context = record_context(lead, company)
    production = next(f for f in context["by_profile"] if f.label == "Produktion und Handwerk")
    assert production.value is not None


def test_the_page_names_nobody_and_nothing_unshared(login, company, lead):
    people = [person(company, "production_crafts") for _ in range(6)]
    silent = person(company, "it_data", shares=False)
    record(
        user=silent.user,
        competence="prompting",
        kind=EvidenceKind.UNIT_PASSED,
        level=2,
        source="unit:geheim@1",
        note="Nicht geteilte Einheit",
    )
    html = login(lead).get(_url("literacy", company)).content.decode()
    assert UNIT_TITLE in html and "Nicht geteilte Einheit" not in html
    for member in [*people, silent]:
        assert member.user.full_name not in html and member.user.email not in html


def test_small_groups_and_differences_are_withheld(company, lead):
    for _ in range(6):
        person(company, "production_crafts")
    person(company, "office_admin")  # one person: all minus production would reveal them
    system = make_system(company, user_profiles=["production_crafts", "office_admin"])
    context = record_context(lead, company)
    figures = {f.label: f.value for f in context["by_profile"]}
    assert context["everybody"].value is not None
    assert figures["Produktion und Handwerk"] is None  # all - production = office (1 person)
    assert figures["Büro und Verwaltung"] is None
    assert next(f for f in context["by_system"] if f.label == system.name).value is None


def test_a_lead_records_guidance_with_a_checked_pdf(login, company, lead, monkeypatch):
    client = login(lead)
    url = _url("literacy_guidance_add", company)
    wrong = SimpleUploadedFile("r.pdf", b"MZ not a pdf")
    data = {"title": "Richtlinie KI-Chat", "kind": "guideline", "issued_on": "2026-10-01"}
    answer = client.post(url, {**data, "attachment": wrong})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "kein PDF" in html and 'value="Richtlinie KI-Chat"' in html
    monkeypatch.setattr(literacy_forms, "MAX_ATTACHMENT_BYTES", 10)
    answer = client.post(url, {**data, "attachment": SimpleUploadedFile("r.pdf", PDF)})
    assert answer.status_code == 400 and "größer als 5 MB" in answer.content.decode()
    monkeypatch.undo()
    answer = client.post(url, {**data, "attachment": SimpleUploadedFile("r.pdf", PDF)})
    assert answer.status_code == 302
    entry = LiteracyGuidance.objects.get(organisation=company)
    stored = str(entry.attachment.name)
    assert stored.endswith(".pdf") and "r.pdf" not in stored
    assert AuditEvent.objects.filter(action="ai_literacy_guidance_added").exists()
    file = client.get(_url("literacy_guidance_file", company, entry.pk))
    assert file.status_code == 200 and file.content == PDF
    assert "Richtlinie KI-Chat" in client.get(_url("literacy", company)).content.decode()
    client.post(_url("literacy_guidance_remove", company, entry.pk))
    assert not LiteracyGuidance.objects.exists()


def test_only_the_lead_writes_guidance(login, company, lead):
    data = {"title": "X", "kind": "briefing", "issued_on": "2026-10-01"}
    employee = make_member(Role.EMPLOYEE, organisation=company)
    assert (
        login(employee, Client()).post(_url("literacy_guidance_add", company), data).status_code
        == 403
    )
    other_lead = make_member(Role.COMPANY_LEAD, organisation=make_organisation())
    assert (
        login(other_lead, Client()).post(_url("literacy_guidance_add", company), data).status_code
        == 404
    )
    entry = LiteracyGuidance.objects.create(
        organisation=company, title="Y", kind="briefing", issued_on="2026-10-01"
    )
    answer = login(other_lead, Client()).post(_url("literacy_guidance_remove", company, entry.pk))
    assert answer.status_code == 404
    assert LiteracyGuidance.objects.filter(pk=entry.pk).exists()


def test_the_systems_page_and_the_overview_link_to_the_record(login, company, lead):
    html = login(lead).get(reverse("ai_act:systems")).content.decode()
    assert _url("literacy", company) in html
    overview = login(lead).get(reverse("organisations:dashboard")).content.decode()
    assert _url("literacy", company) in overview


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "nachweis.pdf"
    path.write_bytes(data)
    out = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
    )
    return " ".join(out.stdout.decode("utf-8").split())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_the_pdf_names_the_law_version_applied(login, company, lead, tmp_path):
    content.register_status_source(law_status.recorded_statuses)  # as the app's ready() does
    client = login(lead)
    answer = fetch_prepared(client, client.get(_url("literacy_pdf", company)))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = _pdf_text(answer.content, tmp_path)
    assert "Nachweis über Maßnahmen zur KI-Kompetenz" in text
    assert "Angewandter Rechtsstand: Verordnung (EU) 2024/1689" in text
    assert "Veröffentlichung im Amtsblatt ausstehend" in text  # the Omnibus, pending
    assert "nach besten Kräften" in text

    LawVersionStatus.objects.create(law_version="omnibus", status=LawVersionStatus.Status.PUBLISHED)
    PreparedDownload.objects.all().delete()  # a file asked for again within a minute is reused
    text = _pdf_text(fetch_prepared(client, client.get(_url("literacy_pdf", company))).content,
                     tmp_path)  # fmt: skip
    assert "Angewandter Rechtsstand: KI-Verordnung in der Fassung des Digital-Omnibus" in text
    assert "Veröffentlichung im Amtsblatt ausstehend" not in text


def test_the_record_pdf_is_only_for_who_asked_and_while_they_may_read_it(login, company, lead):
    advisor = make_member(Role.ADVISOR)
    accompaniment = org_actions.request_accompaniment(member=advisor, organisation=company)
    org_actions.decide_accompaniment(member=lead, accompaniment=accompaniment, consent=True)
    client = login(advisor, Client())
    asked = client.get(_url("literacy_pdf", company))
    assert fetch_prepared(client, asked).content.startswith(b"%PDF")
    assert login(lead, Client()).get(asked["Location"] + "herunterladen/").status_code == 404
    org_actions.end_accompaniment(member=lead, accompaniment=accompaniment)
    assert client.get(asked["Location"] + "herunterladen/").status_code == 404
    assert AuditEvent.objects.filter(action=LiteracyAction.RECORD_DOWNLOADED).count() == 1
