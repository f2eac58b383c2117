"""The catalogue's pure rules, as tables of cases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zukunftszentrum.learning.catalogue.rules import (
    COMPETENCES,
    WaitlistEntry,
    capacity_refusal,
    find_cycle,
    free_seats,
    level_errors,
    move_up_order,
    next_position,
    with_edges,
)


def test_there_are_eighteen_competences() -> None:
    assert len(COMPETENCES) == len(set(COMPETENCES)) == 18


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ({}, []),
        ({"prompting": 2, "ai_basics": 4}, []),
        ({"cooking": 2}, ["unknown competence 'cooking'"]),
        ({"prompting": 5}, ["level of 'prompting' is 5, not 1-4"]),
        ({"prompting": 0}, ["level of 'prompting' is 0, not 1-4"]),
        ({"prompting": "2"}, ["level of 'prompting' is not a whole number: '2'"]),
        ({"prompting": True}, ["level of 'prompting' is not a whole number: True"]),
    ],
)
def test_level_errors(levels: dict, expected: list[str]) -> None:
    assert level_errors(levels) == expected


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({}, None),
        ({"a": []}, None),
        ({"b": ["a"], "c": ["a", "b"]}, None),
        ({"a": ["a"]}, ["a", "a"]),
        ({"a": ["b"], "b": ["a"]}, ["a", "b", "a"]),
        ({"a": ["b"], "b": ["c"], "c": ["a"]}, ["a", "b", "c", "a"]),
        ({"x": ["a"], "a": ["b"], "b": ["c"], "c": ["b"]}, ["b", "c", "b"]),
        ({"d": ["e"], "e": []}, None),
    ],
)
def test_find_cycle_names_the_cycle(graph: dict, cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


def test_with_edges_replaces_one_module_only() -> None:
    graph = {"a": {"b"}, "b": set()}
    assert with_edges(graph, "b", ["a"]) == {"a": {"b"}, "b": {"a"}}
    assert graph == {"a": {"b"}, "b": set()}  # the caller's graph is untouched
    assert find_cycle(with_edges(graph, "b", ["a"])) == ["a", "b", "a"]


T1 = datetime(2026, 1, 1, 9, tzinfo=UTC)
T2 = datetime(2026, 1, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("entries", "seats", "expected"),
    [
        ([], 2, []),
        ([WaitlistEntry(1, 1, T1)], 0, []),
        ([WaitlistEntry(1, 2, T1), WaitlistEntry(2, 1, T2)], 1, [2]),
        ([WaitlistEntry(1, 2, T1), WaitlistEntry(2, 1, T2)], 5, [2, 1]),
        ([WaitlistEntry(5, 1, T2), WaitlistEntry(4, 1, T1)], 1, [4]),
        ([WaitlistEntry(5, 1, T1), WaitlistEntry(4, 1, T1)], 1, [4]),
    ],
)
def test_move_up_order(entries: list[WaitlistEntry], seats: int, expected: list[int]) -> None:
    assert move_up_order(entries, seats) == expected


@pytest.mark.parametrize(
    ("capacity", "taken", "free"), [(10, 3, 7), (10, 10, 0), (5, 7, 0), (1, 0, 1)]
)
def test_free_seats(capacity: int, taken: int, free: int) -> None:
    assert free_seats(capacity, taken) == free


@pytest.mark.parametrize(
    ("new", "taken", "refusal"),
    [(10, 3, None), (3, 3, None), (2, 3, 3), (0, 0, 1), (0, 4, 4)],
)
def test_capacity_refusal(new: int, taken: int, refusal: int | None) -> None:
    assert capacity_refusal(new, taken) == refusal


@pytest.mark.parametrize(("positions", "expected"), [([], 1), ([1, 2], 3), ([4, 2], 5)])
def test_next_position(positions: list[int], expected: int) -> None:
    assert next_position(positions) == expected
