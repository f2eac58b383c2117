"""The "done when" of the AI-Act issue, tried as a new company lead would, through the pages:
enter three systems (a chat assistant for customers, an applicant-screening tool, a shift
planner that ranks staff by performance), answer the questions reading their help texts, and
see for each the class with its reasons, the duties with their dates under both law versions,
the sources, the information letter for the works council and the staff who now have a learning
target; then classify a file of systems with the command and read the JSON the issue shows."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zukunftszentrum.ai_act import classification
from zukunftszentrum.ai_act.models import AISystem
from zukunftszentrum.cli import main
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db

# What the lead answers where the catalogue suggests nothing (a bought-in tool, no public body).
PLAIN = {
    "becomes_provider": "no",
    "profiling": "no",
    "exception": "none",
    "interacts": "no",
    "synthetic": "no",
    "emotion_use": "no",
    "deep_fake": "no",
    "public_text": "no",
    "workplace": "no",
    "public_body": "no",
}
SYSTEMS = {
    "Kundenchat": ("customer_chatbot", {}),
    "Bewerbungsvorauswahl": ("applicant_screening", {}),
    # the planner ranks staff by their performance: it profiles them
    "Schichtplaner mit Leistungsranking": ("shift_planning", {"profiling": "yes"}),
}


def _form_data(client: Client, system_type: str, name: str) -> dict[str, Any]:
    """The new-system form as the catalogue fills it for this type, with a name and status."""
    page = client.get(reverse("ai_act:system_create"), {"type": system_type})
    assert page.status_code == 200
    data: dict[str, Any] = {
        key: value for key, value in page.context["form"].initial.items() if value is not None
    }
    for flag in ("personal_data", "employee_data"):
        if not data.pop(flag, False):
            continue
        data[flag] = "on"
    return data | {"name": name, "status": AISystem.Status.PLANNED, "hosting": "eu"}


def _answer_everything(client: Client, system: AISystem, own: dict[str, str]) -> list[str]:
    """Open each question, read its help and sources, confirm the suggestion or answer; returns
    the ids of the questions asked."""
    asked = []
    url = client.get(reverse("ai_act:classify", args=[system.pk]))["Location"]
    while not url.endswith("/pruefen/"):
        page = client.get(url)
        assert page.status_code == 200, url
        question = page.context["question"]
        text = html.unescape(page.content.decode())
        assert question.help.de in text, question.id  # the help text is on the page
        assert "Quelle:" in text and "eur-lex.europa.eu" in text, question.id
        answer = own.get(question.id) or page.context["chosen"] or PLAIN.get(question.id)
        assert answer, f"no answer for {question.id}"
        asked.append(question.id)
        url = client.post(url, {"answer": answer})["Location"]
        assert len(asked) < 30
    return asked


def _duties(page: Any) -> dict[str, dict[str, str]]:
    return {
        d.id: {law: date.isoformat() for law, date in d.dates.items() if date}
        for d in page.context["duties"]
    }


def test_a_company_lead_classifies_three_systems_and_the_command_agrees(
    login, tmp_path, capsys
) -> None:
    company = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    profiles = {
        "Erika Service": "sales_service",
        "Tom Teamleitung": "team_lead",
        "Olga Office": "office_admin",
        "Paul Produktion": "production_crafts",
    }
    staff = {
        name: make_member(Role.EMPLOYEE, user=make_user(name=name), organisation=company)
        for name in profiles
    }
    client = login(lead)
    for name, member in staff.items():  # the lead assigns job profiles as learning offers it
        answer = client.post(
            reverse("learning:profile_assign", args=[company.pk]),
            {"person": member.user_id, "profile": profiles[name]},
        )
        assert answer.status_code == 302

    systems: dict[str, AISystem] = {}
    for name, (system_type, own) in SYSTEMS.items():
        created = client.post(
            reverse("ai_act:system_create"), _form_data(client, system_type, name)
        )
        assert created.status_code == 302, created.context["form"].errors
        systems[name] = system = AISystem.objects.get(organisation=company, name=name)
        asked = _answer_everything(client, system, own)
        assert asked[0] == "ai_system" and "workplace" in asked
        review = client.get(reverse("ai_act:classify_review", args=[system.pk]))
        assert set(review.context["results"]) == {"adopted", "omnibus"}  # both, side by side
        client.post(reverse("ai_act:classify_review", args=[system.pk]))

    pages = {
        name: client.get(reverse("ai_act:system_detail", args=[s.pk]))
        for name, s in systems.items()
    }
    texts = {name: html.unescape(p.content.decode()) for name, p in pages.items()}
    for text in texts.values():  # both law versions with their status, the sources
        assert "Digital-Omnibus" in text and "Veröffentlichung im Amtsblatt ausstehend" in text
        assert "Warum diese Einstufung" in text and "eur-lex.europa.eu" in text

    # The customer chat: limited risk; Art. 50(1) binds its provider, the lead checks the notice.
    chat, text = pages["Kundenchat"], texts["Kundenchat"]
    assert chat.context["classification"].risk == "transparency"
    assert "Begrenztes Risiko: Transparenzpflichten" in text
    assert "Transparenzpflichten nach Art. 50 Abs. 1, 2." in text
    assert "verpflichten den Anbieter" in text
    assert _duties(chat) == {"Art. 4": {"adopted": "2025-02-02", "omnibus": "2025-02-02"}}
    assert reverse("ai_act:notices_filled", args=[company.pk]) in text
    assert not chat.context["needs_letter"] and not chat.context["council_hints"]

    # The applicant screening: high risk under Annex III point 4(a).
    screening, text = pages["Bewerbungsvorauswahl"], texts["Bewerbungsvorauswahl"]
    assert screening.context["classification"].risk == "high_risk"
    assert "Anhang III Nr. 4 Buchst. a" in text
    duties = _duties(screening)
    for duty in ("Art. 26", "Art. 26(7)", "Art. 26(11)"):
        assert duties[duty] == {"adopted": "2026-08-02", "omnibus": "2027-12-02"}, duty
    assert "Art. 27" not in duties  # no public body, no credit scoring: no FRIA
    assert "§ 95 Abs. 1 und 2a BetrVG" in text

    # The shift planner ranking staff: high risk under Annex III point 4(b), and § 87 BetrVG.
    planner, text = (
        pages["Schichtplaner mit Leistungsranking"],
        texts["Schichtplaner mit Leistungsranking"],
    )
    assert planner.context["classification"].risk == "high_risk"
    assert "Anhang III Nr. 4 Buchst. b" in text and "Profiling" in text
    assert "§ 87 Abs. 1 Nr. 6 BetrVG" in text
    assert _duties(planner)["Art. 26(7)"] == {"adopted": "2026-08-02", "omnibus": "2027-12-02"}

    # The information letter for the works council (Art. 26(7)), drafted from the result.
    letter_url = reverse("ai_act:letter", args=[systems["Schichtplaner mit Leistungsranking"].pk])
    assert letter_url in text
    letter = html.unescape(client.get(letter_url).content.decode())
    assert "Art. 26 Abs. 7" in letter and "Schichtplaner mit Leistungsranking" in letter
    assert "§ 87 Abs. 1 Nr. 6" in letter and "verabschiedeten Fassung" in letter
    assert "Grund der Einstufung: Anhang III Nr. 4 Buchst. b" in letter

    # The staff who now have a learning target: named for the lead on each system's page ...
    assert "Erika Service" in texts["Kundenchat"] and "Tom Teamleitung" not in texts["Kundenchat"]
    assert "Tom Teamleitung" in texts["Schichtplaner mit Leistungsranking"]
    assert "Olga Office" in texts["Bewerbungsvorauswahl"]
    assert not any("Paul Produktion" in t for t in texts.values())
    # ... and in their own learning path, with the system as the reason.
    for name, wanted in (
        ("Erika Service", "Sie nutzen das KI-System „Kundenchat“."),
        (
            "Tom Teamleitung",
            "Sie beaufsichtigen das KI-System „Schichtplaner mit Leistungsranking“.",
        ),
    ):
        own = login(staff[name], Client()).get(reverse("learning:competences"))
        assert wanted in html.unescape(own.content.decode()), name
    paul = login(staff["Paul Produktion"], Client()).get(reverse("learning:competences"))
    assert "das KI-System „" not in html.unescape(paul.content.decode())  # no system names him

    # The report of all three, prepared in the background.
    report = fetch_prepared(client, client.get(reverse("ai_act:report_pdf")))
    assert report.status_code == 200 and report.content.startswith(b"%PDF")

    # The same three, and the example, through the command: the JSON the issue shows.
    lines = [
        "- id: chatbot-website",  # the example, every fact spelled out
        "  is_ai_system: true",
        "  excluded: none",
        "  role: deployer",
        "  prohibited: none",
        "  medical_or_safety_reason: false",
        "  annex_i_safety_component: false",
        "  annex_iii: none",
        "  art_6_3_exception: none",
        "  profiles_natural_persons: false",
        "  interacts_with_natural_persons: true",
        "  generates_synthetic_content: false",
        "  emotion_recognition_or_biometric_categorisation: false",
        "  deep_fake: false",
        "  public_interest_text: false",
        "  used_at_workplace: false",
        "  public_body_or_public_service: false",
    ]
    for name, system in systems.items():  # the facts the lead's answers set
        facts = classification.latest_classification(system).facts  # type: ignore[union-attr]
        lines.append(f"- id: {json.dumps(name)}")
        lines += [f"  {key}: {json.dumps(value)}" for key, value in facts.items()]
    path = tmp_path / "systems.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for law, dated in (("adopted", "2026-08-02"), ("omnibus", "2027-12-02")):
        capsys.readouterr()
        assert main(["ai-act", "assess", str(path), "--law", law]) == 0
        out = json.loads(capsys.readouterr().out)
        assert [entry["id"] for entry in out] == ["chatbot-website", *systems]
        for entry in out:
            assert set(entry) == {"id", "risk", "obligations", "applies_from"}
            assert list(entry["applies_from"]) == entry["obligations"]
        by_id = {entry["id"]: entry for entry in out}
        assert by_id["chatbot-website"]["risk"] == "transparency"
        assert by_id["chatbot-website"]["obligations"] == ["Art. 4"]
        assert by_id["Kundenchat"]["risk"] == "transparency"
        for name in ("Bewerbungsvorauswahl", "Schichtplaner mit Leistungsranking"):
            assert by_id[name]["risk"] == "high_risk"
            assert by_id[name]["applies_from"]["Art. 26(7)"] == dated, (name, law)
        # the pages and the command agree, duty by duty
        for name, page in pages.items():
            on_page = {i for i, dates in _duties(page).items() if law in dates}
            assert set(by_id[name]["obligations"]) == on_page, (name, law)
