"""Cards and links on "Meine Übersicht" as an extension point.

Each app registers the cards it shows there (a template fragment, when it is shown, the data it
needs) and links it adds to a named place on the page (a button row). The page that lays them out
belongs to the app that owns roles and tenants; core only keeps the contributions in order and
asks each one whether it shows for the person's active membership, which it treats as opaque.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from .registry import Registry

Member = Any  # the active membership; core knows no domain model
Shows = Callable[[Member], bool]
Context = Callable[[Member], dict[str, Any]]


@dataclass(frozen=True)
class OverviewCard:
    name: str  # unique, e.g. "assessments.selfchecks"
    template: str  # a template or partial: "assessments/overview_cards.html#selfchecks"
    order: int
    shows: Shows
    # What the card's template reads; cards sharing one function share one call of it.
    context: Context | None = None


@dataclass(frozen=True)
class OverviewLink:
    name: str  # unique, e.g. "needs.dashboard.centre"
    place: str  # the button row it joins, named by the page ("centre", "network", ...)
    label: Any  # a lazy translation
    url_name: str  # reversed without arguments
    order: int
    shows: Shows
    primary: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    @property
    def style(self) -> str:
        return "primary" if self.primary else "secondary"


cards = Registry[OverviewCard]("overview card")
links = Registry[OverviewLink]("overview link")


def register_card(
    name: str, *, template: str, order: int, shows: Shows, context: Context | None = None
) -> OverviewCard:
    """Add a card to "Meine Übersicht" (call from AppConfig.ready())."""
    return cards.add(OverviewCard(name, template, order, shows, context))


def register_link(
    name: str,
    *,
    place: str,
    label: Any,
    url_name: str,
    order: int,
    shows: Shows,
    primary: bool = False,
) -> OverviewLink:
    """Add a button to one of the overview's button rows (call from AppConfig.ready())."""
    return links.add(OverviewLink(name, place, label, url_name, order, shows, primary))


def overview_cards_for(
    member: Member,
    *,
    card_registry: Registry[OverviewCard] = cards,
    link_registry: Registry[OverviewLink] = links,
) -> dict[str, Any]:
    """The cards and links this membership sees, in order, and the data their templates read."""
    shown = [card for card in card_registry if card.shows(member)]
    context: dict[str, Any] = {}
    called: list[Context] = []
    for card in shown:
        if card.context is not None and card.context not in called:
            called.append(card.context)
            context.update(card.context(member))
    places: dict[str, list[OverviewLink]] = {}
    for link in link_registry:
        if link.shows(member):
            places.setdefault(link.place, []).append(link)
    return {**context, "overview_cards": shown, "overview_links": places}
