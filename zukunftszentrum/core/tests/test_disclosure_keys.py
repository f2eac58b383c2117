"""Record keys and cell keys: the same set of contributors always gets the same key."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zukunftszentrum.core.disclosure import keys

record_keys = st.lists(st.integers(0, keys.KEY_SPACE - 1), min_size=1, max_size=40)


@given(record_keys, st.randoms())
def test_the_cell_key_ignores_the_order(ks: list[int], rnd: random.Random) -> None:
    shuffled = list(ks)
    rnd.shuffle(shuffled)
    assert keys.cell_key(ks) == keys.cell_key(shuffled)
    assert keys.magnitude_cell_key(ks, "v") == keys.magnitude_cell_key(shuffled, "v")
    assert 0.0 <= keys.cell_key(ks) < 1.0


@pytest.mark.parametrize(
    ("ks", "expected"),
    [([], 0.0), ([1 << 31], 0.5), ([1 << 31, 1 << 31], 0.0), ([3 << 30, 1 << 31], 0.25)],
)
def test_the_cell_key_is_the_fractional_part_of_the_sum(ks: list[int], expected: float) -> None:
    assert keys.cell_key(ks) == expected


def test_variables_of_one_group_get_different_keys() -> None:
    ks = [keys.draw_record_key() for _ in range(8)]
    assert keys.magnitude_cell_key(ks, "dim:data") != keys.magnitude_cell_key(ks, "dim:staff")
    assert keys.magnitude_cell_key(ks, "dim:data") != keys.cell_key(ks)


def test_one_more_contributor_gives_an_unrelated_key() -> None:
    """Keys of sets differing by one are spread over [0, 1): each tenth gets about its share."""
    rnd = random.Random(7)
    base = [rnd.randrange(keys.KEY_SPACE) for _ in range(10)]
    tenths = [0] * 10
    for _ in range(5_000):
        tenths[int(10 * keys.magnitude_cell_key([*base, rnd.randrange(keys.KEY_SPACE)], "v"))] += 1
    assert min(tenths) > 400 and max(tenths) < 600


@pytest.mark.parametrize("bad", [-1, keys.KEY_SPACE, 1.5, True, "7"])
def test_bad_record_keys_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        keys.cell_key([bad])  # type: ignore[list-item]


@pytest.mark.parametrize(("fraction", "expected"), [(0.0, 0), (0.5, 1 << 31), (0.25, 1 << 30)])
def test_stored_fractions_become_integer_keys(fraction: float, expected: int) -> None:
    assert keys.record_key_from_unit(fraction) == expected


@pytest.mark.parametrize("bad", [-0.1, 1.0])
def test_fractions_outside_the_unit_interval_are_refused(bad: float) -> None:
    with pytest.raises(ValueError):
        keys.record_key_from_unit(bad)


def test_drawn_keys_are_record_keys() -> None:
    drawn = {keys.draw_record_key() for _ in range(100)}
    assert all(0 <= k < keys.KEY_SPACE for k in drawn)
    assert len(drawn) > 90
