"""The participation pages as people use them: each with its wrong-role (403) and
wrong-tenant (404) case, and the bad input of issue 15 (a closed phase, voting twice, a second
tab, a file of the wrong kind) answered with a clear message and nothing lost."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations.models import Accompaniment
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
)

from ..forms import MAX_DOCUMENT_BYTES
from ..models import AnswerEntry, Item, Project, ProjectDocument, Vote
from ..phases import ProjectRole
from .factories import PDF, list_member, make_item, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def company():
    return make_organisation(land="HH")


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
    """An employee of another company (the wrong tenant)."""
    return make_member(Role.EMPLOYEE, organisation=make_organisation(land="BY"))


def url(name: str, project: Project, item: Item | None = None, **extra) -> str:
    kwargs = {"pk": project.pk, **extra}
    if item is not None:
        kwargs["item_pk"] = item.pk
    return reverse(f"participation:{name}", kwargs=kwargs)


ITEM = {"kind": "concern", "category": "monitoring", "title": "Kamera", "body": "Sieht sie uns?"}


# --- projects and workspace ----------------------------------------------------------------------


def test_the_lead_starts_a_project_with_dates(login, people) -> None:
    c = login(people[Role.COMPANY_LEAD])
    data = {"title": "Sichtprüfung", "plan": "Kamera", "all_employees": "on"}
    data |= {"start_verstehen": "2026-01-05", "end_verstehen": "2026-01-16"}
    response = c.post(reverse("participation:project_new"), data)
    project = Project.objects.get()
    assert response.status_code == 302 and project.current_phase == "verstehen"
    assert str(project.phases.get(key="verstehen").ends_on) == "2026-01-16"
    assert AuditEvent.objects.filter(action="participation_project_created").exists()


def test_an_employee_cannot_start_a_project(login, people) -> None:
    c = login(people[Role.EMPLOYEE])
    page = c.get(reverse("participation:project_new"))
    assert page.status_code == 200 and "startet die Geschäftsführung" in page.text
    assert c.post(reverse("participation:project_new"), {"title": "x"}).status_code == 403
    assert not Project.objects.exists()


def test_workspace_shows_phases_and_why_not(login, people, project) -> None:
    page = login(people[Role.EMPLOYEE]).get(url("workspace", project))
    assert page.status_code == 200
    assert "Ideen und Bedenken" in page.text and 'aria-current="step"' in page.text
    assert "Antworten gibt die Geschäftsführung." in page.text  # why the employee cannot answer
    assert "Projekt verwalten" not in page.text


def test_workspace_in_english_names_phases_and_reasons_in_english(login, people, project) -> None:
    c = login(people[Role.EMPLOYEE])
    c.cookies["django_language"] = "en"
    page = c.get(url("workspace", project), headers={"accept-language": "en"})
    assert "Ideas and concerns" in page.text and "The management gives answers." in page.text


def test_workspace_of_another_company_is_404(login, stranger, project) -> None:
    assert login(stranger).get(url("workspace", project)).status_code == 404


def test_an_employee_not_listed_does_not_see_a_closed_group_project(login, people, company) -> None:
    closed = make_project(company, all_employees=False)
    assert login(people[Role.EMPLOYEE]).get(url("workspace", closed)).status_code == 404
    list_member(closed, people[Role.EMPLOYEE], ProjectRole.EMPLOYEE)
    assert login(people[Role.EMPLOYEE]).get(url("workspace", closed)).status_code == 200


def test_an_advisor_takes_part_only_while_accompanying(login, company, project) -> None:
    centre = make_centre(lands=("HH",))
    advisor = make_member(Role.ADVISOR, centre=centre)
    list_member(project, advisor, ProjectRole.ADVISOR, facilitator=True)
    assert login(advisor).get(url("workspace", project)).status_code == 404
    Accompaniment.objects.create(centre=centre, organisation=company, status="active")
    assert login(advisor).get(url("workspace", project)).status_code == 200


def test_phase_move_is_for_the_lead_or_facilitator(login, people, project) -> None:
    target = url("phase_move", project)
    assert login(people[Role.EMPLOYEE]).post(target, {"phase": "gestalten"}).status_code == 403
    login(people[Role.COMPANY_LEAD]).post(target, {"phase": "gestalten"})
    project.refresh_from_db()
    assert project.current_phase == "gestalten"


def test_document_upload_checks_type_and_size_and_keeps_the_title(login, people, project) -> None:
    c = login(people[Role.COMPANY_LEAD])
    target = url("document_upload", project)
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf")
    page = c.post(target, {"title": "Mein Plan", "file": fake})
    assert page.status_code == 400 and "PDF- oder Office-Datei" in page.text
    assert 'value="Mein Plan"' in page.text
    big = SimpleUploadedFile("plan.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES)
    assert "höchstens" in c.post(target, {"title": "Groß", "file": big}).text
    assert not ProjectDocument.objects.exists()
    ok = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    assert c.post(target, {"title": "Plan", "file": ok}).status_code == 302
    document = ProjectDocument.objects.get()
    download = login(people[Role.EMPLOYEE]).get(url("document", project, document_pk=document.pk))
    assert download.status_code == 200 and download.content == PDF


def test_a_document_sent_twice_with_one_key_is_stored_once(
    login, people, project, settings, tmp_path
) -> None:
    # The answer to the first upload was lost; the person sends the same form again.
    settings.MEDIA_ROOT = str(tmp_path)
    c = login(people[Role.COMPANY_LEAD])
    key = re.search(r'name="key" value="([0-9a-f-]+)"', c.get(url("workspace", project)).text)
    assert key is not None
    target = url("document_upload", project)

    def send(title: str, one_time_key: str) -> Any:
        upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
        return c.post(target, {"title": title, "file": upload, "key": one_time_key}, follow=True)

    assert "Das Dokument ist hochgeladen." in send("Plan", key.group(1)).text
    again = send("Plan", key.group(1))
    assert "nur einmal gespeichert" in again.text
    document = ProjectDocument.objects.get()
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1  # one file, not two
    send("Plan, neue Fassung", str(uuid.uuid4()))  # a new form: a new document
    assert ProjectDocument.objects.count() == 2 and ProjectDocument.objects.filter(pk=document.pk)


def test_an_employee_cannot_upload(login, people, project, stranger) -> None:
    ok = SimpleUploadedFile("plan.pdf", PDF)
    target = url("document_upload", project)
    assert login(people[Role.EMPLOYEE]).post(target, {"title": "x", "file": ok}).status_code == 403
    assert login(stranger).post(target, {"title": "x", "file": ok}).status_code == 404


# --- ideas and concerns --------------------------------------------------------------------------


def test_an_employee_posts_named_and_the_list_filters(login, people, project) -> None:
    c = login(people[Role.EMPLOYEE])
    response = c.post(url("item_new", project), ITEM)
    item = Item.objects.get()
    assert response.status_code == 302 and item.author == people[Role.EMPLOYEE]
    assert "Kamera" in c.get(url("items", project)).text
    assert "Kamera" not in c.get(url("items", project) + "?category=health").text
    assert "Kamera" in c.get(url("items", project) + "?status=open").text


def test_the_lead_cannot_post_in_this_phase_and_keeps_the_text(login, people, project) -> None:
    page = login(people[Role.COMPANY_LEAD]).post(url("item_new", project), ITEM)
    assert page.status_code == 403 and "Sieht sie uns?" in page.text
    assert not Item.objects.exists()


def test_posting_after_the_phase_ended_says_so_and_keeps_the_text(login, people, company) -> None:
    over = make_project(company, running=False)
    page = login(people[Role.EMPLOYEE]).post(url("item_new", over), ITEM)
    assert page.status_code == 403
    assert "zu Ende gegangen" in page.text and "Sieht sie uns?" in page.text
    assert not Item.objects.exists()


def test_posting_in_another_company_is_404(login, stranger, project) -> None:
    assert login(stranger).post(url("item_new", project), ITEM).status_code == 404


def test_anonymous_posts_are_limited_per_day_without_identity(login, people, project) -> None:
    c = login(people[Role.EMPLOYEE])
    for _ in range(5):
        assert c.post(url("item_new", project), ITEM | {"anonymous": "on"}).status_code == 302
    page = c.post(url("item_new", project), ITEM | {"anonymous": "on", "title": "Sechs"})
    assert page.status_code == 200 and "anonyme Beiträge" in page.text
    assert 'value="Sechs"' in page.text  # the text stays in the form
    assert Item.objects.count() == 5
    assert c.post(url("item_new", project), ITEM).status_code == 302  # named still works


def test_comments_named_and_anonymous(login, people, project) -> None:
    item = make_item(project, anonymous=True)
    c = login(people[Role.WORKS_COUNCIL])
    c.post(url("comment", project, item), {"body": "Mit Namen"})
    c.post(url("comment", project, item), {"body": "Ohne Namen", "anonymous": "on"})
    named, anonymous = item.comments.order_by("body")
    assert named.author == people[Role.WORKS_COUNCIL] and anonymous.author is None
    page = c.get(url("item", project, item))
    assert "Mit Namen" in page.text and "eine anonyme Meldung" in page.text


def test_commenting_refused_keeps_the_text(login, people, company, stranger) -> None:
    closed = make_project(company, phase="verankern")
    item = make_item(closed)
    page = login(people[Role.EMPLOYEE]).post(url("comment", closed, item), {"body": "Mein Satz"})
    assert page.status_code == 403 and "Mein Satz" in page.text
    assert login(stranger).post(url("comment", closed, item), {"body": "x"}).status_code == 404


def test_voting_twice_counts_once_and_small_counts_are_not_shown(login, people, project) -> None:
    item = make_item(project)
    c = login(people[Role.EMPLOYEE])
    c.post(url("vote", project, item), {"agree": "1"})
    c.post(url("vote", project, item), {"agree": "1"})  # a second tab
    assert Vote.objects.count() == 1
    page = c.get(url("item", project, item))
    assert "weniger als 5" in page.text and "Sie haben zugestimmt." in page.text
    c.post(url("vote", project, item), {"agree": "0"})  # changing one's mind
    assert Vote.objects.get().agree is False


def test_enough_votes_show_a_published_count(login, people, company, project) -> None:
    item = make_item(project)
    for _ in range(12):
        voter = make_member(Role.EMPLOYEE, organisation=company)
        login(voter, Client()).post(url("vote", project, item), {"agree": "1"})
    assert Vote.objects.count() == 12
    page = login(people[Role.COMPANY_LEAD]).get(url("item", project, item))
    assert "weniger als" not in page.text.split("Zustimmung")[1].split("Dagegen")[0]


def test_the_lead_cannot_vote_in_this_phase(login, people, project) -> None:
    item = make_item(project)
    assert (
        login(people[Role.COMPANY_LEAD])
        .post(url("vote", project, item), {"agree": "1"})
        .status_code
        == 403
    )


# --- moderation and answers ----------------------------------------------------------------------


@pytest.fixture
def facilitator(people, project):
    list_member(project, people[Role.WORKS_COUNCIL], ProjectRole.WORKS_COUNCIL, facilitator=True)
    return people[Role.WORKS_COUNCIL]


def test_the_facilitator_hides_with_a_reason_shown(login, people, project, facilitator) -> None:
    item = make_item(project, title="Beleidigung")
    assert (
        login(people[Role.EMPLOYEE])
        .post(url("item_hide", project, item), {"reason": "x"})
        .status_code
        == 403
    )
    login(facilitator).post(url("item_hide", project, item), {"reason": "Persönlicher Angriff"})
    page = login(people[Role.EMPLOYEE]).get(url("item", project, item))
    assert "Persönlicher Angriff" in page.text and "Beleidigung" not in page.text
    listing = login(people[Role.EMPLOYEE]).get(url("items", project)).text
    assert "Ausgeblendeter Beitrag" in listing and "Beleidigung" not in listing
    login(facilitator).post(url("item_show", project, item))
    item.refresh_from_db()
    assert not item.is_hidden


def test_the_facilitator_merges_duplicates(login, people, project, facilitator, stranger) -> None:
    first, second = make_item(project, title="Kamera A"), make_item(project, title="Kamera B")
    assert (
        login(people[Role.EMPLOYEE])
        .post(url("item_merge", project, second), {"into": str(first.pk)})
        .status_code
        == 403
    )
    assert (
        login(stranger)
        .post(url("item_merge", project, second), {"into": str(first.pk)})
        .status_code
        == 404
    )
    login(facilitator).post(url("item_merge", project, second), {"into": str(first.pk)})
    second.refresh_from_db()
    assert second.merged_into == first
    listing = login(people[Role.EMPLOYEE]).get(url("items", project)).text
    assert "Kamera A" in listing and "Kamera B" not in listing
    assert "zusammengeführt" in login(people[Role.EMPLOYEE]).get(url("item", project, second)).text


def test_the_lead_answers_and_the_history_stays(login, people, project, stranger) -> None:
    item = make_item(project, anonymous=True)
    target = url("item_answer", project, item)
    answer = {"status": "considering", "reason": "Prüfen wir"}
    assert login(people[Role.EMPLOYEE]).post(target, answer).status_code == 403
    assert login(stranger).post(target, answer).status_code == 404
    lead = login(people[Role.COMPANY_LEAD])
    lead.post(target, answer)
    lead.post(target, answer)  # a second tab: no second entry
    lead.post(target, {"status": "accepted", "reason": "Machen wir"})
    item.refresh_from_db()
    assert item.status == "accepted" and AnswerEntry.objects.count() == 2
    page = login(people[Role.EMPLOYEE]).get(url("item", project, item)).text
    assert "Machen wir" in page and "Prüfen wir" in page and "frühere Antwort" in page


def test_an_answer_needs_a_reason(login, people, project) -> None:
    item = make_item(project)
    page = login(people[Role.COMPANY_LEAD]).post(
        url("item_answer", project, item), {"status": "rejected"}
    )
    assert page.status_code == 400 and not AnswerEntry.objects.exists()


# --- members and project details ------------------------------------------------------------------


def test_the_lead_lists_an_accompanying_advisor_as_facilitator(
    login, people, company, project
) -> None:
    centre = make_centre(lands=("HH",))
    advisor = make_member(Role.ADVISOR, centre=centre)
    Accompaniment.objects.create(centre=centre, organisation=company, status="active")
    data = {"membership": advisor.pk, "role": "advisor", "facilitator": "on"}
    assert login(people[Role.EMPLOYEE]).post(url("member_add", project), data).status_code == 403
    login(people[Role.COMPANY_LEAD]).post(url("member_add", project), data)
    row = project.members.get()
    assert row.membership == advisor and row.is_facilitator
    # the facilitator moves the phase
    login(advisor).post(url("phase_move", project), {"phase": "gestalten"})
    project.refresh_from_db()
    assert project.current_phase == "gestalten"
    remove = url("member_remove", project, member_pk=row.pk)
    assert login(people[Role.EMPLOYEE]).post(remove).status_code == 403
    login(people[Role.COMPANY_LEAD]).post(remove)
    assert not project.members.exists()


def test_someone_of_another_company_cannot_be_listed(login, people, project, stranger) -> None:
    data = {"membership": stranger.pk, "role": "employee"}
    page = login(people[Role.COMPANY_LEAD]).post(url("member_add", project), data)
    assert page.status_code == 400 and not project.members.exists()


def test_editing_dates_out_of_order_keeps_the_input(login, people, project, stranger) -> None:
    data = {"title": "Neuer Titel", "start_gestalten": "2026-03-10", "end_gestalten": "2026-03-01"}
    page = login(people[Role.COMPANY_LEAD]).post(url("project_edit", project), data)
    assert page.status_code == 400 and "Das Ende liegt vor dem Beginn." in page.text
    assert 'value="Neuer Titel"' in page.text
    assert login(people[Role.EMPLOYEE]).post(url("project_edit", project), data).status_code == 403
    assert login(stranger).post(url("project_edit", project), data).status_code == 404
    data["end_gestalten"] = "2026-03-20"
    login(people[Role.COMPANY_LEAD]).post(url("project_edit", project), data)
    project.refresh_from_db()
    assert project.title == "Neuer Titel" and not project.all_employees
    assert str(project.phases.get(key="gestalten").ends_on) == "2026-03-20"
