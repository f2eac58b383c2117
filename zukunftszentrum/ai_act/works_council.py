"""PURE: which rights of the works council under the German Works Constitution Act (BetrVG) a
system's stored facts point to, beside the AI Act's own duty to inform (Art. 26(7)).

The AI Act leaves national co-determination untouched; a company lead who classifies a shift
planner that ranks staff should read on the same page that the works council co-determines it.
These are hints, not a legal assessment: the participation app works the steps out with sources.

- `monitoring_evaluates`: the system evaluates or ranks the company's own staff (Annex III point
  4(b), or profiling at the workplace outside recruitment). Such a system is a technical device able to monitor
  behaviour or performance: § 87(1) no. 6 BetrVG (BAG 13 Dec 2016, 1 ABR 7/15).
- `monitoring_possible`: the company's own workers are subject to the system otherwise; § 87(1)
  no. 6 applies where the system is objectively able to monitor them, intent is not needed.
- `selection_guidelines`: recruitment (Annex III point 4(a)): selection guidelines need the
  council's consent also where AI helps draw them up (§ 95(1), (2a) BetrVG).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

HINTS = ("monitoring_evaluates", "monitoring_possible", "selection_guidelines")


def hints(facts: Mapping[str, Any]) -> tuple[str, ...]:
    """The hints for a system described by these facts (see `ai_act.law.facts`), in order."""
    if not facts.get("is_ai_system", True) or facts.get("excluded", "none") != "none":
        return ()
    found: list[str] = []
    at_work = bool(facts.get("used_at_workplace"))
    area = facts.get("annex_iii", "none")
    # profiling in recruitment is about applicants; elsewhere at work, about the staff
    evaluates = area == "employment_work_relationship" or (
        bool(facts.get("profiles_natural_persons")) and area != "employment_recruitment"
    )
    if at_work and evaluates:
        found.append("monitoring_evaluates")
    elif at_work:
        found.append("monitoring_possible")
    if area == "employment_recruitment":
        found.append("selection_guidelines")
    return tuple(found)
