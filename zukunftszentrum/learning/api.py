"""API of learning: the public catalogue — published modules and their upcoming offers, with the
filters of the catalogue page. Public: no personal data (free seats are a count of seats, not
of people in a group, so they are shown as on the offer page).

The caller's own learning path and evidence (`/learning/me/...`): signed in (401), in a role
that learns (403); nobody else's, ever."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from zukunftszentrum.core.access import request_capabilities
from zukunftszentrum.core.api import django_auth, responses
from zukunftszentrum.organisations.roles import Capability

from .catalogue import queries
from .catalogue.pages import place_label
from .competence.evidence import evidence_of, levels_of
from .models import Module, Offer
from .paths import plans as paths
from .paths.pages import gap_reason, step_reasons

router = Router(tags=["Lernkatalog"])
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_LIMIT = 100


class ModuleOut(Schema):
    id: int
    key: str
    title: str
    summary: str
    centre: str
    format: str
    competences: dict[str, int]
    prerequisite_levels: dict[str, int]
    prerequisite_modules: list[int]
    duration_hours: Decimal
    cost_eur: Decimal
    language: str
    accessibility: str
    licence: str


class SessionOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class OfferOut(Schema):
    id: int
    module: int
    module_title: str
    status: str
    online: bool
    land: str | None
    kreis_ags: str
    place: str
    capacity: int
    free_seats: int
    sessions: list[SessionOut]


class Page(Schema):
    count: int
    limit: int
    offset: int


class ModulePage(Page):
    items: list[ModuleOut]


class OfferPage(Page):
    items: list[OfferOut]


def _filter(
    q: str = "", land: str = "", format: str = "", month: str = "", competence: str = ""
) -> queries.CatalogueFilter:
    match = MONTH.match(month)
    first = datetime.date(int(match[1]), int(match[2]), 1) if match else None
    return queries.CatalogueFilter(
        text=q, land=land.upper(), format=format, month=first, competence=competence
    )


def _module(m: Module) -> dict[str, Any]:
    return {
        "id": m.pk,
        "key": m.key,
        "title": m.title,
        "summary": m.summary,
        "centre": m.centre.name,
        "format": m.format,
        "competences": m.competences,
        "prerequisite_levels": m.prerequisite_levels,
        "prerequisite_modules": [p.pk for p in m.prerequisite_modules.all()],
        "duration_hours": m.duration_hours,
        "cost_eur": m.cost_eur,
        "language": m.language,
        "accessibility": m.accessibility,
        "licence": m.licence,
    }


def _offer(o: Offer) -> dict[str, Any]:
    return {
        "id": o.pk,
        "module": o.module_id,
        "module_title": o.module.title,
        "status": o.status,
        "online": o.online,
        "land": o.land_id,
        "kreis_ags": o.kreis_ags,
        "place": place_label(o),
        "capacity": o.capacity,
        "free_seats": max(0, o.capacity - queries.seats_taken(o)),
        "sessions": [{"starts_at": s.starts_at, "ends_at": s.ends_at} for s in o.sessions.all()],
    }


def _bounds(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


@router.get(
    "/learning/modules", response=responses(ModulePage), auth=None, url_name="learning_modules"
)
def list_modules(
    request: HttpRequest,
    q: str = "",
    land: str = "",
    format: str = "",
    month: str = "",
    competence: str = "",
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Published modules; `land` and `month` (YYYY-MM) ask for a matching upcoming offer."""
    limit, offset = _bounds(limit, offset)
    modules = queries.catalogue_modules(_filter(q, land, format, month, competence))
    items = modules.prefetch_related("prerequisite_modules")[offset : offset + limit]
    return {
        "count": modules.count(),
        "limit": limit,
        "offset": offset,
        "items": [_module(m) for m in items],
    }


