"""The PDF "KI-Systeme und Pflichten": each system with its class and its duties, the dates
under both law versions, and the status; the law version applied and the date on every page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from zukunftszentrum.organisations.models import Membership

from . import classification, products
from .models import AISystem
from .pages import risk_label
from .queries import latest_classification
from .results import duty_rows, law_columns, reason_rows


def report_context(member: Membership | None, systems: QuerySet[AISystem]) -> dict[str, Any]:
    laws = law_columns()
    rows = []
    for system in systems.exclude(status=AISystem.Status.RETIRED):
        stored = latest_classification(system)
        rows.append(
            {
                "system": system,
                "type_label": products.type_label(system.system_type),
                "classification": stored,
                "risk": risk_label(stored.risk if stored else None),
                "duties": duty_rows(system, stored) if stored else [],
                "reasons": reason_rows(stored) if stored else [],
            }
        )
    organisation = member.organisation if member is not None else None
    applied = classification.laws()[classification.applied_law()]
    return {
        "organisation": organisation,
        "rows": rows,
        "laws": laws,
        "applied": applied.title.get(products.lang()),
        "today": timezone.localdate(),
        "lang": products.lang(),
    }
