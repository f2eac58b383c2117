"""For authors (centre and programme administration): how the questions of each unit work,
so weak ones can be improved. Only published figures (core.disclosure) are shown."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from . import content, pages, statistics
from .queries import unit_or_404

AUTHORS = (Capability.MANAGE_CATALOGUE, Capability.MANAGE_NETWORK)


@requires(*AUTHORS)
def statistics_overview(request: MemberRequest) -> HttpResponse:
    units = [
        {
            "id": u.id,
            "title": u.title.get(pages.lang()),
            "version": u.version,
            "questions": len(u.questions),
        }
        for u in content.units().values()
    ]
    return render(
        request,
        "self_learning/statistics.html",
        {"units": units, "minimum": statistics.MINIMUM},
    )


@requires(*AUTHORS)
def unit_statistics(request: MemberRequest, unit: str) -> HttpResponse:
    found = unit_or_404(unit)
    context = {
        "unit": found,
        "title": found.title.get(pages.lang()),
        "lines": statistics.unit_statistics(found, pages.lang()),
        "minimum": statistics.MINIMUM,
    }
    return render(request, "self_learning/unit_statistics.html", context)
