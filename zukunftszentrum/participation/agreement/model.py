"""The input and the structure of a works-agreement outline. Pure: no Django imports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class System:
    """An AI system the agreement covers; one annex each. Empty fields become placeholders."""

    name: str
    vendor: str = ""
    hosting: str = ""  # e.g. "Rechenzentrum des Anbieters in der EU", "eigener Server"
    purpose: str = ""
    monitoring_possibilities: tuple[str, ...] = ()  # what it could reveal about people
    data: tuple[str, ...] = ()  # the kinds of data it processes


@dataclass(frozen=True)
class ProjectDescription:
    company: str
    project: str
    systems: tuple[System, ...] = ()
    training_measures: tuple[str, ...] = ()
    evaluation_dates: tuple[datetime.date, ...] = ()


@dataclass(frozen=True)
class Placeholder:
    """Text the parties fill in; exports mark it (brackets and highlighting)."""

    label: str

    def __str__(self) -> str:
        return f"[{self.label}]"


Run = str | Placeholder
Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class Bullets:
    items: tuple[Runs, ...]


Block = Paragraph | Bullets


@dataclass(frozen=True)
class Section:
    """A numbered section ("§ 3") or an annex ("Anlage 1"), with its blocks in order."""

    number: str
    title: str
    blocks: tuple[Block, ...]
    annex: bool = False

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class Outline:
    title: str
    notice: str  # draft, not legal advice
    parties: tuple[Runs, ...]
    sections: tuple[Section, ...]
    annexes: tuple[Section, ...]
    signatures: tuple[Runs, ...] = field(default=())

    def placeholders(self) -> list[Placeholder]:
        """Every placeholder, in order (for a checklist of what the parties must fill in)."""
        found: list[Placeholder] = []
        runs: list[Runs] = [*self.parties, *self.signatures]
        for section in (*self.sections, *self.annexes):
            for block in section.blocks:
                runs.extend([block.runs] if isinstance(block, Paragraph) else block.items)
        for r in runs:
            found.extend(x for x in r if isinstance(x, Placeholder))
        return found


def plain(runs: Runs) -> str:
    """The runs as one string, placeholders in brackets."""
    return "".join(str(r) for r in runs)
