"""Agenda templates of participation workshops (content/participation/workshops.yaml).
Pure: no Django imports. A workshop copies a template's agenda as text lines, one item a line
("20 Min. – Was lief gut?"), and keeps its own copy from then on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zukunftszentrum.core import content_yaml
from zukunftszentrum.core.content_yaml import Node, Text

WORKSHOPS_FILE = (
    Path(__file__).resolve().parents[2] / "content" / "participation" / "workshops.yaml"
)


@dataclass(frozen=True)
class AgendaItem:
    minutes: int
    text: Text


@dataclass(frozen=True)
class Template:
    key: str
    title: Text
    purpose: Text
    agenda: tuple[AgendaItem, ...]

    def minutes(self) -> int:
        return sum(i.minutes for i in self.agenda)

    def agenda_text(self, lang: str) -> str:
        return "\n".join(f"{i.minutes} Min. – {i.text.get(lang)}" for i in self.agenda)


def parse_templates(data: Any, path: str = "workshops.yaml") -> tuple[Template, ...]:
    root = Node(data, path, "", 1)
    root.check_keys({"version", "templates"})
    templates: list[Template] = []
    for node in root.children("templates"):
        node.check_keys({"key", "title", "purpose", "agenda"})
        key = node.string("key")
        if any(t.key == key for t in templates):
            raise node.error(f"repeated key {key!r}", "key")
        agenda = []
        for item in node.children("agenda"):
            item.check_keys({"minutes", "de", "en"})
            minutes = item.get("minutes", int)
            if minutes is None or minutes <= 0:
                raise item.error("must be a positive number of minutes", "minutes")
            agenda.append(AgendaItem(minutes, Text(item.string("de"), item.string("en"))))
        templates.append(Template(key, node.text("title"), node.text("purpose"), tuple(agenda)))
    return tuple(templates)


@cache
def templates(path: Path = WORKSHOPS_FILE) -> tuple[Template, ...]:
    return parse_templates(content_yaml.read(path), str(path))


def template(key: str) -> Template:
    for t in templates():
        if t.key == key:
            return t
    raise KeyError(key)
