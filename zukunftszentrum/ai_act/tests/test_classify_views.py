"""Classifying a system: one question per screen, presets suggested, answers kept as a draft,
the result under both law versions, stored as a new record; the re-check; duty status; the
Art. 26(7) letter; the to-do list and the PDF. Wrong role 403, another organisation 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.ai_act import actions, content
from zukunftszentrum.ai_act.demo import demo_answers
from zukunftszentrum.ai_act.models import (
    Classification,
    ClassificationDraft,
    InformationLetter,
    ObligationStatus,
)
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .factories import make_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return make_member(Role.COMPANY_LEAD, organisation=make_organisation())


def answer_all(client, system, answers) -> None:
    """Answer as a person would: open the next question, post the answer, follow on."""
    url = client.get(reverse("ai_act:classify", args=[system.pk]))["Location"]
    for _ in range(30):
        if url.endswith("/pruefen/"):
            return
        question = url.rstrip("/").rsplit("/", 1)[-1]
        assert client.get(url).status_code == 200
        url = client.post(url, {"answer": answers[question]})["Location"]
    raise AssertionError("the walk did not end")


def classified(client, system, **own: str) -> Classification:
    answer_all(client, system, {**demo_answers(system), **own})
    client.post(reverse("ai_act:classify_review", args=[system.pk]))
    return Classification.objects.filter(system=system).latest("pk")


def test_the_first_question_shows_help_sources_and_the_catalogues_suggestion(login, lead) -> None:
    system = make_system(lead.organisation, system_type="applicant_screening")
    client = login(lead)
    url = client.get(reverse("ai_act:classify", args=[system.pk]))["Location"]
    assert url == reverse("ai_act:classify_question", args=[system.pk, "ai_system"])
    page = client.get(url)
    html = page.content.decode()
    assert "Art. 3" in html and "eur-lex.europa.eu" in html
    assert page.context["chosen"] == "yes" and page.context["suggested"] is True


def test_an_applicant_screening_tool_is_high_risk_with_dates_under_both_versions(
    login, lead
) -> None:
    system = make_system(lead.organisation, name="Vorauswahl", system_type="applicant_screening")
    client = login(lead)
    answer_all(client, system, demo_answers(system))
    review = client.get(reverse("ai_act:classify_review", args=[system.pk])).content.decode()
    assert "Hochrisiko" in review and "Digital-Omnibus" in review
    assert not Classification.objects.exists()  # nothing stored before the person confirms
    client.post(reverse("ai_act:classify_review", args=[system.pk]))
    stored = Classification.objects.get(system=system)
    assert stored.risk == "high_risk" and stored.law_version == "adopted"
    assert stored.tree_version == content.current_tree().version
    assert not ClassificationDraft.objects.filter(system=system).exists()
    page = client.get(reverse("ai_act:system_detail", args=[system.pk]))
    duties = {d.id: d for d in page.context["duties"]}
    assert "Art. 26(7)" in duties
    assert duties["Art. 26"].dates["adopted"].isoformat() == "2026-08-02"
    assert duties["Art. 26"].dates["omnibus"].isoformat() == "2027-12-02"
    assert "Veröffentlichung im Amtsblatt ausstehend" in page.content.decode()


def test_answers_are_kept_as_a_draft_and_can_be_changed(login, lead) -> None:
    system = make_system(lead.organisation)
    client = login(lead)
    client.post(
        reverse("ai_act:classify_question", args=[system.pk, "ai_system"]), {"answer": "no"}
    )
    assert ClassificationDraft.objects.get(system=system).answers == {"ai_system": "no"}
    # "no" ends the walk: the review shows "kein KI-System"; going back changes it
    assert (
        "Kein KI-System"
        in client.get(reverse("ai_act:classify_review", args=[system.pk])).content.decode()
    )
    answer = client.post(
        reverse("ai_act:classify_question", args=[system.pk, "ai_system"]), {"answer": "yes"}
    )
    assert answer["Location"] == reverse("ai_act:classify_question", args=[system.pk, "exclusion"])


def test_an_unknown_answer_is_refused_and_nothing_saved(login, lead) -> None:
    system = make_system(lead.organisation)
    page = login(lead).post(
        reverse("ai_act:classify_question", args=[system.pk, "ai_system"]), {"answer": "vielleicht"}
    )
    assert page.status_code == 200 and "Bitte wählen Sie eine Antwort." in page.content.decode()
    assert not ClassificationDraft.objects.exists()


def test_a_new_answer_set_makes_a_new_record_and_the_old_one_stays(login, lead) -> None:
    system = make_system(lead.organisation, system_type="chat_assistant")
    client = login(lead)
    first = classified(client, system)
    second = classified(client, system, ai_system="no")
    assert first.pk != second.pk and second.risk == "not_ai_system"
    first.refresh_from_db()
    assert first.risk != "not_ai_system"


def test_a_changed_law_status_shows_a_recheck_and_the_user_confirms(
    login, lead, monkeypatch
) -> None:
    system = make_system(lead.organisation, system_type="shift_planning")
    client = login(lead)
    stored = classified(client, system, profiling="yes", workplace="yes")
    detail = reverse("ai_act:system_detail", args=[system.pk])
    assert client.get(detail).context["recheck"] is None
    laws = {k: v for k, v in content.laws().items()}
    laws["omnibus"] = laws["omnibus"].with_status("published")
    monkeypatch.setattr("zukunftszentrum.ai_act.classification.laws", lambda: laws)
    assert "Neu prüfen" in client.get(detail).content.decode()
    page = client.get(reverse("ai_act:recheck", args=[system.pk]))
    assert "Rechtsstand KI-VO (Digital-Omnibus)" in page.content.decode()
    client.post(reverse("ai_act:recheck", args=[system.pk]))
    newest = Classification.objects.filter(system=system).latest("pk")
    assert newest.pk != stored.pk and newest.law_version == "omnibus"
    assert newest.answers == stored.answers


def test_a_new_tree_version_is_named_on_the_system_page(login, lead) -> None:
    system = make_system(lead.organisation)
    client = login(lead)
    stored = classified(client, system)
    Classification.objects.filter(pk=stored.pk).update(tree_version="2000.1")
    page = client.get(reverse("ai_act:system_detail", args=[system.pk])).content.decode()
    assert "Fragebaum 2000.1" in page
    listed = client.get(reverse("ai_act:systems")).context["rows"]
    assert [r.recheck_due for r in listed] == [True]


def test_duty_status_needs_evidence_when_done(login, lead) -> None:
    system = make_system(lead.organisation, system_type="applicant_screening")
    client = login(lead)
    classified(client, system)
    url = reverse("ai_act:duty_status", args=[system.pk]) + "?id=Art. 26(7)"
    page = client.post(url, {"state": "done", "evidence": "", "done_on": ""})
    assert "Bitte nennen Sie den Nachweis." in page.content.decode()
    client.post(url, {"state": "done", "evidence": "Schreiben vom 1.3.", "done_on": "2026-03-01"})
    status = ObligationStatus.objects.get(system=system, obligation_id="Art. 26(7)")
    assert status.state == "done" and status.law_version == "adopted"
    todo = client.get(reverse("ai_act:todo")).content.decode()
    assert "Art. 26(7)" not in todo and "Art. 26:" in todo


def test_the_information_letter_is_drafted_tracked_and_printed(login, lead) -> None:
    system = make_system(
        lead.organisation, name="Schichtplaner", system_type="shift_planning", purpose="Schichten"
    )
    client = login(lead)
    classified(client, system, profiling="yes", workplace="yes")
    url = reverse("ai_act:letter", args=[system.pk])
    page = client.get(url).content.decode()
    assert "Art. 26 Abs. 7" in page and "Schichtplaner" in page
    client.post(url, {"action": "draft", "text": "Unser Text"})
    letter = InformationLetter.objects.get(system=system)
    assert letter.text == "Unser Text" and letter.law_version == "adopted"
    client.post(url, {"action": "track", "sent_to_works_council_on": "2026-11-02"})
    letter.refresh_from_db()
    assert letter.sent_to_works_council_on.isoformat() == "2026-11-02"
    pdf = client.get(reverse("ai_act:letter_pdf", args=[system.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    council = make_member(Role.WORKS_COUNCIL, organisation=lead.organisation)
    reader = login(council)
    assert reader.get(url).status_code == 200
    assert reader.post(url, {"action": "draft", "text": "x"}).status_code == 403


def test_no_letter_for_a_system_without_the_duty(login, lead) -> None:
    system = make_system(lead.organisation, system_type="translation")
    client = login(lead)
    classified(client, system)
    assert client.get(reverse("ai_act:letter", args=[system.pk])).status_code == 404


def test_the_report_pdf_is_prepared_for_the_person_while_their_role_lasts(login, lead) -> None:
    system = make_system(lead.organisation, system_type="applicant_screening")
    client = login(lead)
    classified(client, system)
    asked = client.get(reverse("ai_act:report_pdf"))
    answer = fetch_prepared(client, asked)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    colleague = login(make_member(Role.COMPANY_LEAD, organisation=lead.organisation), Client())
    assert colleague.get(asked["Location"] + "herunterladen/").status_code == 404
    type(lead).objects.filter(pk=lead.pk).update(ended_at=timezone.now())
    assert client.get(asked["Location"] + "herunterladen/").status_code in (302, 404)


def test_an_advisors_report_is_withheld_once_the_accompaniment_ends(login, lead) -> None:
    from zukunftszentrum.organisations import actions as org_actions

    from .factories import make_classified

    make_classified(lead.organisation)
    advisor = make_member(Role.ADVISOR)
    accompaniment = org_actions.request_accompaniment(
        member=advisor, organisation=lead.organisation
    )
    org_actions.decide_accompaniment(member=lead, accompaniment=accompaniment, consent=True)
    client = login(advisor, Client())
    asked = client.get(reverse("ai_act:report_pdf"))
    assert fetch_prepared(client, asked).status_code == 200
    org_actions.end_accompaniment(member=lead, accompaniment=accompaniment)
    assert client.get(asked["Location"] + "herunterladen/").status_code == 404
    assert (
        login(make_member(Role.EMPLOYEE), Client()).get(reverse("ai_act:report_pdf")).status_code
        == 403
    )


def test_wrong_role_403_and_wrong_tenant_404(login, lead) -> None:
    system = make_system(lead.organisation)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    council = make_member(Role.WORKS_COUNCIL, organisation=lead.organisation)
    other = make_member(Role.COMPANY_LEAD)
    classify = reverse("ai_act:classify_question", args=[system.pk, "ai_system"])
    assert login(employee).get(reverse("ai_act:todo")).status_code == 403
    assert login(council).get(classify).status_code == 403
    client = login(other)
    for url in (
        classify,
        reverse("ai_act:classify", args=[system.pk]),
        reverse("ai_act:classify_review", args=[system.pk]),
        reverse("ai_act:recheck", args=[system.pk]),
        reverse("ai_act:duty_status", args=[system.pk]),
        reverse("ai_act:letter", args=[system.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(classify, {"answer": "no"}).status_code == 404
    assert not ClassificationDraft.objects.exists()


def test_the_todo_list_and_report_hold_only_the_own_organisations_systems(login, lead) -> None:
    from .factories import make_classified

    make_classified(lead.organisation)
    other = make_member(Role.COMPANY_LEAD)
    assert login(lead).get(reverse("ai_act:todo")).context["items"]
    assert login(other).get(reverse("ai_act:todo")).context["items"] == []


def test_actions_check_the_rule_themselves(lead) -> None:
    system = make_system(lead.organisation)
    council = make_member(Role.WORKS_COUNCIL, organisation=lead.organisation)
    with pytest.raises(actions.NotAllowed):
        actions.save_answer(member=council, system=system, question_id="ai_system", value="no")


def test_the_system_page_names_who_gets_which_learning_target(login, lead) -> None:
    from .factories import make_classified

    system = make_classified(lead.organisation, overseer_profiles=["team_lead"])
    page = login(lead).get(reverse("ai_act:system_detail", args=[system.pk])).content.decode()
    assert "Lernziele für Ihre Beschäftigten" in page
    assert "Menschliche Aufsicht – Stufe 3" in page and "Teamleitung" in page


def test_the_overview_card_counts_systems_and_open_duties(login, lead) -> None:
    from zukunftszentrum.ai_act.pages import overview_card

    from .factories import make_classified

    make_classified(lead.organisation)
    card = overview_card(lead)
    assert card["ai_systems_count"] == 1 and card["ai_open_duties"] > 0
    page = login(lead).get(reverse("organisations:dashboard")).content.decode()
    assert "Zu den KI-Systemen" in page


def test_a_status_recorded_by_the_programme_admin_applies_the_amended_version(login, lead) -> None:
    from zukunftszentrum.ai_act import classification, law_status
    from zukunftszentrum.ai_act.models import LawVersionStatus

    content.register_status_source(law_status.recorded_statuses)  # as the app's ready() does
    system = make_system(lead.organisation, system_type="applicant_screening")
    client = login(lead)
    classified(client, system)
    assert classification.applied_law() == "adopted"
    LawVersionStatus.objects.create(law_version="omnibus", status="published")
    assert classification.laws()["omnibus"].status == "published"
    assert classification.applied_law() == "omnibus"
    page = client.get(reverse("ai_act:system_detail", args=[system.pk])).content.decode()
    assert "im Amtsblatt veröffentlicht" in page and "Neu prüfen" in page