@router.get(
    "/learning/offers", response=responses(OfferPage), auth=None, url_name="learning_offers"
)
def list_offers(
    request: HttpRequest,
    q: str = "",
    land: str = "",
    format: str = "",
    month: str = "",
    competence: str = "",
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Upcoming offers of published modules, soonest first, with free seats and sessions."""
    limit, offset = _bounds(limit, offset)
    offers = queries.catalogue_offers(_filter(q, land, format, month, competence))
    items = offers.prefetch_related("sessions")[offset : offset + limit]
    return {
        "count": offers.count(),
        "limit": limit,
        "offset": offset,
        "items": [_offer(o) for o in items],
    }


# --- the caller's own path and evidence ----------------------------------------------------
class ChangeOut(Schema):
    competence: str
    from_level: int
    to_level: int
    closes_gap: bool


class StepOut(Schema):
    module: int
    offer: int | None
    start_month: datetime.date
    month: datetime.date
    hours: float
    cost: float
    locked: bool
    changes: list[ChangeOut]
    reason: str


class GapOut(Schema):
    competence: str
    current: int
    target: int
    reason: str  # a code: no_module, excluded, no_date, not_in_reach, no_seat, budget, ...
    text: str


class PlanOut(Schema):
    id: int
    created_at: datetime.datetime
    status: str
    start: datetime.date
    end: datetime.date
    monthly_hours: float
    steps: list[StepOut]
    open_gaps: list[GapOut]
    gaps_total: int


class EvidenceOut(Schema):
    id: int
    competence: str
    kind: str
    level: int
    recorded_at: datetime.datetime
    framework_version: str
    note: str
    corrects: int | None


class LevelOut(Schema):
    competence: str
    level: int
    basis: str  # measured, self or none
    measured: int | None
    self_rating: int | None


class EvidencePage(Schema):
    levels: list[LevelOut]
    entries: list[EvidenceOut]


def _learner(request: HttpRequest) -> Any:
    if Capability.LEARN not in request_capabilities(request):
        raise HttpError(403, "Ihre Rolle hat keinen eigenen Lernweg.")
    return request.user


@router.get(
    "/learning/me/plan",
    response=responses(PlanOut, 401, 403, 404),
    auth=django_auth,
    url_name="learning_my_plan",
)
def my_plan(request: HttpRequest) -> dict[str, Any]:
    """The caller's current learning path (404 before the first plan)."""
    plan = paths.current_plan(_learner(request))
    if plan is None:
        raise HttpError(404, "Sie haben noch keinen Lernweg.")
    reasons = step_reasons(plan)
    return {
        "id": plan.pk,
        "created_at": plan.created_at,
        "status": plan.status,
        "start": plan.inputs["start"],
        "end": plan.inputs["end"],
        "monthly_hours": plan.inputs["monthly_hours"],
        "steps": [
            {
                **{k: step[k] for k in ("module", "offer", "start_month", "month", "hours")},
                "cost": step["cost"],
                "locked": step.get("locked", False),
                "changes": [
                    {"competence": c, "from_level": f, "to_level": t, "closes_gap": g}
                    for c, f, t, g in step["changes"]
                ],
                "reason": reason,
            }
            for step, reason in zip(plan.steps, reasons, strict=True)
        ],
        "open_gaps": [
            {**gap, "text": gap_reason(gap["reason"], gap["target"])} for gap in plan.open_gaps
        ],
        "gaps_total": plan.gaps_total,
    }


@router.get(
    "/learning/me/evidence",
    response=responses(EvidencePage, 401, 403),
    auth=django_auth,
    url_name="learning_my_evidence",
)
def my_evidence(request: HttpRequest) -> dict[str, Any]:
    """The caller's evidence log, oldest first, and the current level per competence."""
    user = _learner(request)
    entries = evidence_of(user)
    return {
        "levels": [
            {
                "competence": c,
                "level": s.level,
                "basis": s.basis,
                "measured": s.measured,
                "self_rating": s.self_rating,
            }
            for c, s in levels_of(user, entries).items()
        ],
        "entries": [
            {
                "id": e.pk,
                "competence": e.competence,
                "kind": e.kind,
                "level": e.level,
                "recorded_at": e.recorded_at,
                "framework_version": e.framework_version,
                "note": e.note,
                "corrects": e.corrects_id,
            }
            for e in entries
        ],
    }
