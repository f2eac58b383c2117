"""Validate the instruments' YAML with errors that name file, line and field. Pure: no Django.

`parse(text, path)` (core.content_yaml) returns plain dicts/lists (subclasses that remember lines)
and scalars; a `Node` wraps a mapping with its field path so validation errors name file, line
and field.
"""

from __future__ import annotations

from typing import Any

from zukunftszentrum.core.content_yaml import ContentError, LList, LMap, parse

from .schema import Text

# The reader itself (safe loader, lines of every key, the error format) is core's, shared with
# the AI Act's law data and the co-determination steps; this module keeps the instruments'
# validation helpers, whose messages the instruments' authors know.
__all__ = ["ContentError", "LList", "LMap", "Node", "parse"]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
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
            raise self.error(f"expected a mapping, got {_kind(data)}")
        self.data: LMap = data  # type: ignore[assignment]

    def sub_field(self, key: str) -> str:
        return f"{self.field}.{key}" if self.field else key

    def line_of(self, key: str) -> int:
        return (
            self.data.key_lines.get(key, self.line)
            if hasattr(self.data, "key_lines")
            else self.line
        )

    def error(self, message: str, key: str | None = None, line: int | None = None) -> ContentError:
        field = self.sub_field(key) if key else self.field
        at = line or (self.line_of(key) if key else self.line)
        return ContentError(self.path, at, field, message)

    def check_keys(self, required: set[str], optional: set[str]) -> None:
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
        is_bool = isinstance(value, bool)
        if (is_bool and bool not in wanted) or not isinstance(value, wanted):
            kinds = (_kind(t()) if t is not bool else "true/false" for t in wanted)
            names = " or ".join(dict.fromkeys(kinds))
            hint = (
                ' (put it in quotes, e.g. "yes")'
                if isinstance(value, bool) and str in wanted
                else ""
            )
            raise self.error(f"expected {names}, got {_kind(value)}{hint}", key)
        return value

    def string(self, key: str, default: str | None = None) -> str:
        value = self.get(key, str, default)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise self.error("must not be empty", key)
        return str(value)

    def text(self, key: str) -> Text:
        """A `{de: ..., en: ...}` text; both languages required and non-empty."""
        if not self.has(key):
            raise self.error(f"required key {key!r} is missing", key)
        sub = self.child(key)
        sub.check_keys({"de", "en"}, set())
        return Text(de=sub.string("de").strip(), en=sub.string("en").strip())

    def optional_text(self, key: str) -> Text | None:
        return self.text(key) if self.has(key) else None

    def number(self, key: str, default: float | None = None) -> Any:
        return self.get(key, (int, float), default)

    def child(self, key: str) -> Node:
        return Node(self.data[key], self.path, self.sub_field(key), self.line_of(key))

    def children(self, key: str, allow_empty: bool = False) -> list[Node]:
        seq = self.get(key, list, [])
        if not seq and not allow_empty:
            raise self.error("must be a non-empty list", key)
        lines = getattr(seq, "item_lines", [self.line_of(key)] * len(seq))
        field = self.sub_field(key)
        return [Node(v, self.path, f"{field}[{i}]", lines[i]) for i, v in enumerate(seq)]

    def scalars(self, key: str, types: type | tuple[type, ...]) -> list[Any]:
        """A list of scalars of the given types."""
        seq = self.get(key, list, [])
        wanted = types if isinstance(types, tuple) else (types,)
        lines = getattr(seq, "item_lines", [self.line_of(key)] * len(seq))
        for i, v in enumerate(seq):
            if isinstance(v, bool) or not isinstance(v, wanted):
                line = lines[i]
                raise self.error(
                    f"entry {v!r} has the wrong type ({_kind(v)})", f"{key}[{i}]", line
                )
        return list(seq)
