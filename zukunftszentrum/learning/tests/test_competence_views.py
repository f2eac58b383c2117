"""'Meine Kompetenzen' and 'Berufsprofile': the person sees their own levels, targets and
evidence; the lead sees profiles and who has which, never anyone's levels; wrong roles get 403
and other tenants 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.learning.competence.evidence import record
from zukunftszentrum.learning.models import (
    Evidence,
    EvidenceKind,
    JobProfileAssignment,
    OwnGoal,
    TargetAdjustment,
)
from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

MINE = reverse("learning:competences")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def company():
    return make_organisation()


@pytest.fixture
def lead(company):
    return make_member(Role.COMPANY_LEAD, organisation=company)


@pytest.fixture
def employee(company):
    return make_member(Role.EMPLOYEE, organisation=company)


def test_the_person_sees_measured_and_self_rated_levels_apart_with_targets(login, employee):
    JobProfileAssignment.objects.create(
        organisation=employee.organisation, user=employee.user, profile="office_admin"
    )
    record(user=employee.user, competence="prompting", kind=EvidenceKind.SELF_RATING, level=4)
    record(user=employee.user, competence="prompting", kind=EvidenceKind.QUIZ, level=1)
    page = login(employee).get(MINE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Büro und Verwaltung" in html
    row = html.split("Aufträge formulieren (Prompting)</th>")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0].strip() for c in row.split("<td>")[1:]]
    assert cells[0] == "1" and cells[1] == "4"  # measured, self-rating
    assert cells[2].startswith("3") and "Berufsprofil Büro und Verwaltung" in cells[2]


def test_roles_without_learning_get_403(login, company):
    for role in (Role.CENTRE_ADMIN, Role.TRAINER, Role.ADVISOR):
        assert login(make_member(role)).get(MINE).status_code == 403


def test_own_goals_are_added_and_removed_only_by_their_owner(login, employee, company):
    client = login(employee)
    answer = client.post(
        reverse("learning:goal_add"), {"competence": "copyright_ip", "level": 2, "note": "Blog"}
    )
    assert answer.status_code == 302
    goal = OwnGoal.objects.get(user=employee.user)
    assert (goal.competence, goal.level, goal.note) == ("copyright_ip", 2, "Blog")
    assert "eigenes Ziel" in client.get(MINE).content.decode()

    colleague = make_member(Role.EMPLOYEE, organisation=company)
    url = reverse("learning:goal_remove", args=[goal.pk])
    assert login(colleague).post(url).status_code == 404
    assert login(employee).post(url).status_code == 302
    assert not OwnGoal.objects.exists()


def test_a_wrong_upload_is_refused_and_keeps_the_other_fields(login, employee):
    upload = SimpleUploadedFile("zertifikat.pdf", b"MZ\x90\x00 not a pdf")
    answer = login(employee).post(
        reverse("learning:certificate_upload"),
        {"competence": "it_security", "level": 3, "note": "IHK Datenschutz 2026", "file": upload},
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Die Datei ist kein PDF" in html
    assert 'value="IHK Datenschutz 2026"' in html
    assert '<option value="it_security" selected>' in html
    assert not Evidence.objects.exists()


def test_a_pdf_certificate_becomes_measured_evidence(login, employee, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    upload = SimpleUploadedFile("Max Mustermann.pdf", PDF)
    answer = login(employee).post(
        reverse("learning:certificate_upload"),
        {"competence": "it_security", "level": 3, "note": "IHK", "file": upload},
    )
    assert answer.status_code == 302
    entry = Evidence.objects.get(user=employee.user)
    assert (entry.kind, entry.level) == (EvidenceKind.CERTIFICATE, 3)
    assert "Mustermann" not in str(entry.certificate.name)
    assert entry.certificate.read().startswith(b"%PDF-")
    assert AuditEvent.objects.filter(action="certificate_added").exists()


def test_the_lead_assigns_profiles_and_adjusts_targets_but_sees_no_levels(login, lead, employee):
    record(user=employee.user, competence="prompting", kind=EvidenceKind.SELF_RATING, level=4)
    client = login(lead)
    pk = lead.organisation_id
    answer = client.post(
        reverse("learning:profile_assign", args=[pk]),
        {"person": employee.user_id, "profile": "sales_service"},
    )
    assert answer.status_code == 302
    assert JobProfileAssignment.objects.get(user=employee.user).profile == "sales_service"
    answer = client.post(
        reverse("learning:target_adjust", args=[pk]),
        {"profile": "sales_service", "competence": "prompting", "level": 4},
    )
    assert TargetAdjustment.objects.get(organisation_id=pk).level == 4
    page = client.get(reverse("learning:job_profiles"))
    assert page.status_code == 200
    html = page.content.decode()
    assert str(employee.user.full_name) in html
    assert "angepasst, sonst 3" in html
    assert "Selbsteinschätzung" not in html and "Gemessen" not in html
    assert "mindestens 5 Personen mit diesem Profil" in html  # the share is withheld
    assert AuditEvent.objects.filter(action="job_profile_assigned").exists()
    assert AuditEvent.objects.filter(action="target_adjusted").exists()


def test_an_employee_may_not_open_or_change_the_profiles(login, employee):
    client = login(employee)
    pk = employee.organisation_id
    assert client.get(reverse("learning:job_profiles")).status_code == 403
    assert client.get(reverse("learning:job_profiles_for", args=[pk])).status_code == 403
    answer = client.post(
        reverse("learning:target_adjust", args=[pk]),
        {"profile": "solo", "competence": "prompting", "level": 4},
    )
    assert answer.status_code == 403
    assert not TargetAdjustment.objects.exists()


def test_another_companys_lead_gets_404(login, lead, employee):
    other = make_member(Role.COMPANY_LEAD, organisation=make_organisation())
    client = login(other)
    pk = lead.organisation_id
    assert client.get(reverse("learning:job_profiles_for", args=[pk])).status_code == 404
    answer = client.post(
        reverse("learning:profile_assign", args=[pk]),
        {"person": employee.user_id, "profile": "it_data"},
    )
    assert answer.status_code == 404
    assert not JobProfileAssignment.objects.exists()


def test_a_lead_cannot_assign_a_profile_to_someone_outside_the_company(login, lead):
    stranger = make_member(Role.EMPLOYEE, organisation=make_organisation())
    answer = login(lead).post(
        reverse("learning:profile_assign", args=[lead.organisation_id]),
        {"person": stranger.user_id, "profile": "it_data"},
    )
    assert answer.status_code == 404
    assert not JobProfileAssignment.objects.exists()


def test_an_accompanying_advisor_adjusts_targets_but_assigns_nobody(login, lead, employee):
    advisor = make_member(Role.ADVISOR)
    acc = org_actions.request_accompaniment(member=advisor, organisation=lead.organisation)
    url = reverse("learning:job_profiles_for", args=[lead.organisation_id])
    assert login(advisor).get(url).status_code == 404  # not yet agreed
    org_actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    page = login(advisor).get(url)
    assert page.status_code == 200
    assert str(employee.user.full_name) not in page.content.decode()
    login(advisor).post(
        reverse("learning:target_adjust", args=[lead.organisation_id]),
        {"profile": "management", "competence": "it_security", "level": 3},
    )
    assert TargetAdjustment.objects.get().level == 3
    answer = login(advisor).post(
        reverse("learning:profile_assign", args=[lead.organisation_id]),
        {"person": employee.user_id, "profile": "it_data"},
    )
    assert answer.status_code == 403


def test_the_page_and_the_framework_speak_english(login, employee):
    client = login(employee)
    client.post(reverse("set_language"), {"language": "en", "next": MINE})
    html = client.get(MINE).content.decode()
    assert "My competences" in html and "Writing prompts" in html
    assert "Meine Kompetenzen" not in html


def test_only_the_person_opens_their_certificate(login, employee, company, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    login(employee).post(
        reverse("learning:certificate_upload"),
        {
            "competence": "it_security",
            "level": 2,
            "note": "IHK",
            "file": SimpleUploadedFile("c.pdf", PDF),
        },
    )
    entry = Evidence.objects.get(user=employee.user)
    url = reverse("learning:certificate", args=[entry.pk])
    own = login(employee).get(url)
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    assert own.content.startswith(b"%PDF-")
    colleague = make_member(Role.EMPLOYEE, organisation=company)
    assert login(colleague).get(url).status_code == 404
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    assert login(lead).get(url).status_code == 404
