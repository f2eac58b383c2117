"""The system-type catalogue on the Django side: loaded once from `settings.ZZ_CONTENT_DIR`, and
the translated labels of types, job profiles, statuses and hosting that forms and pages show."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .catalogue import Catalogue, SystemType, load
from .imports import Vocabulary, vocabulary_from
from .models import AISystem

JOB_PROFILE_LABELS = {
    "management": _("Geschäftsführung"),
    "office_admin": _("Büro und Verwaltung"),
    "production_crafts": _("Produktion und Handwerk"),
    "sales_service": _("Vertrieb und Service"),
    "it_data": _("IT und Daten"),
    "team_lead": _("Teamleitung"),
    "works_council": _("Betriebsrat"),
    "solo": _("Solo-Selbstständige"),
}


def products_path() -> Path:
    return Path(settings.ZZ_CONTENT_DIR) / "ai_act" / "products.yaml"


@functools.cache
def catalogue() -> Catalogue:
    """The system types; loaded on first use (the app's ready() loads it at start)."""
    return load(products_path(), fact_schema=_fact_schema())


def _fact_schema() -> dict[str, object] | None:
    """The engine's facts, to check the presets against (None before the engine is there)."""
    try:
        from .law.facts import FACT_SCHEMA
    except ImportError:
        return None
    return dict(FACT_SCHEMA)


def lang() -> str:
    return (get_language() or "de")[:2]


def system_type(key: str) -> SystemType | None:
    return catalogue().get(key)


def type_label(key: str) -> str:
    found = catalogue().get(key)
    return found.text("label", lang()) if found else key


def type_choices() -> list[tuple[str, str]]:
    return [(t.key, t.text("label", lang())) for t in catalogue().types]


def profile_choices() -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in JOB_PROFILE_LABELS.items()]


def profile_labels(keys: list[str]) -> str:
    return ", ".join(str(JOB_PROFILE_LABELS.get(k, k)) for k in keys)


def _spellings(choices: type[models.TextChoices]) -> list[tuple[str, list[str]]]:
    out = []
    for choice in choices:
        names = []
        for code in ("de", "en"):
            with translation.override(code):
                names.append(str(choice.label))
        out.append((choice.value, names))
    return out


# Spellings people commonly type besides the labels.
EXTRA_SPELLINGS = {
    "in_use": ["in betrieb", "in use", "aktiv"],
    "retired": ["abgeschaltet", "stillgelegt"],
    "non_eu": ["nicht-eu", "non-eu", "usa"],
    "on_premises": ["on-premises", "eigener server", "lokal"],
}


def vocabulary() -> Vocabulary:
    """What an import file may write for a type, a status or hosting: keys, German and English."""
    types = [(t.key, list(t.label.values())) for t in catalogue().types]
    statuses = _spellings(AISystem.Status) + [
        (k, v) for k, v in EXTRA_SPELLINGS.items() if k in AISystem.Status.values
    ]
    hostings = _spellings(AISystem.Hosting) + [
        (k, v) for k, v in EXTRA_SPELLINGS.items() if k in AISystem.Hosting.values
    ]
    return vocabulary_from(types, statuses, hostings)
