"""Which counts of the Art. 4 record survive together: a table of cases, each naming the
differencing it prevents."""

from __future__ import annotations

import pytest

from zukunftszentrum.ai_act.literacy_release import Group, releasable


def g(key: str, *atoms: str) -> Group:
    return Group(key, frozenset(atoms))


ALL3 = g("all", "a", "b", "c")
CASES = [
    # (groups in order, people per atom, released)
    (
        [ALL3, g("A", "a"), g("B", "b"), g("C", "c")],
        {"a": 7, "b": 6, "c": 5},
        ["all", "A", "B", "C"],
    ),
    # C is small: all - A - B would be C, so B is kept back (A alone leaves b+c = 8)
    ([ALL3, g("A", "a"), g("B", "b"), g("C", "c")], {"a": 7, "b": 6, "c": 2}, ["all", "A"]),
    # zero counts too: "nobody in C shared" is about the people in C
    ([ALL3, g("A", "a"), g("B", "b")], {"a": 7, "b": 6, "c": 0}, ["all", "A"]),
    # a system used by A and C minus profile A is C
    ([g("A", "a"), g("S", "a", "c")], {"a": 7, "c": 3}, ["A"]),
    # ... unless C is large enough itself
    ([g("A", "a"), g("S", "a", "c")], {"a": 7, "c": 5}, ["A", "S"]),
    # two systems differing by one small profile
    ([g("S1", "a", "b"), g("S2", "a", "b", "c")], {"a": 3, "b": 3, "c": 1}, ["S1"]),
    # three groups combine: (A+C) + (B+C) - (A+B) = 2C
    (
        [g("AB", "a", "b"), g("AC", "a", "c"), g("BC", "b", "c")],
        {"a": 5, "b": 5, "c": 4},
        ["AB", "AC"],
    ),
    # a group below the minimum is never released, whatever else
    ([g("A", "a"), ALL3], {"a": 4, "b": 9, "c": 9}, ["all"]),
    # a group that adds nothing new (same people as one released) is released
    ([g("A", "a"), g("S", "a")], {"a": 6, "b": 0}, ["A", "S"]),
    # a group naming no present profile is left out
    ([g("S", "x")], {"a": 9}, []),
]


@pytest.mark.parametrize(("groups", "counts", "expected"), CASES)
def test_releasable(groups, counts, expected) -> None:
    assert releasable(groups, counts, minimum=5) == expected


def test_no_small_union_is_derivable_from_what_is_released() -> None:
    """A brute check on every union of the released groups' signed sums of at most 3 terms."""
    import itertools

    counts = {"a": 6, "b": 5, "c": 2, "d": 0, "e": 9}
    groups = [g("all", *counts)] + [g(k.upper(), k) for k in counts]
    groups += [g("S1", "a", "c"), g("S2", "b", "d"), g("S3", "a", "b", "e")]
    released = [x for x in groups if x.key in releasable(groups, counts, minimum=5)]
    vectors = [{a: int(a in x.atoms) for a in counts} for x in released]
    for terms in range(1, 4):
        for chosen in itertools.combinations(vectors, terms):
            for signs in itertools.product((1, -1), repeat=terms):
                total = {
                    a: sum(s * v[a] for s, v in zip(signs, chosen, strict=True)) for a in counts
                }
                if set(total.values()) <= {0, 1} and any(total.values()):
                    people = sum(counts[a] for a, x in total.items() if x)
                    assert people >= 5, (chosen, signs)
