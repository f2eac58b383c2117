"""The typed facts of a participation project that decide which co-determination steps apply.
Pure: no Django imports.

The content file defines the same facts (label, help text) for the form; the lint checks that
the two agree in names and types, so a condition can never read a fact the project lacks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProjectFacts:
    """What is known about a project. Defaults are the cautious "no" of a new project.

    `employees`: employees eligible to vote in the company as a rule (what § 111 BetrVG counts);
    the other facts are described in content/participation/codetermination.yaml."""

    has_works_council: bool = False
    employees: int = 0
    monitors_behaviour_or_performance: bool = False
    changes_work_procedures: bool = False
    changes_tasks_needing_skills: bool = False
    selection_guidelines_with_ai: bool = False
    fundamentally_new_methods: bool = False
    council_wants_expert: bool = False
    high_risk_at_workplace: bool = False

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            wanted = FACT_TYPES[f.name]
            # bool is an int in Python; a count given as True is a mistake, not 1 employee.
            if wanted is int and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError(f"{f.name} must be a whole number, got {value!r}")
            if wanted is bool and not isinstance(value, bool):
                raise TypeError(f"{f.name} must be true or false, got {value!r}")
        if self.employees < 0:
            raise ValueError("employees must not be negative")

    def value(self, name: str) -> Any:
        return getattr(self, name)


# The type of every fact, by name ("bool" / "int" in the content file).
FACT_TYPES: dict[str, type] = {
    "has_works_council": bool,
    "employees": int,
    "monitors_behaviour_or_performance": bool,
    "changes_work_procedures": bool,
    "changes_tasks_needing_skills": bool,
    "selection_guidelines_with_ai": bool,
    "fundamentally_new_methods": bool,
    "council_wants_expert": bool,
    "high_risk_at_workplace": bool,
}
TYPE_NAMES: dict[str, type] = {"bool": bool, "int": int}
