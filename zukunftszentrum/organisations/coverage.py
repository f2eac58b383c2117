"""Which centre covers which Land, drawn as a map: the public network pages' one domain call.

Reads only; the data is public. The map's geometry and palette come from `core.geo`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from zukunftszentrum.core import geo

from .models import Centre, Land
from .queries import network_centres, uncovered_lands

UNCOVERED_ANCHOR = "ohne-zentrum"


@dataclass
class CentreEntry:
    """A centre as the network pages show it, with its colour on the map (None: no Länder)."""

    centre: Centre
    lands: list[Land]
    colour: str | None

    @property
    def nationwide(self) -> bool:
        return self.centre.kind == Centre.Kind.SUPRA_REGIONAL and not self.lands


@dataclass
class MapRegion:
    """One Land on the map and in the tile grid."""

    land: Land
    d: str
    label: tuple[float, float]
    tile: tuple[float, float]  # top-left corner of the tile
    small: bool  # too small on the map for a label of its own
    fill: str | None  # None: hatched (no centre, or not highlighted)
    title: str
    href: str = ""
    centres: list[Centre] = field(default_factory=list)


@dataclass
class NetworkCoverage:
    regional: list[CentreEntry]
    supra_regional: list[CentreEntry]
    regions: list[MapRegion]  # in AGS order, which is also the table's order
    uncovered: list[Land]
    viewbox: str
    tile_viewbox: str

    @property
    def covered_count(self) -> int:
        return len(self.regions) - len(self.uncovered)


TILE_SIZE = 56
TILE_GAP = 6
SMALL_LAND_AREA = 2500  # square viewBox units of the bounding box; HB, HH, BE, SL are below


def network_coverage() -> NetworkCoverage:
    """Centres, the Länder each covers, the Länder nobody covers, and the map to show them."""
    entries = _centre_entries(network_centres())
    covering: dict[str, list[CentreEntry]] = {}
    for entry in entries:
        for land in entry.lands:
            covering.setdefault(land.code, []).append(entry)
    uncovered = list(uncovered_lands())
    regions = [
        _region(land, covering.get(land.code, []), f"#{UNCOVERED_ANCHOR}")
        for land in Land.objects.order_by("ags")
    ]
    return NetworkCoverage(
        regional=[e for e in entries if e.centre.kind == Centre.Kind.REGIONAL],
        supra_regional=[e for e in entries if e.centre.kind == Centre.Kind.SUPRA_REGIONAL],
        regions=regions,
        uncovered=uncovered,
        viewbox=geo.germany_map().viewbox,
        tile_viewbox=_tile_viewbox(),
    )


@dataclass
class CentrePage:
    entry: CentreEntry
    regions: list[MapRegion]
    viewbox: str


def centre_page(slug: str) -> CentrePage | None:
    """One centre with its Länder, its colour and a map highlighting them; None if unknown."""
    entry = next((e for e in _centre_entries(network_centres()) if e.centre.slug == slug), None)
    if entry is None:
        return None
    return CentrePage(entry=entry, regions=centre_regions(entry), viewbox=geo.germany_map().viewbox)


def centre_regions(entry: CentreEntry) -> list[MapRegion]:
    """The map for one centre's page: its Länder in its colour (all of them when nationwide)."""
    codes = {land.code for land in entry.lands}
    colour = entry.colour or geo.PALETTE[0]
    regions = []
    for land in Land.objects.order_by("ags"):
        mine = entry.nationwide or land.code in codes
        region = _region(land, [], "")
        region.fill = colour if mine else None
        region.title = land.name if mine else _("%(land)s: anderes Zentrum") % {"land": land.name}
        regions.append(region)
    return regions


def _centre_entries(centres) -> list[CentreEntry]:
    """Colours go to centres with Länder in the order they are listed, so they are stable."""
    entries = []
    coloured = 0
    for centre in centres:
        lands = sorted(centre.lands.all(), key=lambda land: land.ags)
        colour = None
        if lands:
            colour = geo.PALETTE[coloured % len(geo.PALETTE)]
            coloured += 1
        entries.append(CentreEntry(centre=centre, lands=lands, colour=colour))
    return entries


def _region(land: Land, entries: list[CentreEntry], uncovered_href: str) -> MapRegion:
    shape = geo.germany_map().shape(land.iso_3166_2)
    row, col = geo.tile_positions()[land.code]
    centres = [e.centre for e in entries]
    if centres:
        title = _("%(land)s: %(centres)s") % {
            "land": land.name,
            "centres": ", ".join(c.name for c in centres),
        }
        href = reverse("organisations:centre_detail", args=[centres[0].slug])
    else:
        title = _("%(land)s: noch kein Zentrum zuständig") % {"land": land.name}
        href = uncovered_href
    return MapRegion(
        land=land,
        d=shape.d,
        label=shape.label,
        tile=(col * (TILE_SIZE + TILE_GAP), row * (TILE_SIZE + TILE_GAP)),
        small=shape.area < SMALL_LAND_AREA,
        fill=entries[0].colour if entries else None,
        title=title,
        href=href,
        centres=centres,
    )


def _tile_viewbox() -> str:
    columns = max(len(row) for row in geo.TILE_GRID)
    rows = len(geo.TILE_GRID)
    step = TILE_SIZE + TILE_GAP
    return f"0 0 {columns * step - TILE_GAP} {rows * step - TILE_GAP}"
