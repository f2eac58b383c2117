"""Comparison with peers: the published mean profile of comparable responses (same instrument
version; organisations of the same WZ section, size class and Land), widened step by step until a
group reaches the minimum size. Figures go through `engine.aggregate` (hence `core.disclosure`).

Snapshots, never live: a comparison group is stored as a `PeerSnapshot` per (instrument,
version, grouping, excluded organisation). The viewer's own organisation is left out of the
group itself -- not subtracted from a shared figure, which would hand the viewer the difference
-- so there is one snapshot per organisation that looks at the group. A snapshot is taken the
first time it is needed and afterwards only by `refresh_snapshots` on a submission, when
`core.disclosure.snapshot_due` says so (at least five new contributors and a day since the last
one); a page view only reads it. So a new colleague's or competitor's answer cannot be
subtracted out by reloading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.disclosure import Parameters, snapshot_due
from zukunftszentrum.organisations.models import Organisation

from .engine import aggregate, scoring
from .models import PeerSnapshot, Response

# Peer groups from the narrowest to the broadest: fields of the organisation that must match.
PEER_GROUPS: tuple[tuple[str, ...], ...] = (
    ("wz_section", "size_class", "land_id"),
    ("wz_section", "size_class"),
    ("wz_section",),
)


def is_company_check(response: Response) -> bool:
    """Answered within a company check run (not an individual check)."""
    return response.assessment_id is not None


@dataclass(frozen=True)
class PeerGroup:
    note: str  # which group was used, in one sentence
    profile: aggregate.Profile

    @property
    def means(self) -> dict[str, int | None]:
        return self.profile.means()


def peer_group(response: Response, min_size: int | None = None) -> PeerGroup | None:
    """The narrowest comparable group that reaches the minimum size, or None, from the stored
    snapshots (see the module docstring).

    Company checks count organisations (each organisation's responses averaged first);
    individual checks count people (their latest response each). Either way the respondent's
    own organisation is left out."""
    if response.organisation is None or response.submitted_at is None:
        return None
    return _narrowest_group(
        response.organisation,
        response.instrument_key,
        response.version,
        by_organisation=is_company_check(response),
        min_size=min_size,
    )


def peer_group_for_company(
    organisation: Organisation, instrument_key: str, version: str, min_size: int | None = None
) -> PeerGroup | None:
    """Peers of a company's combined result: other organisations' submitted responses to the
    same instrument version, each organisation counted once."""
    return _narrowest_group(
        organisation, instrument_key, version, by_organisation=True, min_size=min_size
    )


def _grouping(org: Organisation, fields: tuple[str, ...], by_organisation: bool) -> str:
    """The stored name of a comparison group, e.g. "org:wz_section=C,size_class=small"."""
    kind = "org" if by_organisation else "person"
    return kind + ":" + ",".join(f"{name}={getattr(org, name)}" for name in fields)


def _narrowest_group(
    org: Organisation,
    instrument_key: str,
    version: str,
    *,
    by_organisation: bool,
    min_size: int | None,
) -> PeerGroup | None:
    minimum = settings.ZZ_MIN_GROUP_SIZE if min_size is None else min_size
    for fields in PEER_GROUPS:
        snapshot = _snapshot(org, instrument_key, version, fields, by_organisation, minimum)
        if snapshot.figures:
            profile = aggregate.Profile.from_json(snapshot.figures)
            if not profile.suppressed:
                return PeerGroup(_peer_note(org, fields, profile.n or 0, by_organisation), profile)
    return None


def _snapshot(
    org: Organisation,
    instrument_key: str,
    version: str,
    fields: tuple[str, ...],
    by_organisation: bool,
    minimum: int,
) -> PeerSnapshot:
    """The stored snapshot of the group without `org`; taken now only when there is none."""
    grouping = _grouping(org, fields, by_organisation)
    found = PeerSnapshot.objects.filter(
        instrument_key=instrument_key, version=version, grouping=grouping, excluded=str(org.pk)
    ).first()
    if found is not None:
        return found
    return _take(org, instrument_key, version, fields, by_organisation, minimum)


def _members(
    org: Organisation, instrument_key: str, version: str, fields: tuple[str, ...]
) -> QuerySet[Response]:
    """Submitted responses of the group: same version, same organisation attributes, without
    the excluded organisation."""
    lookup = {f"organisation__{name}": getattr(org, name) for name in fields}
    return Response.objects.filter(
        instrument_key=instrument_key,
        version=version,
        submitted_at__isnull=False,
        organisation__isnull=False,
        **lookup,
    ).exclude(organisation=org)


def _take(
    org: Organisation,
    instrument_key: str,
    version: str,
    fields: tuple[str, ...],
    by_organisation: bool,
    minimum: int,
) -> PeerSnapshot:
    entries = _peer_results(_members(org, instrument_key, version, fields), by_organisation)
    profile = aggregate.mean_profile(
        entries,
        variable=f"{instrument_key}:{version}:peers",
        params=Parameters(min_size=minimum),
    )
    snapshot, _created = PeerSnapshot.objects.update_or_create(
        instrument_key=instrument_key,
        version=version,
        grouping=_grouping(org, fields, by_organisation),
        excluded=str(org.pk),
        defaults={
            "figures": profile.to_json(),
            "contributors": len(entries),
            "taken_at": timezone.now(),
        },
    )
    return snapshot


def refresh_snapshots(response: Response) -> int:
    """After a submission: take again every stored snapshot this response's organisation
    belongs to, where `snapshot_due` says so. Returns how many were taken."""
    org = response.organisation
    if org is None or response.submitted_at is None:
        return 0
    by_organisation = is_company_check(response)
    now = timezone.now()
    taken = 0
    for fields in PEER_GROUPS:
        stored = PeerSnapshot.objects.filter(
            instrument_key=response.instrument_key,
            version=response.version,
            grouping=_grouping(org, fields, by_organisation),
        ).exclude(excluded=str(org.pk))
        for snapshot in stored:
            excluded = Organisation.objects.filter(pk=int(snapshot.excluded)).first()
            if excluded is None:
                continue
            since = _members(excluded, response.instrument_key, response.version, fields).filter(
                submitted_at__gt=snapshot.taken_at
            )
            changes = (
                since.values("organisation_id").distinct().count()
                if by_organisation
                else since.count()
            )
            if snapshot_due(last_taken=snapshot.taken_at, changes_since=changes, now=now):
                minimum = int(snapshot.figures.get("min_size") or settings.ZZ_MIN_GROUP_SIZE)
                _take(
                    excluded,
                    response.instrument_key,
                    response.version,
                    fields,
                    by_organisation,
                    minimum,
                )
                taken += 1
    return taken


def _peer_results(qs: QuerySet[Response], by_organisation: bool) -> list[aggregate.Keyed]:
    groups: dict[Any, list[tuple[int, scoring.Result]]] = {}
    rows = qs.order_by("-submitted_at").values_list(
        "pk", "organisation_id", "respondent_id", "result", "record_key"
    )
    for pk, org_id, respondent_id, snapshot, record_key in rows:
        result = _from_snapshot(snapshot)
        if result is None:
            continue
        key = org_id if by_organisation else (respondent_id or pk)
        if by_organisation or key not in groups:  # individuals: only the latest answer counts
            groups.setdefault(key, []).append((record_key, result))
    return [
        aggregate.Keyed(
            key=aggregate.combined_key(k for k, _r in members),
            result=_combined([r for _k, r in members]),
        )
        for members in groups.values()
    ]


def _from_snapshot(data: Any) -> scoring.Result | None:
    """The stored result of a submitted response (scores only), or None when unreadable."""
    try:
        dims = {
            key: scoring.DimensionResult(
                value["score"], value.get("level"), value.get("n_items", 0)
            )
            for key, value in data["dimensions"].items()
        }
        return scoring.Result(
            dims, data.get("overall"), data.get("overall_level"), dict(data.get("knowledge") or {})
        )
    except (KeyError, TypeError, AttributeError):
        return None


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _combined(results: list[scoring.Result]) -> scoring.Result:
    """One organisation's responses as one result (plain means), so each counts once."""
    if len(results) == 1:
        return results[0]
    dim_keys = dict.fromkeys(k for r in results for k in r.dimensions)
    dims = {
        k: scoring.DimensionResult(
            _mean(r.dimensions[k].score for r in results if k in r.dimensions), None, 0
        )
        for k in dim_keys
    }
    know_keys = dict.fromkeys(k for r in results for k in r.knowledge)
    knowledge = {k: _mean(r.knowledge.get(k) for r in results) for k in know_keys}
    return scoring.Result(dims, _mean(r.overall for r in results), None, knowledge)


def _peer_note(org: Organisation, fields: tuple[str, ...], n: int, companies: bool) -> str:
    params = {
        "n": n,
        "wz": org.get_wz_section_display(),  # type: ignore[attr-defined]
        "size": org.get_size_class_display(),
        "land": org.land.name,
    }
    if companies:
        texts = (
            _(
                "Verglichen wird mit %(n)s Unternehmen derselben Branche (%(wz)s), derselben Größenklasse (%(size)s) und aus demselben Land (%(land)s)."
            ),
            _(
                "Verglichen wird mit %(n)s Unternehmen derselben Branche (%(wz)s) und derselben Größenklasse (%(size)s) aus ganz Deutschland – im eigenen Land gab es noch zu wenige."
            ),
            _(
                "Verglichen wird mit %(n)s Unternehmen derselben Branche (%(wz)s) aller Größen aus ganz Deutschland – engere Gruppen waren noch zu klein."
            ),
        )
    else:
        texts = (
            _(
                "Verglichen wird mit %(n)s Personen aus Organisationen derselben Branche (%(wz)s), derselben Größenklasse (%(size)s) und aus demselben Land (%(land)s)."
            ),
            _(
                "Verglichen wird mit %(n)s Personen aus Organisationen derselben Branche (%(wz)s) und derselben Größenklasse (%(size)s) aus ganz Deutschland – im eigenen Land gab es noch zu wenige."
            ),
            _(
                "Verglichen wird mit %(n)s Personen aus Organisationen derselben Branche (%(wz)s) aller Größen aus ganz Deutschland – engere Gruppen waren noch zu klein."
            ),
        )
    return texts[len(PEER_GROUPS) - len(fields)] % params
