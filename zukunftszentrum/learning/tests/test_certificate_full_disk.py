"""A certificate upload on a full disk (a clear message, the form kept, nothing stored), one
sent twice (stored once), and the file of one killed before its row was committed (removed)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zukunftszentrum.core.tests.full_disk import files_in, full_disk
from zukunftszentrum.learning.models import Evidence
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_full_disk_keeps_the_form_and_says_so(login, settings, tmp_path) -> None:
    full_disk(settings, tmp_path)
    employee = make_member(Role.EMPLOYEE, organisation=make_organisation())
    answer = login(employee).post(
        reverse("learning:certificate_upload"),
        {
            "competence": "it_security",
            "level": 3,
            "note": "IHK Datenschutz 2026",
            "file": SimpleUploadedFile("c.pdf", PDF),
        },
    )
    assert answer.status_code == 507
    html = answer.content.decode()
    assert "Speicherplatz der Plattform ist erschöpft" in html
    assert 'value="IHK Datenschutz 2026"' in html
    assert '<option value="it_security" selected>' in html
    assert not Evidence.objects.exists()
    assert files_in(tmp_path) == []


def test_the_upload_stays_closed_to_the_wrong_role(login) -> None:
    centre_admin = make_member(Role.CENTRE_ADMIN)
    answer = login(centre_admin).post(reverse("learning:certificate_upload"), {})
    assert answer.status_code == 403


def test_the_same_upload_sent_twice_is_stored_once(login, settings, tmp_path) -> None:
    """The answer to the first upload was lost; the person sends the same form again."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "zukunftszentrum.core.uploads.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    employee = make_member(Role.EMPLOYEE, organisation=make_organisation())
    client = login(employee)
    page = client.get(reverse("learning:competences")).content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    for _ in range(2):
        answer = client.post(
            reverse("learning:certificate_upload"),
            {
                "competence": "it_security",
                "level": 3,
                "note": "IHK",
                "key": key,
                "file": SimpleUploadedFile("c.pdf", PDF),
            },
        )
        assert answer.status_code == 302
    assert Evidence.objects.filter(user=employee.user).count() == 1
    assert len(files_in(tmp_path)) == 1  # the second file was removed again
    fresh = client.get(reverse("learning:competences")).content.decode()
    assert key not in fresh  # a new form, a new key


def test_a_starting_worker_removes_certificate_files_without_their_row(settings, tmp_path) -> None:
    import os
    import time

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from zukunftszentrum.core.tasks import recoveries
    from zukunftszentrum.learning.competence.evidence import record
    from zukunftszentrum.learning.models import EvidenceKind

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "zukunftszentrum.core.uploads.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    employee = make_member(Role.EMPLOYEE, organisation=make_organisation())
    entry = record(
        user=employee.user,
        competence="it_security",
        kind=EvidenceKind.CERTIFICATE,
        level=3,
        certificate=SimpleUploadedFile("c.pdf", PDF),
    )
    orphan = default_storage.save("learning/certificates/lost.pdf", ContentFile(PDF))
    hour_ago = time.time() - 2 * 3600
    for name in (orphan, entry.certificate.name):
        os.utime(default_storage.path(name), (hour_ago, hour_ago))
    sweep = next(r for r in recoveries if r.name == "learning.orphan_certificates")
    assert sweep.run() == 1
    assert not default_storage.exists(orphan)
    assert default_storage.exists(entry.certificate.name)
