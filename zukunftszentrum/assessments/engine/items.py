"""Validate one item of an instrument file (used by the loader). Pure: no Django imports."""

from __future__ import annotations

import re
from typing import Any

from .schema import (
    DEFAULT_TEXT_MAX_LENGTH,
    ITEM_TYPES,
    LIKERT_POINTS,
    PERSPECTIVES,
    Condition,
    Item,
    Option,
)
from .yamlsource import Node

ITEM_ID_RE = re.compile(r"^[a-z0-9_]+$")
COMMON = {"help", "dimension", "weight", "required", "show_if", "implied_for"}
EXTRA_KEYS: dict[str, set[str]] = {
    "likert": {"reversed"},
    "single": {"options"},
    "multiple": {"options", "max_choices"},
    "number": {"min", "max", "unit", "score_range"},
    "text": {"max_length"},
    "knowledge": {"options", "correct"},
}
# Which show_if operators an earlier item of each type supports.
OPERATORS_FOR: dict[str, set[str]] = {
    "likert": {"equals", "in", "min", "max"},
    "single": {"equals", "in"},
    "multiple": {"equals", "in"},
    "knowledge": {"equals", "in"},
    "number": {"equals", "min", "max"},
    "text": set(),
}


def build_item(node: Node, dimensions: set[str], earlier: dict[str, Item]) -> Item:
    item_type = node.string("type")
    if item_type not in ITEM_TYPES:
        raise node.error(f"{item_type!r} is not one of {', '.join(ITEM_TYPES)}", "type")
    node.check_keys({"id", "type", "text"}, COMMON | EXTRA_KEYS[item_type])
    item_id = node.string("id")
    if not ITEM_ID_RE.match(item_id):
        raise node.error(f"{item_id!r} does not match {ITEM_ID_RE.pattern}", "id")
    options = _options(node, item_type) if "options" in EXTRA_KEYS[item_type] else ()
    item = Item(
        id=item_id,
        type=item_type,
        text=node.text("text"),
        help=node.optional_text("help"),
        dimension=_dimension(node, dimensions, item_type),
        weight=_weight(node),
        reversed=node.get("reversed", bool, False),
        required=node.get("required", bool, False),
        show_if=_condition(node, earlier) if node.has("show_if") else None,
        options=options,
        max_choices=_max_choices(node, options),
        min=node.number("min"),
        max=node.number("max"),
        unit=node.optional_text("unit"),
        score_range=_score_range(node),
        max_length=_max_length(node),
        correct=_correct(node, item_type, options),
        implied_for=_implied_for(node, item_type, options),
    )
    _check_consistency(node, item)
    return item


def _weight(node: Node) -> float:
    value = node.number("weight", 1)
    if value <= 0:
        raise node.error("must be greater than 0", "weight")
    return float(value) if isinstance(value, float) else value


def _dimension(node: Node, dimensions: set[str], item_type: str) -> str | None:
    if not node.has("dimension"):
        if item_type == "knowledge":
            raise node.error("a knowledge item needs a dimension", "dimension")
        return None
    value = node.string("dimension")
    if value not in dimensions:
        raise node.error(f"unknown dimension {value!r}", "dimension")
    return value


def _options(node: Node, item_type: str) -> tuple[Option, ...]:
    nodes = node.children("options")
    options = []
    for n in nodes:
        allowed = set() if item_type == "knowledge" else {"score"}
        n.check_keys({"value", "text"}, allowed)
        score = n.number("score")
        if score is not None and not 0 <= score <= 100:
            raise n.error("score must be between 0 and 100", "score")
        options.append(Option(n.string("value"), n.text("text"), score))
    seen: set[str] = set()
    for n, option in zip(nodes, options, strict=True):
        if option.value in seen:
            raise n.error(f"duplicate option value {option.value!r}", "value")
        seen.add(option.value)
    if item_type != "knowledge" and len({o.score is None for o in options}) > 1:
        raise node.error("give every option a score, or none", "options")
    return tuple(options)


