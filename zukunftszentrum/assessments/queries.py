"""Reads of the self-checks. Functions that return people's data take the viewer first.

Privacy: responses are found only by their respondent (`responses_of`) or by the private
token (`response_by_token`); nobody else — not the company's lead — can open a response.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.organisations.models import Accompaniment, Membership, User
from zukunftszentrum.organisations.roles import Capability, Role, has_capability

from .engine.schema import Instrument
from .exceptions import UnknownInstrument
from .instruments import catalog
from .models import Assessment, Participation, Perspective, Response

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


def available_instruments(member: Membership | None) -> dict[str, list[Instrument]]:
    """The newest instruments by how they are taken: individually, or opened for the company."""
    insts = catalog().all_latest()
    manages = member is not None and has_capability(member.role, Capability.MANAGE_ASSESSMENTS)
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


def _entry(
    assessment: Assessment, member: Membership | None, user: User | AnonymousUser
) -> dict[str, Any]:
    inst = instrument_of(assessment)
    own = None
    participated = inst.anonymous and has_participated(user, assessment)
    if not inst.anonymous:
        own = responses_of(user).filter(assessment=assessment).first()
    return {
        "assessment": assessment,
        "instrument": inst,
        "title": inst.title.get(lang()),
        "own": own,
        "participated": participated,
        "can_answer": assessment.is_open and perspective_for(member, inst) is not None,
    }


def overview_context(member: Membership | None, user: User | AnonymousUser) -> dict[str, Any]:
    """Everything the "Selbstchecks" page lists for the person in the active role."""
    runs = assessments_visible_to(member).order_by("status", "-opened_at")
    own = [
        {"response": r, "title": _title(r)}
        for r in responses_of(user).order_by("submitted_at", "-updated_at")
    ]
    return {
        "available": available_instruments(member),
        "assessments": [_entry(a, member, user) for a in runs],
        "own_responses": own,
        "manages": member is not None
        and has_capability(member.role, Capability.MANAGE_ASSESSMENTS),
        "lang": lang(),
    }


def _title(response: Response) -> str:
    try:
        return instrument_of(response).title.get(lang())
    except UnknownInstrument:
        return response.instrument_key


def result_context(response: Response, viewer: User | None) -> dict[str, Any]:
    """The data of a submitted response's result page: overall score and level, each
    dimension's score and level, the knowledge quiz apart, and the recommendations.
    The caller has already made sure the viewer owns the response (or holds its token)."""
    inst = instrument_of(response)
    language = lang()
    result = response.result or {}
    dimensions = []
    for dim in inst.dimensions:
        data = (result.get("dimensions") or {}).get(dim.id) or {}
        level = inst.level(_level_number(data.get("level")))
        knowledge = (result.get("knowledge") or {}).get(dim.id)
        dimensions.append(
            {
                "title": dim.title.get(language),
                "score": data.get("score"),
                "level": level.level if level else None,
                "level_label": level.label.get(language) if level else "",
                "knowledge": knowledge,
            }
        )
    overall_level = inst.level(_level_number(result.get("overall_level")))
    return {
        "response": response,
        "instrument": inst,
        "title": inst.title.get(language),
        "overall": result.get("overall"),
        "overall_level": overall_level.level if overall_level else None,
        "overall_label": overall_level.label.get(language) if overall_level else "",
        "dimensions": dimensions,
        "has_knowledge": any(d["knowledge"] is not None for d in dimensions),
        "recommendations": _recommendations(inst, result, language),
        "viewer": viewer,
    }


def _recommendations(inst: Instrument, result: dict[str, Any], language: str) -> list[str]:
    out = []
    for rec in result.get("recommendations") or []:
        rec_id = rec.get("id") if isinstance(rec, dict) else rec
        match = next((r for r in inst.recommendations if r.id == rec_id), None)
        if match is not None:
            out.append(match.text.get(language))
    return out


def _level_number(value: Any) -> int | None:
    """A level in the snapshot is its number or the serialised Level."""
    if isinstance(value, dict):
        value = value.get("level")
    return value if isinstance(value, int) else None
