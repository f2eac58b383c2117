"""The population table: parsing, validation and the weighting targets. Pure: no Django.

A population table gives establishments per Land x WZ section (the joint margin). The size-class
margin comes from national shares (IfM Bonn 2022, EU definition). Large companies are outside
the target group: their share is dropped and the three SME shares are renormalised to sum to 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

import numpy as np
from numpy.typing import NDArray

from zukunftszentrum.needs.estimation.cells import SME_SIZES, Dimensions
from zukunftszentrum.organisations.reference import LAENDER, WZ_SECTIONS

COLUMNS = ("land_iso", "land_ags", "land_name", "wz_section", "establishments", "employees")

# IfM Bonn, 2022, EU SME definition, share of enterprises by size class.
SIZE_SHARES_SOURCE = "IfM Bonn, Unternehmensbestand nach Größenklassen (EU-Definition), 2022"
SIZE_SHARES_2022: Mapping[str, float] = {
    "micro": 0.849,
    "small": 0.117,
    "medium": 0.027,
    "large": 0.008,
}

DEFAULT_SOURCE = "Statistisches Bundesamt (Destatis), Unternehmensregister, Tabelle 52111-0004"
DEFAULT_YEAR = 2015
DEFAULT_FILE = "betriebe_land_wz_2015.csv"

# Counts are stored as (positive) integers; the largest every database Django supports holds.
# Germany has about 3.5 million establishments, so a larger count is an error in the file.
MAX_COUNT = 2_147_483_647
_INTEGER = re.compile(r"-?[0-9]+")

_AGS_BY_ISO = {land.iso_3166_2: land for land in LAENDER}


class PopulationError(ValueError):
    """A population table that cannot be used; names the row (1 = header) and the category."""

    def __init__(self, message: str, *, row: int | None = None, category: str | None = None):
        where = f"Zeile {row}: " if row is not None else ""
        super().__init__(f"{where}{message}")
        self.row = row
        self.category = category


@dataclass(frozen=True)
class PopulationTable:
    """Establishments (and employees) per Land x WZ section, with source and reference year."""

    source: str
    year: int
    dims: Dimensions  # lands as two-letter codes, sections as in the table, the SME sizes
    establishments: NDArray[np.float64]  # lands x sections
    employees: NDArray[np.float64]

    def size_target(self, shares: Mapping[str, float] = SIZE_SHARES_2022) -> NDArray[np.float64]:
        """The size-class margin: SME shares renormalised, times the total establishments."""
        return sme_shares(shares) * self.establishments.sum()


def sme_shares(shares: Mapping[str, float] = SIZE_SHARES_2022) -> NDArray[np.float64]:
    """Shares of micro, small, medium among SMEs (large excluded, the rest renormalised)."""
    sme = np.array([shares[s] for s in SME_SIZES], dtype=np.float64)
    return sme / sme.sum()


def parse_population_csv(text: str, *, source: str, year: int) -> PopulationTable:
    """Parse and validate a population CSV; any problem raises PopulationError."""
    records = _records(text.lstrip("\ufeff"))
    header = next(records, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise PopulationError(f"Spalten müssen lauten: {', '.join(COLUMNS)}", row=1)
    seen: dict[tuple[str, str], tuple[int, int, int]] = {}
    for row_no, record in enumerate(records, start=2):
        if not any(field.strip() for field in record):
            continue
        land, section, est, emp = _parse_row(record, row_no)
        if (land, section) in seen:
            raise PopulationError(
                f"Zelle {land}/{section} kommt doppelt vor", row=row_no, category=section
            )
        seen[(land, section)] = (est, emp, row_no)
    return _to_table(seen, source=source, year=year)


def _records(text: str) -> Iterator[list[str]]:
    """The CSV records; what the csv module cannot read (a field over its size limit, a stray
    line break) raises PopulationError naming the row and, where it can be told, the column."""
    reader = csv.reader(io.StringIO(text))
    row_no = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            column = _overlong_column(text, reader.line_num)
            if column is not None:
                raise PopulationError(
                    f"{column} ist länger als {csv.field_size_limit()} Zeichen",
                    row=row_no,
                    category=column,
                ) from None
            raise PopulationError("die Zeile ist kein gültiges CSV", row=row_no) from None
        yield record
        row_no += 1


def _overlong_column(text: str, line_num: int) -> str | None:
    """The column of the field that exceeds the csv module's limit, on the line it stopped at."""
    lines = text.splitlines()
    if not 0 < line_num <= len(lines):
        return None
    limit = csv.field_size_limit()
    fields = lines[line_num - 1].split(",")
    for column, field in zip(COLUMNS, fields, strict=False):
        if len(field) > limit:
            return column
    return None


