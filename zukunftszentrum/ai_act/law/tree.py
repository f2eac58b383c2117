"""The decision tree, from `content/ai_act/tree.yaml`. Pure: no Django.

Each question has a plain-language text and help in German and English, definitions and sources;
each answer sets facts (`facts.FACT_SCHEMA`, checked on load) and names the next question, or
`next: null` to end. `Tree.walk(answers)` follows the stored answers from the start question and
returns the facts so far, the next open question and the path taken. Answers to questions that are
no longer on the path (because an earlier answer changed) are ignored; an answer value the question
does not offer counts as unanswered, so the question is asked again.

Structural problems the graph can have (unreachable questions, answers without a next step, facts
set nowhere or never read) are found by `lint.lint_tree`, not here, so broken fixtures load.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zukunftszentrum.core.content_yaml import ContentError, Node, Text, read

from .facts import FactError, Facts, check_value, parse_facts
from .versions import Source, load_sources

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Definition:
    term: Text
    text: Text


@dataclass(frozen=True)
class Answer:
    value: str
    label: Text
    sets: Mapping[str, Any]
    next: str | None  # the next question's id; None ends the walk
    has_next: bool  # False when the file gave no `next` at all (a lint finding)
    line: int = 0


@dataclass(frozen=True)
class Question:
    id: str
    text: Text
    help: Text
    definitions: tuple[Definition, ...]
    sources: tuple[Source, ...]
    answers: tuple[Answer, ...]
    line: int = 0

    def answer(self, value: str | None) -> Answer | None:
        return next((a for a in self.answers if a.value == value), None)


@dataclass(frozen=True)
class Step:
    question: Question
    answer: Answer

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.question.sources


@dataclass(frozen=True)
class Walk:
    facts: Facts
    next: Question | None  # None when the walk is complete
    path: tuple[Step, ...]

    @property
    def done(self) -> bool:
        return self.next is None

    @property
    def answers(self) -> dict[str, str]:
        """The answers on the path only (what is worth storing)."""
        return {s.question.id: s.answer.value for s in self.path}


@dataclass(frozen=True)
class Tree:
    version: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    start: str
    questions: tuple[Question, ...]
    path: str = ""

    def valid_on(self, day: datetime.date) -> bool:
        """Whether this tree version applies on `day` (from valid_from, before valid_until)."""
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def walk(self, answers: Mapping[str, str]) -> Walk:
        by_id = {q.id: q for q in self.questions}
        facts: dict[str, Any] = {}
        path: list[Step] = []
        current = by_id.get(self.start)
        while current is not None and current.id not in {s.question.id for s in path}:
            chosen = current.answer(answers.get(current.id))
            if chosen is None:
                return Walk(parse_facts(facts), current, tuple(path))
            facts.update(chosen.sets)
            path.append(Step(current, chosen))
            current = by_id.get(chosen.next) if chosen.next else None
        return Walk(parse_facts(facts), None, tuple(path))


def _answer(n: Node) -> Answer:
    n.check_keys({"value", "label"}, {"sets", "next"})
    value = n.data["value"]
    if isinstance(value, bool) or not isinstance(value, str) or not ID_RE.match(value):
        raise n.error(f"{value!r} must be a lower-case id (quote yes/no)", "value")
    sets: dict[str, Any] = {}
    if n.has("sets"):
        sub = n.child("sets")
        for name, fact_value in sub.data.items():
            try:
                sets[name] = check_value(name, fact_value)
            except FactError as exc:
                raise sub.error(str(exc), name) from exc
    nxt = n.data.get("next")
    if nxt is not None and not (isinstance(nxt, str) and ID_RE.match(nxt)):
        raise n.error(f"{nxt!r} is not a question id (or null to end)", "next")
    return Answer(value, n.text("label"), sets, nxt, "next" in n.data, n.line)


def _question(n: Node) -> Question:
    n.check_keys({"id", "text", "help", "sources", "answers"}, {"definitions"})
    qid = n.string("id")
    if not ID_RE.match(qid):
        raise n.error(f"{qid!r} must be a lower-case id", "id")
    definitions = []
    for d in n.children("definitions", allow_empty=True):
        d.check_keys({"term", "text"})
        definitions.append(Definition(d.text("term"), d.text("text")))
    answers = [_answer(a) for a in n.children("answers")]
    values = [a.value for a in answers]
    if len(set(values)) != len(values):
        raise n.error("answer values must be unique", "answers")
    return Question(
        qid,
        n.text("text"),
        n.text("help"),
        tuple(definitions),
        load_sources(n),
        tuple(answers),
        n.line,
    )


def load_tree(path: Path) -> Tree:
    root = Node(read(path), str(path), "", 1)
    root.check_keys({"version", "valid_from", "start", "questions"}, {"valid_until"})
    version = str(root.data["version"])
    questions = [_question(q) for q in root.children("questions")]
    seen: set[str] = set()
    for node, q in zip(root.children("questions"), questions, strict=True):
        if q.id in seen:
            raise node.error(f"duplicate question id {q.id!r}", "id")
        seen.add(q.id)
    start = root.string("start")
    if start not in seen:
        raise root.error(f"start question {start!r} does not exist", "start")
    valid_until = root.date("valid_until") if root.has("valid_until") else None
    valid_from = root.date("valid_from")
    if valid_until and valid_until <= valid_from:
        raise ContentError(
            str(path), root.line_of("valid_until"), "valid_until", "must be after valid_from"
        )
    return Tree(version, valid_from, valid_until, start, tuple(questions), str(path))
