"""Checks across the co-determination content that a schema cannot express. Pure: no Django.

Findings, each naming the step or fact (and the file line) it concerns:
- every step cites at least one source, each linked to gesetze-im-internet.de or EUR-Lex;
- every fact a condition reads is defined, with the type the test needs (true/false facts as
  names, number facts in comparisons);
- the facts defined are exactly the project's facts (`ProjectFacts`), with the same types;
- true/false facts have the "if_true" and "if_false" texts the reasons use;
- a defined fact that no condition reads is reported too (a form question that decides nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from .catalogue import Catalogue
from .conditions import Compare, Is, atoms
from .facts import FACT_TYPES, TYPE_NAMES

SOURCE_HOSTS = {"www.gesetze-im-internet.de", "eur-lex.europa.eu"}


@dataclass(frozen=True)
class Finding:
    kind: str
    subject: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        at = f", line {self.line}" if self.line else ""
        return f"{self.kind} {self.subject}{at}: {self.message}"


def check(catalogue: Catalogue) -> list[Finding]:
    return [*_facts(catalogue), *_steps(catalogue)]


def _facts(catalogue: Catalogue) -> list[Finding]:
    found: list[Finding] = []
    for fid, fact in catalogue.facts.items():
        wanted = FACT_TYPES.get(fid)
        if wanted is None:
            found.append(Finding("fact", fid, fact.line, "facts", "not a project fact"))
        elif TYPE_NAMES.get(fact.type) is not wanted:
            found.append(
                Finding("fact", fid, fact.line, "facts", f"type must be {wanted.__name__}")
            )
        if fact.type == "bool" and (fact.if_true is None or fact.if_false is None):
            found.append(
                Finding("fact", fid, fact.line, "facts", "needs 'if_true' and 'if_false' texts")
            )
    for fid in FACT_TYPES:
        if fid not in catalogue.facts:
            found.append(Finding("fact", fid, 0, "facts", "project fact is not defined"))
    read = {a.fact for step in catalogue.steps for a in atoms(step.condition)}
    for fid, fact in catalogue.facts.items():
        if fid not in read:
            found.append(Finding("fact", fid, fact.line, "facts", "no condition reads it"))
    return found


def _steps(catalogue: Catalogue) -> list[Finding]:
    found: list[Finding] = []
    for step in catalogue.steps:
        if not step.sources:
            found.append(Finding("step", step.id, step.line, "sources", "cites no source"))
        for source in step.sources:
            if urlparse(source.url).hostname not in SOURCE_HOSTS:
                found.append(
                    Finding(
                        "step",
                        step.id,
                        source.line,
                        "sources.url",
                        f"link to {' or '.join(sorted(SOURCE_HOSTS))}, got {source.url!r}",
                    )
                )
        for atom in atoms(step.condition):
            fact = catalogue.facts.get(atom.fact)
            if fact is None:
                found.append(
                    Finding("step", step.id, atom.line, "condition", f"unknown fact {atom.fact!r}")
                )
            elif isinstance(atom, Is) and fact.type != "bool":
                found.append(
                    Finding(
                        "step", step.id, atom.line, "condition", f"{atom.fact} is not true/false"
                    )
                )
            elif isinstance(atom, Compare) and fact.type != "int":
                found.append(
                    Finding("step", step.id, atom.line, "condition", f"{atom.fact} is no number")
                )
    return found
