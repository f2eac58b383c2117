"""The information of the works council and the affected workers before a high-risk system is
used at the workplace (Art. 26(7) of Regulation (EU) 2024/1689): a draft in plain words the
company adapts, naming the article and the law version applied."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from . import classification, products
from .models import AISystem, Classification
from .results import reason_rows

TEMPLATE = "ai_act/letter.txt"


def draft_text(system: AISystem, stored: Classification) -> str:
    """A first draft of the letter for this system (German first; the active language)."""
    law = classification.laws()[stored.law_version]
    lang = products.lang()
    context = {
        "system": system,
        "organisation": system.organisation,
        "type_label": products.type_label(system.system_type),
        "law_title": law.title.get(lang),
        "law_short": law.short.get(lang),
        "users": products.profile_labels(system.user_profiles),
        "overseers": products.profile_labels(system.overseer_profiles),
        "start": system.in_use_since or system.planned_from,
        "today": timezone.localdate(),
        # why it is high risk (e.g. Annex III point 4(b)): what the council will ask first
        "reasons": [r["text"] for r in reason_rows(stored)],
        "duties": [
            o["id"]
            for o in stored.result["laws"].get(stored.law_version, {}).get("obligations", [])
        ],
    }
    return render_to_string(TEMPLATE, context).strip() + "\n"
