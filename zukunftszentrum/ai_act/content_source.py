"""Read this app's content files: YAML with the line of every key (core.content_yaml's reader),
and Markdown front matter. Pure: no Django imports.

Every error is a `ContentError` naming file, line and field, for example
`content/ai_act/factsheets/speech.md, line 4, field title.en: must not be empty`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from zukunftszentrum.core.content_yaml import ContentError, LList, LMap, parse

LANGUAGES = ("de", "en")
URL_RE = re.compile(r"^https://[^\s<>\"']+$")
EMPTY = "the file is empty"  # core's reader says so; a header must be a mapping

__all__ = ["LANGUAGES", "ContentError", "Header", "check_url", "parse_yaml", "split_front_matter"]


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
    """One YAML mapping (core's safe reader) with the line of every field; `first_line` is the
    file line the text starts on (a Markdown file's header starts on line 2)."""
    offset = first_line - 1
    try:
        data = parse(text, path)
    except ContentError as exc:
        if exc.message == EMPTY and exc.line == 1:
            raise ContentError(
                path, first_line, "", "expected a mapping of keys and values"
            ) from exc
        line = exc.line + offset if exc.line else None
        raise ContentError(path, line, exc.field, exc.message) from exc
    if not isinstance(data, dict):
        raise ContentError(path, first_line, "", "expected a mapping of keys and values")
    lines: dict[str, int] = {}
    _record_lines(data, "", offset, lines)
    return Header(path, data, lines, first_line)


def _record_lines(value: Any, prefix: str, offset: int, lines: dict[str, int]) -> None:
    """The line of every key and list entry, by its field path (`title.en`, `sources[1].url`)."""
    if isinstance(value, LMap):
        for key, item in value.items():
            field = f"{prefix}.{key}" if prefix else key
            lines[field] = value.key_lines[key] + offset
            _record_lines(item, field, offset, lines)
    elif isinstance(value, LList):
        for index, item in enumerate(value):
            field = f"{prefix}[{index}]"
            lines[field] = value.item_lines[index] + offset
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
