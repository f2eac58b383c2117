"""Comparison with peers: the mean profile of comparable responses (same instrument version;
organisations of the same WZ section, size class and Land), widened step by step until a group
reaches the minimum size. Means go through `engine.aggregate.mean_profile`, so the minimum group
size is applied in one place; the person's own answers never count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.organisations.models import Organisation

from .engine import aggregate, scoring
from .models import Response

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
    """The narrowest comparable group that reaches the minimum size, or None.

    Company checks count organisations (each organisation's responses averaged first, the
    own organisation left out); individual checks count people (their latest response each,
    the person's own responses left out)."""
    if response.organisation is None or response.submitted_at is None:
        return None
    return _narrowest_group(
        response.organisation,
        _peer_candidates(response),
        by_organisation=is_company_check(response),
        min_size=min_size,
        variable=f"{response.instrument_key}:{response.version}:peers",
    )


def peer_group_for_company(
    organisation: Organisation, instrument_key: str, version: str, min_size: int | None = None
) -> PeerGroup | None:
    """Peers of a company's combined result: other organisations' submitted responses to the
    same instrument version, each organisation counted once."""
    candidates = Response.objects.filter(
        instrument_key=instrument_key,
        version=version,
        submitted_at__isnull=False,
        organisation__isnull=False,
    ).exclude(organisation=organisation)
    return _narrowest_group(
        organisation,
        candidates,
        by_organisation=True,
        min_size=min_size,
        variable=f"{instrument_key}:{version}:peers",
    )


def _narrowest_group(
    org: Organisation,
    candidates: QuerySet[Response],
    *,
    by_organisation: bool,
    min_size: int | None,
    variable: str,
) -> PeerGroup | None:
    minimum = settings.ZZ_MIN_GROUP_SIZE if min_size is None else min_size
    for fields in PEER_GROUPS:
        lookup = {f"organisation__{name}": getattr(org, name) for name in fields}
        results = _peer_results(candidates.filter(**lookup), by_organisation)
        profile = aggregate.mean_profile(
            results, variable=variable, params=Parameters(min_size=minimum)
        )
        if not profile.suppressed:
            return PeerGroup(_peer_note(org, fields, profile.n or 0, by_organisation), profile)
    return None


def _peer_candidates(response: Response) -> QuerySet[Response]:
    qs = Response.objects.filter(
        instrument_key=response.instrument_key,
        version=response.version,
        submitted_at__isnull=False,
        organisation__isnull=False,
    ).exclude(pk=response.pk)
    if is_company_check(response):
        return qs.exclude(organisation=response.organisation)
    if response.respondent_id is not None:
        qs = qs.exclude(respondent_id=response.respondent_id)
    return qs


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
