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
