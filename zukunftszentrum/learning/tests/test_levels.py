"""Every level rule of docs/methods/learning-levels.md, one table row each (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from zukunftszentrum.learning.competence.levels import Fact, current_levels

T0 = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
KNOWN = ["prompting", "checking_outputs"]


def f(seq: int, kind: str, level: int, day: int, **extra: object) -> Fact:
    values: dict[str, object] = {
        "competence": "prompting",
        "framework_version": "2027.1",
        "corrects": None,
    } | extra
    return Fact(
        seq=seq,
        kind=kind,
        level=level,
        recorded_at=T0 + dt.timedelta(days=day),
        competence=str(values["competence"]),
        framework_version=str(values["framework_version"]),
        corrects=values["corrects"],  # type: ignore[arg-type]
    )


# rule, facts, expected (measured, self_rating, level, basis)
CASES = [
    ("none: no evidence is level 0", [], (None, None, 0, "none")),
    (
        "R1 apart: both are kept",
        [f(1, "self_rating", 3, 0), f(2, "quiz", 2, 1)],
        (2, 3, 2, "measured"),
    ),
    (
        "R2 measured beats a higher self-rating",
        [f(1, "attended", 1, 0), f(2, "self_rating", 4, 5)],
        (1, 4, 1, "measured"),
    ),
    (
        "R2 measured beats a lower self-rating",
        [f(1, "certificate", 3, 0), f(2, "self_rating", 1, 5)],
        (3, 1, 3, "measured"),
    ),
    ("R2 self-rating alone counts", [f(1, "self_rating", 2, 0)], (None, 2, 2, "self")),
    (
        "R3 the highest attested level counts, however old",
        [f(1, "unit_passed", 3, 0), f(2, "quiz", 1, 400)],
        (3, None, 3, "measured"),
    ),
    (
        "R4 a newer trainer assessment overrides older attested evidence",
        [f(1, "certificate", 3, 0), f(2, "trainer_assessment", 2, 10)],
        (2, None, 2, "measured"),
    ),
    (
        "R4 attested evidence after the trainer assessment raises again",
        [f(1, "trainer_assessment", 2, 0), f(2, "attended", 3, 10)],
        (3, None, 3, "measured"),
    ),
    (
        "R4 the newest of two trainer assessments counts",
        [f(1, "trainer_assessment", 4, 0), f(2, "trainer_assessment", 1, 10)],
        (1, None, 1, "measured"),
    ),
    (
        "R4 the course's own assessment, right after its attendance, sets the level",
        [f(1, "attended", 3, 0), f(2, "trainer_assessment", 2, 0)],
        (2, None, 2, "measured"),
    ),
    (
        "R4 an assessment above the attended level raises it",
        [f(1, "attended", 2, 0), f(2, "trainer_assessment", 4, 0)],
        (4, None, 4, "measured"),
    ),
    (
        "R4 an assessment does not erase a later certificate",
        [f(1, "trainer_assessment", 1, 0), f(2, "certificate", 3, 5), f(3, "attended", 2, 6)],
        (3, None, 3, "measured"),
    ),
    (
        "R2 a trainer's assessment beats a higher self-rating",
        [f(1, "self_rating", 4, 0), f(2, "trainer_assessment", 2, 1)],
        (2, 4, 2, "measured"),
    ),
    (
        "R5 the newest self-rating wins, even when lower",
        [f(1, "self_rating", 3, 0), f(2, "self_rating", 1, 30)],
        (None, 1, 1, "self"),
    ),
    (
        "R5 ties in time go to the later recording",
        [f(2, "self_rating", 1, 0), f(1, "self_rating", 4, 0)],
        (None, 1, 1, "self"),
    ),
    (
        "R6 a corrected entry is ignored, its correction counts",
        [f(1, "attended", 3, 0), f(2, "attended", 1, 1, corrects=1)],
        (1, None, 1, "measured"),
    ),
    (
        "R7 entries of an older framework version count when the competence exists",
        [f(1, "quiz", 2, 0, framework_version="2026.1")],
        (2, None, 2, "measured"),
    ),
    (
        "R7 entries of a competence the framework no longer has count nowhere",
        [f(1, "quiz", 4, 0, competence="old_competence")],
        (None, None, 0, "none"),
    ),
    (
        "other competences do not mix in",
        [f(1, "quiz", 4, 0, competence="checking_outputs")],
        (None, None, 0, "none"),
    ),
]


@pytest.mark.parametrize(("rule", "facts", "expected"), CASES, ids=[c[0] for c in CASES])
def test_level_rules(rule: str, facts: list[Fact], expected: tuple[object, ...]) -> None:
    state = current_levels(facts, KNOWN)["prompting"]
    assert (state.measured, state.self_rating, state.level, state.basis) == expected


def test_every_competence_of_the_framework_gets_a_state_in_its_order() -> None:
    assert list(current_levels([], KNOWN)) == KNOWN
