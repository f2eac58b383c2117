"""The needs dashboard as an analyst reads it: the answer first, sections with jump links, each
mark explained beside the table that uses it, downloads that carry the current selection."""

from __future__ import annotations

import re
from html import unescape

from django.urls import reverse

from zukunftszentrum.needs.models import DomainResult
from zukunftszentrum.needs.pages import Row, TrendBlock, marks, overlapping
from zukunftszentrum.needs.publication import Figure
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .network import area_key

URL = reverse("needs:dashboard")
PROTECTED = "verdeckt, damit kleine Gruppen nicht errechnet werden können"


def _page(client, **params: str) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _figure(value: float, low: float, high: float) -> Figure:
    return Figure(value, low, high, 10, False)


def test_the_page_opens_with_the_answer_and_a_list_of_its_sections(network, login) -> None:
    page = _page(login(make_member(Role.ADVISOR, centre=network["nord"])))
    toc = page[
        page.index('aria-labelledby="zz-toc-title"') : page.index(
            "</nav>", page.index("zz-toc-title")
        )
    ]
    assert "Auf dieser Seite" in toc
    anchors = re.findall(r'href="#([\w-]+)"', toc)
    assert anchors[:3] == ["antwort", "themen", "karte"]
    assert {"branchen", "groessen", "formats", "obstacles", "weiter"} <= set(anchors)
    for anchor in anchors:  # every jump link has its heading
        assert re.search(rf'<h2 [^>]*id="{anchor}"', page), anchor
    # the answer comes before the details, and names the leading topic with its interval
    answer = page.index('id="antwort"')
    assert answer < page.index('id="themen"') < page.index('id="karte"')
    lead = re.search(
        r"<li><strong>([^<]+)</strong>: (\d+) von 100 \(95-%-Intervall (\d+)–(\d+)\)", page[answer:]
    )
    assert lead is not None
    figures = DomainResult.objects.get(run=network["run"], key=area_key(network["nord"])).published
    published = [f[:3] for f in figures["weighted"]["figures"].values() if f]
    assert [int(x) for x in lead.groups()[1:]] in published  # the published figure, as stored


def test_marks_are_explained_beside_the_table_that_uses_them(network, login) -> None:
    page = unescape(_page(login(make_member(Role.ADVISOR, centre=network["nord"]))))
    lands = page[page.index('id="karte"') : page.index('id="branchen"')]
    assert PROTECTED in lands and "„verdeckt“: Hier gibt es genug Antworten" in lands
    assert "„zu wenige Antworten“: weniger als 5 antwortende Unternehmen" in lands
    topics = page[page.index('id="themen"') : page.index('id="karte"')]
    assert "zz-thin-mark" not in topics  # one domain: said once above, not on every row
    assert "„verdeckt“" not in topics


def test_scrolling_tables_are_focusable_labelled_regions(network, login) -> None:
    page = _page(login(make_member(Role.ADVISOR, centre=network["nord"])))
    wraps = re.findall(r'<div class="zz-table-wrap"([^>]*)>', page)
    assert wraps
    for attrs in wraps:
        assert 'tabindex="0"' in attrs and 'role="region"' in attrs and "aria-label" in attrs


def test_downloads_carry_the_current_selection(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    page = unescape(_page(client, land="SH", gewichtung="roh"))
    for name in (
        reverse("needs:export", args=["xlsx"]),
        reverse("needs:export", args=["csv"]),
        reverse("needs:report"),
    ):
        href = re.search(rf'href="{re.escape(name)}\?([^"]+)"', page)
        assert href is not None, name
        assert "land=SH" in href.group(1) and "gewichtung=roh" in href.group(1)
    assert "Die Downloads enthalten Ihre Auswahl: Schleswig-Holstein" in page


def test_words_follow_the_glossary_and_scales_say_which_way_is_better(network, login) -> None:
    page = unescape(_page(login(make_member(Role.ADVISOR, centre=network["nord"]))))
    assert "Selbst-Check" not in page
    assert "0 = unwichtig, 100 = sehr wichtig" in page


def test_wrong_role_is_forbidden_and_wrong_tenant_not_found(network, login) -> None:
    assert login(make_member(Role.COMPANY_LEAD)).get(URL).status_code == 403
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    assert client.get(URL, {"land": "BY"}).status_code == 404


def test_marks_of_rows() -> None:
    shown, thin = _figure(50, 40, 60), _figure(30, 10, 50)
    cases = [
        ([Row("a", shown)], (False, False, False, False)),
        ([Row("a", thin, thin=True), Row("b", shown)], (True, False, False, False)),
        (
            [Row("a", thin, thin=True), Row("b", None, "zu wenige Antworten")],
            (True, False, True, True),
        ),
        ([Row("a", None, "zu wenige Antworten", thin=True)], (False, False, True, False)),
        ([Row("a", None, PROTECTED), Row("b", shown)], (False, True, False, False)),
    ]
    for rows, expected in cases:
        got = marks(rows)
        assert (got.thin, got.protected, got.too_few, got.all_thin) == expected, rows


def test_overlapping_intervals_of_the_leading_topics() -> None:
    cases = [
        ([(70, 65, 75), (50, 45, 55)], False),
        ([(70, 60, 80), (65, 55, 75)], True),
        ([(70, 68, 72), (60, 58, 62), (59, 50, 61)], True),
        ([(70, 68, 72)], False),
    ]
    for figures, expected in cases:
        assert overlapping([Row("x", _figure(*f)) for f in figures]) is expected, figures


def test_each_chart_comes_in_a_wide_and_a_phone_layout(network, login) -> None:
    page = _page(login(make_member(Role.ADVISOR, centre=network["nord"])))
    wide = page.count('<div class="zz-chart__wide">')
    assert wide >= 5 and page.count('<div class="zz-chart__narrow">') == wide
    assert 'id="zz-topics-narrow-title"' in page and 'id="zz-topics-title"' in page


def test_a_trend_of_quarters_still_computing_waits_without_an_empty_chart() -> None:
    cases = [(2, 2, True), (2, 1, False), (2, 0, False)]
    for periods, computing, waiting in cases:
        block = TrendBlock([f"2026-Q{i + 1}" for i in range(periods)], [], [], computing)
        assert block.waiting is waiting, (periods, computing)
