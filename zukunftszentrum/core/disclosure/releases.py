"""When live figures change: batch releases of open surveys and peer snapshots.
Pure: no Django imports.

An open anonymous survey's results change only in batches: a new release when at least
`min_batch` responses have come in since the last one, or when the survey closes. Before and
after one more response the page is the same, so reloading teaches nothing. Free texts appear
with their batch, in an order that depends on the batch and the text only (not on who wrote
first), and carry the batch's date, not their own.

Peer comparisons are computed from snapshots, taken when one is due (`snapshot_due`), never on
a page view. The caller stores the published figures of a release or snapshot and shows those:
recomputing them later (after a response was deleted, say) would change them by one person.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zukunftszentrum.core.suppression import effective_min_size

MIN_BATCH = 5
SNAPSHOT_MIN_INTERVAL = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Submission:
    """A submitted response as the release rule needs it: its id and when it came in."""

    id: str
    submitted_at: datetime.datetime


@dataclass(frozen=True)
class Release:
    """A published state of a survey: which responses it covers, its number and its date."""

    number: int
    ids: frozenset[str]
    released_on: datetime.date
    new_ids: frozenset[str] = frozenset()  # the batch that came with this release

    @property
    def size(self) -> int:
        return len(self.ids)


def pending(submissions: Iterable[Submission], last: Release | None) -> list[Submission]:
    """Submissions not yet in a release, oldest first."""
    released = last.ids if last else frozenset()
    return sorted(
        (s for s in submissions if s.id not in released), key=lambda s: (s.submitted_at, s.id)
    )


def next_release(
    submissions: Iterable[Submission],
    last: Release | None,
    *,
    closed: bool,
    today: datetime.date,
    min_batch: int = MIN_BATCH,
) -> Release | None:
    """The release to make now, or None when the figures must stay as they are.

    A batch of at least `min_batch` new responses (never fewer than the minimum group size) is
    released; when the survey has closed,
    whatever is new is released once (the survey's final state)."""
    new = pending(submissions, last)
    if not new or (len(new) < effective_min_size(min_batch) and not closed):
        return None
    new_ids = frozenset(s.id for s in new)
    released = last.ids if last else frozenset()
    return Release(
        number=(last.number + 1) if last else 1,
        ids=released | new_ids,
        released_on=today,
        new_ids=new_ids,
    )


def batch_order(texts: Sequence[str], release: Release) -> list[str]:
    """The batch's free texts in an order fixed by the batch and the texts alone: the same on
    every reload, unrelated to the order in which they were written."""
    seed = f"{release.number}:" + ",".join(sorted(release.new_ids))

    def rank(text: str) -> bytes:
        return hashlib.sha256(f"{seed}\x00{text}".encode()).digest()

    return sorted(texts, key=lambda text: (rank(text), text))


@dataclass(frozen=True)
class ReleasedText:
    """A free text as published: with its batch's date, never its own."""

    text: str
    released_on: datetime.date


def release_texts(texts: Sequence[str], release: Release) -> list[ReleasedText]:
    """The free texts of a release's new batch, ordered by `batch_order`, dated by the batch."""
    return [ReleasedText(text, release.released_on) for text in batch_order(texts, release)]


def snapshot_due(
    *,
    last_taken: datetime.datetime | None,
    changes_since: int,
    now: datetime.datetime,
    min_changes: int = MIN_BATCH,
    min_interval: datetime.timedelta = SNAPSHOT_MIN_INTERVAL,
) -> bool:
    """Whether a new peer snapshot is due: the first one as soon as asked; after that, when at
    least `min_changes` contributors have come or gone since the last one and `min_interval`
    has passed (so nobody can force snapshots one response apart)."""
    if last_taken is None:
        return True
    return changes_since >= min_changes and now - last_taken >= min_interval
