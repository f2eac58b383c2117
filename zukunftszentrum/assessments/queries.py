"""Reads of the self-checks. Functions that return people's data take the viewer first.
What a page shows, assembled from these reads, is in `pages.py`; other apps read the self-checks
only through this module (the needs analysis through `submitted_rows`).

Privacy: responses are found only by their respondent (`responses_of`) or by the private
token (`response_by_token`); nobody else — not the company's lead — can open a response.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.db.models.fields.json import KeyTransform
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.organisations.models import Accompaniment, Membership, User
from zukunftszentrum.organisations.roles import Capability, Role, has_capability

from .engine import scoring
from .engine.schema import Instrument
from .exceptions import UnknownInstrument
from .instruments import catalog
from .models import Assessment, Participation, Perspective, Response
from .rules import may_open_assessment

ROLE_PERSPECTIVE: dict[str, str] = {
    Role.COMPANY_LEAD: Perspective.COMPANY_LEAD,
    Role.SOLO: Perspective.COMPANY_LEAD,
    Role.EMPLOYEE: Perspective.EMPLOYEE,
    Role.WORKS_COUNCIL: Perspective.WORKS_COUNCIL,
    Role.ADVISOR: Perspective.ADVISOR,
}
# Who answers the employees' view when an instrument names no perspectives.
VOICE_PERSPECTIVES = (Perspective.EMPLOYEE, Perspective.WORKS_COUNCIL)


def instrument(key: str, version: str | None = None) -> Instrument:
    """One instrument version from the registry (None = newest)."""
    try:
        return catalog().get(key, version)
    except KeyError:
        raise UnknownInstrument(_("Diesen Check gibt es nicht (mehr): %s") % key) from None


def instrument_of(response: Response | Assessment) -> Instrument:
    """The instrument in the version the response (or check run) was answered in."""
    return instrument(response.instrument_key, response.version)


def lang() -> str:
    return (get_language() or "de")[:2]


def perspective_for(member: Membership | None, inst: Instrument) -> str | None:
    """The perspective in which the member answers this instrument, or None if not foreseen."""
    if member is None:
        return None
    perspective = ROLE_PERSPECTIVE.get(member.role)
    if perspective is None:
        return None
    if inst.kind == "employee_voice":
        allowed = inst.perspectives or VOICE_PERSPECTIVES
    else:
        allowed = inst.perspectives or tuple(p for p in ROLE_PERSPECTIVE.values())
    if perspective == Perspective.ADVISOR and inst.anonymous:
        return None
    return perspective if perspective in allowed else None


def assessments_visible_to(member: Membership | None) -> QuerySet[Assessment]:
    """Check runs of the member's organisation, or of organisations the member's centre
    accompanies with their consent (ACTIVE accompaniment)."""
    qs = Assessment.objects.select_related("organisation")
    if member is None:
        return qs.none()
    if member.organisation_id and has_capability(member.role, Capability.TAKE_ASSESSMENT):
        return qs.filter(organisation_id=member.organisation_id)
    if member.centre_id and has_capability(member.role, Capability.VIEW_ACCOMPANIED_RESULTS):
        accompanied = Accompaniment.objects.filter(
            centre_id=member.centre_id, status=Accompaniment.Status.ACTIVE
        ).values("organisation_id")
        return qs.filter(organisation_id__in=accompanied)
    return qs.none()


def managed_assessments(member: Membership | None) -> QuerySet[Assessment]:
    """Check runs the member may close: those of the organisation it leads."""
    if member is None or not has_capability(member.role, Capability.MANAGE_ASSESSMENTS):
        return Assessment.objects.none()
    if member.organisation_id is None:
        return Assessment.objects.none()
    return Assessment.objects.filter(organisation_id=member.organisation_id)


def responses_of(user: User | AnonymousUser) -> QuerySet[Response]:
    """The person's own responses (never anonymous ones: those have no respondent)."""
    if not user.is_authenticated:
        return Response.objects.none()
    return Response.objects.filter(respondent=user).select_related("assessment")


