"""Tabular downloads: one table model, written as CSV or XLSX, served by one response helper.

Apps build an `ExportTable` (their own columns and rows, already through the minimum-size rule)
and hand it to `download_response`. The writers here make sure no cell is ever evaluated by a
spreadsheet program: text that begins like a formula (`=`, `+`, `-`, `@`, tab, carriage return)
gets a leading apostrophe in CSV and is stored as a plain string in XLSX, so a name such as
`=HYPERLINK(...)` planted by one user cannot run in another user's Excel. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as SheetCell
    from openpyxl.worksheet.worksheet import Worksheet

Cell = str | int | float | None
ColumnKind = Literal["text", "number"]

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    """A column's header and kind: in a "number" column, ints and floats are written as numbers;
    everything else (also a marker such as "unter 5" there) is written as text."""

    label: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class ExportTable:
    """Columns and rows of plain values, ready for CSV or XLSX.

    `notes` fill the XLSX's second sheet (`notes_title`); the data sheet is `sheet_title`."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    sheet_title: str
    notes_title: str
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row has {len(row)} cells for {len(self.columns)} columns")

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.columns)


_GERMAN_ASCII = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def file_slug(text: str) -> str:
    """A file name part from German text: umlauts written out (Sichtprüfung → sichtpruefung),
    as slugify alone would drop their dots (sichtprufung)."""
    return slugify(text.translate(_GERMAN_ASCII))


def neutralise(text: str) -> str:
    """Text as a spreadsheet shows it but never evaluates: a leading apostrophe before a trigger."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def is_number(value: Cell, kind: ColumnKind) -> bool:
    """True when `value` is written as a number (bool is no number here)."""
    return kind == "number" and isinstance(value, int | float) and not isinstance(value, bool)


def to_csv(table: ExportTable) -> bytes:
    """CSV for German Excel: UTF-8 with BOM, semicolons, decimal comma; text never a formula."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(label) for label in table.header])
    kinds = [c.kind for c in table.columns]
    for row in table.rows:
        writer.writerow([_csv_cell(v, k) for v, k in zip(row, kinds, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Cell, kind: ColumnKind) -> str:
    if value is None:
        return ""
    if is_number(value, kind):
        return str(value).replace(".", ",")  # German Excel reads 52,5 as a number
    return neutralise(str(value))


def to_xlsx(table: ExportTable) -> bytes:
    """An Excel workbook: the data sheet (bold header, fitted columns) and the notes sheet.

    Every text cell is stored as a string (data type "s"), never as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.sheet_title
    kinds: list[ColumnKind] = ["text"] * len(table.columns)
    for r, values in enumerate([table.header, *table.rows], start=1):
        for c, (value, kind) in enumerate(zip(values, kinds, strict=True), start=1):
            _xlsx_cell(sheet, r, c, value, kind)
        kinds = [col.kind for col in table.columns]  # the header row is all text
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(zip(table.header, *table.rows, strict=True), start=1):
        width = max(len(str(v)) for v in column if v is not None)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(
            max(10, width + 2), 40
        )
    sheet.freeze_panes = "A2"
    notes = book.create_sheet(table.notes_title)
    notes.column_dimensions["A"].width = 110
    for row, line in enumerate(table.notes, start=1):
        cell = _xlsx_cell(notes, row, 1, line, "text")
        cell.alignment = Alignment(wrap_text=True)
    notes["A1"].font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet: Worksheet, row: int, column: int, value: Cell, kind: ColumnKind) -> SheetCell:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = sheet.cell(row=row, column=column)
    if value is None:
        return cell
    if is_number(value, kind):
        cell.value = value
        return cell
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))  # control characters break the file
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    return cell


def download_response(table: ExportTable, fmt: str, filename_stem: str) -> HttpResponse:
    """The table as a CSV or XLSX download; ValueError for another format."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown export format {fmt!r}")
    data = to_csv(table) if fmt == "csv" else to_xlsx(table)
    return file_response(data, CONTENT_TYPES[fmt], f"{filename_stem}.{fmt}")


def file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download that no shared cache keeps (exports and reports hold figures about people)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
