"""Anonymous ideas, concerns and comments, tried as someone who wants to know the author would
(issue 15: "anonymous content stored with no link to the person at all").

* The row: an anonymous item's stored fields are a fixed list, none of which identifies anyone
  (adding a field fails here until it is argued for); no audit event is written.
* The order: the list of anonymous items of one day does not follow the order of posting, and
  their keys are random.
* The lead: neither the pages, the API nor "Meine Daten" show who wrote an anonymous item;
  the admin (the programme's, not the lead's) lists no contributions at all.
* The author: sees their own anonymous item only as "eine anonyme Meldung", with the reason.
* Votes: stored as keyed hashes, not as people; the hash cannot be recomputed from the
  database alone.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from importlib.util import find_spec

import pytest
from django.test import Client
from django.urls import reverse

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation
from zukunftszentrum.participation.models import Comment, Item, Vote
from zukunftszentrum.participation.tests.factories import make_project

pytestmark = pytest.mark.django_db

ITEM = {"kind": "concern", "category": "monitoring", "title": "Kamera", "body": "Sieht sie uns?"}

# Every stored column of an anonymous item, and why none identifies the author.
ALLOWED_ITEM_COLUMNS = {
    "id",  # a random UUID
    "project_id",
    "kind",
    "category",
    "title",
    "body",
    "is_anonymous",
    "author_id",  # always NULL when anonymous (database constraint)
    "posted_on",  # the day only
    "status",
    "hidden_reason",
    "merged_into_id",
}
ALLOWED_COMMENT_COLUMNS = {
    "id",
    "item_id",
    "body",
    "is_anonymous",
    "author_id",
    "posted_on",
    "hidden_reason",
}


@pytest.fixture
def world(login):
    company = make_organisation(land="HH")
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    author = make_member(Role.EMPLOYEE, organisation=company)
    author.user.full_name = "Erika Mustermann"
    author.user.save()
    project = make_project(company)
    return company, lead, author, project


def _post_anonymously(login, author, project, **extra) -> Item:
    c = login(author, Client())
    before = set(Item.objects.values_list("pk", flat=True))
    data = ITEM | {"anonymous": "on"} | extra
    assert (
        c.post(reverse("participation:item_new", kwargs={"pk": project.pk}), data).status_code
        == 302
    )
    (new,) = set(Item.objects.values_list("pk", flat=True)) - before
    return Item.objects.get(pk=new)


def _identifiers(member) -> list[str]:
    user = member.user
    return [user.email, user.full_name, str(user.pk) + "@", f'"user": {user.pk}']


def test_the_row_holds_nothing_that_identifies_the_author(login, world) -> None:
    _company, _lead, author, project = world
    login(author, Client())  # signing in is logged; posting must add nothing to it
    events_before = list(AuditEvent.objects.values_list("pk", flat=True))
    item = _post_anonymously(login, author, project)
    columns = {f.column for f in Item._meta.concrete_fields}
    assert columns == ALLOWED_ITEM_COLUMNS, "a new column on Item: argue it in this test first"
    assert {f.column for f in Comment._meta.concrete_fields} == ALLOWED_COMMENT_COLUMNS
    row = Item.objects.filter(pk=item.pk).values().get()
    assert row["author_id"] is None and row["is_anonymous"] is True
    assert isinstance(row["id"], uuid.UUID) and row["id"].version == 4
    dumped = json.dumps(row, default=str)
    for value in _identifiers(author):
        assert value not in dumped
    new_events = AuditEvent.objects.exclude(pk__in=events_before).exclude(action="login")
    assert not new_events.exists(), "posting must leave no audit event"


def test_an_anonymous_item_cannot_have_an_author(world) -> None:
    from django.db import IntegrityError, transaction

    _company, _lead, author, project = world
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(
            project=project, kind="idea", category="skills", title="x", body="x",
            is_anonymous=True, author=author, posted_on="2026-01-01",
        )  # fmt: skip


def test_the_list_order_does_not_follow_the_order_of_posting(login, world) -> None:
    _company, lead, author, project = world
    posted = [
        _post_anonymously(login, author, project, title=f"Meldung {n:02d}") for n in range(20)
    ]
    page = login(lead).get(reverse("participation:items", kwargs={"pk": project.pk})).text
    shown = sorted(posted, key=lambda item: page.index(f">{item.title}<"))
    assert [i.title for i in shown] != [i.title for i in posted]
    assert [i.title for i in shown] != [i.title for i in reversed(posted)]
    # the order shown is the order of random keys, which the posting order cannot predict
    assert [i.pk for i in shown] == sorted(i.pk for i in posted)


def test_the_lead_never_sees_who_wrote_it(login, world) -> None:
    _company, lead, author, project = world
    item = _post_anonymously(login, author, project)
    c = login(author)
    c.post(
        reverse("participation:comment", kwargs={"pk": project.pk, "item_pk": item.pk}),
        {"body": "Noch was", "anonymous": "on"},
    )
    lead_client = login(lead, Client())
    pages = [
        reverse("participation:items", kwargs={"pk": project.pk}),
        reverse("participation:item", kwargs={"pk": project.pk, "item_pk": item.pk}),
    ]  # (the workspace names the company's people in its member form: that is no link)
    for path in pages:
        text = lead_client.get(path).text
        for value in _identifiers(author):
            assert value not in text, (path, value)
    download = lead_client.get(reverse("organisations:my_data_download"))
    export = b"".join(download.streaming_content) if download.streaming else download.content
    assert b"Sieht sie uns?" not in export and b"Noch was" not in export
    # no API of this app serves items (were one added, it must be tested here)
    assert find_spec("zukunftszentrum.participation.api") is None


def test_the_admin_shows_no_contributions(login, world) -> None:
    from django.contrib import admin

    _company, _lead, author, project = world
    _post_anonymously(login, author, project)
    assert not {Item, Comment, Vote} & set(admin.site._registry)
    staff = make_member(Role.PROGRAMME_ADMIN)
    staff.user.is_staff = True
    staff.user.save()
    c = login(staff, Client())
    for path in (
        reverse("admin:participation_project_changelist"),
        reverse("admin:participation_project_change", args=[project.pk]),
    ):
        page = c.get(path)
        assert page.status_code == 200
        assert "Sieht sie uns?" not in page.text
        for value in _identifiers(author):
            assert value not in page.text


def test_the_author_sees_it_only_as_an_anonymous_report(login, world) -> None:
    _company, _lead, author, project = world
    item = _post_anonymously(login, author, project)
    c = login(author)
    page = c.get(reverse("participation:item", kwargs={"pk": project.pk, "item_pk": item.pk})).text
    assert "eine anonyme Meldung" in page
    assert "kann nicht belegen, dass er von ihr ist" in page
    assert "Erika Mustermann" not in page
    download = c.get(reverse("organisations:my_data_download"))
    export = b"".join(download.streaming_content) if download.streaming else download.content
    assert b"Sieht sie uns?" not in export


def test_votes_are_hashes_that_the_database_alone_cannot_recompute(login, world) -> None:
    _company, _lead, author, project = world
    item = _post_anonymously(login, author, project)
    login(author).post(
        reverse("participation:vote", kwargs={"pk": project.pk, "item_pk": item.pk}), {"agree": "1"}
    )
    vote = Vote.objects.get()
    assert {f.column for f in Vote._meta.concrete_fields} == {
        "id", "item_id", "voter", "agree", "record_key"
    }  # fmt: skip
    user_id = str(author.user.pk)
    naive = {
        hashlib.sha256(f"{user_id}:{item.pk}".encode()).hexdigest(),
        hashlib.sha256(f"{user_id}:{item.pk}:{project.vote_secret}".encode()).hexdigest(),
    }
    assert vote.voter not in naive and user_id != vote.voter
