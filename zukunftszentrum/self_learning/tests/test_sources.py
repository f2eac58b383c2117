"""Every shipped unit names checkable sources: at least one official link, laws cited with their
provision and version, links that point at the law their title names, and a unit that makes
legal statements names the article and the law version it was written against."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from zukunftszentrum.learning.competence.framework import load_framework
from zukunftszentrum.self_learning.units import Unit
from zukunftszentrum.self_learning.units.loader import PROVISION_RE, load_units

CONTENT = Path(__file__).resolve().parents[3] / "content"
COMPETENCES = [
    c.id for c in load_framework(CONTENT / "frameworks" / "ai-competence.yaml").competences
]
UNITS = load_units(CONTENT / "units", COMPETENCES)

# Official publishers only: the EU's law portal and Commission pages, the federal law portal.
OFFICIAL_HOSTS = {
    "eur-lex.europa.eu",
    "digital-strategy.ec.europa.eu",
    "www.gesetze-im-internet.de",
}
LAW_HOSTS = {"eur-lex.europa.eu", "www.gesetze-im-internet.de"}
# The law portal's folder for each statute, and how the titles abbreviate it.
STATUTES = {
    "betrvg": "BetrVG",
    "stgb": "StGB",
    "urhg": "UrhG",
    "kunsturhg": "KUG",
    "geschgehg": "GeschGehG",
    "agg": "AGG",
    "uwg_2004": "UWG",
}
# Units whose competence is a legal one teach the law itself.
LEGAL_COMPETENCES = {
    "ai_act_obligations",
    "codetermination",
    "copyright_ip",
    "personal_data",
    "confidential_data",
    "human_oversight",
}
PROVISION = re.compile(r"(Art\. \d|§ \d|Anhang [IVX]|Kapitel [IVX])")
VERSION = re.compile(r"(Fassung|vom \d{1,2}\. \w+ \d{4}|Vorschlag der Kommission)")
DECISION = re.compile(r"(Urteil|Beschluss) vom \d{1,2}\. \w+ \d{4}, \d+ [A-Za-z]+ \d+/\d{2}")

IDS = sorted(UNITS)


def _unit(unit_id: str) -> Unit:
    return UNITS[unit_id]


def test_the_shipped_units_are_all_checked() -> None:
    assert len(IDS) >= 16


@pytest.mark.parametrize("unit_id", IDS)
def test_every_unit_links_an_official_source(unit_id: str) -> None:
    sources = _unit(unit_id).sources
    assert any(s.url.startswith("https://") for s in sources), unit_id
    for source in sources:
        if source.url:
            assert urlparse(source.url).hostname in OFFICIAL_HOSTS, source
        else:  # a citation without a link is a court decision: court, date and file number
            assert DECISION.search(source.title), source


@pytest.mark.parametrize("unit_id", IDS)
def test_a_cited_law_names_its_provision_and_version(unit_id: str) -> None:
    for source in _unit(unit_id).sources:
        if urlparse(source.url).hostname in LAW_HOSTS:
            assert PROVISION.search(source.title), f"{unit_id}: no article in {source.title}"
            assert VERSION.search(source.title), f"{unit_id}: no version in {source.title}"


@pytest.mark.parametrize("unit_id", IDS)
def test_each_link_points_at_the_law_its_title_names(unit_id: str) -> None:
    for source in _unit(unit_id).sources:
        url, title = source.url, source.title
        eli = re.search(r"/eli/(reg|dir)/(\d{4})/(\d+)/oj$", url)
        if eli:
            kind = "Verordnung" if eli.group(1) == "reg" else "Richtlinie"
            assert f"{kind} (EU) {eli.group(2)}/{eli.group(3)}" in title, source
            assert "Omnibus" not in title, source  # the Omnibus is not the original's text
        celex = re.search(r"CELEX:5(\d{4})PC0*(\d+)$", url)
        if celex:
            assert f"COM({celex.group(1)}) {celex.group(2)}" in title, source
        statute = re.search(r"gesetze-im-internet\.de/([a-z_0-9]+)/(?:__(\d+[a-z]?)\.html)?$", url)
        if "gesetze-im-internet" in url:
            assert statute, source
            assert f"({STATUTES[statute.group(1)]})" in title, source
            if statute.group(2):
                assert re.search(rf"§§? ([\d, ]+und )?{statute.group(2)}\b", title), source


@pytest.mark.parametrize("unit_id", IDS)
def test_a_unit_citing_provisions_names_the_law_versions(unit_id: str) -> None:
    unit = _unit(unit_id)
    cites = any(PROVISION_RE.search(t.body) for s in unit.sections for t in (s.de, s.en))
    if cites:
        assert unit.law_as_of is not None, unit_id
        assert VERSION.search(unit.law_as_of.de), unit_id
        assert re.search(r"( of \d{1,2} \w+ \d{4}|as adopted|as promulgated)", unit.law_as_of.en)


@pytest.mark.parametrize(
    "unit_id", [u for u in IDS if LEGAL_COMPETENCES & set(UNITS[u].competences)]
)
def test_legal_units_name_articles_in_both_languages(unit_id: str) -> None:
    unit = _unit(unit_id)
    for lang in ("de", "en"):
        cited = [s.id for s in unit.sections if PROVISION_RE.search(getattr(s, lang).body)]
        assert cited, f"{unit_id} ({lang}) names no article or section of a law"