def _parse_row(record: list[str], row_no: int) -> tuple[str, str, int, int]:
    if len(record) != len(COLUMNS):
        raise PopulationError(f"erwartet {len(COLUMNS)} Felder, gefunden {len(record)}", row=row_no)
    iso, ags, _name, section, est, emp = (f.strip() for f in record)
    land = _AGS_BY_ISO.get(iso)
    if land is None:
        raise PopulationError(f"unbekanntes Land {iso!r}", row=row_no, category=iso)
    if ags != land.ags:
        raise PopulationError(
            f"AGS {ags!r} passt nicht zu {iso} (erwartet {land.ags})", row=row_no, category=iso
        )
    if section not in WZ_SECTIONS:
        raise PopulationError(f"unbekannter WZ-Abschnitt {section!r}", row=row_no, category=section)
    return (
        land.code,
        section,
        _count(est, "establishments", row_no),
        _count(emp, "employees", row_no),
    )


def _count(value: str, column: str, row_no: int) -> int:
    if value == "":
        raise PopulationError(f"{column} fehlt", row=row_no, category=column)
    if not _INTEGER.fullmatch(value):  # int() would also take "1_000" and other digits
        raise PopulationError(
            f"{column} ist keine ganze Zahl: {_shorten(value)!r}", row=row_no, category=column
        )
    if value.startswith("-"):
        raise PopulationError(
            f"{column} ist negativ: {_shorten(value)}", row=row_no, category=column
        )
    # Compared as text first: int() refuses numbers of more than 4,300 digits.
    digits = value.lstrip("0")
    if len(digits) > len(str(MAX_COUNT)) or int(value) > MAX_COUNT:
        raise PopulationError(
            f"{column} ist zu groß: {_shorten(value)} (höchstens {MAX_COUNT})",
            row=row_no,
            category=column,
        )
    return int(value)


def _shorten(value: str, length: int = 30) -> str:
    return value if len(value) <= length else f"{value[:length]}…"


def _to_table(
    seen: Mapping[tuple[str, str], tuple[int, int, int]], *, source: str, year: int
) -> PopulationTable:
    if not seen:
        raise PopulationError("die Tabelle enthält keine Zeilen")
    lands = tuple(land.code for land in LAENDER)
    present = {section for _, section in seen}
    sections = tuple(s for s in WZ_SECTIONS if s in present)
    est = np.zeros((len(lands), len(sections)))
    emp = np.zeros((len(lands), len(sections)))
    for li, land in enumerate(lands):
        for si, section in enumerate(sections):
            if (land, section) not in seen:
                raise PopulationError(f"Zelle {land}/{section} fehlt", category=f"{land}/{section}")
            est[li, si], emp[li, si], _ = seen[(land, section)]
    if est.sum() <= 0:
        raise PopulationError("die Tabelle enthält keine Betriebe")
    dims = Dimensions(lands=lands, sections=sections)
    return PopulationTable(source, year, dims, est, emp)


def load_default_population() -> PopulationTable:
    """The shipped default table (Destatis, 2015, establishments)."""
    path = resources.files("zukunftszentrum.needs").joinpath("data", DEFAULT_FILE)
    return parse_population_csv(
        path.read_text(encoding="utf-8"), source=DEFAULT_SOURCE, year=DEFAULT_YEAR
    )
