"""The plan of a scenario as a table (XLSX through core.exports): one row per item, with the
reasons as text, and the notes (needs basis, binding limits, what stays uncovered)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zukunftszentrum.core.exports import Column, ExportTable, file_slug

from . import pages
from .models import Scenario


def plan_table(scenario: Scenario) -> ExportTable:
    page = pages.scenario_page(scenario)
    columns = (
        Column(_("Monat")),
        Column(_("Modul")),
        Column(_("Format")),
        Column(_("Ort")),
        Column(_("Land")),
        Column(_("Termine"), "number"),
        Column(_("Teilnehmende (erwartet)"), "number"),
        Column(_("Erreichter Bedarf"), "number"),
        Column(_("Robustheit")),
        Column(_("Festlegung")),
        Column(_("Begründung")),
    )
    states = {
        "locked": _("festgelegt"),
        "added": _("von Hand ergänzt"),
        "removed": _("entfernt"),
        "": "",
    }
    rows = tuple(
        (
            row.month,
            row.item.title,
            row.format,
            row.item.place_label,
            row.item.land,
            row.item.sessions,
            round(row.item.participants, 1),
            round(row.item.covered, 1),
            row.robustness,
            str(states[row.state]),
            " ".join(row.reasons),
        )
        for row in page.items
    )
    notes = (
        page.needs_note,
        *(_("Engpass: %(text)s") % {"text": t} for t in page.binding),
        *page.relaxations,
        *page.uncovered,
    )
    return ExportTable(columns, rows, _("Plan"), _("Hinweise"), tuple(n for n in notes if n))


def filename_stem(scenario: Scenario) -> str:
    return f"programmplan-{file_slug(scenario.name) or scenario.pk}"
