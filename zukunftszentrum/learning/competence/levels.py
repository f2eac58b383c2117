"""A person's current level per competence, from their evidence. Pure: no Django.

The rules (documented with examples in docs/methods/learning-levels.md; each has a row in the
table of tests/test_levels.py):

R1 Apart: self-ratings and measured evidence (quiz, unit passed, attended, trainer assessment,
   certificate) are evaluated separately and both are kept; the page shows them side by side.
R2 Measured beats self-rated: the current level is the measured level when there is any measured
   evidence, even when it is lower than the self-rating; only without it does the self-rating
   count, and the result says so (`basis`).
R3 Attested evidence (quiz, unit passed, attended, certificate) says "reached at least this
   level": the highest one counts, however old, because such evidence is not taken back.
R4 A trainer's assessment is a judgement of the person as a whole: the newest one sets the
   measured level, and attested evidence counts only if recorded after it.
R5 Newest self-rating wins: a person's later view of themselves replaces the earlier one.
R6 Corrections: an entry that another entry corrects is ignored; the correction counts instead.
R7 Framework versions: an entry counts under the current framework if its competence still
   exists there (ids are never renamed); an entry for a competence the current version no longer
   has is listed but counts nowhere.
Ties in time are broken by the order of recording (`seq`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

SELF_RATING = "self_rating"
TRAINER_ASSESSMENT = "trainer_assessment"
ATTESTED = frozenset({"quiz", "unit_passed", "attended", "certificate"})
MEASURED = ATTESTED | {TRAINER_ASSESSMENT}
KINDS = MEASURED | {SELF_RATING}


@dataclass(frozen=True)
class Fact:
    """One evidence entry as the rules see it."""

    seq: int  # recording order (the entry's id)
    competence: str
    kind: str  # one of KINDS
    level: int  # 0-4
    recorded_at: dt.datetime
    framework_version: str
    corrects: int | None = None  # seq of the entry this one corrects


@dataclass(frozen=True)
class CompetenceState:
    competence: str
    measured: int | None  # None: no measured evidence
    self_rating: int | None  # None: never rated
    measured_from: Fact | None
    self_from: Fact | None

    @property
    def level(self) -> int:
        """The current level (R2): measured, else self-rated, else 0."""
        if self.measured is not None:
            return self.measured
        return self.self_rating if self.self_rating is not None else 0

    @property
    def basis(self) -> str:
        """Where `level` comes from: "measured", "self" or "none"."""
        if self.measured is not None:
            return "measured"
        return "self" if self.self_rating is not None else "none"


def _key(fact: Fact) -> tuple[dt.datetime, int]:
    return (fact.recorded_at, fact.seq)


def effective(facts: Iterable[Fact], known: Iterable[str]) -> list[Fact]:
    """The entries that count (R6, R7): not corrected, and of a competence in `known`."""
    facts = list(facts)
    corrected = {f.corrects for f in facts if f.corrects is not None}
    known_ids = set(known)
    return [
        f for f in facts if f.seq not in corrected and f.competence in known_ids and f.kind in KINDS
    ]


def _measured(facts: list[Fact]) -> Fact | None:
    """R3 and R4: the entry that sets the measured level, or None."""
    assessments = [f for f in facts if f.kind == TRAINER_ASSESSMENT]
    latest = max(assessments, key=_key) if assessments else None
    attested = [
        f for f in facts if f.kind in ATTESTED and (latest is None or _key(f) > _key(latest))
    ]
    candidates = ([latest] if latest else []) + attested
    if not candidates:
        return None
    # The highest level; among equals the newest (it is the one a person would cite).
    return max(candidates, key=lambda f: (f.level, _key(f)))


def state_of(competence: str, facts: Iterable[Fact]) -> CompetenceState:
    """The state of one competence from entries that already passed `effective`."""
    mine = [f for f in facts if f.competence == competence]
    measured = _measured(mine)
    ratings = [f for f in mine if f.kind == SELF_RATING]
    rating = max(ratings, key=_key) if ratings else None  # R5
    return CompetenceState(
        competence=competence,
        measured=measured.level if measured else None,
        self_rating=rating.level if rating else None,
        measured_from=measured,
        self_from=rating,
    )


def current_levels(facts: Iterable[Fact], competences: Iterable[str]) -> dict[str, CompetenceState]:
    """Every competence of the current framework (in its order) with its state."""
    ids = list(competences)
    counted = effective(facts, ids)
    return {c: state_of(c, counted) for c in ids}
