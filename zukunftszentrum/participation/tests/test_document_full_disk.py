"""A document upload on a full disk: a clear message, the title kept, nothing stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zukunftszentrum.core.tests.full_disk import files_in, full_disk
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from ..models import ProjectDocument
from .factories import PDF, make_project

pytestmark = pytest.mark.django_db


def _upload(project) -> str:
    return reverse("participation:document_upload", kwargs={"pk": project.pk})


def test_a_full_disk_keeps_the_title_and_says_so(login, settings, tmp_path) -> None:
    full_disk(settings, tmp_path)
    company = make_organisation(land="HH")
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    file = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    page = login(lead).post(_upload(make_project(company)), {"title": "Mein Plan", "file": file})
    assert page.status_code == 507
    assert "Speicherplatz der Plattform ist erschöpft" in page.text
    assert 'value="Mein Plan"' in page.text
    assert not ProjectDocument.objects.exists()
    assert files_in(tmp_path) == []


def test_another_company_gets_404(login) -> None:
    project = make_project(make_organisation(land="HH"))
    stranger = make_member(Role.COMPANY_LEAD, organisation=make_organisation(land="BY"))
    file = SimpleUploadedFile("plan.pdf", PDF)
    assert login(stranger).post(_upload(project), {"title": "x", "file": file}).status_code == 404
