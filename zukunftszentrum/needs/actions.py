"""Writes of the needs analysis: upload and activate population tables (atomic, audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event

from .audit_actions import NeedsAction
from .estimation.population import PopulationError, parse_population_csv
from .models import PopulationCell, PopulationTable

ACTION_UPLOADED = NeedsAction.POPULATION_UPLOADED
ACTION_ACTIVATED = NeedsAction.POPULATION_ACTIVATED
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def decode_upload(raw: bytes, filename: str) -> str:
    """The CSV text of an uploaded file; a wrong file type raises PopulationError."""
    if not filename.lower().endswith(".csv"):
        raise PopulationError(
            _("Die Datei „%(name)s“ ist keine CSV-Datei (Endung .csv erwartet)")
            % {"name": filename}
        )
    if len(raw) > MAX_UPLOAD_BYTES:
        raise PopulationError(_("Die Datei ist größer als 2 MB"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PopulationError(_("Die Datei ist keine UTF-8-kodierte CSV-Datei")) from None


@transaction.atomic
def upload_population_table(
    *, user: Any, text: str, name: str, source: str, year: int, request: Any = None
) -> PopulationTable:
    """Store a validated table (inactive); invalid input raises PopulationError, nothing is saved."""
    parsed = parse_population_csv(text, source=source, year=year)
    active = PopulationTable.objects.filter(is_active=True).first()
    table = PopulationTable.objects.create(
        name=name or f"{source} {year}",
        source=source,
        year=year,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        size_shares=active.size_shares if active else {},
    )
    PopulationCell.objects.bulk_create(
        PopulationCell(
            table=table,
            land=land,
            wz_section=section,
            establishments=int(parsed.establishments[li, si]),
        )
        for li, land in enumerate(parsed.dims.lands)
        for si, section in enumerate(parsed.dims.sections)
    )
    record_event(
        ACTION_UPLOADED,
        actor=user,
        summary=f"Grundgesamtheit #{table.pk}: {source} {year}",
        request=request,
        table_id=table.pk,
        cells=len(parsed.dims.lands) * len(parsed.dims.sections),
    )
    return table


@transaction.atomic
def activate_population_table(
    *, user: Any, table: PopulationTable, request: Any = None
) -> PopulationTable:
    """Make this table the only active one."""
    table = PopulationTable.objects.select_for_update().get(pk=table.pk)
    if table.is_active:
        return table
    PopulationTable.objects.filter(is_active=True).update(is_active=False)
    PopulationTable.objects.filter(pk=table.pk).update(is_active=True)
    table.refresh_from_db()
    record_event(
        ACTION_ACTIVATED,
        actor=user,
        summary=f"Grundgesamtheit #{table.pk} aktiviert",
        request=request,
        table_id=table.pk,
    )
    return table
