"""A visitor who is not signed in: start page, the network, a centre, the login page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from zukunftszentrum.organisations.models import Centre
from zukunftszentrum.organisations.tests.factories import make_centre

from .axe import check_a11y, visit
from .conftest import MOBILE, watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def network() -> dict[str, Centre]:
    """Two regional centres and the supra-regional one; some Länder stay uncovered."""
    return {
        "north": make_centre(
            name="Zukunftszentrum Nord", lands=("SH", "HH", "MV"), summary="KI für den Norden."
        ),
        "south": make_centre(name="Zukunftszentrum Süd", lands=("BY", "BW"), city="Nürnberg"),
        "supra": make_centre(name="KI-Wissenszentrum", lands=(), kind=Centre.Kind.SUPRA_REGIONAL),
    }


def assert_kern_styles_loaded(page: Page) -> None:
    """KERN's stylesheet and fonts arrive from the static files (not the browser's defaults)."""
    heading_font = page.locator("h1").evaluate("el => getComputedStyle(el).fontFamily")
    assert "Fira Sans" in heading_font
    assert page.evaluate(
        "async () => { await document.fonts.ready; "
        "return document.fonts.check('16px \"Fira Sans\"'); }"
    )
    button = page.locator("header .kern-btn--primary").first
    background = button.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background


def test_visitor_finds_a_centre_and_the_login(page: Page, url, network) -> None:
    visit(page, url("core:home"))
    expect(page.locator("h1")).to_have_count(1)
    assert_kern_styles_loaded(page)

    page.get_by_role("link", name="Das Netzwerk ansehen").click()
    expect(page).to_have_url(url("organisations:network"))
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Das Netzwerk der Zukunftszentren")
    # The same facts three ways: a map, a tile grid, a table.
    expect(page.get_by_role("group", name="Karte der 16 Länder", exact=False)).to_be_visible()
    expect(page.get_by_role("group", name="Kachelansicht", exact=False)).to_be_visible()
    table = page.locator("table.zz-coverage-table")
    expect(table.locator("tbody tr")).to_have_count(16)
    bayern = table.locator("tbody tr", has_text="Bayern")
    expect(bayern).to_contain_text("Zukunftszentrum Süd")
    expect(table.locator("tbody tr", has_text="Sachsen-Anhalt")).to_contain_text("kein Zentrum")

    bayern.get_by_role("link", name="Zukunftszentrum Süd").click()
    expect(page).to_have_url(url("organisations:centre_detail", network["south"].slug))
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Zukunftszentrum Süd")
    expect(page.locator("main")).to_contain_text("Baden-Württemberg")

    page.locator("header").get_by_role("link", name="Anmelden").click()
    expect(page).to_have_url(url("account_login"))
    check_a11y(page)
    expect(page.get_by_label("E-Mail")).to_be_visible()


def test_map_region_leads_to_its_centre(page: Page, url, network) -> None:
    visit(page, url("organisations:network"))
    page.locator("svg.zz-map__svg a", has_text="Schleswig-Holstein").click()
    expect(page).to_have_url(url("organisations:centre_detail", network["north"].slug))
    check_a11y(page)


@pytest.mark.parametrize("view", ["core:home", "organisations:network"])
def test_phone_width_has_no_sideways_scrolling(
    browser: Browser, browser_context_args: dict, url, network, view: str
) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": MOBILE})
    page = context.new_page()
    problems = watch(page)
    try:
        visit(page, url(view))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page is {overflow}px wider than a {MOBILE['width']}px phone"
    finally:
        context.close()
    assert not problems, problems
