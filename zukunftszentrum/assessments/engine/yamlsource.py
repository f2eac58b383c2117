"""The instruments' YAML reader and validation helpers: core's (`core.content_yaml`), shared with
the AI Act's law data, the co-determination steps, the learning framework and the units.

`parse(text, path)` returns plain dicts/lists (subclasses that remember lines) and scalars; a
`Node` wraps a mapping with its field path so validation errors name file, line and field.
"""

from __future__ import annotations

from zukunftszentrum.core.content_yaml import ContentError, LList, LMap, Node, parse

__all__ = ["ContentError", "LList", "LMap", "Node", "parse"]
