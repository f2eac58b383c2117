"""PURE: reading an inventory from a CSV or XLSX file into rows to review.

Nothing is dropped silently: every row either becomes a valid row (kept for the person to
confirm) or a `RowProblem` naming its row number (as the spreadsheet counts, header = row 1) and
what is wrong. The page words the problems; this module only names them by code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Column header (lower case, German or English) -> field of an AI system.
HEADERS = {
    "name": "name",
    "bezeichnung": "name",
    "art": "system_type",
    "systemart": "system_type",
    "art des systems": "system_type",
    "system type": "system_type",
    "system_type": "system_type",
    "type": "system_type",
    "anbieter": "vendor",
    "vendor": "vendor",
    "produkt": "product",
    "product": "product",
    "zweck": "purpose",
    "purpose": "purpose",
    "abteilung": "department",
    "department": "department",
    "status": "status",
    "betrieb": "hosting",
    "hosting": "hosting",
    "zahl der nutzenden": "number_of_users",
    "nutzende": "number_of_users",
    "number of users": "number_of_users",
    "number_of_users": "number_of_users",
}
MAX_ROWS = 500
MAX_LENGTH = {"name": 120, "vendor": 120, "product": 120, "department": 120, "purpose": 2000}


class FileProblem(ValueError):
    """The file as a whole cannot be read; `code` says why (wrong_type, unreadable, no_name_column,
    too_many_rows, empty)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class RowProblem:
    row: int
    code: str  # missing_name | unknown_type | unknown_status | unknown_hosting | bad_number | too_long
    value: str = ""


@dataclass(frozen=True)
class Preview:
    rows: tuple[dict[str, Any], ...]  # valid rows, each with its "row" number
    problems: tuple[RowProblem, ...]
    ignored_columns: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Vocabulary:
    """Accepted spellings (lower case) of system types, statuses and hosting -> their keys."""

    types: Mapping[str, str]
    statuses: Mapping[str, str]
    hostings: Mapping[str, str]


def read_table(filename: str, data: bytes) -> list[list[Any]]:
    """The file's cells, row by row; FileProblem for another file type or an unreadable file."""
    name = filename.lower()
    if name.endswith(".csv"):
        return _read_csv(data)
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    raise FileProblem("wrong_type")


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on German Windows
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem("unreadable") from exc
    sheet = book.worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def parse_rows(table: list[list[Any]], vocabulary: Vocabulary) -> Preview:
    """Valid rows and the problems of the others, each named by its row number."""
    if not table:
        raise FileProblem("empty")
    header = [str(h or "").strip().lower() for h in table[0]]
    columns = {i: HEADERS[h] for i, h in enumerate(header) if h in HEADERS}
    if "name" not in columns.values():
        raise FileProblem("no_name_column")
    body = [(n, r) for n, r in enumerate(table[1:], start=2) if any(_text(c) for c in r)]
    if len(body) > MAX_ROWS:
        raise FileProblem("too_many_rows")
    rows: list[dict[str, Any]] = []
    problems: list[RowProblem] = []
    for number, raw in body:
        values = {f: _text(raw[i]) if i < len(raw) else "" for i, f in columns.items()}
        row, row_problems = _check(number, values, vocabulary)
        problems.extend(row_problems)
        if not row_problems:
            rows.append(row)
    ignored = tuple(h for i, h in enumerate(header) if h and i not in columns)
    return Preview(tuple(rows), tuple(problems), ignored)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _check(
    number: int, values: dict[str, str], vocabulary: Vocabulary
) -> tuple[dict[str, Any], list[RowProblem]]:
    problems: list[RowProblem] = []
    row: dict[str, Any] = {"row": number}
    if not values.get("name"):
        problems.append(RowProblem(number, "missing_name"))
    for name, limit in MAX_LENGTH.items():
        if len(values.get(name, "")) > limit:
            problems.append(RowProblem(number, "too_long", name))
    for name in ("name", "vendor", "product", "purpose", "department"):
        row[name] = values.get(name, "")
    for name, known, code, default in (
        ("system_type", vocabulary.types, "unknown_type", "other"),
        ("status", vocabulary.statuses, "unknown_status", "planned"),
        ("hosting", vocabulary.hostings, "unknown_hosting", "unknown"),
    ):
        given = values.get(name, "")
        if given and given.lower() not in known:
            problems.append(RowProblem(number, code, given))
        row[name] = known.get(given.lower(), default) if given else default
    users = values.get("number_of_users", "")
    if users and not users.isdigit():
        problems.append(RowProblem(number, "bad_number", users))
    row["number_of_users"] = int(users) if users.isdigit() else None
    return row, problems


def vocabulary_from(
    types: Iterable[tuple[str, Iterable[str]]],
    statuses: Iterable[tuple[str, Iterable[str]]],
    hostings: Iterable[tuple[str, Iterable[str]]],
) -> Vocabulary:
    """A vocabulary from (key, spellings) pairs; the key itself is always a spelling."""

    def table(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, spellings in pairs:
            for s in (key, *spellings):
                out[str(s).strip().lower()] = key
        return out

    return Vocabulary(table(types), table(statuses), table(hostings))
