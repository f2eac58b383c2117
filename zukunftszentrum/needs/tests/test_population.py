import csv

import numpy as np
import pytest

from zukunftszentrum.needs.estimation.population import (
    DEFAULT_SOURCE,
    PopulationError,
    load_default_population,
    parse_population_csv,
    sme_shares,
)

HEADER = "land_iso,land_ags,land_name,wz_section,establishments,employees\n"


def _full_table(section="C", **override):
    """A valid one-section table for all 16 Länder; `override` replaces one row by ISO code."""
    from zukunftszentrum.organisations.reference import LAENDER

    rows = []
    for land in LAENDER:
        row = override.get(land.code, f"{land.iso_3166_2},{land.ags},{land.name},{section},10,100")
        if row is not None:
            rows.append(row)
    return HEADER + "\n".join(rows) + "\n"


def _parse(text):
    return parse_population_csv(text, source="Test", year=2024)


def test_default_table_loads_with_source_and_year():
    table = load_default_population()
    assert table.source == DEFAULT_SOURCE
    assert table.year == 2015
    assert table.establishments.shape == (16, 17)
    assert table.establishments.sum() == 3_736_751
    assert "O" not in table.dims.sections and "P" in table.dims.sections


def test_size_margin_excludes_large_and_renormalises():
    shares = sme_shares()
    np.testing.assert_allclose(shares, np.array([0.849, 0.117, 0.027]) / 0.993)
    assert shares.sum() == pytest.approx(1)
    table = load_default_population()
    assert table.size_target().sum() == pytest.approx(3_736_751)


def test_valid_small_table():
    table = _parse(_full_table())
    assert table.dims.sections == ("C",)
    assert table.establishments.sum() == 160


def test_negative_count_names_row_and_column():
    text = _full_table(HH="DE-HH,02,Hamburg,C,-3,100")
    with pytest.raises(PopulationError, match="Zeile 3") as exc:
        _parse(text)
    assert exc.value.row == 3
    assert exc.value.category == "establishments"


def test_unknown_land_names_row_and_category():
    text = _full_table() + "DE-XX,17,Nirgendwo,C,1,1\n"
    with pytest.raises(PopulationError, match="DE-XX") as exc:
        _parse(text)
    assert exc.value.row == 18
    assert exc.value.category == "DE-XX"


def test_unknown_wz_section_names_row_and_category():
    text = _full_table(BY="DE-BY,09,Bayern,Z,1,1")
    with pytest.raises(PopulationError, match="'Z'") as exc:
        _parse(text)
    assert exc.value.row == 10
    assert exc.value.category == "Z"


def test_missing_cell_names_the_cell():
    with pytest.raises(PopulationError, match="SL/C fehlt") as exc:
        _parse(_full_table(SL=None))
    assert exc.value.category == "SL/C"


def test_missing_value_duplicate_and_mismatched_ags():
    with pytest.raises(PopulationError, match="establishments fehlt"):
        _parse(_full_table(SH="DE-SH,01,Schleswig-Holstein,C,,100"))
    with pytest.raises(PopulationError, match="doppelt"):
        _parse(_full_table() + "DE-SH,01,Schleswig-Holstein,C,1,1\n")
    with pytest.raises(PopulationError, match="AGS"):
        _parse(_full_table(SH="DE-SH,05,Schleswig-Holstein,C,1,1"))
    with pytest.raises(PopulationError, match="ganze Zahl"):
        _parse(_full_table(SH="DE-SH,01,Schleswig-Holstein,C,zehn,1"))


def test_wrong_header_and_empty_table():
    with pytest.raises(PopulationError, match="Spalten") as exc:
        _parse("land,wz,count\nDE-SH,C,1\n")
    assert exc.value.row == 1
    with pytest.raises(PopulationError, match="keine Zeilen"):
        _parse(HEADER)


BIG = "1" + "0" * 5000  # more digits than int() accepts


@pytest.mark.parametrize(
    ("establishments", "employees", "column", "message"),
    [
        ("9223372036854775808", "1", "establishments", "zu groß"),  # beyond 64 bits
        ("2147483648", "1", "establishments", "zu groß"),  # beyond PostgreSQL's integer
        ("1", BIG, "employees", "zu groß"),
        ("-" + BIG, "1", "establishments", "negativ"),
        ("1_000", "1", "establishments", "keine ganze Zahl"),
        ("1e3", "1", "establishments", "keine ganze Zahl"),
        ("١٢", "1", "establishments", "keine ganze Zahl"),  # Arabic-Indic digits
    ],
)
def test_counts_out_of_range_name_row_and_column(establishments, employees, column, message):
    row = f"DE-HH,02,Hamburg,C,{establishments},{employees}"
    with pytest.raises(PopulationError, match=f"Zeile 3: {column} ist {message}") as exc:
        _parse(_full_table(HH=row))
    assert (exc.value.row, exc.value.category) == (3, column)
    assert len(str(exc.value)) < 200  # the value is shortened, not echoed whole


def test_largest_count_that_fits_every_database_is_accepted():
    table = _parse(_full_table(HH="DE-HH,02,Hamburg,C,0002147483647,2147483647"))
    assert table.establishments.max() == 2_147_483_647


def test_field_over_the_csv_limit_names_row_and_column():
    name = "Hamburg" + "x" * (csv.field_size_limit() + 1)
    with pytest.raises(PopulationError, match="Zeile 3: land_name ist länger als") as exc:
        _parse(_full_table(HH=f"DE-HH,02,{name},C,1,1"))
    assert (exc.value.row, exc.value.category) == (3, "land_name")


def test_unreadable_csv_names_the_row():
    with pytest.raises(PopulationError, match="Zeile 3: die Zeile ist kein gültiges CSV"):
        _parse(_full_table(HH="DE-HH,02,Ham\rburg,C,1,1"))
