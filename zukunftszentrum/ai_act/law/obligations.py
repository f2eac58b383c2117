"""The obligations catalogue, from `content/ai_act/obligations.yaml`. Pure: no Django.

Each obligation is named by its article reference ("Art. 26(7)" where the duty sits in one
paragraph, "Art. 26" for a general duty), binds a role, holds when its condition over the facts and
the derived conclusions is true, and applies from a date per law version. An obligation without a
date for a version does not exist in that version.

Conditions are mappings: every key must hold (AND). A key is a fact (`facts.FACT_SCHEMA`) or a
derived conclusion (`DERIVED_SCHEMA`); its value is one allowed value or a list of them (any of).
`any: [condition, ...]` holds when one of the conditions holds, `not: condition` negates.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zukunftszentrum.core.content_yaml import ContentError, Node, Text, read

from .facts import FACT_SCHEMA
from .versions import LAW_KEYS, LawVersion, Source, load_sources

RISKS = ("not_ai_system", "out_of_scope", "prohibited", "high_risk", "transparency", "minimal")
ROLES = ("provider", "deployer", "any")
ROUTES = ("annex_i", "annex_iii")

#: conclusions the rules derive (evaluate.py) that conditions may read besides the facts
DERIVED_SCHEMA: dict[str, tuple[str, ...] | type[bool]] = {
    "risk": RISKS,
    # the prohibited practice that holds under the law version applied (after the exception)
    "practice": FACT_SCHEMA["prohibited"],  # type: ignore[dict-item]
    "high_risk_annex_i": bool,  # high risk through Art. 6(1) / Annex I
    "high_risk_annex_iii": bool,  # high risk through Art. 6(2) / Annex III
    "annex_iii_exempt": bool,  # an Annex III area, but an Art. 6(3) exception holds
    "emotion_recognition_in_use": bool,  # emotion recognition or biometric categorisation in lawful use
}
NAMES: dict[str, tuple[str, ...] | type[bool]] = {**FACT_SCHEMA, **DERIVED_SCHEMA}
ID_RE = re.compile(r"^Art\. \d+[a-z]?(\(\d+[a-z]?\))?(\([a-z]+\))?$")


@dataclass(frozen=True)
class Condition:
    """A condition over facts and derived conclusions (see the module docstring)."""

    equals: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    any_of: tuple[Condition, ...] = ()
    negated: Condition | None = None

    def holds(self, values: Mapping[str, Any]) -> bool:
        if any(values[name] not in allowed for name, allowed in self.equals):
            return False
        if self.any_of and not any(c.holds(values) for c in self.any_of):
            return False
        return not (self.negated and self.negated.holds(values))

    def reads(self) -> set[str]:
        """Every fact or conclusion this condition looks at (for the tree lint)."""
        names = {name for name, _ in self.equals}
        for sub in (*self.any_of, *([self.negated] if self.negated else [])):
            names |= sub.reads()
        return names


def parse_condition(node: Node) -> Condition:
    equals: list[tuple[str, tuple[Any, ...]]] = []
    any_of: tuple[Condition, ...] = ()
    negated = None
    for key, value in node.data.items():
        if key == "any":
            any_of = tuple(parse_condition(n) for n in node.children("any"))
        elif key == "not":
            negated = parse_condition(node.child("not"))
        elif key in NAMES:
            values = tuple(value) if isinstance(value, list) else (value,)
            allowed = NAMES[key]
            for v in values:
                ok = isinstance(v, bool) if allowed is bool else v in allowed  # type: ignore[operator]
                if not ok:
                    raise node.error(f"{key!r} cannot be {v!r}", key)
            equals.append((key, values))
        else:
            raise node.error(f"unknown fact or conclusion {key!r}", key)
    return Condition(tuple(equals), any_of, negated)


@dataclass(frozen=True)
class Obligation:
    id: str  # the article reference, e.g. "Art. 26(7)"
    role: str  # provider | deployer | any
    when: Condition
    title: Text
    explanation: Text
    explanation_by_law: dict[str, Text]  # a version's own wording where it differs
    evidence: Text  # what shows the duty is met
    sources: tuple[Source, ...]
    #: law key -> {"": date} or {"annex_i": date, "annex_iii": date} (high-risk duties)
    applies_from: dict[str, dict[str, datetime.date]]

    def binds(self, role: str) -> bool:
        """Whether an organisation in fact role `role` is bound (provider_and_deployer: both)."""
        return self.role == "any" or self.role in role.split("_and_")

    def exists_in(self, law_key: str) -> bool:
        return law_key in self.applies_from

    def date_for(self, law_key: str, routes: tuple[str, ...] = ()) -> datetime.date:
        """The date under `law_key`; for route-dependent duties the earliest of the routes."""
        dates = self.applies_from[law_key]
        if "" in dates:
            return dates[""]
        chosen = [dates[r] for r in routes if r in dates] or list(dates.values())
        return min(chosen)

    def explain(self, law_key: str) -> Text:
        return self.explanation_by_law.get(law_key, self.explanation)


def _dates(node: Node, law: LawVersion) -> dict[str, datetime.date]:
    """A version's date: an ISO date, a milestone name of laws.yaml, or a mapping by route."""
    field = node.sub_field(law.key)

    def one(value: Any, at: str) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str) and value in law.dates:
            return law.dates[value]
        raise ContentError(
            node.path,
            node.line_of(law.key),
            at,
            f"{value!r} is neither a date nor a milestone of {law.key!r} ({', '.join(law.dates)})",
        )

    value = node.data[law.key]
    if isinstance(value, dict):
        sub = node.child(law.key)
        sub.check_keys(set(ROUTES))
        return {route: one(value[route], f"{field}.{route}") for route in ROUTES}
    return {"": one(value, field)}


def load_obligations(path: Path, laws: Mapping[str, LawVersion]) -> tuple[Obligation, ...]:
    root = Node(read(path), str(path), "", 1)
    root.check_keys({"obligations"})
    result: list[Obligation] = []
    seen: set[str] = set()
    required = {"id", "role", "when", "title", "explanation", "evidence", "sources", "applies_from"}
    for n in root.children("obligations"):
        n.check_keys(required, {"explanation_by_law"})
        ob_id = n.string("id")
        if not ID_RE.match(ob_id):
            raise n.error(f"{ob_id!r} is not an article reference like 'Art. 26(7)'", "id")
        if ob_id in seen:
            raise n.error(f"duplicate obligation {ob_id!r}", "id")
        seen.add(ob_id)
        role = n.string("role")
        if role not in ROLES:
            raise n.error(f"unknown role {role!r} (allowed: {', '.join(ROLES)})", "role")
        dates_node = n.child("applies_from")
        dates_node.check_keys(set(), set(LAW_KEYS))
        applies = {k: _dates(dates_node, laws[k]) for k in LAW_KEYS if k in dates_node.data}
        if not applies:
            raise n.error("needs a date for at least one law version", "applies_from")
        by_law: dict[str, Text] = {}
        if n.has("explanation_by_law"):
            sub = n.child("explanation_by_law")
            sub.check_keys(set(), set(LAW_KEYS))
            by_law = {k: sub.text(k) for k in sub.data}
        result.append(
            Obligation(
                ob_id,
                role,
                parse_condition(n.child("when")),
                n.text("title"),
                n.text("explanation"),
                by_law,
                n.text("evidence"),
                load_sources(n),
                applies,
            )
        )
    return tuple(result)
