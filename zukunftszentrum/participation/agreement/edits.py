"""Editing the works-agreement outline section by section. Pure: no Django imports.

A section is edited as plain text: one paragraph per block of lines, a line starting with
"- " is a bullet, and "[...]" is a placeholder the parties still fill in (so the exports keep
marking it). `apply_edits` replaces the edited sections of a freshly generated outline, so
regenerating the outline from the project keeps every edit; a section's edit is dropped only
when asked (or when the section no longer exists, e.g. the annex of a system no longer tied).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from .model import Block, Bullets, Outline, Paragraph, Placeholder, Runs, Section, plain

_PLACEHOLDER = re.compile(r"\[([^\[\]\n]+)\]")


def section_text(section: Section) -> str:
    """The section's blocks as editable text."""
    chunks = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            chunks.append(plain(block.runs))
        else:
            chunks.append("\n".join(f"- {plain(item)}" for item in block.items))
    return "\n\n".join(chunks)


def runs_of(line: str) -> Runs:
    """A line of text with its "[...]" placeholders as `Placeholder` runs."""
    runs: list[str | Placeholder] = []
    at = 0
    for match in _PLACEHOLDER.finditer(line):
        if match.start() > at:
            runs.append(line[at : match.start()])
        runs.append(Placeholder(match.group(1)))
        at = match.end()
    if at < len(line):
        runs.append(line[at:])
    return tuple(runs)


def parse_text(text: str) -> tuple[Block, ...]:
    """Edited text back into blocks: blank lines separate paragraphs, "- " lines make a list."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    bullets: list[Runs] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(runs_of(" ".join(paragraph))))
            paragraph.clear()
        if bullets:
            blocks.append(Bullets(tuple(bullets)))
            bullets.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            if paragraph:
                flush()
            bullets.append(runs_of(line[2:].strip()))
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return tuple(blocks)


def apply_edits(outline: Outline, edits: Mapping[str, str]) -> Outline:
    """The outline with each edited section (by number: "§ 3", "Anlage 1") replaced."""

    def edited(section: Section) -> Section:
        text = edits.get(section.number)
        if text is None:
            return section
        return dataclasses.replace(section, blocks=parse_text(text))

    return dataclasses.replace(
        outline,
        sections=tuple(edited(s) for s in outline.sections),
        annexes=tuple(edited(s) for s in outline.annexes),
    )


def sections_of(outline: Outline) -> tuple[Section, ...]:
    return (*outline.sections, *outline.annexes)
