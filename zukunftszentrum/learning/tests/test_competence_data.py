"""'Meine Daten' exports and erases the evidence and goals; the demo step is idempotent and
leaves people in different states."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zukunftszentrum.core.personal_data import erase_personal_data, export_personal_data
from zukunftszentrum.learning.competence.demo import seed_competences
from zukunftszentrum.learning.competence.evidence import add_certificate, levels_of, record
from zukunftszentrum.learning.models import Evidence, JobProfileAssignment, OwnGoal
from zukunftszentrum.organisations.demo import seed_demo
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def test_evidence_and_goals_are_exported_and_erased(settings, tmp_path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    member = make_member(Role.EMPLOYEE, organisation=make_organisation())
    other = make_member(Role.EMPLOYEE, organisation=member.organisation)
    user = member.user
    wrong = record(user=user, competence="prompting", kind="quiz", level=3)
    record(user=user, competence="prompting", kind="quiz", level=2, corrects=wrong)
    entry = add_certificate(
        user=user,
        competence="it_security",
        level=2,
        note="Kurs",
        upload=SimpleUploadedFile("c.pdf", b"%PDF-1.7 test"),
    )
    stored = entry.certificate.name
    OwnGoal.objects.create(user=user, competence="ai_basics", level=2, note="bis Juni")
    JobProfileAssignment.objects.create(
        organisation=member.organisation, user=user, profile="it_data"
    )
    record(user=other.user, competence="prompting", kind="quiz", level=1)

    data = export_personal_data(user)
    assert [(e["competence"], e["level"]) for e in data["learning_evidence"]] == [
        ("prompting", 3),
        ("prompting", 2),
        ("it_security", 2),
    ]
    assert data["learning_evidence"][2]["certificate"] is True
    assert data["learning_goals"]["own_goals"][0]["note"] == "bis Juni"
    assert data["learning_goals"]["job_profiles"][0]["profile"] == "it_data"

    erase_personal_data(user)
    assert not Evidence.objects.filter(user=user).exists()
    assert not OwnGoal.objects.filter(user=user).exists()
    assert not JobProfileAssignment.objects.filter(user=user).exists()
    assert not (tmp_path / stored).exists()
    assert Evidence.objects.filter(user=other.user).count() == 1


def test_the_demo_assigns_profiles_and_leaves_people_in_different_states() -> None:
    seed_demo()
    assert "0 Nachweise" not in seed_competences()
    counts = Evidence.objects.count(), JobProfileAssignment.objects.count()
    assert seed_competences() == "Kompetenzen: 0 Berufsprofile zugeordnet, 0 Nachweise angelegt"
    assert (Evidence.objects.count(), JobProfileAssignment.objects.count()) == counts
    assignments = JobProfileAssignment.objects.filter(organisation__legal_name=SHOWCASE_COMPANY)
    profiles = set(assignments.values_list("profile", flat=True))
    assert {"management", "works_council", "production_crafts"} <= profiles
    bases = {
        state.basis
        for a in assignments
        for state in levels_of(a.user).values()
        if state.basis != "none"
    }
    assert bases == {"measured", "self"}
