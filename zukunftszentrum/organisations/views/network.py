"""Public network pages: the map of centres and Länder, and one page per centre."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zukunftszentrum.core.access import public

from ..coverage import UNCOVERED_ANCHOR, centre_page, network_coverage


@public
def overview(request: HttpRequest) -> HttpResponse:
    """All centres, the Länder each covers and the Länder no centre covers yet."""
    coverage = network_coverage()
    return render(
        request,
        "organisations/network.html",
        {"coverage": coverage, "uncovered_anchor": UNCOVERED_ANCHOR},
    )


@public
def centre_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One centre: what it does, where it works and how to reach it."""
    page = centre_page(slug)
    if page is None:
        raise Http404("centre")
    return render(
        request,
        "organisations/centre_detail.html",
        {"page": page, "centre": page.entry.centre, "entry": page.entry},
    )
