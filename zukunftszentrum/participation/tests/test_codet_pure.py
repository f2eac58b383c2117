"""The pure parts: a step's due date per deadline kind, and editing the outline as text."""

from __future__ import annotations

import datetime as dt

import pytest

from zukunftszentrum.participation.agreement import (
    Bullets,
    Paragraph,
    Placeholder,
    ProjectDescription,
    System,
    build_outline,
    plain,
)
from zukunftszentrum.participation.agreement.edits import (
    apply_edits,
    parse_text,
    section_text,
    sections_of,
)
from zukunftszentrum.participation.codetermination import DeadlineKind
from zukunftszentrum.participation.codetermination.deadlines import due_date

TODAY = dt.date(2026, 6, 15)
STARTS = {"gestalten": dt.date(2026, 7, 1), "erproben": dt.date(2026, 6, 1)}
K = DeadlineKind


@pytest.mark.parametrize(
    ("kind", "done", "on", "phase", "now", "overdue"),
    [
        (K.BEFORE_INTRODUCTION, False, dt.date(2026, 5, 31), "erproben", False, True),
        (K.BEFORE_INTRODUCTION, True, dt.date(2026, 5, 31), "erproben", False, False),
        (K.BEFORE_USE, False, dt.date(2026, 5, 31), "erproben", False, True),
        (K.TIMELY, False, dt.date(2026, 5, 31), "erproben", False, True),
        (K.EARLY_ENOUGH_TO_SHAPE, False, dt.date(2026, 6, 30), "gestalten", False, False),
        (K.AS_SOON_AS_KNOWN, False, None, None, True, False),
        (K.AS_SOON_AS_KNOWN, True, None, None, False, False),
        (K.BY_AGREEMENT, False, None, None, False, False),
    ],
)
def test_due_dates(kind, done, on, phase, now, overdue) -> None:
    due = due_date(kind, STARTS, TODAY, done=done)
    assert (due.on, due.phase, due.now, due.overdue) == (on, phase, now, overdue)


def test_a_phase_without_a_start_gives_no_date() -> None:
    due = due_date(K.BEFORE_INTRODUCTION, {"erproben": None}, TODAY)
    assert due.on is None and due.phase == "erproben" and not due.overdue


def test_every_kind_has_a_rule() -> None:
    for kind in DeadlineKind:
        due_date(kind, STARTS, TODAY)


OUTLINE = build_outline(
    ProjectDescription(
        company="Hanse Präzisionstechnik GmbH",
        project="Sichtprüfung",
        systems=(
            System(name="Sichtprüfung", monitoring_possibilities=("Fehlerquote je Schicht",)),
        ),
    )
)


@pytest.mark.parametrize("section", sections_of(OUTLINE), ids=lambda s: s.number)
def test_every_section_survives_the_text_round_trip(section) -> None:
    again = parse_text(section_text(section))
    assert section_text(section.__class__(section.number, section.title, again)) == (
        section_text(section)
    )
    assert [type(b) for b in again] == [type(b) for b in section.blocks]


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("Eins", [Paragraph(("Eins",))]),
        ("Eins\nzwei\n\nDrei", [Paragraph(("Eins zwei",)), Paragraph(("Drei",))]),
        (
            "Vor\n- a\n- b\nNach",
            [Paragraph(("Vor",)), Bullets((("a",), ("b",))), Paragraph(("Nach",))],
        ),
        ("Ab [Datum] gilt", [Paragraph(("Ab ", Placeholder("Datum"), " gilt"))]),
        ("\n\n  \n", []),
    ],
)
def test_parse_text(text: str, blocks: list[object]) -> None:
    assert list(parse_text(text)) == blocks


def test_edits_replace_only_their_section_and_survive_regeneration() -> None:
    edited = apply_edits(OUTLINE, {"§ 3": "Keine Kontrolle. [Ausnahme]", "§ 99": "ignored"})
    third = next(s for s in edited.sections if s.number == "§ 3")
    assert plain(third.blocks[0].runs) == "Keine Kontrolle. [Ausnahme]"  # type: ignore[union-attr]
    assert Placeholder("Ausnahme") in edited.placeholders()
    assert [s for s in edited.sections if s.number != "§ 3"] == [
        s for s in OUTLINE.sections if s.number != "§ 3"
    ]
    assert edited.annexes == OUTLINE.annexes
