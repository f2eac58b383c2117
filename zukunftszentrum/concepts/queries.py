"""Reads of the concept designer; each takes the viewer first. A scenario of another centre is
simply not in the result, so the views answer 404, the same as for one that does not exist."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from zukunftszentrum.organisations.models import Centre, Membership

from .models import Place, Scenario, ScenarioItem


def centre_of(member: Membership) -> Centre:
    """The viewer's centre; a role without one (the programme administration) has no
    programme to plan here: 404."""
    if member.centre_id is None or member.centre is None:
        raise Http404
    return member.centre


def scenarios_of(member: Membership) -> QuerySet[Scenario]:
    return Scenario.objects.filter(centre=centre_of(member)).select_related("created_by")


def places_of(member: Membership) -> QuerySet[Place]:
    return Place.objects.filter(centre=centre_of(member)).select_related("land")


def access_scenario(member: Membership, pk: int) -> Scenario:
    scenario = scenarios_of(member).select_related("centre").filter(pk=pk).first()
    if scenario is None:
        raise Http404
    return scenario


def access_item(member: Membership, scenario: Scenario, pk: int) -> ScenarioItem:
    item = ScenarioItem.objects.filter(scenario=access_scenario(member, scenario.pk), pk=pk).first()
    if item is None:
        raise Http404
    return item


def access_place(member: Membership, pk: int) -> Place:
    place = places_of(member).filter(pk=pk).first()
    if place is None:
        raise Http404
    return place