def response_by_token(token: str) -> Response | None:
    """The response a private link belongs to, or None."""
    from .actions import hash_token

    if not token or len(token) > 100:
        return None
    return Response.objects.filter(resume_token_hash=hash_token(token)).first()


def has_participated(user: User | AnonymousUser, assessment: Assessment) -> bool:
    if not user.is_authenticated:
        return False
    return Participation.objects.filter(user=user, assessment=assessment).exists()


def is_solo(member: Membership | None) -> bool:
    """A solo self-employed person: an organisation of one, with no staff and no employer."""
    return member is not None and member.role == Role.SOLO


def openable_for(member: Membership | None, inst: Instrument) -> bool:
    """Whether this kind of check makes sense for the member's organisation: a survey of the
    staff needs staff, so a solo self-employed person is not offered one."""
    return not (inst.kind == "employee_voice" and is_solo(member))


def available_instruments(member: Membership | None) -> dict[str, list[Instrument]]:
    """The newest instruments by how they are taken: individually, or opened for the company."""
    insts = [i for i in catalog().all_latest() if i.kind == "individual" or openable_for(member, i)]
    manages = bool(may_open_assessment(member))
    running = set(
        assessments_visible_to(member)
        .filter(status=Assessment.Status.OPEN)
        .values_list("instrument_key", flat=True)
    )
    return {
        "individual": [i for i in insts if i.kind == "individual"],
        "openable": [i for i in insts if i.kind != "individual" and i.key not in running]
        if manages
        else [],
    }


# Perspectives in the order the company result lists them.
PERSPECTIVE_ORDER = (
    Perspective.COMPANY_LEAD,
    Perspective.EMPLOYEE,
    Perspective.WORKS_COUNCIL,
    Perspective.ADVISOR,
)


def company_results_visible_to(member: Membership | None) -> QuerySet[Assessment]:
    """Check runs whose combined result the member may open: the lead (or solo) and the staff
    of a centre with an ACTIVE accompaniment see every run; employees and works council
    members see the combined result of CLOSED runs of their organisation (transparency)."""
    if member is None:
        return Assessment.objects.none()
    visible = assessments_visible_to(member)
    if has_capability(member.role, Capability.MANAGE_ASSESSMENTS):
        return visible
    if has_capability(member.role, Capability.VIEW_ACCOMPANIED_RESULTS):
        return visible
    if has_capability(member.role, Capability.TAKE_ASSESSMENT):
        return visible.filter(status=Assessment.Status.CLOSED)
    return Assessment.objects.none()


def snapshot_result(response: Response) -> scoring.Result:
    """A submitted response's stored result as an engine Result (recommendations left out)."""
    data = response.result or {}
    dims = {
        dim_id: scoring.DimensionResult(
            (raw or {}).get("score"),
            _number((raw or {}).get("level")),
            int((raw or {}).get("n_items") or 0),
        )
        for dim_id, raw in (data.get("dimensions") or {}).items()
    }
    return scoring.Result(
        dimensions=dims,
        overall=data.get("overall"),
        overall_level=_number(data.get("overall_level")),
        knowledge=dict(data.get("knowledge") or {}),
    )


def _number(value: Any) -> int | None:
    if isinstance(value, dict):
        value = value.get("level")
    return value if isinstance(value, int) else None


def ordered_perspectives(keys: Any) -> list[str]:
    order = {p.value: i for i, p in enumerate(PERSPECTIVE_ORDER)}
    return sorted(keys, key=lambda p: (order.get(p, len(order)), p))


def exportable_responses(member: Membership | None) -> QuerySet[Response]:
    """Submitted responses a member may export aggregated: a centre those of organisations it
    accompanies (ACTIVE), a programme admin the whole network."""
    base = Response.objects.filter(
        submitted_at__isnull=False, organisation__isnull=False
    ).select_related("organisation")
    if member is None or not has_capability(member.role, Capability.EXPORT_RESPONSES):
        return base.none()
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return base
    if member.centre_id is None:
        return base.none()
    accompanied = Accompaniment.objects.filter(
        centre_id=member.centre_id, status=Accompaniment.Status.ACTIVE
    ).values("organisation_id")
    return base.filter(organisation_id__in=accompanied)


