"""Exports: only groups, never people; small groups suppressed; files that Excel opens."""

from __future__ import annotations

import csv
import io
import itertools
from typing import Any

import pytest
from openpyxl import load_workbook

from zukunftszentrum.assessments import exports
from zukunftszentrum.assessments.engine.aggregate import Keyed
from zukunftszentrum.assessments.tests.output_samples import INSTRUMENT, result
from zukunftszentrum.core.exports import download_response, to_csv, to_xlsx

FIELDS = [("wz_section", "WZ-Abschnitt"), ("land", "Land")]
_KEYS = itertools.count(10_000, 7919)


def keyed(res: Any) -> Keyed:
    """A result with a fresh record key."""
    return Keyed(key=next(_KEYS), result=res)


def _group(key: dict[str, str], n: int, score: float = 50.0) -> list:
    return [(key, keyed(result(score + i, 40.0, None))) for i in range(n)]


def _table(min_size: int = 5) -> exports.ExportTable:
    pairs = _group({"wz_section": "C", "land": "BY"}, 4) + _group(
        {"wz_section": "F", "land": "BY"}, 5
    )
    return exports.export_rows(pairs, instrument=INSTRUMENT, group_fields=FIELDS, min_size=min_size)


def test_header_names_groups_and_dimensions() -> None:
    table = _table()
    assert table.header[:5] == ("Check", "Version", "WZ-Abschnitt", "Land", "Anzahl")
    assert table.header[-4:] == (
        "Strategie und Anwendungsfälle",
        "Daten und Datenqualität",
        "Beteiligung und Unternehmenskultur",
        "Wissen: Strategie und Anwendungsfälle",  # knowledge apart from self-assessment
    )


def test_group_of_four_is_suppressed_and_group_of_five_is_shown() -> None:
    small, big = _table().rows
    assert small[:5] == ("readiness", "2026.1", "C", "BY", "< 5")
    assert all(v is None for v in small[5:])
    assert big[:5] == ("readiness", "2026.1", "F", "BY", 5)  # counts below 20: multiples of 5
    # strategy 50..54 -> 52, data 40, knowledge 100 -- each with its noise, in whole points;
    # culture: nobody has a score
    strategy, data, culture, knowledge = big[6:]
    assert isinstance(strategy, int) and abs(strategy - 52) <= 20
    assert isinstance(data, int) and abs(data - 40) <= 20
    assert culture is None
    assert isinstance(knowledge, int) and 60 <= knowledge <= 100


def test_minimum_can_be_raised_but_never_lowered() -> None:
    assert _table(min_size=2).rows[0][4] == "< 5"
    assert _table(min_size=6).rows[1][4] == "< 6"


def test_minimum_comes_from_settings(settings) -> None:
    settings.ZZ_MIN_GROUP_SIZE = 10
    pairs = _group({"wz_section": "F", "land": "BY"}, 9)
    table = exports.export_rows(pairs, instrument=INSTRUMENT, group_fields=FIELDS)
    assert table.rows[0][4] == "< 10"


def test_dimension_mean_needs_the_minimum_of_answers_too() -> None:
    pairs = [({"land": "BY"}, keyed(result(50.0, 40.0 if i < 4 else None, None))) for i in range(6)]
    row = exports.export_rows(pairs, instrument=INSTRUMENT, group_fields=[("land", "Land")]).rows[0]
    assert row[3] in {5, 10}  # 6 people, perturbed and rounded to a multiple of 5
    assert row[5] is not None and row[6:8] == (None, None)  # only 4 people scored "data"


def test_values_are_whole_points_and_the_same_on_every_export() -> None:
    pairs = [({"land": "BY"}, keyed(result(s, None, None))) for s in (1.0, 2.0, 2.0, 2.0, 2.0)]
    rows = [
        exports.export_rows(pairs, instrument=INSTRUMENT, group_fields=[("land", "Land")]).rows[0]
        for _ in range(2)
    ]
    assert rows[0] == rows[1]  # the same people, the same noise: repeating gains nothing
    assert isinstance(rows[0][5], int)


def test_csv_for_german_excel() -> None:
    data = to_csv(_table())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][2] == "WZ-Abschnitt"
    assert rows[1][4] == "< 5" and rows[1][5:] == ["", "", "", "", ""]
    assert rows[2][4] == "5" and rows[2][6].isdigit()
    assert "Datenqualität" in rows[0][-3]


def test_xlsx_has_data_and_notes() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(_table())))
    assert book.sheetnames == ["Ergebnisse", "Hinweise"]
    data = book["Ergebnisse"]
    assert data["A1"].font.bold
    assert [c.value for c in data[2]][:5] == ["readiness", "2026.1", "C", "BY", "< 5"]
    assert isinstance(data.cell(row=3, column=7).value, int)
    assert data.column_dimensions["G"].width >= 10
    notes = " ".join(str(c.value) for c in book["Hinweise"]["A"])
    assert "weniger als 5" in notes


def test_works_with_engine_results() -> None:
    from zukunftszentrum.assessments.engine.scoring import score
    from zukunftszentrum.assessments.instruments import catalog

    inst = catalog().get("readiness")
    likert = [i.id for i in inst.items if i.type == "likert"]
    pairs = [({"land": "BY"}, keyed(score(inst, dict.fromkeys(likert, 5)))) for _ in range(5)]
    row = exports.export_rows(pairs, instrument=inst, group_fields=[("land", "Land")]).rows[0]
    assert row[3] == 5
    assert any(isinstance(v, int) and v >= 80 for v in row[5:])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_download_response(fmt: str) -> None:
    response = download_response(_table(), fmt, "selbstchecks-bayern")
    assert response["Content-Disposition"] == f'attachment; filename="selbstchecks-bayern.{fmt}"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content[:2] in (b"\xef\xbb", b"PK")


def test_download_refuses_unknown_format() -> None:
    with pytest.raises(ValueError, match="format"):
        download_response(_table(), "json", "x")


def test_the_same_group_gets_the_same_figures_in_every_grouping() -> None:
    """One variable naming for all groupings: a group that is the whole of another table
    (only one Land) shows the same figures there, so comparing tables gains nothing."""
    pairs = _group({"wz_section": "C", "land": "BY"}, 7)
    by_land = exports.export_rows(pairs, instrument=INSTRUMENT, group_fields=[("land", "Land")])
    total = exports.export_rows(pairs, instrument=INSTRUMENT, group_fields=[])
    assert by_land.rows[0][3:] == total.rows[0][2:]
