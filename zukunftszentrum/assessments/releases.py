"""Batch releases of company check results (core.disclosure releases), made and read.

The combined result of a company check changes only when a release is made: when at least the
minimum number of new responses have been submitted since the last release, or once when the
run is closed. A release stores the published figures (through `engine.aggregate`, hence
`core.disclosure`) and, for anonymous checks, the free texts of its batch in batch order. Pages
and the PDF show the latest release and never recompute it.

A closing batch smaller than the minimum releases figures (their noise differs from the last
release's) but not its free texts: a handful of new texts would point to the last few people.

Made inside the submit and close actions, in their transaction; the run's row is locked so two
submissions cannot both make release number N.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from zukunftszentrum.core.disclosure import (
    Parameters,
    Release,
    Submission,
    next_release,
    release_texts,
)
from zukunftszentrum.core.suppression import effective_min_size

from .engine import aggregate
from .engine.schema import Instrument
from .models import Assessment, ResultRelease
from .queries import instrument_of, snapshot_result


def parameters() -> Parameters:
    return Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)


def _as_release(row: ResultRelease | None) -> Release | None:
    if row is None:
        return None
    return Release(number=row.number, ids=frozenset(row.response_ids), released_on=row.released_on)


def latest(assessment: Assessment) -> ResultRelease | None:
    return assessment.releases.order_by("-number").first()


def make_release(assessment: Assessment) -> ResultRelease | None:
    """The release due now for the run (closed runs release what is new once), or None.
    Call inside a transaction: the run's row is locked until it ends."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    last_row = latest(locked)
    submitted = list(
        locked.responses.filter(submitted_at__isnull=False).only(
            "pk", "submitted_at", "perspective", "result", "record_key", "answers"
        )
    )
    release = next_release(
        [Submission(str(r.pk), r.submitted_at) for r in submitted if r.submitted_at],
        _as_release(last_row),
        closed=not locked.is_open,
        today=timezone.localdate(),
    )
    if release is None:
        return None
    inst = instrument_of(locked)
    covered = [r for r in submitted if str(r.pk) in release.ids]
    batch = [r for r in covered if str(r.pk) in release.new_ids]
    full_batch = len(batch) >= effective_min_size(settings.ZZ_MIN_GROUP_SIZE)
    texts = _batch_texts(inst, batch, release) if inst.anonymous and full_batch else []
    return ResultRelease.objects.create(
        assessment=locked,
        number=release.number,
        released_on=release.released_on,
        response_ids=sorted(release.ids),
        response_count=len(release.ids),
        figures=figures(inst, covered),
        free_texts=texts,
        texts_withheld=inst.anonymous and bool(_text_items(inst)) and not full_batch,
    )


def figures(inst: Instrument, responses: list[Any]) -> dict[str, Any]:
    """The published figures of a set of responses: everybody together, and per perspective
    when every perspective reaches the minimum (never for anonymous checks)."""
    groups: dict[str, list[aggregate.Keyed]] = {}
    for r in responses:
        entry = aggregate.Keyed(key=r.record_key, result=snapshot_result(r))
        groups.setdefault(r.perspective, []).append(entry)
    params = parameters()
    comparison = aggregate.compare_groups(
        groups, variable=f"{inst.key}:{inst.version}", params=params
    )
    split = not inst.anonymous and not comparison.combined and len(comparison.groups) > 1
    return {
        "total": comparison.total.to_json(),
        "groups": {p: g.to_json() for p, g in comparison.groups.items()} if split else {},
        "counts": {} if inst.anonymous else _counts(groups, inst, params),
    }


def _counts(
    groups: dict[str, list[aggregate.Keyed]], inst: Instrument, params: Parameters
) -> dict[str, list[Any]]:
    """Per perspective the published count and the true size (for the view-time check)."""
    result = {}
    for perspective, entries in groups.items():
        profile = aggregate.mean_profile(
            entries, variable=f"{inst.key}:{inst.version}:{perspective}", params=params
        )
        result[perspective] = [profile.n, profile.contributors]
    return result


def _text_items(inst: Instrument) -> list[Any]:
    return [i for i in inst.items if i.type == "text"]


def _batch_texts(inst: Instrument, batch: list[Any], release: Release) -> list[dict[str, Any]]:
    blocks = []
    for item in _text_items(inst):
        texts = [
            value.strip()
            for r in batch
            if isinstance(value := (r.answers or {}).get(item.id), str) and value.strip()
        ]
        ordered = release_texts(texts, release)
        blocks.append({"item": item.id, "texts": [t.text for t in ordered]})
    return blocks


# --- what a viewer may see of a release ------------------------------------------------------
@dataclass(frozen=True)
class ReleaseView:
    """The latest release as one viewer may see it."""

    row: ResultRelease
    total: aggregate.Profile
    groups: dict[str, aggregate.Profile]
    counts: dict[str, int | None]
    includes_viewer: bool

    @property
    def shown(self) -> bool:
        return not self.total.suppressed


def view_for(
    row: ResultRelease,
    *,
    own_response_id: str | None,
    own_perspective: str | None,
    took_part: bool,
) -> ReleaseView:
    """Check the stored figures against the viewer's own share: when the viewer's response is
    in the release (or, for anonymous checks, the viewer took part), a figure is shown only
    when at least the minimum OTHER people stand behind it."""
    mine = took_part or (own_response_id is not None and own_response_id in row.response_ids)
    data = row.figures or {}
    total = aggregate.Profile.from_json(data["total"]).visible_to(includes_viewer=mine)
    groups = {
        p: aggregate.Profile.from_json(g).visible_to(
            includes_viewer=mine and (took_part or p == own_perspective)
        )
        for p, g in (data.get("groups") or {}).items()
    }
    if groups and any(g.suppressed for g in groups.values()):
        groups = {}  # one perspective alone would be the difference to the total
    minimum = total.min_size
    counts: dict[str, int | None] = {}
    for p, (shown, size) in (data.get("counts") or {}).items():
        own_group = mine and (took_part or p == own_perspective)
        counts[p] = None if shown is None or (own_group and size - 1 < minimum) else shown
    return ReleaseView(row, total, groups, counts, mine)
