"""The personal result page and its PDF: profile, recommendations, the knowledge quiz apart,
peer comparison (with fallbacks and the minimum group size), progress across versions, and who
may open it (the respondent by id, the token holder by link — nobody else)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.assessments import actions, instruments
from zukunftszentrum.assessments.engine import scoring
from zukunftszentrum.assessments.models import Assessment, PeerSnapshot, Perspective, Response
from zukunftszentrum.assessments.peers import PeerGroup, peer_group, refresh_snapshots
from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .factories import make_assessment, make_response

pytestmark = pytest.mark.django_db

RESULT_CONTENT = Path(__file__).parent / "result_fixtures"
LOW = {"a_self": 1, "b_self": 1, "g_self": 1}  # every dimension at level 1
HIGH = {"a_self": 5, "b_self": 5, "g_self": 5}


@pytest.fixture(autouse=True)
def result_content() -> Iterator[None]:
    with override_settings(ZZ_CONTENT_DIR=RESULT_CONTENT):
        instruments.reload()
        yield
    try:
        instruments.reload()
    except Exception:  # real content being edited: the next use loads it again
        instruments._catalog = None


def submitted(
    member: Membership,
    answers: dict[str, Any],
    *,
    key: str = "resultself",
    version: str = "2026.1",
    assessment: Assessment | None = None,
    days_ago: int = 0,
) -> Response:
    """A submitted response of the member, scored with its own version."""
    response = make_response(member, assessment, answers=answers, key=key)
    when = timezone.now() - datetime.timedelta(days=days_ago)
    inst = instruments.get_instrument(key, version)
    response.version = version
    response.perspective = Perspective.INDIVIDUAL if assessment is None else response.perspective
    response.submitted_at = response.updated_at = when
    response.result = actions.result_snapshot(scoring.score(inst, answers))
    response.save()
    return response


def peers(count: int, answers: dict[str, Any] | None = None, **org: Any) -> None:
    """`count` people, each in an own organisation with these attributes, who answered."""
    for _ in range(count):
        member = make_member(Role.EMPLOYEE, organisation=make_organisation(**org))
        submitted(member, answers or HIGH)


def retaken(response: Response) -> PeerGroup | None:
    """The peer group from snapshots taken now (stored ones are kept until one is due)."""
    PeerSnapshot.objects.all().delete()
    return peer_group(response)


def page(login: Any, response: Response, member: Membership) -> str:
    answer = login(member).get(reverse("assessments:result", args=[response.pk]))
    assert answer.status_code == 200
    return answer.content.decode()


def employee() -> Membership:
    return make_member(Role.EMPLOYEE, organisation=make_organisation(land="BY", wz="C"))


# --- the sections ---------------------------------------------------------------------------
def test_profile_overall_level_and_how_to_read_it(login) -> None:
    me = employee()
    mine = submitted(me, {"a_self": 4, "b_self": 2, "g_self": "na"})
    html = page(login, mine, me)
    assert html.count("<h1") == 1
    assert 'role="img"' in html and "<caption>Ihr Ergebnis je Bereich</caption>" in html
    assert "<strong>50 von 100</strong> – Stufe 3 von 5" in html  # (75 + 25) / 2
    assert "So lesen Sie das Ergebnis" in html
    assert "Alpha-Bereich" in html and "keine Daten" in html  # gamma: "keine Angabe"
    assert "Ihre Entwicklung" not in html  # first check: no progress


def test_top_five_recommendations_grouped_and_the_rest_behind_details(login) -> None:
    me = employee()
    html = page(login, submitted(me, LOW), me)
    top, rest = html.split("<details", 1)
    for text in ("eins", "zwei", "drei", "vier", "fünf"):
        assert f"Empfehlung {text}." in top, text
    assert "Empfehlung sechs." in rest and "Empfehlung sieben." in rest
    assert "Empfehlung sechs." not in top
    assert "Alle Empfehlungen anzeigen (2 weitere)" in rest
    assert "Empfehlung für Vorreiter" not in html  # level 5 only
    # grouped: alpha's two top recommendations under one heading with its level
    assert top.count("Alpha-Bereich <span") == 1
    assert "(Stufe 1 – Einstieg)" in top
    assert top.index("Empfehlung eins.") < top.index("Empfehlung drei.")


def test_no_details_when_five_or_fewer(login) -> None:
    me = employee()
    html = page(login, submitted(me, {"a_self": 1, "b_self": 5, "g_self": 5}), me)
    assert "Empfehlung eins." in html and "<details" not in html


def test_knowledge_quiz_is_reported_apart_per_question(login) -> None:
    me = employee()
    answers = {**HIGH, "a_quiz": "a", "b_quiz": "a"}
    html = page(login, submitted(me, answers), me)
    quiz = html.split('id="wissensfragen"', 1)[1].split("</section>", 1)[0]
    assert "nicht gemessenes Wissen" in quiz
    assert "1 von 1" in quiz and ">100<" in quiz and ">0<" in quiz
    assert "Was ist Beta?" in quiz and "Der letzte Buchstabe" in quiz  # the answer given
    assert "Der zweite Buchstabe" in quiz and "Beta folgt auf Alpha." in quiz
    assert "nicht richtig" in quiz
    # self-ratings are not mixed with the quiz: alpha stays 100 although the quiz says 0 for beta
    assert "<strong>100 von 100</strong>" in html


def test_no_quiz_section_without_knowledge_questions(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    check = make_assessment(lead.organisation, key="resultcheck")
    html = page(login, submitted(lead, {"a_self": 3}, key="resultcheck", assessment=check), lead)
    assert "Ihre Wissensfragen" not in html
    assert "nur zusammengefasst" in html  # the company check note


# --- peers ----------------------------------------------------------------------------------
def test_peers_in_the_narrowest_group(login) -> None:
    me = employee()
    peers(5, land="BY", wz="C")
    html = page(login, submitted(me, LOW), me)
    assert "Verglichen wird mit 5 Personen" in html and "(Bayern)" in html
    assert "Vergleichsgruppe (Mittelwert)" in html  # chart legend and table column
    assert "zu wenige vergleichbare" not in html


def test_four_are_too_few_and_the_group_widens(login) -> None:
    me = employee()
    peers(4, land="BY", wz="C")
    mine = submitted(me, LOW)
    assert peer_group(mine) is None
    assert "noch zu wenige vergleichbare Antworten" in page(login, mine, me)
    peers(1, land="HH", wz="C")  # same branch and size elsewhere: WZ + size reaches 5
    group = retaken(mine)
    assert group is not None and group.profile.n == 5
    assert "aus ganz Deutschland – im eigenen Land" in group.note


def test_falls_back_to_the_branch_alone() -> None:
    me = employee()
    peers(4, land="BY", wz="C")
    peers(1, land="BY", wz="C", headcount=120)  # another size class
    peers(3, land="BY", wz="F")  # another branch never counts
    group = retaken(submitted(me, LOW))
    assert group is not None and group.profile.n == 5
    assert "aller Größen" in group.note


def test_peer_means_and_own_responses_left_out() -> None:
    me = employee()
    peers(4, {"a_self": 5, "b_self": 1}, land="BY", wz="C")
    submitted(me, HIGH, days_ago=10)  # the person's own earlier answer does not count
    mine = submitted(me, LOW)
    assert peer_group(mine) is None
    peers(1, {"a_self": 5, "b_self": 1}, land="BY", wz="C")
    group = retaken(mine)
    assert group is not None
    alpha, beta = group.means["alpha"], group.means["beta"]
    assert alpha is not None and beta is not None  # published: noise of at most 20 points at n=5
    assert 80 <= alpha <= 100 and 0 <= beta <= 20
    assert group.means["gamma"] is None  # nobody answered it: suppressed, not 0


def test_company_peers_count_organisations_not_people() -> None:
    lead = make_member(Role.COMPANY_LEAD, organisation=make_organisation(land="BY", wz="C"))
    mine = submitted(
        lead,
        LOW,
        key="resultcheck",
        assessment=make_assessment(lead.organisation, key="resultcheck"),
    )
    colleague = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    submitted(colleague, HIGH, key="resultcheck", assessment=mine.assessment)  # own company
    big = make_organisation(land="BY", wz="C")
    other_run = make_assessment(big, key="resultcheck")
    for _ in range(5):  # five people of ONE other company
        member = make_member(Role.EMPLOYEE, organisation=big)
        submitted(member, HIGH, key="resultcheck", assessment=other_run)
    assert peer_group(mine) is None
    for _ in range(4):
        org = make_organisation(land="BY", wz="C")
        member = make_member(Role.EMPLOYEE, organisation=org)
        submitted(
            member, LOW, key="resultcheck", assessment=make_assessment(org, key="resultcheck")
        )
    group = retaken(mine)
    assert group is not None and group.profile.n == 5
    assert "5 Unternehmen" in group.note
    alpha = group.means["alpha"]
    assert alpha is not None and alpha <= 40  # 100 / 5 with noise: the big company counts once


def test_no_peers_without_an_organisation(login) -> None:
    me = employee()
    peers(6, land="BY", wz="C")
    mine = submitted(me, LOW)
    Response.objects.filter(pk=mine.pk).update(organisation=None)
    mine.refresh_from_db()
    assert peer_group(mine) is None
    assert "als Mitglied einer Organisation" in page(login, mine, me)


# --- progress and versions ------------------------------------------------------------------
def test_progress_against_the_previous_check(login) -> None:
    me = employee()
    submitted(me, LOW, days_ago=40)
    submitted(me, {"a_self": 3, "b_self": 3, "g_self": 3}, days_ago=20)
    html = page(login, submitted(me, {"a_self": 5, "b_self": 2, "g_self": 3}), me)
    progress = html.split('id="entwicklung"', 1)[1].split("</section>", 1)[0]
    assert "vorher" in progress and "Veränderung" in progress
    date = (timezone.localdate() - datetime.timedelta(days=20)).strftime("%-d.")
    assert date in progress
    assert (
        '<td class="zz-num">50</td><td class="zz-num">100</td><td class="zz-num">+50</td>'
        in progress
    )
    assert "\u221225" in progress and "±0" in progress


def test_progress_across_versions_shows_dashes(login) -> None:
    me = employee()
    submitted(me, {"a_self": 1, "d_self": 3}, version="2025.1", days_ago=30)
    html = page(login, submitted(me, HIGH), me)
    progress = html.split('id="entwicklung"', 1)[1].split("</section>", 1)[0]
    assert "Version 2025.1" in progress
    assert "Delta-Bereich (alt)" in progress and "Gamma-Bereich" in progress
    assert "+100" in progress  # alpha: 0 -> 100
    assert progress.count(">–<") == 6  # beta, gamma before / delta now, and their changes


def test_an_older_version_stays_displayable(login) -> None:
    me = employee()
    old = submitted(me, {"a_self": 2, "d_self": 1}, version="2025.1")
    html = page(login, old, me)
    assert "Version 2025.1" in html and "inzwischen gibt es die Version 2026.1" in html
    assert "Delta-Bereich (alt)" in html and "Gamma-Bereich" not in html
    assert "Alte Empfehlung." in html and "(Stufe 1 – Anfang)" in html


def test_company_progress_is_the_own_answer_in_the_previous_run(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    first = make_assessment(lead.organisation, key="resultcheck")
    submitted(lead, {"a_self": 1, "b_self": 1}, key="resultcheck", assessment=first, days_ago=90)
    Assessment.objects.filter(pk=first.pk).update(status="closed", closed_at=timezone.now())
    second = make_assessment(lead.organisation, key="resultcheck")
    colleague = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    submitted(colleague, {"a_self": 5, "b_self": 5}, key="resultcheck", assessment=first)
    html = page(
        login,
        submitted(lead, {"a_self": 3, "b_self": 3}, key="resultcheck", assessment=second),
        lead,
    )
    assert "+50" in html.split('id="entwicklung"', 1)[1]
    # the colleague's answer is never the "previous" one
    colleague_now = submitted(colleague, HIGH, key="resultcheck", assessment=second)
    other = page(login, colleague_now, colleague)
    assert ">±0<" in other.split('id="entwicklung"', 1)[1]


# --- the PDF --------------------------------------------------------------------------------
def test_pdf_by_id_and_by_token(login) -> None:
    me = employee()
    peers(5, land="BY", wz="C")
    mine = submitted(me, LOW)
    answer = login(me).get(reverse("assessments:result_pdf", args=[mine.pk]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert "Ergebnis-Check" in answer["Content-Disposition"]
    _response, token = _token_response(HIGH)
    by_token = Client().get(reverse("assessments:result_pdf_by_token", args=[token]))
    assert by_token.status_code == 200 and by_token.content.startswith(b"%PDF")


def test_pdf_report_has_the_same_peers_and_progress() -> None:
    from zukunftszentrum.assessments.results import report

    me = employee()
    peers(5, land="BY", wz="C")
    submitted(me, HIGH, days_ago=5)
    context, filename = report(submitted(me, {**LOW, "a_quiz": "a"}), "de")
    assert filename.startswith("Ergebnis-Check ") and filename.endswith(".pdf")
    assert context["profile"].compare_names == ("Vergleichsgruppe (Mittelwert)",)
    notes = " ".join(context["compare_notes"])
    assert "Verglichen wird mit 5 Personen" in notes and "100 → 0" in notes
    assert [k.dimension for k in context["knowledge"]] == ["Alpha-Bereich", "Beta-Bereich"]


# --- access ---------------------------------------------------------------------------------
def _token_response(answers: dict[str, Any]) -> tuple[Response, str]:
    response, token = actions.start_individual_response(user=None, instrument_key="resultself")
    assert token is not None
    Response.objects.filter(pk=response.pk).update(answers=answers)
    response.refresh_from_db()
    return actions.submit_response(response=response, version=None), token


URL_NAMES = ("assessments:result", "assessments:result_pdf")


def test_token_holder_sees_the_result_and_the_private_link() -> None:
    _response, token = _token_response(LOW)
    answer = Client().get(reverse("assessments:result_by_token", args=[token]))
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Ihr privater Link" in html and token in html
    assert reverse("assessments:result_pdf_by_token", args=[token]) in html
    assert Client().get(reverse("assessments:result_by_token", args=["falsch"])).status_code == 404
    assert "als Mitglied einer Organisation" in html  # no organisation, no peers


def test_signed_in_respondent_gets_pdf_link_and_overview(login) -> None:
    me = employee()
    mine = submitted(me, LOW)
    html = page(login, mine, me)
    assert reverse("assessments:result_pdf", args=[mine.pk]) in html
    assert reverse("assessments:overview") in html and "Ihr privater Link" not in html


def test_another_person_gets_404(login) -> None:
    me = employee()
    mine = submitted(me, LOW)
    colleague = make_member(Role.EMPLOYEE, organisation=me.organisation)
    client = login(colleague)
    for name in URL_NAMES:
        assert client.get(reverse(name, args=[mine.pk])).status_code == 404


def test_the_lead_cannot_open_an_employees_result_or_pdf(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    staff = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    check = make_assessment(lead.organisation, key="resultcheck")
    theirs = submitted(staff, {"a_self": 2}, key="resultcheck", assessment=check)
    client = login(lead)
    for name in URL_NAMES:
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404


def test_other_tenant_and_accompanying_advisor_get_404(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    check = make_assessment(lead.organisation, key="resultcheck")
    theirs = submitted(lead, {"a_self": 2}, key="resultcheck", assessment=check)
    advisor = make_member(Role.ADVISOR)
    acc = org_actions.request_accompaniment(member=advisor, organisation=lead.organisation)
    org_actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    stranger = make_member(Role.COMPANY_LEAD)
    for member in (advisor, stranger, make_member(Role.CENTRE_ADMIN, centre=advisor.centre)):
        client = login(member, Client())
        for name in URL_NAMES:
            assert client.get(reverse(name, args=[theirs.pk])).status_code == 404, (member, name)


def test_signed_out_by_id_goes_to_login() -> None:
    me = employee()
    mine = submitted(me, LOW)
    for name in URL_NAMES:
        answer = Client().get(reverse(name, args=[mine.pk]))
        assert answer.status_code == 302 and "/konto/login/" in answer["Location"]


def test_anonymous_response_opens_only_by_token(login) -> None:
    author = make_member(Role.EMPLOYEE)
    check = make_assessment(author.organisation, key="resultcheck")
    token = "geheimer-link-123456"
    anonymous = Response.objects.create(
        assessment=check,
        instrument_key="resultcheck",
        version="2026.1",
        organisation=author.organisation,
        perspective=Perspective.ANONYMOUS,
        answers={"a_self": 4},
        resume_token_hash=actions.hash_token(token),
        submitted_at=timezone.now(),
        result=actions.result_snapshot(
            scoring.score(instruments.get_instrument("resultcheck"), {"a_self": 4})
        ),
    )
    lead = make_member(Role.COMPANY_LEAD, organisation=author.organisation)
    for member in (author, lead):
        client = login(member, Client())
        for name in URL_NAMES:
            assert client.get(reverse(name, args=[anonymous.pk])).status_code == 404
    answer = Client().get(reverse("assessments:result_by_token", args=[token]))
    assert answer.status_code == 200 and "Ihre Entwicklung" not in answer.content.decode()


def test_a_draft_redirects_to_continue(login) -> None:
    me = employee()
    draft = make_response(me, key="resultself")
    client = login(me)
    for name in URL_NAMES:
        answer = client.get(reverse(name, args=[draft.pk]))
        assert answer.status_code == 302
        assert answer["Location"] == reverse("assessments:continue", args=[draft.pk])


def test_organisations_keep_their_attributes() -> None:
    # guards the fixtures above: the peer groups rely on these factory defaults
    org = make_organisation(land="BY", wz="C")
    org.refresh_from_db()
    assert (org.wz_section, org.size_class, org.land_id) == ("C", Organisation.Size.SMALL, "BY")


def test_a_person_counts_once_among_peers() -> None:
    me = employee()
    keen = make_member(Role.EMPLOYEE, organisation=make_organisation(land="BY", wz="C"))
    for days in range(5):  # one person who repeated the check five times
        submitted(keen, LOW, days_ago=days + 1)
    peers(3, land="BY", wz="C")
    mine = submitted(me, LOW)
    assert peer_group(mine) is None  # 4 people, not 8 responses
    peers(1, land="BY", wz="C")
    group = retaken(mine)
    assert group is not None and group.profile.n == 5


# --- peer snapshots ---------------------------------------------------------------------------
def test_peers_come_from_a_snapshot_not_from_the_page_view() -> None:
    me = employee()
    peers(5, land="BY", wz="C")
    mine = submitted(me, LOW)
    first = peer_group(mine)
    assert first is not None
    peers(1, {"a_self": 1, "b_self": 1, "g_self": 1}, land="BY", wz="C")  # one newcomer
    again = peer_group(mine)
    assert again is not None and again.profile == first.profile  # nothing to subtract
    snapshot = PeerSnapshot.objects.get(excluded=str(me.organisation_id))
    assert snapshot.contributors == 5


def test_a_snapshot_is_taken_again_only_when_due() -> None:
    me = employee()
    peers(5, land="BY", wz="C")
    mine = submitted(me, LOW)
    assert peer_group(mine) is not None
    snapshot = PeerSnapshot.objects.get(excluded=str(me.organisation_id))
    newcomer = make_member(Role.EMPLOYEE, organisation=make_organisation(land="BY", wz="C"))
    latest = submitted(newcomer, HIGH)
    assert refresh_snapshots(latest) == 0  # one change: not due
    for _ in range(4):
        other = make_member(Role.EMPLOYEE, organisation=make_organisation(land="BY", wz="C"))
        latest = submitted(other, HIGH)
    assert refresh_snapshots(latest) == 0  # five changes, but not a day since the last one
    PeerSnapshot.objects.filter(pk=snapshot.pk).update(
        taken_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert refresh_snapshots(latest) >= 1
    assert PeerSnapshot.objects.get(pk=snapshot.pk).contributors == 10


def test_company_peers_never_include_the_own_company() -> None:
    lead = make_member(Role.COMPANY_LEAD, organisation=make_organisation(land="BY", wz="C"))
    run = make_assessment(lead.organisation, key="resultcheck")
    mine = submitted(lead, LOW, key="resultcheck", assessment=run)
    for _ in range(6):  # the own company's people: never peers
        colleague = make_member(Role.EMPLOYEE, organisation=lead.organisation)
        submitted(colleague, HIGH, key="resultcheck", assessment=run)
    for _ in range(5):
        org = make_organisation(land="BY", wz="C")
        member = make_member(Role.EMPLOYEE, organisation=org)
        submitted(
            member, LOW, key="resultcheck", assessment=make_assessment(org, key="resultcheck")
        )
    group = peer_group(mine)
    assert group is not None
    snapshot = PeerSnapshot.objects.get(
        excluded=str(lead.organisation_id), grouping__contains="land"
    )
    assert snapshot.contributors == 5  # five other companies; the own six answers left out
