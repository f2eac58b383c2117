"""The one export writer: CSV for German Excel, XLSX; text is never evaluated as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from zukunftszentrum.core.exports import (
    Column,
    ExportTable,
    download_response,
    file_slug,
    neutralise,
    to_csv,
    to_xlsx,
)

COLUMNS = (Column("Name"), Column("Wert", "number"), Column("Anzahl", "number"))


def _table(*rows: tuple[object, ...]) -> ExportTable:
    return ExportTable(COLUMNS, tuple(rows), "Daten", "Hinweise", ("Hinweise", "eine Zeile"))  # type: ignore[arg-type]


def _csv_rows(table: ExportTable) -> list[list[str]]:
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Zentrum Nord", "Zentrum Nord"),
        ("a=b", "a=b"),  # only the first character matters
        ("", ""),
    ],
)
def test_neutralise(text: str, written: str) -> None:
    assert neutralise(text) == written


def test_csv_text_is_inert_and_numbers_stay_numbers() -> None:
    rows = _csv_rows(_table(("=1+1", -2.5, -3), ("-2+3", 52.0, "unter 5"), ("Nord", None, 7)))
    assert rows[0] == ["Name", "Wert", "Anzahl"]
    assert rows[1] == ["'=1+1", "-2,5", "-3"]  # negative numbers are not prefixed
    assert rows[2] == ["'-2+3", "52,0", "unter 5"]
    assert rows[3] == ["Nord", "", "7"]


def test_a_number_in_a_text_column_is_text() -> None:
    assert _csv_rows(_table((-1, 1.5, 2)))[1] == ["'-1", "1,5", "2"]


def test_xlsx_text_cells_are_strings_and_numbers_numeric() -> None:
    table = _table(('=HYPERLINK("http://x","y")', -2.5, -3), ("@SUM(A1)", 1.0, "unter 5"))
    book = load_workbook(io.BytesIO(to_xlsx(table)))
    assert book.sheetnames == ["Daten", "Hinweise"]
    sheet = book["Daten"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    name, value, count = sheet[2]
    assert (name.value, name.data_type) == ('=HYPERLINK("http://x","y")', "s")
    assert (value.value, value.data_type) == (-2.5, "n")
    assert (count.value, count.data_type) == (-3, "n")
    assert [(c.value, c.data_type) for c in sheet[3]] == [
        ("@SUM(A1)", "s"),
        (1.0, "n"),
        ("unter 5", "s"),
    ]
    assert [c.value for c in book["Hinweise"]["A"]] == ["Hinweise", "eine Zeile"]


def test_xlsx_drops_control_characters_instead_of_failing() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(_table(("a\x01b", 1, 1)))))
    assert book["Daten"]["A2"].value == "ab"


def test_rows_must_fit_the_columns() -> None:
    with pytest.raises(ValueError, match="3 columns"):
        _table(("only", 1))


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("csv", "text/csv; charset=utf-8", b"\xef\xbb\xbf"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_download_response(fmt: str, content_type: str, magic: bytes) -> None:
    response = download_response(_table(("Nord", 1, 5)), fmt, "bedarfsanalyse-nord")
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="bedarfsanalyse-nord.{fmt}"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(magic)


def test_download_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="format"):
        download_response(_table(), "json", "x")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("KI-gestützte Sichtprüfung", "ki-gestuetzte-sichtpruefung"),
        ("Größenklasse Übersicht", "groessenklasse-uebersicht"),
        ("Hanse Präzisionstechnik GmbH (fiktiv)", "hanse-praezisionstechnik-gmbh-fiktiv"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_file_names_write_umlauts_out(text: str, slug: str) -> None:
    assert file_slug(text) == slug
