"""The seat repair re-plans a person ahead of their turn only when the offers full at that turn
are already certain: then it is the same question as in turn (same plans, same ties)."""

from dataclasses import dataclass

import pytest

from zukunftszentrum.learning.planning.catalogue import Option
from zukunftszentrum.learning.planning.repair import _certain_ahead


@dataclass(eq=False)
class Model:
    offers: frozenset[str]


def on(offer: str) -> Option:
    return Option("m", offer, 0, 0, ((0, 1.0),))


A, B, AB = Model(frozenset("a")), Model(frozenset("b")), Model(frozenset("ab"))

CASES = [
    # (people in turn, seats left, re-planned ahead, expected: person -> offers full at turn)
    ("one seat, two people: the second waits", [A, Model(A.offers)], {"a": 1}, {}, {0: ""}),
    ("two seats: both now", [Model(A.offers), Model(A.offers)], {"a": 2}, {}, {0: "", 1: ""}),
    ("full for good: both now, a forbidden", [A, Model(A.offers)], {"a": 0}, {}, {0: "a", 1: "a"}),
    ("other offers do not block", [B, A], {"a": 1, "b": 1}, {}, {0: "", 1: ""}),
    ("one of two offers uncertain", [A, AB], {"a": 1, "b": 5}, {}, {0: ""}),
    (
        "a seat taken ahead counts",
        [B, A, Model(A.offers)],
        {"a": 1, "b": 1},
        {1: "a"},
        {0: "", 2: "a"},
    ),
    ("a shared model answers in turn", [A, A], {"a": 9}, {}, {0: ""}),
]


@pytest.mark.parametrize(("name", "models", "left", "ahead", "expected"), CASES, ids=[c[0] for c in CASES])  # fmt: skip
def test_who_is_re_planned_ahead(name, models, left, ahead, expected):
    planned = {i: [on(offer)] for i, offer in ahead.items()}
    got = _certain_ahead(list(range(len(models))), 0, models, planned, left)
    assert {i: "".join(sorted(key)) for i, key in got} == expected
