"""Small builders for the catalogue's tests: a module, an offer with sessions."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from django.utils import timezone

from zukunftszentrum.learning.models import Module, Offer, OfferStatus, Session
from zukunftszentrum.organisations.models import Centre

_seq = itertools.count(1)


def make_module(centre: Centre, **extra: Any) -> Module:
    n = next(_seq)
    fields: dict[str, Any] = {
        "key": f"modul-{n}",
        "title": f"Modul {n}",
        "summary": "Grundlagen des Promptings für den Arbeitsalltag.",
        "competences": {"prompting": 2},
        "format": "workshop",
        "duration_hours": 3,
        "published": True,
    }
    fields.update(extra)
    return Module.objects.create(centre=centre, **fields)


def make_offer(
    module: Module, *, capacity: int = 2, days: int = 10, land: str = "BY", **extra: Any
) -> Offer:
    fields: dict[str, Any] = {"status": OfferStatus.OPEN, "land_id": land}
    fields.update(extra)
    offer = Offer.objects.create(module=module, capacity=capacity, **fields)
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    Session.objects.create(offer=offer, starts_at=start, ends_at=start + timedelta(hours=3))
    return offer
