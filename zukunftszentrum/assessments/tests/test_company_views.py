"""The company result: means only from the minimum group size on, perspectives apart only when
every group is large enough, free texts of the anonymous check only for the lead, and nobody
outside the company (or its accompanying centre) sees anything."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from html import unescape
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.assessments import downloads, pages, pdf
from zukunftszentrum.assessments.actions import result_snapshot
from zukunftszentrum.assessments.engine import scoring
from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.assessments.models import Assessment, PeerSnapshot, Perspective, Response
from zukunftszentrum.assessments.releases import make_release
from zukunftszentrum.core.disclosure import Release, batch_order
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.models import Organisation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

NOT_YET = "Noch kein Ergebnis freigegeben"
SPLIT_HINT = (
    "Die Sichtweisen werden getrennt gezeigt, sobald jede Gruppe mindestens 5 Antworten hat."
)


def make_run(org: Organisation, key: str = "readiness", *, closed: bool = False) -> Assessment:
    now = timezone.now()
    return Assessment.objects.create(
        organisation=org,
        instrument_key=key,
        version=catalog().get(key).version,
        status=Assessment.Status.CLOSED if closed else Assessment.Status.OPEN,
        closed_at=now if closed else None,
    )


def submit(
    run: Assessment, n: int, perspective: str = Perspective.EMPLOYEE, value: int = 4, **extra: Any
) -> list[Response]:
    """n submitted responses (without respondent: held by a private link) agreeing at `value`."""
    inst = catalog().get(run.instrument_key, run.version)
    answers = {i.id: value for i in inst.items if i.type == "likert"} | extra
    created = []
    for _ in range(n):
        created.append(
            Response.objects.create(
                assessment=run,
                instrument_key=run.instrument_key,
                version=run.version,
                organisation=run.organisation,
                perspective=perspective,
                answers=answers,
                resume_token_hash=uuid.uuid4().hex,
                submitted_at=timezone.now(),
                result=result_snapshot(scoring.score(inst, answers)),
            )
        )
    make_release(run)  # as the submit action does
    return created


def close(run: Assessment) -> None:
    """Close the run and make its final release, as the close action does."""
    run.status, run.closed_at = Assessment.Status.CLOSED, timezone.now()
    run.save()
    make_release(run)


def released_overall(run: Assessment) -> int:
    """The overall mean the latest release published (perturbed and rounded)."""
    row = run.releases.order_by("-number").first()
    assert row is not None
    return int(row.figures["total"]["overall"][0])


def main(page: str) -> str:
    """The page's content without the header (whose CSRF token changes per request)."""
    return page[page.index("<main") : page.index("</main>")]


def url(run: Assessment, name: str = "assessments:company_result") -> str:
    return reverse(name, kwargs={"pk": run.pk})


@pytest.fixture
def lead() -> Any:
    return make_member(Role.COMPANY_LEAD, organisation=make_organisation())


def test_aggregate_hidden_at_four_and_shown_at_five(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 4)
    client = login(lead)
    page = client.get(url(run)).content.decode()
    assert NOT_YET in page
    assert "company-profile" not in page
    too_early = client.get(url(run, "assessments:company_result_pdf"))
    assert too_early.status_code == 302 and too_early["Location"] == url(run)  # no file prepared

    submit(run, 1)
    page = client.get(url(run)).content.decode()
    assert NOT_YET not in page
    assert "company-profile" in page  # the chart
    overall = released_overall(run)  # the published (perturbed, rounded) mean
    assert f"Gesamtwert aller Antworten: {overall} von 100" in page
    assert "Stand: Freigabe Nr. 1 vom" in page
    assert "Empfehlungen" in page


