"""Read content files (YAML) safely, keeping the line of every mapping and key. Pure: no Django
imports. The AI Act's law data and the co-determination steps read their files with it; `Node`
wraps a mapping with its field path, so every error names file, line and field, e.g.
`content/participation/codetermination.yaml, line 40, field steps[2].source.url: must not be empty`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode


class ContentError(Exception):
    """Broken content: names the file, the line and the field path."""

    def __init__(self, path: str, line: int | None, field: str, message: str) -> None:
        self.path, self.line, self.field, self.message = str(path), line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        line = f", line {self.line}" if self.line else ""
        field = f", field {self.field}" if self.field else ""
        return f"{self.path}{line}{field}: {self.message}"


@dataclass(frozen=True)
class Text:
    """A text in German and English; German is the fallback."""

    de: str
    en: str

    def get(self, lang: str | None = "de") -> str:
        return self.en if lang and lang.lower().startswith("en") else self.de

    def __str__(self) -> str:
        return self.de


class LMap(dict[str, Any]):
    line: int = 0
    key_lines: dict[str, int]


class LList(list[Any]):
    line: int = 0
    item_lines: list[int]


# libyaml's parser when PyYAML was built with it: the same safe loading and line marks, about
# ten times faster than the pure-Python one. Every process reads the content files at start
# (the apps' ready()), so this is most of the start-up time of a web or test process.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, path: str) -> Any:
    """Parse one YAML document with the safe loader, recording line numbers."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError(path, 1, "", "the file is empty")
        return _convert(loader, node, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError(path, line, "", f"invalid YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise ContentError(path, None, "", f"invalid YAML: {exc}") from exc
    finally:
        loader.dispose()


def _convert(loader: Any, node: Any, path: str) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        result = LMap()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node, path)
            at = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise ContentError(path, at, "", f"key {key!r} is not text")
            if key in result:
                raise ContentError(path, at, key, "duplicate key")
            result[key] = _convert(loader, value_node, path)
            result.key_lines[key] = at
        return result
    if isinstance(node, SequenceNode):
        seq = LList(_convert(loader, n, path) for n in node.value)
        seq.line, seq.item_lines = line, [n.start_mark.line + 1 for n in node.value]
        return seq
    assert isinstance(node, ScalarNode)
    return loader.construct_object(node, deep=True)


_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a mapping",
}


def kind(value: Any) -> str:
    """How a value is named in an error message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


class Node:
    """A mapping in a content file, with its field path, for validation with good errors."""

    def __init__(self, data: Any, path: str, field: str, line: int) -> None:
        self.path, self.field = path, field
        self.line = getattr(data, "line", line)
        if not isinstance(data, dict):
            raise self.error(f"expected a mapping, got {kind(data)}")
        self.data: dict[str, Any] = data

    def sub_field(self, key: str) -> str:
        return f"{self.field}.{key}" if self.field else key

    def line_of(self, key: str) -> int:
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def error(self, message: str, key: str | None = None, line: int | None = None) -> ContentError:
        field = self.sub_field(key) if key else self.field
        at = line or (self.line_of(key) if key else self.line)
        return ContentError(self.path, at, field, message)

    def check_keys(
        self, required: set[str], optional: frozenset[str] | set[str] = frozenset()
    ) -> None:
        for key in self.data:
            if key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                raise self.error(f"unknown key {key!r} (allowed: {allowed})", key)
        for key in sorted(required):
            if key not in self.data:
                raise self.error(f"required key {key!r} is missing", key)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def get(self, key: str, types: type | tuple[type, ...], default: Any = None) -> Any:
        """The value of `key` checked against `types` (bool never counts as a number)."""
        if not self.has(key):
            return default
        value = self.data[key]
        wanted = types if isinstance(types, tuple) else (types,)
        if (isinstance(value, bool) and bool not in wanted) or not isinstance(value, wanted):
            names = " or ".join(dict.fromkeys(_TYPE_NAMES.get(t, t.__name__) for t in wanted))
            # an unquoted yes/no is read as true/false by YAML, a common slip in text fields
            hint = ' (put it in quotes, e.g. "yes")' if isinstance(value, bool) else ""
            raise self.error(f"expected {names}, got {kind(value)}{hint}", key)
        return value

    def number(self, key: str, default: float | None = None) -> Any:
        return self.get(key, (int, float), default)

    def scalars(self, key: str, types: type | tuple[type, ...]) -> list[Any]:
        """A list of scalars of the given types (bool never counts as a number)."""
        wanted = types if isinstance(types, tuple) else (types,)
        for value, field, line in self.raw_children(key):
            if isinstance(value, bool) or not isinstance(value, wanted):
                raise ContentError(
                    self.path, line, field, f"entry {value!r} has the wrong type ({kind(value)})"
                )
        return list(self.get(key, list, []))

    def string(self, key: str, default: str | None = None) -> str:
        value = self.get(key, str, default)
        if value is None or not str(value).strip():
            raise self.error("must not be empty", key)
        return str(value).strip()

    def date(self, key: str) -> datetime.date:
        value = self.data.get(key)
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise self.error(f"expected a date like 2026-08-02, got {kind(value)}", key)
        return value

    def text(self, key: str) -> Text:
        """A `{de: ..., en: ...}` text; both languages required and non-empty."""
        if not self.has(key):
            raise self.error(f"required key {key!r} is missing", key)
        sub = self.child(key)
        sub.check_keys({"de", "en"})
        return Text(de=sub.string("de"), en=sub.string("en"))

    def optional_text(self, key: str) -> Text | None:
        return self.text(key) if self.has(key) else None

    def child(self, key: str) -> Node:
        return Node(self.data[key], self.path, self.sub_field(key), self.line_of(key))

    def children(self, key: str, allow_empty: bool = False) -> list[Node]:
        seq = self.get(key, list, [])
        if not seq and not allow_empty:
            raise self.error("must be a non-empty list", key)
        lines = getattr(seq, "item_lines", [self.line_of(key)] * len(seq))
        field = self.sub_field(key)
        return [Node(v, self.path, f"{field}[{i}]", lines[i]) for i, v in enumerate(seq)]

    def raw_children(self, key: str) -> list[tuple[Any, str, int]]:
        """The items of a list with their field paths and lines, without requiring mappings."""
        seq = self.get(key, list, [])
        lines = getattr(seq, "item_lines", [self.line_of(key)] * len(seq))
        field = self.sub_field(key)
        return [(v, f"{field}[{i}]", lines[i]) for i, v in enumerate(seq)]


def read(path: Any) -> Any:
    """Parse a content file; a missing file is a ContentError too."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(str(path), None, "", f"cannot read the file: {exc.strerror}") from exc
    return parse(text, str(path))
