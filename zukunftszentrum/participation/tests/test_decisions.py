"""The decision log: drafts change, published entries never do (corrections are appended and
point to them), publishing twice publishes once, the report gets the published entries in
order; each page's 403 and 404 case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import decision_log
from ..models import Decision, PublishedEntryError
from .activity_factories import make_decision
from .factories import make_item, make_project

pytestmark = pytest.mark.django_db


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


def _url(name: str, project, decision=None) -> str:
    kwargs = {"pk": project.pk} | ({"decision_pk": decision.pk} if decision else {})
    return reverse(f"participation:{name}", kwargs=kwargs)


FORM = {
    "decided_on": "2026-11-20",
    "decided_by": "Geschäftsführung und Betriebsrat",
    "title": "Keine Leistungsauswertung",
    "text": "Bilder von Personen werden verworfen.",
    "reasons": "So besprochen im Workshop.",
    "dissent": "",
}


def test_a_published_entry_cannot_be_changed_or_deleted(project) -> None:
    d = make_decision(project)
    d.title = "anders"
    with pytest.raises(PublishedEntryError):
        d.save()
    with pytest.raises(PublishedEntryError):
        d.delete()
    assert Decision.objects.get(pk=d.pk).title == "Pilot"


def test_a_draft_can_be_changed_and_then_published_once(project, lead) -> None:
    item = make_item(project)
    d = decision_log.save_draft(member=lead, project=project, values=FORM, answers=[item])
    decision_log.save_draft(member=lead, project=project, draft=d, values={**FORM, "title": "Neu"})
    decision_log.publish(member=lead, decision=d)
    with pytest.raises(decision_log.ParticipationError, match="bereits veröffentlicht"):
        decision_log.publish(member=lead, decision=d)
    d.refresh_from_db()
    assert d.title == "Neu" and d.published_on == timezone.localdate()


def test_a_correction_is_a_new_entry_pointing_to_the_old(project, lead) -> None:
    old = make_decision(project, title="Pilot in Schicht A")
    fix = decision_log.save_draft(
        member=lead, project=project, values={**FORM, "title": "Pilot in Schicht B"}, corrects=old
    )
    decision_log.publish(member=lead, decision=fix)
    assert list(old.corrections.all()) == [fix]
    assert Decision.objects.get(pk=old.pk).title == "Pilot in Schicht A"


def test_items_of_another_project_cannot_be_linked(project, lead, company) -> None:
    other = make_item(make_project(company, title="anderes"))
    with pytest.raises(decision_log.NotAllowed):
        decision_log.save_draft(member=lead, project=project, values=FORM, answers=[other])


def test_the_report_gets_published_entries_in_order(project) -> None:
    later = make_decision(project, title="später")
    Decision.objects.filter(pk=later.pk).update(
        decided_on=timezone.localdate() + dt.timedelta(days=3)
    )
    first = make_decision(project, title="früher")
    make_decision(project, title="Entwurf", published=False)
    assert [d.title for d in decision_log.decisions_for_report(project)] == [first.title, "später"]


def test_editing_a_published_entry_on_the_page_says_why_and_keeps_the_text(
    login, project, lead
) -> None:
    d = make_decision(project)
    page = login(lead).post(
        _url("decision_edit", project, d), {**FORM, "title": "Mein neuer Titel"}
    )
    assert page.status_code == 409
    assert "Korrektur" in page.text and "Mein neuer Titel" in page.text
    assert Decision.objects.get(pk=d.pk).title == "Pilot"


def test_the_lead_records_and_publishes_on_the_pages(login, project, lead) -> None:
    c = login(lead)
    assert c.post(_url("decision_new", project), FORM).status_code == 302
    d = Decision.objects.get()
    assert c.post(_url("decision_publish", project, d)).status_code == 302
    assert c.post(_url("decision_publish", project, d)).status_code == 302  # told, not twice
    assert Decision.objects.get().is_published and Decision.objects.count() == 1


def test_an_employee_reads_published_entries_but_not_drafts_or_forms_403(
    login, project, employee
) -> None:
    c = login(employee)
    published, draft = (
        make_decision(project),
        make_decision(project, published=False, title="geheim"),
    )
    listing = c.get(_url("decisions", project))
    assert published.title in listing.text and "geheim" not in listing.text
    assert c.get(_url("decision", project, published)).status_code == 200
    assert c.get(_url("decision", project, draft)).status_code == 403
    assert c.post(_url("decision_new", project), FORM).status_code == 403
    assert c.post(_url("decision_publish", project, draft)).status_code == 403


def test_another_company_gets_404(login, project) -> None:
    d = make_decision(project)
    c = login(make_member(Role.COMPANY_LEAD, organisation=make_organisation(land="BY")))
    assert c.get(_url("decision", project, d)).status_code == 404
    assert c.post(_url("decision_publish", project, d)).status_code == 404


def test_deleting_the_project_takes_entries_and_their_corrections(project, lead) -> None:
    old = make_decision(project)
    fix = decision_log.save_draft(member=lead, project=project, values=FORM, corrects=old)
    decision_log.publish(member=lead, decision=fix)
    project.delete()
    assert not Decision.objects.exists()
