"""Releasing the opinion map in batches (pure): who counts as changed, when a release is due,
and the released map as stored data."""

from __future__ import annotations

import json

import pytest

from zukunftszentrum.participation import opinion_release as rel
from zukunftszentrum.participation.opinion_map import Vote, build_map

from .test_opinion_map import STATEMENTS, keys_for, planted

KEY = b"k"


def test_a_digest_does_not_depend_on_the_order_of_the_votes():
    votes = [("s1", 1), ("s2", -1), ("s3", 0)]
    assert rel.vote_digest(KEY, votes) == rel.vote_digest(KEY, list(reversed(votes)))
    assert rel.vote_digest(KEY, votes) != rel.vote_digest(KEY, [("s1", 1), ("s2", 1), ("s3", 0)])
    assert rel.vote_digest(KEY, votes) != rel.vote_digest(b"other", votes)


def test_digests_cover_the_placed_people_only():
    votes = [Vote("a", "s1", 1), Vote("a", "s2", 0), Vote("b", "s1", -1)]
    found = rel.digests(KEY, votes, {"a"})
    assert set(found) == {"a"}


@pytest.mark.parametrize(
    ("now", "before", "changed"),
    [
        ({"a": "1", "b": "2"}, {}, 2),  # the first release: everybody placed is new
        ({"a": "1", "b": "2"}, {"a": "1", "b": "2"}, 0),  # nothing changed
        ({"a": "1", "b": "3"}, {"a": "1", "b": "2"}, 1),  # b changed a vote
        ({"a": "1", "b": "2", "c": "9"}, {"a": "1", "b": "2"}, 1),  # c is new
        ({"a": "1"}, {"a": "1", "b": "2"}, 1),  # b is no longer placed
        ({"a": "7", "c": "9"}, {"a": "1", "b": "2"}, 3),
    ],
)
def test_who_changed_since_the_last_release(now, before, changed):
    assert rel.changed_people(now, before) == changed


@pytest.mark.parametrize(
    ("changed", "minimum", "due"),
    [(0, 5, False), (4, 5, False), (5, 5, True), (9, 5, True), (9, 10, False)],
)
def test_a_release_needs_the_minimum_of_changed_people(changed, minimum, due):
    now = {f"p{i}": "x" for i in range(changed)}
    assert rel.check(now, {}, minimum) == rel.ReleaseCheck(due, changed)
    assert rel.check(now | {"old": "y"}, {"old": "y"}, minimum).due is due


def test_the_released_map_survives_json_unchanged():
    votes, _ = planted((20, 15), seed=7)
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="v", for_everyone=True)
    texts = {s: f"Aussage {s}" for s in STATEMENTS}
    data = json.loads(json.dumps(rel.to_data(result, texts)))
    back, back_texts = rel.from_data(data)
    assert back == result and back_texts == texts


def test_a_withheld_map_survives_json_with_its_reason():
    votes, _ = planted((5, 4), seed=10)
    result = build_map(votes, STATEMENTS, keys_for(votes), variable="v", for_everyone=True)
    back, _texts = rel.from_data(json.loads(json.dumps(rel.to_data(result, {}))))
    assert back == result and back.reason is not None
