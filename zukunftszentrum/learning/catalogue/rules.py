"""The catalogue's rules as plain functions: competence ids and levels, prerequisite cycles,
seats and the waitlist. Pure: no Django imports, so they are tested with tables of cases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

# The competence ids of the framework (content/frameworks/ai-competence.yaml, 2027.1): area ->
# competences. The framework file is the source of the texts; these ids never change.
AREAS: dict[str, tuple[str, ...]] = {
    "understanding_ai": ("ai_basics", "how_genai_works", "ai_use_cases"),
    "using_tools": ("prompting", "tool_workflows", "choosing_tools"),
    "judging_outputs": ("checking_outputs", "bias_fairness", "human_oversight"),
    "data_protection": ("personal_data", "confidential_data", "it_security"),
    "ethics_law": ("ai_act_obligations", "copyright_ip", "ethics_responsibility"),
    "shaping_work": ("codetermination", "change_participation", "work_design"),
}
COMPETENCES: tuple[str, ...] = tuple(c for ids in AREAS.values() for c in ids)
MIN_LEVEL, MAX_LEVEL = 1, 4


def level_errors(levels: Mapping[str, object]) -> list[str]:
    """What is wrong with a mapping competence id -> level (empty: nothing)."""
    errors = []
    for competence, level in levels.items():
        if competence not in COMPETENCES:
            errors.append(f"unknown competence {competence!r}")
        elif not isinstance(level, int) or isinstance(level, bool):
            errors.append(f"level of {competence!r} is not a whole number: {level!r}")
        elif not MIN_LEVEL <= level <= MAX_LEVEL:
            errors.append(f"level of {competence!r} is {level}, not {MIN_LEVEL}-{MAX_LEVEL}")
    return errors


def find_cycle(requires: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A prerequisite cycle as the path that closes it (["a", "b", "a"]), or None.

    `requires` maps a module to the modules it needs first. The search is depth-first in the
    order of the keys (sorted), so the same catalogue always names the same cycle."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(requires.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(requires):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def with_edges(
    requires: Mapping[str, Iterable[str]], module: str, needs: Iterable[str]
) -> dict[str, set[str]]:
    """The prerequisite graph after `module`'s prerequisites become `needs`."""
    graph = {key: set(values) for key, values in requires.items()}
    graph[module] = set(needs)
    return graph


@dataclass(frozen=True)
class WaitlistEntry:
    id: int
    position: int
    joined_at: datetime


def move_up_order(waitlist: Sequence[WaitlistEntry], free_seats: int) -> list[int]:
    """Who moves up into `free_seats` seats: first by position, then by who joined first."""
    if free_seats <= 0:
        return []
    ordered = sorted(waitlist, key=lambda e: (e.position, e.joined_at, e.id))
    return [entry.id for entry in ordered[:free_seats]]


def free_seats(capacity: int, taken: int) -> int:
    """Seats still free (never negative: a lowered capacity is refused, not overbooked)."""
    return max(0, capacity - taken)


def capacity_refusal(new_capacity: int, taken: int) -> int | None:
    """None when the capacity may be set; else the smallest capacity allowed (`taken`)."""
    if new_capacity < 1:
        return max(1, taken)
    return taken if new_capacity < taken else None


def next_position(positions: Iterable[int]) -> int:
    """The waitlist position for the next person: after everyone already waiting."""
    return max(positions, default=0) + 1