# --- one object, or 404 -------------------------------------------------------------------------
# Views fetch a single check run or response through these. "Does not exist" and "not yours"
# raise the same Http404, so a probe by id learns nothing about another organisation.


def access_assessment(member: Membership | None, pk: object) -> Assessment:
    """A check run the active role may answer or look at (see `assessments_visible_to`)."""
    return get_object_or_404(assessments_visible_to(member), pk=pk)


def access_managed_assessment(member: Membership | None, pk: object) -> Assessment:
    """A check run the active role may close (see `managed_assessments`)."""
    return get_object_or_404(managed_assessments(member), pk=pk)


def access_company_result(member: Membership | None, pk: object) -> Assessment:
    """A check run whose combined result the active role may open."""
    return get_object_or_404(company_results_visible_to(member), pk=pk)


def access_own_response(user: User | AnonymousUser, pk: object) -> Response:
    """One of the person's own responses (see `responses_of`)."""
    return get_object_or_404(responses_of(user), pk=pk)


# --- what other apps read --------------------------------------------------------------------

# One submitted response of an organisation, as the needs analysis reads it:
# (organisation_id, land, wz_section, size_class, instrument_key, submitted_at, answers, overall)
SubmittedRow = tuple[int, str, str, str, str, dt.datetime, dict[str, Any], Any]


def submitted_rows(
    *,
    instrument_keys: Iterable[str],
    since: dt.datetime,
    until: dt.datetime,
    lands: Iterable[str] | None = None,
    exclude_size_classes: Iterable[str] = (),
    chunk_size: int = 20_000,
) -> Iterator[SubmittedRow]:
    """Submitted responses of organisations in [since, until), unsorted, streamed in chunks;
    of a result only its overall score. No person: who answered is not part of a row."""
    responses = Response.objects.filter(
        instrument_key__in=list(instrument_keys),
        submitted_at__gte=since,
        submitted_at__lt=until,
        organisation__isnull=False,
    ).exclude(organisation__size_class__in=list(exclude_size_classes))
    if lands is not None:
        responses = responses.filter(organisation__land_id__in=list(lands))
    rows = responses.order_by().values_list(
        "organisation_id",
        "organisation__land_id",
        "organisation__wz_section",
        "organisation__size_class",
        "instrument_key",
        "submitted_at",
        "answers",
        KeyTransform("overall", "result"),
    )
    return rows.iterator(chunk_size=chunk_size)


# One submitted individual response, as the learning module reads it for self-ratings:
# (response id, respondent id, instrument version, submitted_at, dimension id -> level 1-5).
SelfRatedRow = tuple[str, int, str, dt.datetime, dict[str, int]]


def self_rated_levels(
    *, instrument_key: str, user: User | None = None, response_id: str | None = None
) -> list[SelfRatedRow]:
    """The self-assessment levels per dimension of submitted responses that have a respondent
    (never anonymous ones): one person's (`user`), or one response (`response_id`)."""
    responses = Response.objects.filter(
        instrument_key=instrument_key, submitted_at__isnull=False, respondent__isnull=False
    )
    if user is not None:
        responses = responses.filter(respondent=user)
    if response_id is not None:
        responses = responses.filter(pk=response_id)
    rows: list[SelfRatedRow] = []
    for response in responses.order_by("submitted_at"):
        result = snapshot_result(response)
        levels = {d: r.level for d, r in result.dimensions.items() if r.level is not None}
        assert response.respondent_id is not None and response.submitted_at is not None
        rows.append(
            (
                str(response.pk),
                response.respondent_id,
                response.version,
                response.submitted_at,
                levels,
            )
        )
    return rows
