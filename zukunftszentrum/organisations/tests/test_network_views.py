"""The public network overview and the public centre page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zukunftszentrum.core.access import AccessKind, access_rule
from zukunftszentrum.organisations.models import Accompaniment, Centre, Land
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.views import network

from .factories import make_centre, make_member, make_organisation

pytestmark = pytest.mark.django_db

NETWORK_URL = reverse("organisations:network")


def _all_codes() -> list[str]:
    return list(Land.objects.order_by("ags").values_list("code", flat=True))


def _map_svg(html: str) -> str:
    match = re.search(r'<svg class="zz-map__svg".*?</svg>', html, re.S)
    assert match, "no map on the page"
    return match.group(0)


@pytest.fixture
def network_without_saarland():
    """Two regional centres that cover every Land but the Saarland, and a nationwide centre."""
    codes = [c for c in _all_codes() if c != "SL"]
    south = make_centre(name="Zentrum Süd", lands=("BY", "BW"))
    rest = make_centre(name="Zentrum Rest", lands=tuple(c for c in codes if c not in ("BY", "BW")))
    supra = make_centre(name="KI Wissenszentrum", lands=(), kind=Centre.Kind.SUPRA_REGIONAL)
    return south, rest, supra


def test_both_pages_declare_public_access():
    assert access_rule(network.overview).kind is AccessKind.PUBLIC
    assert access_rule(network.centre_detail).kind is AccessKind.PUBLIC


def test_overview_lists_all_sixteen_laender_for_anonymous_visitors(
    client, network_without_saarland
):
    response = client.get(NETWORK_URL)
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'<th scope="row">([^<]+?) <span', html)
    assert rows == list(Land.objects.order_by("ags").values_list("name", flat=True))
    assert len(rows) == 16


def test_overview_reports_the_uncovered_land(client, network_without_saarland):
    response = client.get(NETWORK_URL)
    html = response.content.decode()
    alert = re.search(r'id="ohne-zentrum".*?</div>\s*</div>', html, re.S)
    assert alert, "no warning about uncovered Länder"
    assert "kern-alert--warning" in html
    assert "Saarland" in alert.group(0)
    assert [land.code for land in response.context["coverage"].uncovered] == ["SL"]


def test_overview_has_no_warning_when_every_land_is_covered(client):
    make_centre(name="Zentrum Alles", lands=tuple(_all_codes()))
    html = client.get(NETWORK_URL).content.decode()
    assert 'id="ohne-zentrum"' not in html
    assert "kern-alert--warning" not in html


def test_map_has_one_linked_path_per_land(client, network_without_saarland):
    south, _rest, _supra = network_without_saarland
    svg = _map_svg(client.get(NETWORK_URL).content.decode())
    assert svg.count("<path ") == 16
    bavaria = re.search(
        r'<a class="zz-map__land" href="([^"]+)"><title>Bayern: ([^<]+)</title>', svg
    )
    assert bavaria and bavaria.group(1) == reverse("organisations:centre_detail", args=[south.slug])
    assert bavaria.group(2) == "Zentrum Süd"
    assert "<title>Saarland: noch kein Zentrum zuständig</title>" in svg


def test_uncovered_land_is_hatched_and_covered_lands_are_coloured(client, network_without_saarland):
    regions = {r.land.code: r for r in client.get(NETWORK_URL).context["coverage"].regions}
    assert regions["SL"].fill is None
    assert regions["BY"].fill == regions["BW"].fill
    assert regions["BY"].fill != regions["NW"].fill
    svg = _map_svg(client.get(NETWORK_URL).content.decode())
    assert 'fill="url(#zz-map-hatch)"' in svg


def test_tile_grid_shows_every_land_as_a_square(client, network_without_saarland):
    html = client.get(NETWORK_URL).content.decode()
    tiles = re.search(r'<svg class="zz-tiles__svg".*?</svg>', html, re.S).group(0)
    assert tiles.count('<a class="zz-map__land zz-tile"') == tiles.count('<rect x="') == 16
    for code in ("HB", "HH", "BE", "SL"):
        assert f'aria-hidden="true">{code}</text>' in tiles


def test_supra_regional_centre_is_shown_as_nationwide(client, network_without_saarland):
    html = client.get(NETWORK_URL).content.decode()
    section = re.search(r'id="ueberregional".*?</section>', html, re.S).group(0)
    assert "KI Wissenszentrum" in section
    assert "bundesweit" in section


def test_overview_shows_how_many_organisations_a_centre_accompanies(
    client, network_without_saarland
):
    south, _rest, _supra = network_without_saarland
    for _ in range(2):
        Accompaniment.objects.create(
            centre=south, organisation=make_organisation(), status=Accompaniment.Status.ACTIVE
        )
    Accompaniment.objects.create(centre=south, organisation=make_organisation())  # only requested
    html = client.get(NETWORK_URL).content.decode()
    assert "begleitet 2 Organisationen" in html


def test_overview_does_not_reveal_accompanied_organisations(client, network_without_saarland):
    south, _rest, _supra = network_without_saarland
    org = make_organisation(name="Geheimnisvolle Maschinenbau GmbH")
    Accompaniment.objects.create(centre=south, organisation=org, status=Accompaniment.Status.ACTIVE)
    for url in (NETWORK_URL, reverse("organisations:centre_detail", args=[south.slug])):
        assert "Geheimnisvolle" not in client.get(url).content.decode()


def test_overview_without_any_centre_reports_every_land(client):
    response = client.get(NETWORK_URL)
    assert response.status_code == 200
    assert len(response.context["coverage"].uncovered) == 16
    assert "Für 16 Länder ist derzeit kein Zentrum zuständig" in response.content.decode()


def test_centre_page_shows_contact_and_laender(client):
    centre = make_centre(
        name="Zentrum Nord",
        lands=("SH", "HH"),
        summary="Wir begleiten Betriebe im Norden.",
        description="Erster Absatz.\n\nZweiter Absatz.",
        email="kontakt@nord.example.org",
        phone="040 123 45-6",
        website="https://nord.example.org",
        street="Hafenstraße 1",
        postcode="20457",
        city="Hamburg",
    )
    response = client.get(reverse("organisations:centre_detail", args=[centre.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="kern-heading-large">Zentrum Nord</h1>' in html
    assert 'href="mailto:kontakt@nord.example.org"' in html
    assert 'href="tel:040123456"' in html
    assert 'href="https://nord.example.org"' in html
    assert "Hafenstraße 1" in html and "20457 Hamburg" in html
    assert "<p>Zweiter Absatz.</p>" in html
    assert "Schleswig-Holstein und Hamburg" in html
    assert "Regionales Zukunftszentrum" in html


def test_centre_page_map_highlights_only_its_own_laender(client):
    centre = make_centre(lands=("SH", "HH"))
    response = client.get(reverse("organisations:centre_detail", args=[centre.slug]))
    regions = {r.land.code: r for r in response.context["page"].regions}
    assert {code for code, r in regions.items() if not r.muted} == {"SH", "HH"}
    svg = _map_svg(response.content.decode())
    assert svg.count("<path ") == 16
    assert 'role="img"' in svg and "Schleswig-Holstein und Hamburg" in svg


def test_centre_page_without_contact_says_so(client):
    centre = make_centre(lands=("BY",))
    html = client.get(reverse("organisations:centre_detail", args=[centre.slug])).content.decode()
    assert "noch keine Kontaktdaten" in html
    assert "mailto:" not in html


def test_supra_regional_centre_page_is_nationwide(client, network_without_saarland):
    _south, _rest, supra = network_without_saarland
    response = client.get(reverse("organisations:centre_detail", args=[supra.slug]))
    html = response.content.decode()
    assert "bundesweit" in html
    assert all(not r.muted for r in response.context["page"].regions)


def test_unknown_centre_is_404(client, network_without_saarland):
    assert (
        client.get(reverse("organisations:centre_detail", args=["gibt-es-nicht"])).status_code
        == 404
    )


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.CENTRE_ADMIN, Role.PROGRAMME_ADMIN])
def test_signed_in_people_see_the_same_public_pages(login, network_without_saarland, role):
    south, _rest, _supra = network_without_saarland
    client = login(make_member(role))
    assert client.get(NETWORK_URL).status_code == 200
    assert client.get(reverse("organisations:centre_detail", args=[south.slug])).status_code == 200


def test_staff_of_another_centre_may_read_a_centres_public_page(login, network_without_saarland):
    south, rest, _supra = network_without_saarland
    client = login(make_member(Role.CENTRE_ADMIN, centre=rest))
    response = client.get(reverse("organisations:centre_detail", args=[south.slug]))
    assert response.status_code == 200
    assert "Zentrum Süd" in response.content.decode()


def test_overview_queries_do_not_grow_with_the_number_of_centres(
    client, django_assert_max_num_queries
):
    for i in range(8):
        make_centre(name=f"Zentrum {i}", lands=(_all_codes()[i],))
    with django_assert_max_num_queries(4):  # centres, their Länder, uncovered, all Länder
        client.get(NETWORK_URL)
