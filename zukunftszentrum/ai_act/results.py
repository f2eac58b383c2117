"""What a system's page shows: its details, its stored classification with both law versions
side by side, the status of each obligation, whether a re-check is due, and the information
letter. Reads the stored snapshot (see `snapshot.py`), never recomputes a stored result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

from zukunftszentrum.organisations.models import Membership

from . import classification, products
from .content import STATUS_LABELS
from .learning_targets import system_learning
from .models import AISystem, Classification, ObligationStatus
from .pages import open_duties, risk_label
from .queries import draft_of, latest_classification, latest_letter
from .rules import may_manage_system, may_retire_system

LETTER_DUTY = "Art. 26(7)"


def factsheet_url(family: str) -> str | None:
    """The fact sheet on the technique family, where the knowledge pages are installed."""
    try:
        return reverse("ai_act:factsheet", kwargs={"family": family})
    except NoReverseMatch:
        return None


def law_columns() -> list[dict[str, Any]]:
    """Both law versions, in the file's order, with their status and which one is applied."""
    lang = products.lang()
    applied = classification.applied_law()
    return [
        {
            "key": law.key,
            "short": law.short.get(lang),
            "title": law.title.get(lang),
            "status": STATUS_LABELS.get(law.status, law.status),
            "applied": law.key == applied,
            "url": law.url,
        }
        for law in classification.laws().values()
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


def law_short(key: str) -> str:
    law = classification.laws().get(key)
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
    found = products.system_type(system.system_type)
    return {
        "system": system,
        "type_label": products.type_label(system.system_type),
        "factsheet_url": factsheet_url(found.family) if found else None,
        "user_profiles": products.profile_labels(system.user_profiles),
        "overseer_profiles": products.profile_labels(system.overseer_profiles),
        "classification": stored,
        "risk_label": risk_label(stored.risk if stored else None),
        "stored_law": law_short(stored.law_version) if stored else "",
        "applied_short": law_short(classification.applied_law()),
        "risks_by_law": risks_by_law(stored) if stored else {},
        "laws": law_columns(),
        "path": path_rows(stored) if stored else [],
        "duties": duty_rows(system, stored) if stored else [],
        "open_duties": open_duties(system, stored),
        "recheck": classification.recheck(system),
        "draft": draft_of(system),
        "needs_letter": needs_letter(stored),
        "letter": latest_letter(system),
        "learning": [
            {**group, "profiles": products.profile_labels(group["profiles"])}
            for group in system_learning(system)
        ],
        "can_manage": bool(may_manage_system(member, system)),
        "can_retire": bool(may_retire_system(member, system)),
    }
