"""The main menu as an extension point: each app registers its entries, base.html loops over them.

An entry names its label, the URL it opens, its place in the menu, who sees it (signed-in people,
holders of a capability, or any predicate on the request) and which views mark it as the current
page. Core asks only generic questions of the request (signed in? which capabilities?), so it
knows no app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

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
    current: tuple[str, ...] = ()  # view names that mark it current; default: its own URL

    def visible_to(self, request: HttpRequest | None, *, signed_in: bool) -> bool:
        if self.signed_in and not signed_in:
            return False
        held: frozenset[str] = getattr(request, "capabilities", frozenset())
        if self.capability is not None and self.capability not in held:
            return False
        return self.shows is None or (request is not None and self.shows(request))

    def is_current(self, view_name: str | None) -> bool:
        return view_name in (self.current or (self.url_name,))


@dataclass(frozen=True)
class MenuLink:
    """One rendered menu item."""

    label: Any
    url: str
    current: bool


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
) -> MenuEntry:
    """Add an entry to the main menu (call from AppConfig.ready())."""
    entry = MenuEntry(name, label, url_name, order, signed_in, capability, shows, current)
    return menu.add(entry)


def menu_for(
    request: HttpRequest | None, *, signed_in: bool, entries: Registry[MenuEntry] = menu
) -> list[MenuLink]:
    """The menu the person sees, in order, with the current page marked."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else None
    return [
        MenuLink(entry.label, reverse(entry.url_name), entry.is_current(view_name))
        for entry in entries
        if entry.visible_to(request, signed_in=signed_in)
    ]
