"""Batch releases of live surveys and the peer snapshot policy."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zukunftszentrum.core.disclosure import (
    Release,
    Submission,
    batch_order,
    next_release,
    release_texts,
    snapshot_due,
)

TODAY = dt.date(2026, 3, 10)
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def subs(n: int, start: int = 0) -> list[Submission]:
    return [Submission(f"r{i:03}", T0 + dt.timedelta(hours=i)) for i in range(start, start + n)]


def released(n: int) -> Release:
    ids = frozenset(s.id for s in subs(n))
    return Release(number=1, ids=ids, released_on=dt.date(2026, 3, 2), new_ids=ids)


@pytest.mark.parametrize(
    ("submitted", "last", "closed", "expected_size"),
    [
        (0, None, False, None),  # nothing yet
        (4, None, False, None),  # the first batch is not complete
        (5, None, False, 5),  # ... now it is
        (9, None, False, 9),  # everything new goes into the batch
        (9, 5, False, None),  # four new since the last release: the page stays as it was
        (10, 5, False, 10),  # five new: released together
        (7, 5, True, 7),  # closed: the remainder is released once
        (5, 5, True, None),  # closed, nothing new: nothing to do
        (3, None, True, 3),  # closed below the minimum: released, the threshold then hides it
    ],
)
def test_next_release(
    submitted: int, last: int | None, closed: bool, expected_size: int | None
) -> None:
    previous = released(last) if last else None
    release = next_release(subs(submitted), previous, closed=closed, today=TODAY)
    if expected_size is None:
        assert release is None
        return
    assert release is not None
    assert release.size == expected_size
    assert release.number == (2 if previous else 1)
    assert release.released_on == TODAY
    assert len(release.new_ids) == expected_size - (last or 0)


def test_the_batch_size_is_never_below_the_minimum_group_size() -> None:
    assert next_release(subs(3), None, closed=False, today=TODAY, min_batch=2) is None
    assert next_release(subs(7), None, closed=False, today=TODAY, min_batch=8) is None


def test_a_release_keeps_everything_released_before() -> None:
    first = next_release(subs(5), None, closed=False, today=TODAY)
    assert first is not None
    second = next_release(subs(11), first, closed=False, today=TODAY)
    assert second is not None
    assert first.ids < second.ids and second.new_ids == second.ids - first.ids


TEXTS = ["Mehr Schulungen", "Datenschutz klären", "Zeit fürs Ausprobieren", "KI im Vertrieb", "—"]


def test_free_texts_have_one_order_per_batch_whatever_the_order_of_writing() -> None:
    release = released(5)
    order = batch_order(TEXTS, release)
    assert sorted(order) == sorted(TEXTS)
    assert batch_order(list(reversed(TEXTS)), release) == order
    assert batch_order(TEXTS[2:] + TEXTS[:2], release) == order


def test_another_batch_shuffles_differently() -> None:
    orders = {
        tuple(batch_order(TEXTS, Release(n, frozenset(), TODAY, frozenset({f"x{n}"}))))
        for n in range(1, 30)
    }
    assert len(orders) > 5


def test_free_texts_carry_the_batch_date_only() -> None:
    texts = release_texts(TEXTS, released(5))
    assert {t.released_on for t in texts} == {dt.date(2026, 3, 2)}
    assert [t.text for t in texts] == batch_order(TEXTS, released(5))


DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("last_taken", "changes", "elapsed", "due"),
    [
        (None, 0, dt.timedelta(0), True),  # no snapshot yet
        (T0, 0, 30 * DAY, False),  # nothing changed: a new snapshot would be the same
        (T0, 4, 30 * DAY, False),  # too few changes: one company could be differenced out
        (T0, 5, 30 * DAY, True),
        (T0, 5, DAY / 2, False),  # enough changes, but too soon after the last
        (T0, 12, DAY, True),
    ],
)
def test_snapshot_due(
    last_taken: dt.datetime | None, changes: int, elapsed: dt.timedelta, due: bool
) -> None:
    now = T0 + elapsed
    assert snapshot_due(last_taken=last_taken, changes_since=changes, now=now) is due


@given(
    st.lists(st.integers(0, 6), min_size=1, max_size=12),  # answers arriving between checks
    st.integers(5, 8),
)
def test_releases_come_in_batches_and_nothing_is_lost(arrivals: list[int], min_batch: int) -> None:
    """Checked after every arrival: each release adds at least a batch; closing releases all."""
    submissions: list[Submission] = []
    last: Release | None = None
    for arrived in arrivals:
        submissions += subs(arrived, start=len(submissions))
        release = next_release(submissions, last, closed=False, today=TODAY, min_batch=min_batch)
        if release is not None:
            assert len(release.new_ids) >= min_batch
            assert last is None or last.ids < release.ids
            last = release
        pending_now = len(submissions) - (last.size if last else 0)
        assert pending_now < min_batch  # a full batch is never held back
    final = next_release(submissions, last, closed=True, today=TODAY, min_batch=min_batch)
    released_ids = (final or last).ids if (final or last) else frozenset()
    assert released_ids == {s.id for s in submissions}
