"""The PDF "Lehr- und Lernkonzept" of a scenario: the region and period, the rationale (needs
basis, what the plan covers and what stays open, binding limits and what more would add), the
map and the tables. Rendered by core.pdf like the other apps' reports, by a task worker
(downloads.py): WeasyPrint needs seconds for the map and the tables."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.core.exports import file_slug

from . import drawing, pages
from .models import Scenario

TEMPLATE = "concepts/concept_pdf.html"


def context(scenario: Scenario) -> dict[str, Any]:
    page = pages.scenario_page(scenario)
    return {
        "lang": (get_language() or "de")[:2],
        "page": page,
        "scenario": scenario,
        "centre": scenario.centre,
        "lands": pages.land_names(),
        "map": plan_map(scenario),
        "date": timezone.localdate(),
    }


def plan_map(scenario: Scenario) -> str:
    lands: dict[str, int] = {
        code: 0 for code in scenario.centre.lands.values_list("code", flat=True)
    }
    places: dict[str, int] = defaultdict(int)
    for item in scenario.items.filter(removed=False):
        if item.land:
            lands[item.land] = lands.get(item.land, 0) + item.sessions
            places[item.place] += item.sessions
    located = [
        (p["name"], float(p["lat"]), float(p["lon"]), places[p["key"]])
        for p in scenario.resources.get("places", [])
        if places.get(p["key"])
    ]
    return drawing.programme_map(
        lands,
        located,
        title=_("Präsenztermine nach Land und Ort"),
        desc=_(
            "Die Länder der Region, je dunkler, desto mehr Präsenztermine; Punkte: die Orte mit ihrer Zahl an Terminen. Die Zahlen stehen auch in der Tabelle."
        ),
    )


def filename(scenario: Scenario) -> str:
    return f"lehr-und-lernkonzept-{file_slug(scenario.name) or scenario.pk}.pdf"
