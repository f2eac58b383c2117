"""The trainer's attendance list as a table (XLSX via core.exports; the PDF uses a template).
It names participants on purpose: it is the course's list, read by the centre running it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zukunftszentrum.core.exports import Column, ExportTable

from ..models import Offer
from .queries import course_registrations


def attendance_table(offer: Offer) -> ExportTable:
    rows = tuple(
        (
            r.user.full_name or r.user.email,
            r.user.email,
            str(r.organisation) if r.organisation else "",
            r.get_status_display(),
            r.position,
            "",  # a column to sign on paper
        )
        for r in course_registrations(offer)
    )
    return ExportTable(
        columns=(
            Column(_("Name")),
            Column(_("E-Mail-Adresse")),
            Column(_("Organisation")),
            Column(_("Status")),
            Column(_("Wartelistenplatz"), "number"),
            Column(_("Unterschrift")),
        ),
        rows=rows,
        sheet_title=_("Anwesenheit"),
        notes_title=_("Hinweise"),
        notes=(
            offer.module.title,
            _("Personenbezogene Daten: nur für die Durchführung des Kurses verwenden."),
        ),
    )
