"""API of learning: the public catalogue — published modules and their upcoming offers, with the
filters of the catalogue page. Public: no personal data (free seats are a count of seats, not
of people in a group, so they are shown as on the offer page)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from zukunftszentrum.core.api import responses

from . import catalogue_queries as queries
from .catalogue_pages import place_label
from .models import Module, Offer

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


@router.get(
    "/learning/offers/{offer_id}",
    response=responses(OfferOut, 404),
    auth=None,
    url_name="learning_offer",
)
def offer_detail(request: HttpRequest, offer_id: int) -> dict[str, Any]:
    """One public offer."""
    return _offer(queries.access_public_offer(offer_id))
