"""Conditions over project facts: parsed from the content file, evaluated with reasons.
Pure: no Django imports.

Forms in the file: `fact_name` (a true/false fact is true), `{not: fact_name}`, `{all: [...]}`,
`{any: [...]}` and `{fact: employees, op: ">", value: 20}`. Evaluation returns whether the
condition holds and the atomic tests that made it hold, so every step can say why it applies.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zukunftszentrum.core.content_yaml import Node, kind

from .facts import ProjectFacts

OPS: dict[str, Callable[[int, int], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}


@dataclass(frozen=True)
class Is:
    """A true/false fact has the expected value."""

    fact: str
    expected: bool = True
    line: int = 0


@dataclass(frozen=True)
class Compare:
    """A number fact compared with a constant."""

    fact: str
    op: str
    value: int
    line: int = 0


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Any_:
    items: tuple[Condition, ...]


Condition = Is | Compare | All | Any_
Atom = Is | Compare


def parse_condition(data: Any, path: str, field: str, line: int) -> Condition:
    """The condition at `field`; a malformed one raises ContentError with file, line and field."""
    if isinstance(data, str):
        return Is(data.strip(), True, line)
    node = Node(data, path, field, line)
    keys = set(node.data)
    if keys == {"not"}:
        target = node.data["not"]
        if not isinstance(target, str):
            raise node.error(f"'not' takes a fact name, got {kind(target)}", "not")
        return Is(target.strip(), False, node.line_of("not"))
    if keys in ({"all"}, {"any"}):
        key = next(iter(keys))
        items = node.raw_children(key)
        if not items:
            raise node.error("must be a non-empty list", key)
        parsed = tuple(parse_condition(v, path, f, at) for v, f, at in items)
        return All(parsed) if key == "all" else Any_(parsed)
    if keys == {"fact", "op", "value"}:
        op = node.string("op")
        if op not in OPS:
            raise node.error(f"unknown operator {op!r} (allowed: {', '.join(OPS)})", "op")
        return Compare(node.string("fact"), op, node.get("value", int), node.line)
    raise node.error(
        "a condition is a fact name or a mapping with one of: not, all, any, or fact+op+value"
    )


def evaluate(condition: Condition, facts: ProjectFacts) -> tuple[bool, list[Atom]]:
    """Whether the condition holds, and the atoms that made it hold (in content order)."""
    match condition:
        case Is(fact=name, expected=expected):
            return facts.value(name) is expected, [condition]
        case Compare(fact=name, op=op, value=value):
            return OPS[op](facts.value(name), value), [condition]
        case All(items=items):
            reasons: list[Atom] = []
            for item in items:
                ok, why = evaluate(item, facts)
                if not ok:
                    return False, []
                reasons.extend(why)
            return True, reasons
        case Any_(items=items):
            reasons = []
            for item in items:
                ok, why = evaluate(item, facts)
                if ok:
                    reasons.extend(why)
            return bool(reasons), reasons
    raise TypeError(f"not a condition: {condition!r}")


def atoms(condition: Condition) -> list[Atom]:
    """Every fact test in a condition (for the lint)."""
    if isinstance(condition, All | Any_):
        return [a for item in condition.items for a in atoms(item)]
    return [condition]
