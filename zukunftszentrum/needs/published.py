"""The published needs figures of one centre's region, for other apps (the concept designer).

The one public read of the needs analysis for planning: the latest finished run (the current
year's, else the newest finished year, else the newest finished quarter), with its date and whether newer answers made
it stale, and for every domain of the region (the region, its Länder, both by industry and by
size class) the estimated number of establishments and the published figures (weighted). Only
what the run published is returned, so a figure is the same here as on the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from zukunftszentrum.organisations.models import Centre

from . import publication
from .dashboard import area_keys
from .models import DomainResult, EstimateRun
from .queries import current_window
from .scope import centre_area


@dataclass(frozen=True)
class PublishedDomain:
    """One domain as published: `figures` maps outcome key -> (value, low, high) in the
    estimate's scale (topic means 0..100, shares 0..1); unpublished outcomes are left out."""

    key: str  # "land:SH", "land:SH|wz:C", "land:SH|size:micro"
    population: float | None
    thin: bool
    figures: dict[str, tuple[float, float, float]]


@dataclass(frozen=True)
class PublishedRegion:
    run_id: int
    window: str
    finished_at: datetime | None
    stale: bool  # newer answers arrived since the run
    current: bool  # the run belongs to the current year
    lands: tuple[str, ...]
    domains: dict[str, PublishedDomain]


def published_region(centre: Centre) -> PublishedRegion | None:
    """The centre's region as last published; None when no run has finished yet."""
    window = current_window().key
    done = EstimateRun.objects.filter(status=EstimateRun.Status.DONE)
    latest = done.filter(is_current=True).order_by("-finished_at", "-pk")
    run = (
        done.filter(window=window, is_current=True).first()
        or latest.exclude(window__contains="-Q").first()  # a whole year holds more answers
        or latest.first()
    )
    if run is None:
        return None
    area = centre_area(centre)
    out: dict[str, PublishedDomain] = {}
    for result in DomainResult.objects.filter(run=run, key__in=area_keys(area)):
        stored = publication.published(result.published, publication.WEIGHTED)
        if not stored:
            continue
        out[result.key] = PublishedDomain(
            result.key, result.population, result.thin, _figures(stored)
        )
    return PublishedRegion(
        run.pk, run.window, run.finished_at, run.stale, run.window == window, area.codes, out
    )


def _figures(stored: Any) -> dict[str, tuple[float, float, float]]:
    out = {}
    for key, value in (stored.get("figures") or {}).items():
        proportion = ":" in key  # choice shares are "group:option"; topics and scores are means
        figure = publication.published_figure(value, proportion)
        if figure is not None:
            out[key] = (figure.value, figure.low, figure.high)
    return out