def _max_choices(node: Node, options: tuple[Option, ...]) -> int | None:
    value = node.get("max_choices", int)
    if value is not None and not 1 <= value <= len(options):
        raise node.error(
            f"must be between 1 and the number of options ({len(options)})", "max_choices"
        )
    return value


def _max_length(node: Node) -> int:
    value = node.get("max_length", int, DEFAULT_TEXT_MAX_LENGTH)
    if value < 1:
        raise node.error("must be at least 1", "max_length")
    return value


def _score_range(node: Node) -> tuple[float, float] | None:
    if not node.has("score_range"):
        return None
    values = node.scalars("score_range", (int, float))
    if len(values) != 2 or values[0] == values[1]:
        raise node.error("must be two different numbers [lo, hi]", "score_range")
    return (values[0], values[1])


def _correct(node: Node, item_type: str, options: tuple[Option, ...]) -> str | None:
    if item_type == "knowledge" and not node.has("correct"):
        raise node.error("a knowledge item needs 'correct'", "correct")
    value = node.get("correct", str)
    if value is not None and value not in {o.value for o in options}:
        raise node.error(f"{value!r} is not one of the options", "correct")
    return value


def _implied_for(
    node: Node, item_type: str, options: tuple[Option, ...]
) -> tuple[tuple[str, str], ...]:
    """`implied_for: {works_council: "yes"}`: a perspective and the option it implies. Only a
    single-choice item without a score: an implied answer must never move a result."""
    if not node.has("implied_for"):
        return ()
    if item_type != "single" or any(o.score is not None for o in options):
        raise node.error("only a single item without scores can be implied", "implied_for")
    mapping = node.child("implied_for")
    mapping.check_keys(set(), set(PERSPECTIVES))
    pairs = []
    for perspective in mapping.data:
        value = mapping.string(perspective)
        if value not in {o.value for o in options}:
            raise mapping.error(f"{value!r} is not one of the options", perspective)
        pairs.append((str(perspective), value))
    if not pairs:
        raise node.error("name at least one perspective", "implied_for")
    return tuple(pairs)


def _check_consistency(node: Node, item: Item) -> None:
    if item.min is not None and item.max is not None and item.min > item.max:
        raise node.error("min must not be greater than max", "min")
    if item.dimension and not item.is_scored:
        raise node.error(
            "the item has a dimension but no score (give options a score, or score_range)",
            "dimension",
        )


def _condition(node: Node, earlier: dict[str, Item]) -> Condition:
    cond = node.child("show_if")
    ops = [k for k in cond.data if k != "item"]
    cond.check_keys({"item"}, {"equals", "in", "min", "max"})
    if len(ops) != 1:
        raise cond.error("give exactly one of equals, in, min, max")
    op = ops[0]
    target_id = cond.string("item")
    target = earlier.get(target_id)
    if target is None:
        raise cond.error(f"{target_id!r} is not an earlier item", "item")
    if op not in OPERATORS_FOR[target.type]:
        allowed = ", ".join(sorted(OPERATORS_FOR[target.type])) or "none"
        raise cond.error(f"{op!r} does not work for a {target.type} item (use: {allowed})", op)
    return Condition(target_id, op, _condition_value(cond, op, target))


def _condition_value(cond: Node, op: str, target: Item) -> Any:
    if target.type == "number":
        if cond.number(op) is None:
            raise cond.error("must be a number", op)
        return cond.number(op)
    if target.type == "likert":
        values = cond.scalars(op, int) if op == "in" else [cond.get(op, int)]
        if any(v not in range(1, LIKERT_POINTS + 1) for v in values):
            raise cond.error("likert values are 1 to 5", op)
        return tuple(values) if op == "in" else values[0]
    values = cond.scalars(op, str) if op == "in" else [cond.string(op)]
    if not values:
        raise cond.error("must be a non-empty list", op)
    for v in values:
        if v not in target.option_values:
            raise cond.error(f"{v!r} is not an option of {target.id!r}", op)
    return tuple(values) if op == "in" else values[0]
