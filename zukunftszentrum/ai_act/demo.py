"""The demo's AI systems: the showcase company's inventory (demo step "ai_systems").

The three systems a new user tries first (a chat assistant for customers, an applicant-screening
tool, a shift planner that ranks staff by performance) and two more; idempotent by name. Their
classification answers come from the catalogue's presets plus the few answers the presets leave
open (`demo_answers`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.roles import Role

from . import actions, classification
from .models import AISystem, ClassificationDraft

SYSTEMS: tuple[dict[str, Any], ...] = (
    {
        "name": "Kundenchat auf der Website",
        "system_type": "customer_chatbot",
        "vendor": "Beispiel-Chatdienst (fiktiv)",
        "product": "Chat-Widget",
        "purpose": "Beantwortet Fragen von Kundinnen und Kunden zu Lieferzeiten und Ersatzteilen.",
        "department": "Vertrieb",
        "user_profiles": ["sales_service"],
        "number_of_users": 6,
        "overseer_profiles": ["sales_service"],
        "personal_data": True,
        "hosting": AISystem.Hosting.EU,
        "status": AISystem.Status.IN_USE,
        "in_use_since": dt.date(2026, 3, 1),
    },
    {
        "name": "Bewerbungsvorauswahl",
        "system_type": "applicant_screening",
        "vendor": "Beispiel-HR-Software (fiktiv)",
        "product": "Bewerbermanagement mit Ranking",
        "purpose": "Sortiert eingehende Bewerbungen für Fertigung und Büro vor.",
        "department": "Personal",
        "user_profiles": ["management", "office_admin"],
        "number_of_users": 3,
        "overseer_profiles": ["management"],
        "personal_data": True,
        "employee_data": True,
        "hosting": AISystem.Hosting.NON_EU,
        "status": AISystem.Status.PILOT,
        "planned_from": dt.date(2026, 10, 1),
    },
    {
        "name": "Schichtplaner mit Leistungsranking",
        "system_type": "shift_planning",
        "vendor": "Beispiel-Personalplanung (fiktiv)",
        "product": "Schichtplan Pro",
        "purpose": "Plant die Schichten der Fertigung und reiht Beschäftigte nach Leistungsdaten.",
        "department": "Fertigung",
        "user_profiles": ["team_lead"],
        "number_of_users": 4,
        "overseer_profiles": ["team_lead", "management"],
        "personal_data": True,
        "employee_data": True,
        "hosting": AISystem.Hosting.EU,
        "status": AISystem.Status.PLANNED,
        "planned_from": dt.date(2027, 1, 1),
    },
    {
        "name": "Kamera-Prüfstation Drehteile",
        "system_type": "visual_quality_inspection",
        "vendor": "Beispiel-Bildverarbeitung (fiktiv)",
        "product": "Prüfzelle",
        "purpose": "Erkennt Oberflächenfehler an Drehteilen am Ende der Linie.",
        "department": "Qualitätssicherung",
        "user_profiles": ["production_crafts"],
        "number_of_users": 12,
        "overseer_profiles": ["production_crafts", "team_lead"],
        "hosting": AISystem.Hosting.ON_PREMISES,
        "status": AISystem.Status.IN_USE,
        "in_use_since": dt.date(2025, 5, 1),
    },
    {
        "name": "Schreibassistent im Büro",
        "system_type": "chat_assistant",
        "vendor": "Beispiel-Bürosoftware (fiktiv)",
        "product": "Assistent",
        "purpose": "Entwürfe für Angebote, E-Mails und Zusammenfassungen.",
        "department": "Verwaltung",
        "user_profiles": ["office_admin", "sales_service", "management"],
        "number_of_users": 15,
        "overseer_profiles": ["it_data"],
        "personal_data": True,
        "hosting": AISystem.Hosting.EU,
        "status": AISystem.Status.IN_USE,
        "in_use_since": dt.date(2025, 9, 1),
    },
)


@transaction.atomic
def seed_ai_systems() -> dict[str, int]:
    """The showcase company's systems (new ones only) and their classifications."""
    company = Organisation.objects.get(legal_name=SHOWCASE_COMPANY)
    created = 0
    for values in SYSTEMS:
        _system, new = AISystem.objects.get_or_create(
            organisation=company, name=values["name"], defaults=values
        )
        created += int(new)
    return {"systems": created, "classified": _classify(company)}


# Answers where the catalogue's presets leave a question open; per system where it differs.
DEFAULT_ANSWERS = {
    "ai_system": "yes",
    "exclusion": "none",
    "role": "deployer",
    "becomes_provider": "no",
    "prohibited": "none",
    "annex_i": "no",
    "annex_iii": "none",
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
OWN_ANSWERS = {
    "Kundenchat auf der Website": {"interacts": "yes", "synthetic": "yes"},
    "Schreibassistent im Büro": {"synthetic": "yes", "workplace": "yes"},
    "Schichtplaner mit Leistungsranking": {"profiling": "yes", "workplace": "yes"},
}


def demo_answers(system: AISystem) -> dict[str, str]:
    """A complete walk: the presets, the system's own answers, then the defaults."""
    answers = {**classification.presets(system), **OWN_ANSWERS.get(system.name, {})}
    for _ in range(len(classification.tree().questions)):
        walk = classification.walk(answers)
        if walk.next is None:
            break
        answers[walk.next.id] = DEFAULT_ANSWERS.get(walk.next.id, walk.next.answers[0].value)
    return answers


def _classify(company: Organisation) -> int:
    """Classify the demo systems that have no stored result yet, as the company's lead."""
    lead = Membership.objects.filter(
        organisation=company, role=Role.COMPANY_LEAD, ended_at__isnull=True
    ).first()
    if lead is None:
        return 0
    count = 0
    for system in company.ai_systems.filter(classifications__isnull=True):
        ClassificationDraft.objects.update_or_create(
            system=system,
            defaults={
                "answers": demo_answers(system),
                "tree_version": classification.tree().version,
            },
        )
        actions.store_classification(member=lead, system=system)
        count += 1
    return count
