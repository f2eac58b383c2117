"""The trainer's assessment on the course page: only after attendance, only the module's
competences, append-only with the trainer named, seen by the person, and counted by the level
rules (the newest assessment sets the measured level)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.learning.catalogue import actions
from zukunftszentrum.learning.catalogue.course_assessment import record_assessment
from zukunftszentrum.learning.catalogue.exceptions import NotAllowed
from zukunftszentrum.learning.competence.evidence import levels_of
from zukunftszentrum.learning.models import Evidence, EvidenceKind, Offer
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre() -> Any:
    return make_centre(lands=("HH",))


@pytest.fixture
def offer(centre: Any) -> Offer:
    module = make_module(
        centre, title="Prompting im Büro", competences={"prompting": 3, "checking_outputs": 2}
    )
    return make_offer(module, capacity=3, land="HH")


@pytest.fixture
def trainer(centre: Any) -> Any:
    member = make_member(Role.TRAINER, centre=centre)
    member.user.full_name = "Tina Trainerin"
    member.user.save()
    return member


def _attended(offer: Offer, trainer: Any) -> Any:
    learner = make_member(Role.EMPLOYEE)
    registration = actions.register(member=learner, offer=offer).registration
    with_commit = actions.confirm_attendance(member=trainer, registration=registration)
    return learner, with_commit.registration


def _url(registration: Any) -> str:
    return reverse("learning:course_assess", args=[registration.pk])


def test_the_trainer_records_levels_and_the_person_sees_them_with_the_trainers_name(
    login: Any, client: Client, offer: Offer, trainer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        learner, registration = _attended(offer, trainer)
    assert levels_of(learner.user)["prompting"].measured == 3  # attended: the module's level
    login(trainer)
    page = client.get(reverse("learning:course", args=[offer.pk])).content.decode()
    assert "Stufen einschätzen" in page
    prefix = f"r{registration.pk}-"
    answer = client.post(
        _url(registration), {f"{prefix}level_prompting": "2", f"{prefix}note": "gut mitgearbeitet"}
    )
    assert answer.status_code == 302
    entry = Evidence.objects.get(kind=EvidenceKind.TRAINER_ASSESSMENT)
    assert (entry.user, entry.competence, entry.level) == (learner.user, "prompting", 2)
    assert entry.recorded_by == trainer.user
    # R4: the newer assessment sets the measured level, even below the attended one
    assert levels_of(learner.user)["prompting"].measured == 2
    assert levels_of(learner.user)["checking_outputs"].measured == 2  # not assessed: attended
    assert AuditEvent.objects.filter(action="learning_trainer_assessment").count() == 1
    page = client.get(reverse("learning:course", args=[offer.pk])).content.decode()
    assert "Eingeschätzt:" in page
    login(learner)
    mine = client.get(reverse("learning:competences")).content.decode()
    assert "eingeschätzt von Tina Trainerin" in mine and "gut mitgearbeitet" in mine


def test_the_same_form_twice_writes_nothing_twice_and_a_new_level_appends(
    offer: Offer, trainer: Any
) -> None:
    _learner, registration = _attended(offer, trainer)
    first = record_assessment(member=trainer, registration=registration, levels={"prompting": 2})
    again = record_assessment(member=trainer, registration=registration, levels={"prompting": 2})
    assert first.written == ["prompting"] and again.unchanged == ["prompting"]
    record_assessment(member=trainer, registration=registration, levels={"prompting": 4})
    levels = list(
        Evidence.objects.filter(kind=EvidenceKind.TRAINER_ASSESSMENT).values_list(
            "level", flat=True
        )
    )
    assert levels == [2, 4]  # append-only: the earlier entry stays


@pytest.mark.parametrize(
    ("case", "levels", "message"),
    [
        ("not attended", {"prompting": 2}, "erst, wenn die Teilnahme bestätigt ist"),
        ("not the module's competence", {"work_design": 2}, "gehört nicht zu diesem Modul"),
    ],
)
def test_refused_assessments(
    offer: Offer, trainer: Any, case: str, levels: dict[str, int], message: str
) -> None:
    learner = make_member(Role.EMPLOYEE)
    registration = actions.register(member=learner, offer=offer).registration
    if case != "not attended":
        actions.confirm_attendance(member=trainer, registration=registration)
    with pytest.raises(NotAllowed, match=message):
        record_assessment(member=trainer, registration=registration, levels=levels)
    assert not Evidence.objects.filter(kind=EvidenceKind.TRAINER_ASSESSMENT).exists()


def test_an_empty_form_says_what_is_missing(
    login: Any, client: Client, offer: Offer, trainer: Any
) -> None:
    _learner, registration = _attended(offer, trainer)
    login(trainer)
    answer = client.post(_url(registration), {}, follow=True)
    assert "mindestens eine Kompetenz" in answer.content.decode()
    assert not Evidence.objects.filter(kind=EvidenceKind.TRAINER_ASSESSMENT).exists()


def test_another_centres_trainer_gets_404_and_an_employee_403(
    login: Any, client: Client, offer: Offer, trainer: Any
) -> None:
    _learner, registration = _attended(offer, trainer)
    data = {f"r{registration.pk}-level_prompting": "2"}
    login(make_member(Role.TRAINER))
    assert client.post(_url(registration), data).status_code == 404
    login(make_member(Role.EMPLOYEE))
    assert client.post(_url(registration), data).status_code == 403
    assert not Evidence.objects.filter(kind=EvidenceKind.TRAINER_ASSESSMENT).exists()
