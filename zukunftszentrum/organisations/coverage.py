"""Which centre covers which Land, drawn as a map: the public network pages' one domain call.

Reads only; the data is public. The map's geometry and palette come from `core.geo`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from zukunftszentrum.core import geo

from .models import Centre, Land
from .queries import network_centres, uncovered_lands

UNCOVERED_ANCHOR = "ohne-zentrum"  # id of the warning that lists Länder without a centre
TILE_SIZE = 56
TILE_GAP = 6
OTHER_FILL = "#dde1e7"  # Länder that are not the centre's own, on its page
SMALL_LAND_AREA = 2500  # square viewBox units of the bounding box; HB, HH, BE, SL are below


@dataclass
class CentreEntry:
    """A centre as the network pages show it, with its colour on the map (None: no Länder)."""

    centre: Centre
    lands: list[Land]
    colour: str | None

    @property
    def land_names(self) -> str:
        """The Länder as a sentence: "Hessen, Saarland und Rheinland-Pfalz"."""
        return str(get_text_list([land.name for land in self.lands], _("und")))

    @property
    def nationwide(self) -> bool:
        return self.centre.kind == Centre.Kind.SUPRA_REGIONAL and not self.lands


@dataclass
class MapRegion:
    """One Land on the map and in the tile grid."""

    land: Land
    d: str
    label: tuple[float, float]
    tile: tuple[int, int]  # top-left corner of the tile
    tile_label: tuple[int, int]  # centre of the tile
    small: bool  # too small on the map for a label of its own
    fill: str | None  # None: hatched, no centre covers it
    title: str
    href: str = ""
    entries: list[CentreEntry] = field(default_factory=list)  # the centres covering it
    muted: bool = False  # drawn plain grey without a label (another centre's Land)


@dataclass
class NetworkCoverage:
    regional: list[CentreEntry]
    supra_regional: list[CentreEntry]
    regions: list[MapRegion]  # in AGS order, which is also the table's order
    uncovered: list[Land]
    viewbox: str
    tile_viewbox: str
    tile_size: int = TILE_SIZE

    @property
    def covered_count(self) -> int:
        return len(self.regions) - len(self.uncovered)


def network_coverage() -> NetworkCoverage:
    """Centres, the Länder each covers, the Länder nobody covers, and the map to show them."""
    entries = _centre_entries()
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
    entry = next((e for e in _centre_entries() if e.centre.slug == slug), None)
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
        region.fill = colour if mine else OTHER_FILL
        region.muted = not mine
        region.title = land.name
        regions.append(region)
    return regions


def plain_region(land: Land) -> MapRegion:
    """A Land's geometry on the map and in the tile grid, for other maps to colour."""
    return _region(land, [], "")


def tile_viewbox() -> str:
    return _tile_viewbox()


def _centre_entries() -> list[CentreEntry]:
    """Every centre, regional first, by name. Colours go to centres with Länder in that order,
    so a centre keeps its colour on every page."""
    # An annotated query ignores Meta.ordering, so the order is spelled out here.
    entries = []
    coloured = 0
    for centre in network_centres().order_by("kind", "name"):
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
    x, y = col * (TILE_SIZE + TILE_GAP), row * (TILE_SIZE + TILE_GAP)
    if entries:
        title = _("%(land)s: %(centres)s") % {
            "land": land.name,
            "centres": ", ".join(e.centre.name for e in entries),
        }
        href = reverse("organisations:centre_detail", args=[entries[0].centre.slug])
    else:
        title = _("%(land)s: noch kein Zentrum zuständig") % {"land": land.name}
        href = uncovered_href
    return MapRegion(
        land=land,
        d=shape.d,
        label=shape.label,
        tile=(x, y),
        tile_label=(x + TILE_SIZE // 2, y + TILE_SIZE // 2),
        small=shape.area < SMALL_LAND_AREA,
        fill=entries[0].colour if entries else None,
        title=title,
        href=href,
        entries=entries,
    )


def _tile_viewbox() -> str:
    columns = max(len(row) for row in geo.TILE_GRID)
    rows = len(geo.TILE_GRID)
    step = TILE_SIZE + TILE_GAP
    return f"0 0 {columns * step - TILE_GAP} {rows * step - TILE_GAP}"
