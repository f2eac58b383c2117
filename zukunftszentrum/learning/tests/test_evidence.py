"""The evidence log: append-only, self-ratings from the competence check, attendance from the
catalogue's signal, certificates checked by their bytes and size."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zukunftszentrum.learning.competence import content as competence_content
from zukunftszentrum.learning.competence.evidence import (
    MAX_CERTIFICATE_BYTES,
    CompetenceError,
    check_certificate,
    import_self_ratings,
    levels_of,
    record,
    self_rating_level,
)
from zukunftszentrum.learning.models import Evidence, EvidenceKind
from zukunftszentrum.learning.models.evidence import AppendOnlyError
from zukunftszentrum.learning.signals import attendance_confirmed
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .helpers import submit_competence_check

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def employee():
    return make_member(Role.EMPLOYEE, organisation=make_organisation())


def test_an_entry_can_be_neither_changed_nor_deleted(employee) -> None:
    entry = record(user=employee.user, competence="prompting", kind="quiz", level=2)
    assert entry is not None
    entry.level = 4
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Evidence.objects.filter(pk=entry.pk).update(level=4)
    with pytest.raises(AppendOnlyError):
        Evidence.objects.filter(pk=entry.pk).delete()
    assert Evidence.objects.get(pk=entry.pk).level == 2


def test_a_correction_is_a_new_entry_that_the_level_follows(employee) -> None:
    wrong = record(user=employee.user, competence="prompting", kind="attended", level=3)
    record(user=employee.user, competence="prompting", kind="attended", level=1, corrects=wrong)
    assert Evidence.objects.filter(user=employee.user).count() == 2
    assert levels_of(employee.user)["prompting"].measured == 1


def test_every_entry_keeps_the_framework_version(employee) -> None:
    entry = record(user=employee.user, competence="ai_basics", kind="quiz", level=1)
    assert entry is not None
    assert entry.framework_version == competence_content.framework().version == "2027.1"


def test_an_unknown_competence_or_level_is_refused(employee) -> None:
    with pytest.raises(CompetenceError):
        record(user=employee.user, competence="magic", kind="quiz", level=1)
    with pytest.raises(CompetenceError):
        record(user=employee.user, competence="prompting", kind="quiz", level=5)


@pytest.mark.parametrize(("check", "level"), [(1, 0), (2, 1), (3, 2), (4, 3), (5, 4)])
def test_the_checks_five_levels_map_to_the_frameworks_scale(check: int, level: int) -> None:
    assert self_rating_level(check) == level


def test_a_submitted_competence_check_writes_self_ratings_once(employee) -> None:
    response = submit_competence_check(employee, value=5)
    entries = Evidence.objects.filter(user=employee.user, kind=EvidenceKind.SELF_RATING)
    assert entries.count() == len(competence_content.framework().competences)
    assert {e.source for e in entries} == {f"response:{response.pk}"}
    response.save()  # a second save sends the signal again
    import_self_ratings(employee.user)  # and the page's catch-up finds everything there
    assert entries.count() == len(competence_content.framework().competences)
    check_level = response.result["dimensions"]["using_tools"]["level"]
    state = levels_of(employee.user)["prompting"]
    assert state.self_rating == self_rating_level(check_level) > 0
    assert state.measured is None and state.basis == "self"


def test_an_anonymous_response_writes_nothing(employee) -> None:
    response = submit_competence_check(employee)
    Evidence.objects.erase_for(employee.user)
    response.respondent = None
    response.resume_token_hash = "x" * 64
    response.save()
    assert not Evidence.objects.exists()


def test_confirmed_attendance_writes_one_attended_entry_per_competence(employee) -> None:
    trainer = make_member(Role.TRAINER)
    for _ in range(2):  # a repeated confirmation writes nothing twice
        attendance_confirmed.send(
            sender=None,
            user=employee.user,
            offer="Workshop 7",
            competences={"prompting": 2, "checking_outputs": 1, "gone_competence": 3},
            confirmed_by=trainer.user,
        )
    entries = Evidence.objects.filter(user=employee.user, kind=EvidenceKind.ATTENDED)
    assert sorted((e.competence, e.level) for e in entries) == [
        ("checking_outputs", 1),
        ("prompting", 2),
    ]
    assert all(e.recorded_by == trainer.user for e in entries)
    assert levels_of(employee.user)["prompting"].measured == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf", "kein PDF"),
        (b"<html>%PDF-</html>", "kein PDF"),
        (b"", "kein PDF"),
        (b"%PDF-" + b"0" * MAX_CERTIFICATE_BYTES, "größer als 5 MB"),
    ],
)
def test_a_certificate_must_be_a_small_pdf(content: bytes, message: str) -> None:
    upload = SimpleUploadedFile("zertifikat.pdf", content, content_type="application/pdf")
    with pytest.raises(CompetenceError, match=message):
        check_certificate(upload)


def test_a_pdf_passes_whatever_its_name() -> None:
    upload = SimpleUploadedFile("scan.bin", PDF, content_type="application/octet-stream")
    assert check_certificate(upload) is upload
