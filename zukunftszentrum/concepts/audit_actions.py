"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptAction(models.TextChoices):
    RESOURCES_SAVED = "concepts_resources_saved", _("Ressourcen der Programmplanung gespeichert")
    SCENARIO_CREATED = "concepts_scenario_created", _("Szenario angelegt")
    SCENARIO_CHANGED = "concepts_scenario_changed", _("Szenario geändert")
    SCENARIO_SOLVED = "concepts_scenario_solved", _("Szenario berechnet")
    SCENARIO_DELETED = "concepts_scenario_deleted", _("Szenario gelöscht")
    SCENARIO_PUBLISHED = (
        "concepts_scenario_published",
        _("Szenario als Angebotsentwürfe veröffentlicht"),
    )
    SCENARIO_EXPORTED = "concepts_scenario_exported", _("Szenario exportiert (PDF oder XLSX)")
