"""Which centre covers which Land, and how the map shows it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.core import geo
from zukunftszentrum.organisations.coverage import centre_page, network_coverage
from zukunftszentrum.organisations.models import Centre

from .factories import make_centre

pytestmark = pytest.mark.django_db


def _regions():
    return {r.land.code: r for r in network_coverage().regions}


def test_colours_follow_the_order_of_centres_with_laender():
    make_centre(name="B-Zentrum", lands=("BY",))
    make_centre(name="A-Zentrum", lands=("NW",))
    make_centre(name="C-Zentrum ohne Land", lands=())
    coverage = network_coverage()
    assert [(e.centre.name, e.colour) for e in coverage.regional] == [
        ("A-Zentrum", geo.PALETTE[0]),
        ("B-Zentrum", geo.PALETTE[1]),
        ("C-Zentrum ohne Land", None),
    ]


def test_palette_repeats_after_eight_centres():
    for i in range(9):
        make_centre(
            name=f"Zentrum {i}", lands=(("SH", "HH", "NI", "HB", "NW", "HE", "RP", "BW", "BY")[i],)
        )
    colours = [e.colour for e in network_coverage().regional]
    assert colours[8] == colours[0] == geo.PALETTE[0]


def test_land_covered_twice_lists_both_and_takes_the_first_colour():
    first = make_centre(name="Erstes Zentrum", lands=("HE",))
    make_centre(name="Zweites Zentrum", lands=("HE", "TH"))
    hessen = _regions()["HE"]
    assert [e.centre.name for e in hessen.entries] == ["Erstes Zentrum", "Zweites Zentrum"]
    assert hessen.fill == geo.PALETTE[0]
    assert hessen.href == reverse("organisations:centre_detail", args=[first.slug])
    assert hessen.title == "Hessen: Erstes Zentrum, Zweites Zentrum"


def test_uncovered_land_links_to_the_warning():
    make_centre(lands=("BY",))
    saarland = _regions()["SL"]
    assert saarland.fill is None and saarland.entries == []
    assert saarland.href == "#ohne-zentrum"


def test_supra_regional_centre_with_laender_covers_them():
    make_centre(name="Überregional", lands=("SL",), kind=Centre.Kind.SUPRA_REGIONAL)
    coverage = network_coverage()
    assert "SL" not in {land.code for land in coverage.uncovered}
    assert coverage.supra_regional[0].nationwide is False
    assert _regions()["SL"].fill == geo.PALETTE[0]


@pytest.mark.parametrize(
    ("code", "small"), [("HB", True), ("HH", True), ("BE", True), ("BY", False)]
)
def test_city_states_get_no_label_on_the_map(code, small):
    assert _regions()[code].small is small


def test_covered_count():
    make_centre(lands=("BY", "BW"))
    make_centre(lands=("BW", "HE"))
    assert network_coverage().covered_count == 3


def test_centre_page_uses_the_same_colour_as_the_overview():
    make_centre(name="A", lands=("NW",))
    second = make_centre(name="B", lands=("BY", "BW"))
    page = centre_page(second.slug)
    assert page is not None
    assert page.entry.colour == geo.PALETTE[1]
    assert page.entry.land_names == "Baden-Württemberg und Bayern"
    highlighted = {r.land.code for r in page.regions if r.fill == geo.PALETTE[1]}
    assert highlighted == {"BY", "BW"}


def test_centre_page_for_unknown_slug_is_none():
    make_centre()
    assert centre_page("unbekannt") is None
