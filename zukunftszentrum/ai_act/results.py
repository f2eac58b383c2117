"""What a system's page shows: its details, its stored classification with both law versions
side by side, the status of each obligation, whether a re-check is due, and the information
letter. Reads the stored snapshot (see `snapshot.py`), never recomputes a stored result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from . import classification, products
from .content import STATUS_LABELS
from .law import LawVersion
from .learning_source import people_with_targets
from .learning_targets import system_learning
from .models import AISystem, Classification, ObligationStatus
from .pages import open_duties, risk_label
from .queries import draft_of, latest_classification, latest_letter
from .rules import may_manage_system, may_retire_system
from .works_council import hints

LETTER_DUTY = "Art. 26(7)"


def factsheet_url(family: str) -> str | None:
    """The fact sheet on the technique family, where the knowledge pages are installed."""
    try:
        return reverse("ai_act:factsheet", kwargs={"family": family})
    except NoReverseMatch:
        return None


def law_columns(versions: Mapping[str, LawVersion] | None = None) -> list[dict[str, Any]]:
    """Both law versions, in the file's order, with their status and which one is applied.
    `versions`: the law versions already read (`classification.laws()` asks the database)."""
    lang = products.lang()
    versions = classification.laws() if versions is None else versions
    applied = classification.applied_law(versions)
    return [
        {
            "key": law.key,
            "short": law.short.get(lang),
            "title": law.title.get(lang),
            "status": STATUS_LABELS.get(law.status, law.status),
            "applied": law.key == applied,
            "url": law.url,
        }
        for law in versions.values()
    ]


@dataclass
class DutyRow:
    id: str
    title: str
    explanation: str
    evidence: str
    role: str
    sources: list[dict[str, str]]
    dates: dict[str, dt.date | None] = field(default_factory=dict)
    status: ObligationStatus | None = None

    def date_in(self, law: str) -> dt.date | None:
        return self.dates.get(law)


def duty_rows(system: AISystem, stored: Classification) -> list[DutyRow]:
    """One row per obligation under either law version, with its date under each."""
    lang = products.lang()
    rows: dict[str, DutyRow] = {}
    laws = stored.result.get("laws", {})
    order = [stored.law_version, *(k for k in laws if k != stored.law_version)]
    for key in order:
        for o in laws.get(key, {}).get("obligations", []):
            row = rows.get(o["id"])
            if row is None:
                row = rows[o["id"]] = DutyRow(
                    id=o["id"],
                    title=o["title"].get(lang) or o["title"]["de"],
                    explanation=o["explanation"].get(lang) or o["explanation"]["de"],
                    evidence=o["evidence"].get(lang) or o["evidence"]["de"],
                    role=o["role"],
                    sources=unique_sources(o["sources"]),
                )
            row.dates[key] = dt.date.fromisoformat(o["applies_from"])
    statuses = {
        s.obligation_id: s
        for s in ObligationStatus.objects.filter(system=system, law_version=stored.law_version)
    }
    for row in rows.values():
        row.status = statuses.get(row.id)
    return sorted(rows.values(), key=lambda r: r.date_in(stored.law_version) or dt.date.max)


def unique_sources(sources: list[dict[str, str]]) -> list[dict[str, str]]:
    """One link per article reference (both law versions often cite the same place)."""
    seen: dict[str, dict[str, str]] = {}
    for source in sources:
        seen.setdefault(source["label"], source)
    return list(seen.values())


def law_short(key: str, versions: Mapping[str, LawVersion] | None = None) -> str:
    law = (classification.laws() if versions is None else versions).get(key)
    return law.short.get(products.lang()) if law else key


def path_rows(stored: Classification) -> list[dict[str, Any]]:
    lang = products.lang()
    return [
        {
            "question": step["text"].get(lang) or step["text"]["de"],
            "answer": step["label"].get(lang) or step["label"]["de"],
            "sources": unique_sources(step["sources"]),
        }
        for step in stored.result.get("path", [])
    ]


def risks_by_law(stored: Classification) -> dict[str, str]:
    return {k: risk_label(v["risk"]) for k, v in stored.result.get("laws", {}).items()}


def reason_rows(stored: Classification) -> list[dict[str, Any]]:
    """Why the stored result is what it is, under the law version it applies: each rule that
    fired, naming the article, paragraph or point (e.g. Annex III point 4(a))."""
    lang = products.lang()
    law = stored.result.get("laws", {}).get(stored.law_version, {})
    return [
        {"text": r["text"].get(lang) or r["text"]["de"], "sources": unique_sources(r["sources"])}
        for r in law.get("reasons", [])
    ]


def shows_notices(stored: Classification | None) -> bool:
    """Art. 50 applies under the law version the result applies: the notice templates help."""
    if stored is None:
        return False
    law = stored.result.get("laws", {}).get(stored.law_version, {})
    return any(r["key"] == "art_50" for r in law.get("reasons", []))


#: works-council rights beside the AI Act (works_council.py), in plain words with their sources
COUNCIL_HINTS = {
    "monitoring_evaluates": _(
        "Das System bewertet oder reiht Beschäftigte. Damit ist es eine technische Einrichtung, "
        "die Verhalten oder Leistung überwachen kann: Einführung und Anwendung bestimmt der "
        "Betriebsrat mit (§ 87 Abs. 1 Nr. 6 BetrVG); ohne Einigung entscheidet die "
        "Einigungsstelle. Unterrichten Sie ihn schon bei der Planung (§ 90 Abs. 1 Nr. 3 BetrVG)."
    ),
    "monitoring_possible": _(
        "Ihre Beschäftigten arbeiten mit dem System. Ist es objektiv geeignet, ihr Verhalten "
        "oder ihre Leistung zu überwachen, bestimmt der Betriebsrat mit – eine Absicht zur "
        "Überwachung ist nicht nötig (§ 87 Abs. 1 Nr. 6 BetrVG; BAG, 13.12.2016, 1 ABR 7/15)."
    ),
    "selection_guidelines": _(
        "Legt das System fest, nach welchen Merkmalen Bewerbungen ausgewählt werden, sind das "
        "Auswahlrichtlinien: Sie brauchen die Zustimmung des Betriebsrats, auch wenn KI sie mit "
        "aufstellt (§ 95 Abs. 1 und 2a BetrVG)."
    ),
}


def council_hints(stored: Classification | None) -> list[str]:
    if stored is None:
        return []
    return [str(COUNCIL_HINTS[key]) for key in hints(stored.facts)]


def needs_letter(stored: Classification | None) -> bool:
    """Art. 26(7) binds under either law version (a high-risk system at the workplace)."""
    if stored is None:
        return False
    return any(
        o["id"] == LETTER_DUTY
        for law in stored.result.get("laws", {}).values()
        for o in law.get("obligations", [])
    )


def system_context(system: AISystem, member: Membership | None) -> dict[str, Any]:
    stored = latest_classification(system)
    versions = classification.laws()  # read once for the page (each read is a query)
    found = products.system_type(system.system_type)
    can_manage = bool(may_manage_system(member, system))
    shows_learners = (
        can_manage
        and member is not None
        and has_capability(member.role, Capability.PLAN_TEAM_LEARNING)
    )
    return {
        "system": system,
        "type_label": products.type_label(system.system_type),
        "factsheet_url": factsheet_url(found.family) if found else None,
        "user_profiles": products.profile_labels(system.user_profiles),
        "overseer_profiles": products.profile_labels(system.overseer_profiles),
        "classification": stored,
        "risk_label": risk_label(stored.risk if stored else None),
        "stored_law": law_short(stored.law_version, versions) if stored else "",
        "applied_short": law_short(classification.applied_law(versions), versions),
        "risks_by_law": risks_by_law(stored) if stored else {},
        "laws": law_columns(versions),
        "path": path_rows(stored) if stored else [],
        "duties": duty_rows(system, stored) if stored else [],
        "open_duties": open_duties(system, stored),
        "recheck": (
            classification.recheck(system, stored=stored, versions=versions) if stored else None
        ),
        "draft": draft_of(system),
        "needs_letter": needs_letter(stored),
        "letter": latest_letter(system),
        "learning": [
            {**group, "profiles": products.profile_labels(group["profiles"])}
            for group in system_learning(system)
        ],
        # names only for the lead, who assigns the profiles; nobody else gets a list of people
        "shows_learners": shows_learners,
        "learners": people_with_targets(system) if shows_learners else [],
        "reasons": reason_rows(stored) if stored else [],
        "council_hints": council_hints(stored),
        "shows_notices": shows_notices(stored),
        "can_manage": can_manage,
        "can_retire": bool(may_retire_system(member, system)),
    }
