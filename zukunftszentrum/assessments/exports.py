"""Aggregated exports of results (CSV, XLSX) for centre staff, always through the minimum-size rule.

Input is plain data — (group key, result) pairs — so the view that serves an export stays thin.
The means come from `engine.aggregate.mean_profile`, the one place that applies the rule.
Never one row per person: each row is a group's size and mean per dimension, and a group below the
minimum size shows "< 5" and no means at all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from zukunftszentrum.assessments.engine.aggregate import MeanValue, mean_profile
from zukunftszentrum.assessments.engine.schema import Instrument
from zukunftszentrum.core.suppression import effective_min_size

GroupKey = Mapping[str, str]  # e.g. {"wz_section": "C", "size_class": "small", "land": "BY"}
Cell = str | int | float | None


@dataclass(frozen=True)
class ExportTable:
    """A header and rows of plain values, ready for CSV or XLSX.

    `notes` fill the XLSX's second sheet (default: the notes of the check exports)."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    min_size: int
    notes: tuple[str, ...] = ()
    sheet_title: str = ""
    notes_title: str = ""


def export_rows(
    results: Iterable[tuple[GroupKey, Any]],
    *,
    instrument: Instrument,
    group_fields: Sequence[tuple[str, str]],
    lang: str = "de",
    min_size: int | None = None,
) -> ExportTable:
    """Mean scores per group; groups below the minimum size keep only a "< n" count.

    `results` are (group key, result) pairs, each result shaped like engine.scoring.Result and
    answered in `instrument`'s version. `group_fields` are (key, column header) pairs.
    """
    minimum = effective_min_size(settings.ZZ_MIN_GROUP_SIZE if min_size is None else min_size)
    groups: dict[tuple[str, ...], list[Any]] = {}
    for key, res in results:
        groups.setdefault(tuple(str(key.get(f, "")) for f, _label in group_fields), []).append(res)
    quiz = [d for d in instrument.dimensions if _has_knowledge(instrument, d.id)]
    header = (
        _("Check"),
        _("Version"),
        *(label for _f, label in group_fields),
        _("Anzahl"),
        _("Gesamt (Mittelwert)"),
        *(dim.title.get(lang) for dim in instrument.dimensions),
        *(_("Wissen: %(dim)s") % {"dim": dim.title.get(lang)} for dim in quiz),
    )
    rows = []
    for values in sorted(groups):
        profile = mean_profile(groups[values], minimum)
        count: Cell = profile.n if profile.n is not None else f"< {minimum}"
        means = [
            profile.overall,
            *(profile.dimensions.get(d.id, _EMPTY) for d in instrument.dimensions),
            *(profile.knowledge.get(d.id, _EMPTY) for d in quiz),
        ]
        if profile.suppressed:  # never a number for a group below the minimum
            means = [_EMPTY] * len(means)
        rows.append(
            (instrument.key, instrument.version, *values, count, *(_round(m) for m in means))
        )
    return ExportTable(header, tuple(rows), minimum)


def to_csv(table: ExportTable) -> bytes:
    """CSV for German Excel: UTF-8 with BOM, semicolons, decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow(["" if v is None else _german_number(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: ExportTable) -> bytes:
    """An Excel workbook: the data sheet (bold header, fitted columns) and a sheet "Hinweise"."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.sheet_title or _("Ergebnisse")
    sheet.append(list(table.header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append(list(row))
    for index, column in enumerate(zip(table.header, *table.rows, strict=True), start=1):
        width = max(len(str(v)) for v in column if v is not None)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(
            max(10, width + 2), 40
        )
    sheet.freeze_panes = "A2"
    notes = book.create_sheet(table.notes_title or _("Hinweise"))
    notes.column_dimensions["A"].width = 110
    for line in table.notes or method_notes(table.min_size):
        notes.append([line])
        notes.cell(row=notes.max_row, column=1).alignment = Alignment(wrap_text=True)
    notes["A1"].font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_response(table: ExportTable, fmt: str, filename_stem: str) -> HttpResponse:
    """The table as a CSV or XLSX download; ValueError for another format."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown export format {fmt!r}")
    data = to_csv(table) if fmt == "csv" else to_xlsx(table)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename_stem}.{fmt}")
    response["Cache-Control"] = "private, no-store"
    return response


def method_notes(min_size: int) -> list[str]:
    """What the export contains and why some groups are empty (also shown beside the download)."""
    return [
        _("Hinweise zu diesem Export"),
        _(
            "Jede Zeile ist eine Gruppe, nie eine einzelne Person. „Anzahl“ ist die Zahl der "
            "abgeschlossenen Antworten in der Gruppe."
        ),
        _(
            "Mindestgruppengröße: Gruppen mit weniger als %(n)s Antworten erscheinen mit "
            "„< %(n)s“ und ohne Mittelwerte, damit niemand einzeln erkennbar ist."
        )
        % {"n": min_size},
        _(
            "Punkte: jede Antwort wird auf 0 bis 100 umgerechnet; je Bereich der gewichtete "
            "Mittelwert der beantworteten Fragen („keine Angabe“ zählt nicht). Die Spalten zeigen "
            "den Mittelwert über die Gruppe, auf eine Nachkommastelle gerundet. Ein Bereich bleibt "
            "leer, wenn weniger als %(n)s Personen dort eine Angabe gemacht haben."
        )
        % {"n": min_size},
        _(
            "Die Ergebnisse gehören zu der angegebenen Version des Checks; Versionen werden nicht "
            "gemischt."
        ),
    ]


_EMPTY = MeanValue(None, None, "empty")


def _round(value: MeanValue) -> float | None:
    return None if value.mean is None else round(value.mean, 1)


def _has_knowledge(instrument: Instrument, dimension_id: str) -> bool:
    return any(i.type == "knowledge" and i.dimension == dimension_id for i in instrument.items)


def _german_number(value: Cell) -> Cell:
    return str(value).replace(".", ",") if isinstance(value, float) else value
