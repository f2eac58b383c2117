"""Reading an inventory file: every row becomes a valid row or a problem named by its row."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from zukunftszentrum.ai_act.imports import (
    FileProblem,
    RowProblem,
    parse_rows,
    read_table,
    vocabulary_from,
)

VOCAB = vocabulary_from(
    [("chat_assistant", ["Chat-Assistent"]), ("other", ["Sonstiges"])],
    [("planned", ["geplant"]), ("in_use", ["im Einsatz"])],
    [("eu", ["Cloud in der EU"]), ("unknown", [])],
)


@pytest.mark.parametrize(
    ("row", "problems"),
    [
        (["Chat", "Chat-Assistent", "im Einsatz", "12"], []),
        (["Chat", "chat_assistant", "", ""], []),
        (["", "Chat-Assistent", "", ""], [RowProblem(2, "missing_name")]),
        (["Chat", "Zauberkugel", "", ""], [RowProblem(2, "unknown_type", "Zauberkugel")]),
        (["Chat", "", "kaputt", ""], [RowProblem(2, "unknown_status", "kaputt")]),
        (["Chat", "", "", "zwölf"], [RowProblem(2, "bad_number", "zwölf")]),
        (["x" * 121, "", "", ""], [RowProblem(2, "too_long", "name")]),
        (
            ["", "Zauberkugel", "", ""],
            [RowProblem(2, "missing_name"), RowProblem(2, "unknown_type", "Zauberkugel")],
        ),
    ],
)
def test_each_row_is_checked(row: list[str], problems: list[RowProblem]) -> None:
    preview = parse_rows([["Name", "Art", "Status", "Nutzende"], row], VOCAB)
    assert list(preview.problems) == problems
    assert len(preview.rows) == (0 if problems else 1)


def test_valid_rows_are_kept_beside_the_problems_with_their_row_numbers() -> None:
    table = [
        ["name", "system type", "vendor", "Farbe"],
        ["Chat", "Chat-Assistent", "Beispiel AG", "blau"],
        ["", "Chat-Assistent", "", ""],
        ["", "", "", ""],  # an empty line is no row
        ["Ding", "Zauberkugel", "", ""],
        ["Belege", "", "", ""],
    ]
    preview = parse_rows(table, VOCAB)
    assert [r["row"] for r in preview.rows] == [2, 6]
    assert preview.rows[0]["vendor"] == "Beispiel AG"
    assert preview.rows[1]["system_type"] == "other"  # no type given: "other", not a problem
    assert [(p.row, p.code) for p in preview.problems] == [(3, "missing_name"), (5, "unknown_type")]
    assert preview.ignored_columns == ("farbe",)


@pytest.mark.parametrize(
    ("table", "code"),
    [([], "empty"), ([["Art", "Anbieter"], ["x", "y"]], "no_name_column")],
)
def test_a_file_without_names_is_refused_as_a_whole(table: list[list[str]], code: str) -> None:
    with pytest.raises(FileProblem) as caught:
        parse_rows(table, VOCAB)
    assert caught.value.code == code


def test_csv_with_semicolons_and_xlsx_are_read() -> None:
    csv_data = "Name;Art\nChat;Chat-Assistent\n".encode("cp1252")
    assert read_table("liste.CSV", csv_data)[1] == ["Chat", "Chat-Assistent"]
    book = Workbook()
    book.active.append(["Name", "Nutzende"])
    book.active.append(["Chat", 12.0])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table("liste.xlsx", buffer.getvalue())
    assert parse_rows(table, VOCAB).rows[0]["number_of_users"] == 12


@pytest.mark.parametrize(("name", "data"), [("liste.pdf", b"%PDF"), ("liste.xlsx", b"kein zip")])
def test_another_file_type_is_named(name: str, data: bytes) -> None:
    with pytest.raises(FileProblem) as caught:
        read_table(name, data)
    assert caught.value.code in ("wrong_type", "unreadable")
