"""The co-determination content as validated data. Pure: no Django imports.

`load(path)` reads content/participation/codetermination.yaml: the laws cited (with version and
link), the project facts (labels for the form and the reasons), and the steps (sources,
condition, meaning, who acts, deadline rule, documents). Structural errors raise `ContentError`
naming file, line and field; then the lint (lint.py) checks the meaning across entries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from zukunftszentrum.core.content_yaml import ContentError, Node, Text, read

from .conditions import Condition, parse_condition

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "content/participation/codetermination.yaml"


class Actor(StrEnum):
    WORKS_COUNCIL = "works_council"
    EMPLOYER = "employer"
    EMPLOYEES = "employees"


class DeadlineKind(StrEnum):
    """Only what the law (or DOMAIN knowledge of it) supports; `timely` = "rechtzeitig"."""

    BEFORE_INTRODUCTION = "before_introduction"  # consent before the system is introduced
    BEFORE_USE = "before_use"  # before putting into service / applying
    EARLY_ENOUGH_TO_SHAPE = "early_enough_to_shape"  # § 90(2): the council's views can shape it
    AS_SOON_AS_KNOWN = "as_soon_as_known"  # § 81(4) S. 2: "sobald feststeht"
    BY_AGREEMENT = "by_agreement"  # § 80(3): "nach näherer Vereinbarung"
    TIMELY = "timely"  # no date in the law; the text says what it means here


@dataclass(frozen=True)
class Law:
    key: str
    unit: str  # "paragraph" (§) or "article" (Art.)
    title: Text
    short: Text
    version: Text
    as_of: datetime.date
    url: str


@dataclass(frozen=True)
class Source:
    law: Law
    section: int
    url: str
    subsection: str | None = None  # "2a" exists, so text
    sentence: int | None = None
    number: int | None = None
    line: int = 0

    def citation(self, lang: str | None = "de") -> str:
        """ "§ 87 Abs. 1 Nr. 6 BetrVG" / "Section 87(1) no. 6 BetrVG"; "Art. 26 Abs. 7 KI-VO"."""
        en = bool(lang and lang.lower().startswith("en"))
        short = self.law.short.get(lang)
        if en:
            head = (
                f"Art. {self.section}" if self.law.unit == "article" else f"Section {self.section}"
            )
            parts = [head + (f"({self.subsection})" if self.subsection else "")]
            parts += [f"sentence {self.sentence}"] if self.sentence else []
            parts += [f"no. {self.number}"] if self.number else []
        else:
            parts = [f"Art. {self.section}" if self.law.unit == "article" else f"§ {self.section}"]
            parts += [f"Abs. {self.subsection}"] if self.subsection else []
            parts += [f"S. {self.sentence}"] if self.sentence else []
            parts += [f"Nr. {self.number}"] if self.number else []
        return " ".join([*parts, short])


@dataclass(frozen=True)
class FactDef:
    id: str
    type: str  # "bool" or "int"
    label: Text
    if_true: Text | None
    if_false: Text | None
    help: Text | None
    line: int = 0


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    text: Text


@dataclass(frozen=True)
class StepRule:
    """One step as the content defines it."""

    id: str
    title: Text
    sources: tuple[Source, ...]
    condition: Condition
    meaning: Text
    actors: tuple[Actor, ...]
    deadline: Deadline
    documents: tuple[Text, ...]
    line: int = 0
    # The step is the council's consent (or co-determination), which only it records; an
    # information or consultation step has nothing for the council to consent to.
    council_decides: bool = False


@dataclass(frozen=True)
class Catalogue:
    path: str
    laws: dict[str, Law]
    facts: dict[str, FactDef]
    steps: tuple[StepRule, ...]
    no_works_council: Text
    disclaimer: Text


def load(path: str | Path = DEFAULT_PATH, *, lint: bool = True) -> Catalogue:
    """Read and validate the file; with `lint`, the first lint finding is raised as an error."""
    root = Node(read(path), str(path), "", 1)
    catalogue = parse_catalogue(root)
    if lint:
        from .lint import check  # lint imports this module

        findings = check(catalogue)
        if findings:
            first = findings[0]
            raise ContentError(catalogue.path, first.line, first.field, first.message)
    return catalogue


def parse_catalogue(root: Node) -> Catalogue:
    root.check_keys({"laws", "facts", "steps", "no_works_council", "disclaimer"})
    laws: dict[str, Law] = {}
    for node in root.children("laws"):
        law = _law(node)
        if law.key in laws:
            raise node.error(f"duplicate law key {law.key!r}", "key")
        laws[law.key] = law
    facts: dict[str, FactDef] = {}
    for node in root.children("facts"):
        fact = _fact(node)
        if fact.id in facts:
            raise node.error(f"duplicate fact {fact.id!r}", "id")
        facts[fact.id] = fact
    steps: list[StepRule] = []
    for node in root.children("steps"):
        step = _step(node, laws)
        if any(s.id == step.id for s in steps):
            raise node.error(f"duplicate step {step.id!r}", "id")
        steps.append(step)
    return Catalogue(
        path=root.path,
        laws=laws,
        facts=facts,
        steps=tuple(steps),
        no_works_council=root.text("no_works_council"),
        disclaimer=root.text("disclaimer"),
    )


def _law(node: Node) -> Law:
    node.check_keys({"key", "unit", "title", "short", "version", "as_of", "url"})
    unit = node.string("unit")
    if unit not in {"paragraph", "article"}:
        raise node.error("unit must be 'paragraph' or 'article'", "unit")
    return Law(
        key=node.string("key"),
        unit=unit,
        title=node.text("title"),
        short=node.text("short"),
        version=node.text("version"),
        as_of=node.date("as_of"),
        url=node.string("url"),
    )


def _fact(node: Node) -> FactDef:
    node.check_keys({"id", "type", "label"}, {"if_true", "if_false", "help"})
    return FactDef(
        id=node.string("id"),
        type=node.string("type"),
        label=node.text("label"),
        if_true=node.text("if_true") if node.has("if_true") else None,
        if_false=node.text("if_false") if node.has("if_false") else None,
        help=node.text("help") if node.has("help") else None,
        line=node.line,
    )


def _step(node: Node, laws: dict[str, Law]) -> StepRule:
    node.check_keys(
        {"id", "title", "sources", "condition", "meaning", "actors", "deadline", "documents"},
        optional={"council_decides"},
    )
    actors: list[Actor] = []
    for value, field, line in node.raw_children("actors"):
        if value not in set(Actor):
            raise ContentError(node.path, line, field, f"unknown actor {value!r}")
        actors.append(Actor(value))
    if not actors:
        raise node.error("must be a non-empty list", "actors")
    deadline = node.child("deadline")
    deadline.check_keys({"kind", "text"})
    kind = deadline.string("kind")
    if kind not in set(DeadlineKind):
        allowed = ", ".join(DeadlineKind)
        raise deadline.error(f"unknown deadline kind {kind!r} (allowed: {allowed})", "kind")
    return StepRule(
        id=node.string("id"),
        title=node.text("title"),
        sources=tuple(_source(s, laws) for s in node.children("sources", allow_empty=True)),
        condition=parse_condition(
            node.data["condition"],
            node.path,
            node.sub_field("condition"),
            node.line_of("condition"),
        ),
        meaning=node.text("meaning"),
        actors=tuple(actors),
        deadline=Deadline(DeadlineKind(kind), deadline.text("text")),
        documents=tuple(_text(d) for d in node.children("documents", allow_empty=True)),
        line=node.line,
        council_decides=bool(node.get("council_decides", bool, False)),
    )


def _source(node: Node, laws: dict[str, Law]) -> Source:
    node.check_keys({"law", "section", "url"}, {"subsection", "sentence", "number"})
    key = node.string("law")
    if key not in laws:
        raise node.error(f"unknown law {key!r} (defined: {', '.join(laws)})", "law")
    subsection = node.get("subsection", (int, str))
    return Source(
        law=laws[key],
        section=node.get("section", int),
        url=node.string("url"),
        subsection=str(subsection) if subsection is not None else None,
        sentence=node.get("sentence", int),
        number=node.get("number", int),
        line=node.line,
    )


def _text(node: Node) -> Text:
    node.check_keys({"de", "en"})
    return Text(de=node.string("de"), en=node.string("en"))
