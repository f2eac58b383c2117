"""The inventory as a table for the XLSX download (core.exports writes it formula-safe)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zukunftszentrum.core.exports import Cell, Column, ExportTable

from . import products
from .models import AISystem
from .pages import rows


def _date(value: dt.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def inventory_table(systems: Iterable[AISystem]) -> ExportTable:
    """One row per system: its details, its stored class and its open duties."""
    columns = (
        Column(_("Organisation")),
        Column(_("Name")),
        Column(_("Art des Systems")),
        Column(_("Anbieter")),
        Column(_("Produkt")),
        Column(_("Zweck")),
        Column(_("Abteilung")),
        Column(_("Nutzende (Tätigkeitsprofile)")),
        Column(_("Zahl der Nutzenden"), "number"),
        Column(_("Aufsicht (Tätigkeitsprofile)")),
        Column(_("personenbezogene Daten")),
        Column(_("Daten von Beschäftigten")),
        Column(_("Betrieb")),
        Column(_("Status")),
        Column(_("im Einsatz seit")),
        Column(_("außer Betrieb seit")),
        Column(_("Einstufung")),
        Column(_("Rechtsstand")),
        Column(_("offene Pflichten"), "number"),
    )
    yes, no = _("ja"), _("nein")
    body: list[tuple[Cell, ...]] = []
    for row in rows(systems):
        s = row.system
        body.append(
            (
                s.organisation.legal_name,
                s.name,
                row.type_label,
                s.vendor,
                s.product,
                s.purpose,
                s.department,
                products.profile_labels(s.user_profiles),
                s.number_of_users,
                products.profile_labels(s.overseer_profiles),
                yes if s.personal_data else no,
                yes if s.employee_data else no,
                s.get_hosting_display(),
                s.get_status_display(),
                _date(s.in_use_since),
                _date(s.retired_on),
                row.risk_label,
                row.classification.law_version if row.classification else "",
                row.open_duties,
            )
        )
    notes = (
        _("Verzeichnis der KI-Systeme, Stand %(date)s.")
        % {"date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT")},
        _(
            "Die Einstufung ist die zuletzt gespeicherte; sie nennt den Rechtsstand, nach dem "
            "sie ermittelt wurde (adopted: Verordnung (EU) 2024/1689 in der beschlossenen "
            "Fassung; omnibus: in der Fassung des Digital-Omnibus)."
        ),
    )
    return ExportTable(
        columns=columns,
        rows=tuple(body),
        sheet_title=_("KI-Systeme"),
        notes_title=_("Hinweise"),
        notes=notes,
    )
