"""The main menu as an extension point: each app registers its entries, base.html loops over them.

An entry names its label, the URL it opens, its place in the menu, who sees it (signed-in people,
holders of a capability, or any predicate on the request) and which views mark it as the current
page. Core asks only generic questions of the request (signed in? which capabilities?), so it
knows no app.

Entries may belong to an area ("Lernen", "KI im Betrieb", "Region und Netzwerk"): the main menu
then shows the area once, leading to its first entry the person may see, and the pages of the area
show its entries as a second row (`area_menu_for`). An area with a single visible entry is shown as
that entry, so nobody clicks through a group of one. The areas are the product's map, not the
apps': any app may place entries in them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import Registry

Predicate = Callable[[HttpRequest], bool]


@dataclass(frozen=True)
class MenuEntry:
    name: str  # unique, e.g. "assessments.overview"
    label: Any  # a lazy translation
    url_name: str  # reversed without arguments
    order: int
    signed_in: bool = True  # False: shown to everyone, signed in or not
    capability: str | None = None  # shown only when the active role holds it
    shows: Predicate | None = None  # any further condition on the request
    current: tuple[str, ...] = ()  # views that mark it current ("app:*": all); default: its URL
    area: str | None = None  # one of AREAS, or None for an entry of its own in the main menu

    def visible_to(self, request: HttpRequest | None, *, signed_in: bool) -> bool:
        if self.signed_in and not signed_in:
            return False
        held: frozenset[str] = getattr(request, "capabilities", frozenset())
        if self.capability is not None and self.capability not in held:
            return False
        return self.shows is None or (request is not None and self.shows(request))

    def is_current(self, view_name: str | None) -> bool:
        """`current` names views, or a whole app's views as "app:*"."""
        if view_name is None:
            return False
        for name in self.current or (self.url_name,):
            if name == view_name or (name.endswith(":*") and view_name.startswith(name[:-1])):
                return True
        return False


@dataclass(frozen=True)
class Area:
    key: str
    label: Any
    order: int  # where the area sits in the main menu, among the entries' orders


AREAS: dict[str, Area] = {
    area.key: area
    for area in (
        Area("learning", _("Lernen"), 34),
        Area("region", _("Region und Netzwerk"), 40),
        Area("company_ai", _("KI im Betrieb"), 45),
    )
}


@dataclass(frozen=True)
class MenuLink:
    """One rendered menu item; an area's item carries its entries' links."""

    label: Any
    url: str
    current: bool
    children: tuple[MenuLink, ...] = ()


menu = Registry[MenuEntry]("menu entry")


def register_menu_entry(
    name: str,
    *,
    label: Any,
    url_name: str,
    order: int,
    signed_in: bool = True,
    capability: str | None = None,
    shows: Predicate | None = None,
    current: tuple[str, ...] = (),
    area: str | None = None,
) -> MenuEntry:
    """Add an entry to the main menu (call from AppConfig.ready())."""
    if area is not None and area not in AREAS:
        raise ValueError(f"menu entry {name!r}: unknown area {area!r} (known: {sorted(AREAS)})")
    entry = MenuEntry(name, label, url_name, order, signed_in, capability, shows, current, area)
    return menu.add(entry)


def menu_for(
    request: HttpRequest | None, *, signed_in: bool, entries: Registry[MenuEntry] = menu
) -> list[MenuLink]:
    """The menu the person sees, in order, with the current page marked: entries of their own,
    and one item per area (holding its entries) where the area has more than one."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else None
    items: list[tuple[int, str, MenuLink]] = []
    grouped: dict[str, list[MenuLink]] = {}
    for entry in entries:
        if not entry.visible_to(request, signed_in=signed_in):
            continue
        link = MenuLink(entry.label, reverse(entry.url_name), entry.is_current(view_name))
        if entry.area is None:
            items.append((entry.order, entry.name, link))
        else:
            grouped.setdefault(entry.area, []).append(link)
    for key, links in grouped.items():
        area = AREAS[key]
        if len(links) == 1:
            items.append((area.order, key, links[0]))
        else:
            current = any(link.current for link in links)
            items.append(
                (area.order, key, MenuLink(area.label, links[0].url, current, tuple(links)))
            )
    return [link for _order, _name, link in sorted(items, key=lambda item: (item[0], item[1]))]


def area_menu_for(links: list[MenuLink]) -> MenuLink | None:
    """The current area's item (with its entries) when the page belongs to one, else None."""
    return next((link for link in links if link.children and link.current), None)
