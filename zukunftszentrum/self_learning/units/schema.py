"""The shape of a self-learning unit once loaded and validated. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass

from zukunftszentrum.assessments.engine.schema import Text

QUESTION_TYPES = ("single", "multiple", "ordering", "scenario")
AUDIENCES = ("employee", "solo", "company_lead", "works_council")


@dataclass(frozen=True)
class Source:
    title: str
    url: str  # "" for a citation without a link (a court decision by court, date, file number)


@dataclass(frozen=True)
class SectionText:
    """One language of a section: its `## ` heading and the Markdown below it."""

    title: str
    body: str


@dataclass(frozen=True)
class Section:
    id: str
    de: SectionText
    en: SectionText

    def text(self, lang: str | None) -> SectionText:
        return self.en if lang and lang.lower().startswith("en") else self.de


@dataclass(frozen=True)
class Option:
    id: str
    text: Text
    feedback: Text
    correct: bool = False  # ordering questions: unused, the listed order is the right one


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # one of QUESTION_TYPES
    competence: str
    text: Text
    options: tuple[Option, ...]
    scenario: Text | None = None


@dataclass(frozen=True)
class Unit:
    id: str
    version: str
    minutes: int
    competences: dict[str, int]  # competence id -> the level a pass demonstrates
    title: Text
    summary: Text
    audience: tuple[str, ...]
    sources: tuple[Source, ...]
    law_as_of: Text | None  # the law versions the text was written against, when it cites any
    per_attempt: int
    pass_mark: float
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]

    def section(self, number: int) -> Section | None:
        """The section by its 1-based number."""
        return self.sections[number - 1] if 1 <= number <= len(self.sections) else None

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
