"""Which co-determination steps a project triggers, and why. Pure: no Django imports.

    outcome = assess(ProjectFacts(has_works_council=True, monitors_behaviour_or_performance=True))
    [s.id for s in outcome.steps]  # ["monitoring_consent", "employees_information", ...]
    outcome.steps[0].reasons        # the fact texts that made it apply

Without a works council the council's steps fall away by their conditions, the employees'
information and hearing (§§ 81, 82 BetrVG) remain, and `outcome.note` says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from zukunftszentrum.core.content_yaml import Text

from .catalogue import DEFAULT_PATH, Catalogue, StepRule, load
from .conditions import Atom, Compare, evaluate
from .facts import ProjectFacts

_OP_WORDS = {
    ">": ("mehr als", "more than"),
    ">=": ("mindestens", "at least"),
    "<": ("weniger als", "fewer than"),
    "<=": ("höchstens", "at most"),
    "==": ("genau", "exactly"),
}


@dataclass(frozen=True)
class Step:
    """A step that applies to the project, with the reasons (fact texts) that triggered it."""

    rule: StepRule
    reasons: tuple[Text, ...]

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass(frozen=True)
class Outcome:
    steps: tuple[Step, ...]
    has_works_council: bool
    note: Text | None  # said when there is no works council
    disclaimer: Text


@functools.cache
def default_catalogue(path: Path = DEFAULT_PATH) -> Catalogue:
    return load(path)


def assess(facts: ProjectFacts, catalogue: Catalogue | None = None) -> Outcome:
    catalogue = catalogue or default_catalogue()
    steps = []
    for rule in catalogue.steps:
        holds, atoms = evaluate(rule.condition, facts)
        if holds:
            steps.append(Step(rule, tuple(_reason(a, facts, catalogue) for a in atoms)))
    return Outcome(
        steps=tuple(steps),
        has_works_council=facts.has_works_council,
        note=None if facts.has_works_council else catalogue.no_works_council,
        disclaimer=catalogue.disclaimer,
    )


def steps_for(facts: ProjectFacts, catalogue: Catalogue | None = None) -> list[Step]:
    """The steps that apply, in the content's order, each with its reasons."""
    return list(assess(facts, catalogue).steps)


def _reason(atom: Atom, facts: ProjectFacts, catalogue: Catalogue) -> Text:
    fact = catalogue.facts[atom.fact]
    if isinstance(atom, Compare):
        de, en = _OP_WORDS[atom.op]
        value = facts.value(atom.fact)
        return Text(
            de=f"{fact.label.de}: {value} ({de} {atom.value})",
            en=f"{fact.label.en}: {value} ({en} {atom.value})",
        )
    text = fact.if_true if atom.expected else fact.if_false
    assert text is not None  # the lint requires both texts for true/false facts
    return text
