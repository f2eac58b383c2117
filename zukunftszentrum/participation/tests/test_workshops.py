"""Workshops: templates from the content file, an agenda copied from a template, results as
named items, flip-chart photos checked by content and size with the caption kept on an error;
each page's 403 and 404 case."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zukunftszentrum.core import content_yaml
from zukunftszentrum.core.content_yaml import ContentError
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import activity_forms, workshop_content, workshop_service
from ..models import Item, Workshop, WorkshopPhoto
from .activity_factories import make_workshop, png_bytes
from .factories import PDF, make_project


def test_the_two_named_templates_exist() -> None:
    titles = {t.title.de for t in workshop_content.templates()}
    assert {"Arbeitsplatz-Check KI", "Zukunftswerkstatt"} <= titles
    assert all(t.minutes() > 0 and t.agenda for t in workshop_content.templates())


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("version: 1\ntemplates: []\n", "non-empty"),
        ("version: 1\ntemplates:\n  - {key: a, title: {de: A, en: A}, purpose: {de: p, en: p},"
         " agenda: [{minutes: 0, de: x, en: x}]}\n", "positive"),
        ("version: 1\ntemplates:\n  - {key: a, title: {de: A}, purpose: {de: p, en: p},"
         " agenda: [{minutes: 5, de: x, en: x}]}\n", "en"),
    ],
)  # fmt: skip
def test_a_broken_templates_file_names_the_place(yaml_text: str, message: str) -> None:
    with pytest.raises(ContentError, match=message):
        workshop_content.parse_templates(content_yaml.parse(yaml_text, "workshops.yaml"))


@pytest.fixture
def company():
    return make_organisation(land="HH")


@pytest.fixture
def lead(company):
    return make_member(Role.COMPANY_LEAD, organisation=company)


@pytest.fixture
def employee(company):
    return make_member(Role.EMPLOYEE, organisation=company)


@pytest.fixture
def project(company, lead, employee):
    return make_project(company)


def _url(name: str, w: Workshop, **extra) -> str:
    return reverse(
        f"participation:{name}", kwargs={"pk": w.project_id, "workshop_pk": w.pk, **extra}
    )


@pytest.mark.django_db
def test_a_workshop_copies_the_template_agenda_and_keeps_its_own(
    login, project, lead, employee
) -> None:
    c = login(lead)
    response = c.post(
        reverse("participation:workshop_new", kwargs={"pk": project.pk}),
        {"title": "Check an der Prüfstation", "held_on": "2026-11-25",
         "template_key": "arbeitsplatz_check", "participants": [str(employee.pk)]},
    )  # fmt: skip
    assert response.status_code == 302
    w = Workshop.objects.get()
    assert len(w.agenda_lines()) == len(workshop_content.template("arbeitsplatz_check").agenda)
    assert list(w.participants.all()) == [employee]
    c.post(
        _url("workshop_edit", w), {"title": w.title, "held_on": "2026-11-25", "agenda": "Nur eins"}
    )
    w.refresh_from_db()
    assert w.agenda_lines() == ["Nur eins"]


@pytest.mark.django_db
def test_someone_of_another_company_cannot_be_a_participant(project, lead) -> None:
    stranger = make_member(Role.EMPLOYEE, organisation=make_organisation(land="BY"))
    with pytest.raises(workshop_service.ParticipationError):
        workshop_service.save(
            member=lead, project=project, title="x", held_on=project.phases.first().starts_on,
            participants=[stranger],
        )  # fmt: skip


@pytest.mark.django_db
def test_a_result_becomes_a_named_item(login, project, lead) -> None:
    w = make_workshop(project)
    login(lead).post(
        _url("workshop_result", w),
        {"kind": "idea", "category": "quality", "title": "Grenzfälle", "body": "gemeinsam"},
    )
    item = Item.objects.get()
    assert item.author == lead and not item.is_anonymous and list(w.results.all()) == [item]


@pytest.mark.django_db
def test_a_photo_is_stored_and_served_to_members_only(login, project, lead, employee) -> None:
    w = make_workshop(project)
    upload = SimpleUploadedFile("flip.png", png_bytes(), content_type="image/png")
    assert (
        login(lead)
        .post(_url("workshop_photo_upload", w), {"caption": "Ideen", "image": upload})
        .status_code
        == 302
    )
    photo = WorkshopPhoto.objects.get()
    name = photo.image.name or ""
    assert name.endswith("/foto.png") and "flip" not in name
    served = login(employee).get(_url("workshop_photo", w, photo_pk=photo.pk))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("flip.png", PDF, "JPEG, PNG oder WebP"),  # the name says image, the content does not
        ("flip.jpg", b"\xff\xd8\xff\xe0 not really", "JPEG, PNG oder WebP"),
        ("flip.png", None, "höchstens"),
    ],
)
def test_a_bad_photo_is_refused_and_the_caption_kept(
    login, project, lead, monkeypatch, name, content, message
) -> None:
    if content is None:  # too big: the limit lowered instead of sending megabytes
        monkeypatch.setattr(activity_forms, "MAX_PHOTO_BYTES", 10)
        content = png_bytes()
    w = make_workshop(project)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    page = login(lead).post(
        _url("workshop_photo_upload", w), {"caption": "Meine Überschrift", "image": upload}
    )
    assert page.status_code == 400 and message in page.text
    assert "Meine Überschrift" in page.text
    assert not WorkshopPhoto.objects.exists()


@pytest.mark.django_db
def test_an_employee_cannot_plan_or_record_403(login, project, employee) -> None:
    w = make_workshop(project)
    c = login(employee)
    assert c.get(_url("workshop", w)).status_code == 200
    assert (
        c.post(
            reverse("participation:workshop_new", kwargs={"pk": project.pk}), {"title": "x"}
        ).status_code
        == 403
    )
    assert c.post(_url("workshop_result", w), {"title": "x"}).status_code == 403
    assert c.post(_url("workshop_photo_upload", w), {}).status_code == 403


@pytest.mark.django_db
def test_another_company_gets_404(login, project) -> None:
    w = make_workshop(project)
    c = login(make_member(Role.COMPANY_LEAD, organisation=make_organisation(land="BY")))
    assert c.get(_url("workshop", w)).status_code == 404
    assert c.post(_url("workshop_result", w), {}).status_code == 404
