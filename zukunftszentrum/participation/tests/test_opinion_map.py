"""The opinion map: planted group structure is found, small groups merged or the map withheld,
and nothing per person leaves the module."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from zukunftszentrum.core.disclosure import Parameters, Published
from zukunftszentrum.participation import opinion_map as om
from zukunftszentrum.participation.opinion_map import (
    Direction,
    MapReason,
    Vote,
    build_map,
    fit_groups,
    matrix_of,
    merge_small,
)

STATEMENTS = [f"s{j}" for j in range(12)]


def planted(sizes, seed=1, noise=0.1, seen=1.0):
    """Votes of groups with opposite views on statements 0-5 and shared agreement on 6-8.

    Group g agrees with statement j < 6 when (j + g) is even, else disagrees; all agree with 6-8;
    9-11 are random. `noise`: chance of a random vote instead; `seen`: chance a statement is seen.
    Returns votes and the true group of every participant."""
    rng = np.random.default_rng(seed)
    votes, truth, pid = [], {}, 0
    for g, size in enumerate(sizes):
        for _ in range(size):
            person = f"p{pid}"
            truth[person] = g
            pid += 1
            for j, s in enumerate(STATEMENTS):
                if j >= 3 and rng.random() > seen:
                    continue
                if j < 6:
                    value = 1 if (j + g) % 2 == 0 else -1
                elif j < 9:
                    value = 1
                else:
                    value = int(rng.choice([-1, 0, 1]))
                if rng.random() < noise:
                    value = int(rng.choice([-1, 0, 1]))
                votes.append(Vote(person, s, value))
    return votes, truth


def keys_for(votes):
    return {
        v.participant: 1000 + 7919 * i
        for i, v in enumerate({v.participant: v for v in votes}.values())
    }


def agreement(labels, truth_labels):
    """Share of pairs on which two labelings agree (same group or not): 1.0 = identical."""
    a, b = np.asarray(labels), np.asarray(truth_labels)
    same_a = a[:, None] == a[None, :]
    same_b = b[:, None] == b[None, :]
    return float((same_a == same_b).mean())


@pytest.mark.parametrize(
    ("sizes", "seed"),
    [((20, 20), 1), ((30, 12), 2), ((15, 15, 15), 3), ((25, 10, 10), 4), ((40, 40), 5)],
)
def test_planted_groups_are_found(sizes, seed):
    votes, truth = planted(sizes, seed=seed)
    people, m = matrix_of(votes, STATEMENTS)
    fit = fit_groups(m, minimum=5, seed=0)
    assert fit is not None
    # Groups 0 and 2 hold the same views in the plant, so three planted groups are two real ones.
    real = [truth[p] % 2 for p in people]
    assert fit.k == len(set(real))
    assert agreement(fit.labels, real) > 0.95


def test_the_map_shows_groups_sizes_and_statements():
    votes, _ = planted((20, 15), seed=7)
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="opinion:test")
    assert result.shown
    assert [g.label for g in result.groups] == ["A", "B"]
    assert all(isinstance(g.size, Published) and g.size.shown for g in result.groups)
    assert result.participants.shown
    uniting = {u.statement for u in result.uniting}
    assert uniting <= {"s6", "s7", "s8"} and uniting
    for g in result.groups:
        divides = {d.statement for d in g.dividing}
        assert divides and divides <= {f"s{j}" for j in range(6)}
    a = result.groups[0]
    first = a.dividing[0]
    assert first.group.agree.value is not None
    expected = Direction.AGREES_MORE if first.group.agree.value > 50 else Direction.DISAGREES_MORE
    assert first.direction is expected


def test_no_ids_or_coordinates_in_what_is_published():
    votes, _ = planted((20, 15), seed=7)
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="opinion:test")
    ids = {v.participant for v in votes}

    def walk(value):
        if dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                yield from walk(getattr(value, f.name))
        elif isinstance(value, tuple | list):
            for item in value:
                yield from walk(item)
        else:
            yield value

    leaves = list(walk(result))
    assert not ids & {x for x in leaves if isinstance(x, str)}
    assert not any(isinstance(x, np.ndarray | float) for x in leaves)


def test_same_result_whatever_the_vote_order():
    votes, _ = planted((20, 15), seed=8)
    keys = keys_for(votes)
    one = build_map(votes, STATEMENTS, keys, variable="v")
    two = build_map(list(reversed(votes)), STATEMENTS, keys, variable="v")
    assert one == two


def test_a_group_below_the_minimum_is_merged_into_the_nearest():
    # Two real groups and three people of a third view: they must not form a group of 3.
    x = np.array([[0.0, 0]] * 10 + [[10.0, 0]] * 10 + [[9.0, 0]] * 3)
    labels = np.array([0] * 10 + [1] * 10 + [2] * 3)
    merged = merge_small(x, labels, minimum=5)
    assert list(np.unique(merged)) == [0, 1]
    assert (merged[20:] == 1).all()


def test_a_small_planted_group_is_not_shown_alone():
    votes, _ = planted((20, 20, 3), seed=9)
    _, m = matrix_of(votes, STATEMENTS)
    fit = fit_groups(m, minimum=5, seed=0)
    assert fit is not None
    assert np.bincount(fit.labels).min() >= 5
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="v")
    assert all(g.size.shown for g in result.groups)


def test_too_few_participants_withholds_the_map():
    votes, _ = planted((5, 4), seed=10)
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="v")
    assert not result.shown
    assert result.reason is MapReason.TOO_FEW_PARTICIPANTS
    assert result.groups == () and result.uniting == ()


def test_one_opinion_only_withholds_the_map():
    votes, _ = planted((30,), seed=11, noise=0.0)
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="v")
    # k-means always splits; the split of one view is either merged away or weak. If groups
    # are shown they must each meet the minimum.
    assert result.reason in (None, MapReason.NO_GROUPS)
    assert all(g.size.shown for g in result.groups)


def test_identical_votes_give_no_groups():
    votes = [Vote(f"p{i}", s, 1) for i in range(20) for s in STATEMENTS]
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="v")
    assert result.reason is MapReason.NO_GROUPS


def test_too_few_statements():
    votes = [Vote(f"p{i}", s, 1 if i % 2 else -1) for i in range(20) for s in ("a", "b")]
    result = build_map(votes, ["a", "b"], keys_for(votes), variable="v")
    assert result.reason is MapReason.TOO_FEW_STATEMENTS


def test_participants_with_too_few_votes_are_left_out():
    votes, _ = planted((20, 15), seed=12)
    sparse = [Vote(f"x{i}", s, 1) for i in range(6) for s in STATEMENTS[: om.MIN_VOTES - 1]]
    result = build_map(votes + sparse, STATEMENTS, keys_for(votes + sparse), variable="v")
    full = build_map(votes, STATEMENTS, keys_for(votes), variable="v")
    assert result.left_out.shown  # 6 people, at least the minimum of 5
    assert not full.left_out.shown  # nobody left out: a count of 0 is below the minimum
    assert [g.size for g in result.groups] == [g.size for g in full.groups]


def test_a_higher_configured_minimum_applies():
    votes, _ = planted((12, 8), seed=13)
    low = build_map(votes, STATEMENTS, keys_for(votes), variable="v")
    high = build_map(
        votes, STATEMENTS, keys_for(votes), variable="v", params=Parameters(min_size=10)
    )
    assert len(low.groups) == 2
    # The group of 8 is below a configured minimum of 10: merged, so one group, no map.
    assert high.reason is MapReason.NO_GROUPS


def test_the_viewer_does_not_count_towards_the_minimum():
    votes, _ = planted((20, 5), seed=14, noise=0.0)
    people, m = matrix_of(votes, STATEMENTS)
    fit = fit_groups(m, minimum=5, seed=0)
    assert fit is not None and np.bincount(fit.labels).tolist() == [20, 5]
    small = [p for p, g in zip(people, fit.labels, strict=True) if g == 1]
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="v", viewer=small[0])
    b = next(g for g in result.groups if g.label == "B")
    assert not b.size.shown  # 4 others besides the viewer
    for d in b.dividing:
        assert not d.group.agree.shown


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ([Vote("p", "s0", 2)], "1, 0 or -1"),
        ([Vote("p", "zz", 1)], "unknown statement"),
        ([Vote("p", "s0", 1), Vote("p", "s0", -1)], "twice"),
    ],
)
def test_bad_votes(bad, message):
    with pytest.raises(ValueError, match=message):
        matrix_of(bad, STATEMENTS)


def test_sparse_votes_still_find_the_groups():
    votes, truth = planted((25, 25), seed=15, seen=0.6)
    people, m = matrix_of(votes, STATEMENTS)
    fit = fit_groups(m, minimum=5, seed=0)
    assert fit is not None and fit.k == 2
    assert agreement(fit.labels, [truth[p] for p in people]) > 0.9


def test_one_set_of_people_always_shows_the_same_figure():
    # With two groups, "everyone but A" is group B: the same people must get the same noisy
    # share, or two views of one figure could be averaged.
    votes, _ = planted((20, 15), seed=7)
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="opinion:test")
    a, b = result.groups
    for d in a.dividing:
        match = next((x for x in b.dividing if x.statement == d.statement), None)
        if match is not None:
            assert d.others == match.group
            assert d.group == match.others


def test_the_map_for_everyone_needs_one_more_than_the_minimum():
    # A stored release is shown to anybody, who may be in any group: a group of exactly the
    # minimum (5) would show its size to nobody, so it is merged; one of six is shown.
    votes, _ = planted((20, 5), seed=14, noise=0.0)
    live = build_map(votes, STATEMENTS, keys_for(votes), variable="v")
    stored = build_map(votes, STATEMENTS, keys_for(votes), variable="v", for_everyone=True)
    assert [g.size.shown for g in live.groups] == [True, True]
    # Merged (no groups, or the five inside a larger one): every size shown.
    assert all(g.size.shown for g in stored.groups)
    votes, _ = planted((20, 6), seed=14, noise=0.0)
    stored = build_map(votes, STATEMENTS, keys_for(votes), variable="v", for_everyone=True)
    assert len(stored.groups) == 2 and all(g.size.shown for g in stored.groups)


def test_placed_participants_are_those_with_enough_votes():
    votes, _ = planted((6,), seed=3)
    sparse = [Vote("x", s, 1) for s in STATEMENTS[: om.MIN_VOTES - 1]]
    placed = om.placed_participants(votes + sparse, STATEMENTS)
    assert placed == {v.participant for v in votes}
