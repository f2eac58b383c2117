"""Issue 15's "done when", tried as new users would, through the pages only (test client):

an employee posts a concern anonymously and later sees the management's answer; the lead sees
the concern with nothing that points to its author, and pulse results only once a batch is
released; the works council sees the co-determination steps the project triggers, with sources
and deadlines, records its consent and downloads the works-agreement outline as DOCX; the
facilitator moves the project from phase to phase and downloads the process report.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import pytest
from django.db.models import DateTimeField
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from docx import Document

from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from ..models import Item, Project
from ..pulse_content import questionnaire
from .test_codet_views import FACTS, pdf_text

pytestmark = pytest.mark.django_db

CONCERN = {
    "kind": "concern",
    "category": "monitoring",
    "title": "Wer sieht die Kamerabilder?",
    "body": "Ich möchte wissen, ob die Bilder auch zur Leistungskontrolle genutzt werden.",
    "anonymous": "on",
}
ANSWER = "Die Bilder zeigen nur das Werkstück und werden nach der Prüfung gelöscht."


def url(name: str, project: Project, **extra: object) -> str:
    return reverse(f"participation:{name}", kwargs={"pk": project.pk, **extra})


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden field {name}"
    return found.group(1)


@pytest.fixture
def company():
    return make_organisation(land="HH", headcount=40, has_works_council=True)


@pytest.fixture
def staff(company) -> list[Membership]:
    return [make_member(Role.EMPLOYEE, organisation=company) for _ in range(7)]


@pytest.fixture
def own_session(login):
    """Each person in a browser of their own (a session of their own)."""
    return lambda membership: login(membership, Client())


def test_introducing_ai_together(own_session, company, staff, tmp_path) -> None:
    lead_member = make_member(Role.COMPANY_LEAD, organisation=company)
    council = make_member(Role.WORKS_COUNCIL, organisation=company)
    facilitator = staff[-1]

    # The lead starts the project and lists one employee as its facilitator.
    lead = own_session(lead_member)
    data = {"title": "KI-gestützte Sichtprüfung", "plan": "Kamera prüft Bauteile.",
            "all_employees": "on"}  # fmt: skip
    assert lead.post(reverse("participation:project_new"), data).status_code == 302
    project = Project.objects.get()
    listed = {"membership": facilitator.pk, "role": "employee", "facilitator": "on"}
    assert lead.post(url("member_add", project), listed).status_code == 302
    f = own_session(facilitator)

    # The facilitator opens the phase for ideas and concerns.
    assert f.post(url("phase_move", project), {"phase": "ideen_und_bedenken"}).status_code == 302
    assert "Ideen und Bedenken</strong> – aktuelle Phase" in f.get(url("workspace", project)).text

    # An employee posts a concern anonymously; several colleagues post too, the same day.
    author = staff[0]
    e = own_session(author)
    posted = e.post(url("item_new", project), CONCERN, follow=True)
    assert "anonym eingegangen" in posted.text
    for n, colleague in enumerate(staff[1:4]):
        own_session(colleague).post(url("item_new", project), CONCERN | {"title": f"Bedenken {n}"})
    concern = Item.objects.get(title=CONCERN["title"])
    assert concern.author is None and concern.is_anonymous

    # The lead sees it with nothing that points to the author: no name, no time of day, and
    # an order that is not the order of posting.
    listing = lead.get(url("items", project)).text
    page = lead.get(url("item", project, item_pk=concern.pk)).text
    name = author.user.get_full_name()
    assert CONCERN["title"] in listing and CONCERN["body"] in page
    assert name not in listing and name not in page and author.user.email not in page
    assert "eine anonyme Meldung" in page
    assert not any(isinstance(field, DateTimeField) for field in Item._meta.fields)
    assert not re.search(r"\b\d{1,2}:\d{2}\b", page)
    shown = [t for t in re.findall(r"Bedenken \d|Wer sieht die Kamerabilder\?", listing)]
    by_key = [i.title for i in Item.objects.order_by("id")]
    assert shown == by_key  # by random key, not by who posted first

    # The lead answers; the employee finds the answer through the list.
    answer = {"status": "considering", "reason": ANSWER}
    assert lead.post(url("item_answer", project, item_pk=concern.pk), answer).status_code == 302
    assert ANSWER in e.get(url("item", project, item_pk=concern.pk)).text

    # Pulse: results only once the round is released.
    today = timezone.localdate()
    week = today + dt.timedelta(days=7)
    opened = f.post(
        url("pulse_open", project),
        {"title": "Erwartungen", "opens_on": today.isoformat(), "closes_on": week.isoformat()},
    )
    assert opened.status_code == 302
    round_url = opened["Location"]
    questions = questionnaire().question_keys()
    for person in staff:
        c = own_session(person)
        token = hidden(c.get(round_url).text, "token")
        sent = c.post(round_url, {"token": token} | {k: 4 for k in questions})
        assert sent.status_code == 302
    running = lead.get(round_url).text
    assert 'id="ergebnisse"' not in running and "Schnitt" not in running
    release = reverse("participation:pulse_release", kwargs=resolve(round_url).kwargs)
    assert f.post(release).status_code == 302
    released = lead.get(round_url).text
    assert 'id="ergebnisse"' in released and "Schnitt" in released

    # The works council: the steps the project triggers, with sources and deadlines.
    wc = own_session(council)
    assert wc.post(url("facts_save", project), FACTS).status_code == 302
    steps = wc.get(url("codetermination", project)).text
    assert "§ 87 Abs. 1 Nr. 6" in steps and "https://www.gesetze-im-internet.de" in steps
    assert "Frist" in steps
    consent = {
        "monitoring_consent-status": "consent_given",
        "monitoring_consent-decision": "Zugestimmt: keine Leistungskontrolle.",
        "monitoring_consent-decided_on": "2026-06-01",
    }
    assert (
        wc.post(url("step_record", project, step_id="monitoring_consent"), consent).status_code
        == 302
    )
    assert "Zustimmung erteilt" in wc.get(url("codetermination", project)).text
    docx = wc.get(url("agreement_docx", project))
    assert docx.status_code == 200
    headings = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs
                if p.style.name.startswith("Heading")]  # fmt: skip
    assert "§ 1 Geltungsbereich und Grundsätze" in headings, headings

    # The facilitator moves the project on, phase by phase, and downloads the process report.
    for phase in ("gestalten", "erproben", "bewerten"):
        assert f.post(url("phase_move", project), {"phase": phase}).status_code == 302
        project.refresh_from_db()
        assert project.current_phase == phase
    report = fetch_prepared(f, f.get(url("report_pdf", project)))
    assert report.status_code == 200 and report["Content-Type"] == "application/pdf"
    if shutil.which("pdftotext"):
        text = " ".join(pdf_text(report.content, tmp_path).split())  # lines wrap anywhere
        assert "Prozessbericht" in text and CONCERN["title"] in text and ANSWER in text
        assert "§ 87" in text and name not in text
