"""Which regions a viewer may analyse: the one rule for pages, exports, the PDF and the API.

A regional centre's staff see their centre's Länder; the supra-regional centre's staff and the
programme administration see the whole country and every centre's region. Anything else is
not theirs: the views answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from zukunftszentrum.organisations.models import Centre, Land, Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

NATION = "nation"


@dataclass(frozen=True)
class Area:
    """A region of the analysis; `key` is its domain key in the estimates."""

    key: str  # "nation" or "area:<centre slug>"
    slug: str  # "bund" or the centre's slug (the URL parameter)
    name: str
    lands: tuple[Land, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(land.code for land in self.lands)

    @property
    def nationwide(self) -> bool:
        return self.key == NATION

    @property
    def land_names(self) -> str:
        return str(get_text_list([land.name for land in self.lands], _("und")))


def nation() -> Area:
    return Area(NATION, "bund", _("Bundesweit"), tuple(Land.objects.order_by("ags")))


def centre_area(centre: Centre) -> Area:
    lands = tuple(sorted(centre.lands.all(), key=lambda land: land.ags))  # uses a prefetch
    return Area(f"area:{centre.slug}", centre.slug, centre.name, lands)


def areas_for(member: Membership | None) -> list[Area]:
    """The areas the active role may open, the default first; empty: none."""
    if member is None or not has_capability(member.role, Capability.VIEW_NEEDS_ANALYSIS):
        return []
    centre = member.centre
    network = has_capability(member.role, Capability.MANAGE_NETWORK) or (
        centre is not None and centre.kind == Centre.Kind.SUPRA_REGIONAL
    )
    if network:
        centres = Centre.objects.filter(lands__isnull=False).distinct().order_by("name")
        return [nation(), *(centre_area(c) for c in centres.prefetch_related("lands"))]
    if centre is not None:
        return [centre_area(centre)]
    return []


def pick_area(areas: list[Area], slug: str | None) -> Area | None:
    """The area named by the URL parameter (the default when none is given); None: not allowed."""
    if not areas:
        return None
    if not slug:
        return areas[0]
    return next((a for a in areas if a.slug == slug), None)