def test_perspectives_combined_until_each_group_has_five(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    inst = catalog().get(run.instrument_key, run.version)
    answers = {i.id: 5 for i in inst.items if i.type == "likert"}
    for _ in range(5):  # five employees and four council members before the first release
        Response.objects.create(
            assessment=run,
            instrument_key=run.instrument_key,
            version=run.version,
            organisation=run.organisation,
            perspective=Perspective.EMPLOYEE,
            answers=answers,
            resume_token_hash=uuid.uuid4().hex,
            submitted_at=timezone.now(),
            result=result_snapshot(scoring.score(inst, answers)),
        )
    submit(run, 4, Perspective.WORKS_COUNCIL, value=2)
    client = login(lead)
    page = client.get(url(run)).content.decode()
    assert SPLIT_HINT in page
    assert "weiter auseinanderliegen" not in page
    assert '<th scope="col" class="zz-num">Betriebsrat</th>' not in page

    submit(run, 1, Perspective.WORKS_COUNCIL, value=2)  # one more: no new release yet
    assert main(client.get(url(run)).content.decode()) == main(page)
    submit(run, 4, Perspective.EMPLOYEE, value=5)  # five new: release 2
    page = client.get(url(run)).content.decode()
    assert "Stand: Freigabe Nr. 2 vom" in page
    assert SPLIT_HINT not in page
    assert '<th scope="col" class="zz-num">Beschäftigte</th>' in page
    assert '<th scope="col" class="zz-num">Betriebsrat</th>' in page
    assert "am weitesten auseinanderliegen" in page
    assert "Punkte Abstand – am höchsten" in page


def test_largest_gaps_orders_by_difference() -> None:
    compare = {"A": {"x": 10.0, "y": 50.0, "z": 40.0}, "B": {"x": 90.0, "y": 55.0, "z": 40.0}}
    gaps = pages.largest_gaps(compare, {"x": "X", "y": "Y", "z": "Z"})
    assert [(g["title"], g["gap"]) for g in gaps] == [("X", 80.0), ("Y", 5.0)]
    assert gaps[0]["high"] == ("B", 90.0) and gaps[0]["low"] == ("A", 10.0)


def test_advisor_needs_an_active_accompaniment(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 5)
    advisor = make_member(Role.ADVISOR)
    client = login(advisor)
    assert client.get(url(run)).status_code == 404
    acc = org_actions.request_accompaniment(member=advisor, organisation=lead.organisation)
    assert client.get(url(run)).status_code == 404  # only requested
    org_actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    answer = client.get(url(run))
    assert answer.status_code == 200
    assert "company-profile" in answer.content.decode()


def test_lead_of_another_company_gets_404(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 5)
    other = make_member(Role.COMPANY_LEAD, organisation=make_organisation())
    assert login(other).get(url(run)).status_code == 404
    assert login(other).get(url(run, "assessments:company_result_pdf")).status_code == 404


@pytest.mark.parametrize("role", [Role.TRAINER, Role.PROGRAMME_ADMIN, Role.REVIEWER])
def test_roles_without_the_capability_get_403(login: Any, lead: Any, role: Role) -> None:
    run = make_run(lead.organisation, closed=True)
    client = login(make_member(role))
    assert client.get(url(run)).status_code == 403
    assert client.get(url(run, "assessments:company_result_pdf")).status_code == 403


def test_employee_sees_combined_result_of_a_closed_check_only(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    mine = submit(run, 5, Perspective.EMPLOYEE, value=5)
    submit(run, 5, Perspective.WORKS_COUNCIL, value=1)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    client = login(employee)
    assert client.get(url(run)).status_code == 404  # still open
    close(run)
    page = client.get(url(run)).content.decode()
    overall = released_overall(run)
    assert abs(overall - 50) <= 20  # the mean of everybody, with the published noise
    assert f"Gesamtwert aller Antworten: {overall} von 100" in page
    assert '<th scope="col" class="zz-num">Betriebsrat</th>' not in page  # no perspectives
    assert "am weitesten" not in page
    assert "Antworten je Sichtweise" not in page
    assert str(mine[0].pk) not in page
    assert reverse("assessments:result", kwargs={"pk": mine[0].pk}) not in page


VOICE_TEXTS = [
    "Mehr Schulungen bitte",
    "Angst vor Kontrolle",
    "Gute Idee",
    "Zu wenig Zeit",
    "Passt für uns",
]


def _voice(lead: Any, n: int) -> Assessment:
    run = make_run(lead.organisation, "work_voice")
    for text in VOICE_TEXTS[:n]:
        submit(run, 1, Perspective.ANONYMOUS, message_to_management=text)
    return run


def test_free_texts_hidden_below_the_minimum(login: Any, lead: Any) -> None:
    run = _voice(lead, 4)
    page = login(lead).get(url(run)).content.decode()
    assert "Freie Antworten erscheinen erst, wenn mindestens 5 Personen" in page
    assert not any(text in page for text in VOICE_TEXTS)


def test_free_texts_shown_in_batch_order_to_the_lead_at_the_minimum(login: Any, lead: Any) -> None:
    run = _voice(lead, 5)
    row = run.releases.get()
    page = login(lead).get(url(run)).content.decode()
    texts = page[
        page.index('id="freitext"') : page.index("</section>", page.index('id="freitext"'))
    ]
    ids = frozenset(row.response_ids)
    expected = batch_order(VOICE_TEXTS, Release(1, ids, row.released_on, new_ids=ids))
    # Searched within the free-text section only: elsewhere a short text could match by chance.
    positions = [texts.index(f"<li>{text} ") for text in expected]
    assert positions == sorted(positions)  # in the batch's fixed order
    assert "anonym" not in texts and "Beschäftigte" not in texts  # no perspectives
    assert texts.count("freigegeben am") == 5  # each dated by its release, not its answer


def test_free_texts_never_reach_employees_or_advisors(login: Any, lead: Any) -> None:
    run = _voice(lead, 5)
    close(run)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    advisor = make_member(Role.ADVISOR)
    acc = org_actions.request_accompaniment(member=advisor, organisation=lead.organisation)
    org_actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    for member in (employee, advisor):
        answer = login(member).get(url(run))
        assert answer.status_code == 200
        page = answer.content.decode()
        assert "company-profile" in page
        assert not any(text in page for text in VOICE_TEXTS)


def test_company_pdf_is_prepared_from_five_responses(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 5)
    client = login(lead)
    asked = client.get(url(run, "assessments:company_result_pdf"))
    status = client.get(asked["Location"]).content.decode()
    title = catalog().get(run.instrument_key, run.version).title.get("de")
    assert f"Ergebnisbericht „{title}“" in unescape(status)
    assert lead.organisation.legal_name in unescape(status)
    answer = fetch_prepared(client, asked)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"].endswith('.pdf"')
    assert answer.content.startswith(b"%PDF")


def test_the_company_pdf_page_says_it_is_prepared(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 5)
    page = login(lead).get(url(run)).content.decode()
    assert "Der Bericht wird im Hintergrund vorbereitet." in page
    assert f'href="{reverse("core:downloads")}"' in page  # "Ihre Dateien" is one click away


def test_the_prepared_company_pdf_follows_the_page_rule_at_fetch_time(
    login: Any, lead: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked while the run was closed; once it is reopened an employee sees no result, and
    the prepared file is gone for them too."""
    monkeypatch.setattr(downloads, "render_pdf", lambda template, context: b"%PDF-fake")
    run = make_run(lead.organisation)
    submit(run, 5)
    close(run)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    client = login(employee)
    asked = client.get(url(run, "assessments:company_result_pdf"))
    assert fetch_prepared(client, asked).status_code == 200
    run.status, run.closed_at = Assessment.Status.OPEN, None
    run.save()
    assert client.get(asked["Location"] + "herunterladen/").status_code == 404
    assert client.get(url(run, "assessments:company_result_pdf")).status_code == 404


def test_the_prepared_company_pdf_needs_the_membership_it_was_asked_under(
    login: Any, lead: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads, "render_pdf", lambda template, context: b"%PDF-fake")
    run = make_run(lead.organisation)
    submit(run, 5)
    client = login(lead)
    asked = client.get(url(run, "assessments:company_result_pdf"))
    assert fetch_prepared(client, asked).content == b"%PDF-fake"
    lead.ended_at = timezone.now()
    lead.save()
    assert client.get(asked["Location"] + "herunterladen/").status_code == 404


def test_overview_links_the_company_result_for_the_lead(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    page = login(lead).get(reverse("assessments:overview")).content.decode()
    assert url(run) in page


def test_company_result_compares_with_peer_companies(login: Any) -> None:
    """Peers appear once five other companies of the same WZ section, size and Land answered."""
    org = make_organisation(wz="C", headcount=60, land="HH")
    lead = make_member(Role.COMPANY_LEAD, organisation=org)
    run = make_run(org, closed=True)
    submit(run, 5, value=4)
    client = login(lead)
    assert "noch zu wenige vergleichbare Antworten" in client.get(url(run)).content.decode()
    for n in range(5):
        peer = make_organisation(wz="C", headcount=50 + n, land="HH")
        submit(make_run(peer, closed=True), 1, value=2)
    assert "noch zu wenige vergleichbare" in client.get(url(run)).content.decode()  # snapshot
    PeerSnapshot.objects.all().delete()  # as when the next snapshot is due
    page = client.get(url(run)).content.decode()
    assert "Verglichen wird mit 5 Unternehmen derselben Branche" in page
    assert "Vergleichsgruppe (Mittelwert)" in page  # the chart's legend and the table column
    other = make_organisation(wz="F", headcount=60, land="HH")  # another section is no peer
    submit(make_run(other, closed=True), 1, value=5)
    PeerSnapshot.objects.all().delete()
    assert "Verglichen wird mit 5 Unternehmen" in client.get(url(run)).content.decode()


# --- every state of a closed check says what happens next and who can act --------------------


def test_a_closed_check_with_too_few_answers_promises_nothing(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 2)
    close(run)
    page = main(login(lead).get(url(run)).content.decode())
    assert "weniger als 5 Personen geantwortet" in page
    assert "erscheint, sobald" not in page
    assert reverse("assessments:reopen", args=[run.pk]) in page  # the lead may still reopen
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    other = main(login(employee).get(url(run)).content.decode())
    assert "kann die Geschäftsführung Ihres Unternehmens eröffnen" in other
    assert reverse("assessments:reopen", args=[run.pk]) not in other


def test_a_closed_check_says_its_release_is_the_last(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 5)
    close(run)
    Assessment.objects.filter(pk=run.pk).update(closed_at=timezone.now() - dt.timedelta(days=8))
    page = main(login(lead).get(url(run)).content.decode())
    assert "Das ist die letzte Freigabe" in page
    assert "eröffnen Sie den Check in der Übersicht der Selbstchecks erneut" in page
    assert reverse("assessments:reopen", args=[run.pk]) not in page


def test_the_company_pdf_legend_says_what_the_page_says(lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 5)
    submit(run, 5, Perspective.COMPANY_LEAD)  # two groups: the legend names the bars
    context = pages.company_report_context(run, lead)
    svg = context["profile"].svg
    assert "Alle Antworten" in svg and "Ihr Ergebnis" not in svg
    html = render_to_string(pdf.TEMPLATE, context)  # the report's HTML, before WeasyPrint
    assert "<h2>Profil</h2>" in html and "Ihr Profil" not in html


def test_profiles_speak_of_levels_not_maturity(login: Any, lead: Any) -> None:
    run = make_run(lead.organisation)
    submit(run, 5)
    page = main(login(lead).get(url(run)).content.decode())
    assert "Reifestufen" not in page and "<caption>Stufen</caption>" in page
    # a wide and a narrow drawing of one chart, without an id twice
    assert "zz-profile__chart--narrow" in page and "zz-profile__chart--wide" in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_the_staff_survey_scales_say_which_way_is_better() -> None:
    """A bare "Sorgen 47" reads both ways; the label names what a high value means."""
    titles = {d.id: d.title.get("de") for d in catalog().get("work_voice").dimensions}
    assert titles["concerns"] == "Zuversicht (wenig Sorgen)"
    assert titles["workload"] == "Entlastung (wenig Druck)"
