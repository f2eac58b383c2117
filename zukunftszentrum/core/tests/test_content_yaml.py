"""The content reader gives the same values, lines and errors with libyaml's parser as with the
pure-Python one it falls back to."""

from __future__ import annotations

import pytest
import yaml

from zukunftszentrum.core import content_yaml
from zukunftszentrum.core.content_yaml import ContentError

SAMPLE = """\
title:
  de: Schritt
  en: Step
steps:
  - id: a
    when: 2026-08-02
    weight: 1.5
  - id: b
    flags: [yes, "no", ~]
"""


def _with(loader: type, text: str) -> tuple[object, int, dict[str, int], list[int]]:
    previous = content_yaml._SafeLoader
    content_yaml._SafeLoader = loader
    try:
        data = content_yaml.parse(text, "sample.yaml")
    finally:
        content_yaml._SafeLoader = previous
    return data, data.line, data.key_lines, data["steps"].item_lines


def _error(loader: type, text: str) -> str:
    previous = content_yaml._SafeLoader
    content_yaml._SafeLoader = loader
    try:
        with pytest.raises(ContentError) as caught:
            content_yaml.parse(text, "sample.yaml")
    finally:
        content_yaml._SafeLoader = previous
    return str(caught.value)


needs_libyaml = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml"
)


@needs_libyaml
def test_both_parsers_read_the_same_values_and_lines() -> None:
    fast, slow = _with(yaml.CSafeLoader, SAMPLE), _with(yaml.SafeLoader, SAMPLE)
    assert fast == slow
    assert fast[2] == {"title": 1, "steps": 4} and fast[3] == [5, 8]


@needs_libyaml
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1\nb: 2\n", "invalid YAML"),
        ("a: 1\na: 2\n", "line 2, field a: duplicate key"),
        ("", "line 1: the file is empty"),
    ],
)
def test_both_parsers_name_the_same_line(text: str, expected: str) -> None:
    fast, slow = _error(yaml.CSafeLoader, text), _error(yaml.SafeLoader, text)
    assert expected in fast and expected in slow
    assert fast.split(":")[0] == slow.split(":")[0]  # the same file and line
