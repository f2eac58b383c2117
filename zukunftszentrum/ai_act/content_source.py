"""Read this app's content files: YAML with the line of every key, and Markdown front matter.
Pure: no Django imports.

Every error is a `ContentError` naming file, line and field, for example
`content/ai_act/factsheets/speech.md, line 4, field title.en: must not be empty`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

LANGUAGES = ("de", "en")
URL_RE = re.compile(r"^https://[^\s<>\"']+$")


class ContentError(Exception):
    """Broken content: names the file, the line and the field."""

    def __init__(self, path: str, line: int | None, field: str, message: str) -> None:
        self.path, self.line, self.field, self.message = str(path), line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        line = f", line {self.line}" if self.line else ""
        field = f", field {self.field}" if self.field else ""
        return f"{self.path}{line}{field}: {self.message}"


@dataclass(frozen=True)
class Header:
    """A parsed YAML mapping with the file line of every field path (`title.en`)."""

    path: str
    data: dict[str, Any]
    lines: dict[str, int]
    line: int

    def error(self, key: str, message: str) -> ContentError:
        """An error at `key` (a field path), on the line of the nearest field that exists."""
        field = key
        while field not in self.lines and re.search(r"[.\[]", field):
            field = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", field)
        return ContentError(self.path, self.lines.get(field, self.line), key, message)

    def check_keys(
        self, required: set[str], optional: frozenset[str] | set[str] = frozenset()
    ) -> None:
        for key in self.data:
            if key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                raise self.error(key, f"unknown key (allowed: {allowed})")
        for key in sorted(required):
            if key not in self.data or self.data[key] in (None, ""):
                raise ContentError(self.path, self.line, key, "required key is missing")

    def string(self, key: str, pattern: re.Pattern[str] | None = None) -> str:
        value = self.data.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "must be non-empty text")
        if pattern is not None and not pattern.match(value):
            raise self.error(key, f"{value!r} does not match {pattern.pattern}")
        return value.strip()

    def date(self, key: str) -> datetime.date:
        value = self.data.get(key)
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise self.error(key, "must be a date written as YYYY-MM-DD")
        return value

    def texts(self, key: str) -> dict[str, str]:
        """A `{de: ..., en: ...}` text; both languages required and non-empty."""
        value = self.data.get(key)
        if not isinstance(value, dict):
            raise self.error(key, "must be a mapping with de and en")
        for extra in value:
            if extra not in LANGUAGES:
                raise self.error(f"{key}.{extra}", "unknown language (allowed: de, en)")
        result = {}
        for lang in LANGUAGES:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise self.error(f"{key}.{lang}", "must not be empty")
            result[lang] = text.strip()
        return result


def parse_yaml(text: str, path: str, first_line: int = 1) -> Header:
    """One YAML mapping (safe loader) with the line of every field."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        raise ContentError(path, line, "", f"invalid YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise ContentError(path, None, "", f"invalid YAML: {exc}") from exc
    if not isinstance(node, MappingNode) or not isinstance(data, dict):
        raise ContentError(path, first_line, "", "expected a mapping of keys and values")
    lines: dict[str, int] = {}
    _record_lines(node, "", offset, lines)
    return Header(path, data, lines, first_line)


def _record_lines(node: Node, prefix: str, offset: int, lines: dict[str, int]) -> None:
    """The line of every key and list entry, by its field path (`title.en`, `sources[1].url`)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            field = f"{prefix}.{key.value}" if prefix else str(key.value)
            lines[field] = key.start_mark.line + 1 + offset
            _record_lines(value, field, offset, lines)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            field = f"{prefix}[{index}]"
            lines[field] = item.start_mark.line + 1 + offset
            _record_lines(item, field, offset, lines)


def split_front_matter(text: str, path: str) -> tuple[Header, str, int]:
    """`---` YAML `---` then the body: (header, body, the file line the body starts on)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "", "the file must start with a --- line and a YAML header")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            header = parse_yaml("\n".join(lines[1:index]), path, first_line=2)
            return header, "\n".join(lines[index + 1 :]), index + 2
    raise ContentError(path, 1, "", "the YAML header is not closed by a --- line")


def check_url(header: Header, field: str, value: object) -> str:
    if not isinstance(value, str) or not URL_RE.match(value):
        raise header.error(field, "must be an https:// address")
    return value
