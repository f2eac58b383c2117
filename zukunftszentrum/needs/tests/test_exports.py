"""CSV and XLSX of the needs estimates: the stored figures, suppression, access, audit log."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent, PreparedDownload
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.needs.dashboard import area_keys, within
from zukunftszentrum.needs.models import DomainResult, EstimateRun
from zukunftszentrum.needs.outcomes import outcomes
from zukunftszentrum.needs.publication import published, published_figure
from zukunftszentrum.needs.scope import Area
from zukunftszentrum.organisations.models import Land
from zukunftszentrum.organisations.reference import WZ_SECTIONS
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .network import YEAR, area_key, stored

ESTIMATE, LOW, HIGH, N, N_EFF, DEFF, THIN, NOTE = (
    "Schätzung (Punkte 0–100 oder Prozent, siehe Einheit)",
    "95-%-Intervall unten",
    "95-%-Intervall oben",
    "n (Unternehmen mit Antwort)",
    "effektive Fallzahl",
    "Designeffekt",
    "dünn besetzt",
    "Hinweis",
)
FIGURES = (ESTIMATE, LOW, HIGH, N_EFF, DEFF, THIN)
KINDS = {o.key: o.kind for o in outcomes()}


def _csv(client, **params: str) -> list[dict[str, str]]:
    response = client.get(reverse("needs:export", args=["csv"]), params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # BOM for German Excel
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _expected(result: DomainResult, field: str, outcome: str) -> tuple[int, int, int, int]:
    """The published figure (`needs.publication`) as exported: whole points or whole percent,
    and the published n. Never the computed estimate."""
    stored_value = published(result.published, field)["figures"][outcome]
    figure = published_figure(stored_value, KINDS[outcome] == "proportion")
    assert figure is not None
    scale = 100 if figure.proportion else 1
    return (*(round(v * scale) for v in (figure.value, figure.low, figure.high)), figure.n)  # type: ignore[return-value]


def _check_rows_match(rows: list[dict[str, str]], run: EstimateRun, field: str) -> int:
    """Every row with a figure equals the published one; returns how many were checked."""
    results = {r.key: r for r in DomainResult.objects.filter(run=run)}
    checked = 0
    for row in rows:
        if not row[ESTIMATE]:
            continue
        result = results[row["Domäne (Schlüssel)"]]
        got = tuple(int(row[c]) for c in (ESTIMATE, LOW, HIGH, N))
        assert got == _expected(result, field, row["Merkmal (Schlüssel)"]), row
        if field == "weighted":
            assert _number(row[N_EFF]) == round(result.n_eff or 0, 1)
        checked += 1
    return checked


def test_csv_holds_every_domain_of_the_region_with_the_stored_figures(network, login) -> None:
    nord, run = network["nord"], network["run"]
    rows = _csv(login(make_member(Role.ADVISOR, centre=nord)))
    keys = {row["Domäne (Schlüssel)"] for row in rows}
    area = Area(area_key(nord), nord.slug, nord.name, tuple(Land.objects.filter(code__in=["SH", "HH", "MV"]).order_by("ags")))  # fmt: skip
    assert keys == set(area_keys(area))
    assert rows[0]["Domäne (Schlüssel)"] == area_key(nord)  # the region first
    assert "land:BY" not in keys and not any("BY" in k for k in keys)
    assert _check_rows_match(rows, run, "weighted") > 100
    first = rows[0]
    assert first["Zeitraum"] == YEAR and first["Region / Land"] == "Zentrum Nord"
    assert first["Darstellung"] == "gewichtet" and first["Mindestgruppengröße"] == "5"
    assert run.population.name in first["Grundgesamtheit"]
    deff = stored(run, area_key(nord)).deff
    assert _number(first[DEFF]) == round(deff, 2)


def test_shares_are_per_cent_and_labelled(network, login) -> None:
    nord, run = network["nord"], network["run"]
    rows = _csv(login(make_member(Role.ADVISOR, centre=nord)))
    row = next(
        r
        for r in rows
        if r["Domäne (Schlüssel)"] == area_key(nord)
        and r["Merkmal (Schlüssel)"] == "obstacles:time"
    )
    value = stored(run, area_key(nord)).published["weighted"]["figures"]["obstacles:time"][0]
    assert row["Einheit"] == "Prozent" and row["Gruppe"] == "Hindernisse"
    assert int(row[ESTIMATE]) == value  # whole percent, as published
    assert row["Merkmal"] == "Keine Zeit"


@pytest.mark.parametrize("key", ["land:HH", "land:SH|wz:G", "land:HH|size:small"])
def test_a_suppressed_domain_is_one_row_without_any_figure(network, login, key) -> None:
    rows = _csv(login(make_member(Role.ADVISOR, centre=network["nord"])))
    mine = [r for r in rows if r["Domäne (Schlüssel)"] == key]
    assert len(mine) == 1
    [row] = mine
    assert row[NOTE] == "zu wenige Antworten"
    assert row[N] == "unter 5"
    assert all(row[c] == "" for c in FIGURES)
    assert row["Merkmal"] == ""


def test_raw_view_exports_the_unweighted_figures(network, login) -> None:
    client = login(make_member(Role.TRAINER, centre=network["nord"]))
    rows = _csv(client, gewichtung="roh")
    assert {r["Darstellung"] for r in rows} == {"ungewichtet"}
    assert _check_rows_match(rows, network["run"], "raw") > 100
    assert all(r[DEFF] == "" for r in rows)


def test_xlsx_has_the_estimates_and_a_method_sheet(network, login) -> None:
    nord, run = network["nord"], network["run"]
    client = login(make_member(Role.CENTRE_ADMIN, centre=nord))
    response = fetch_prepared(client, client.get(reverse("needs:export", args=["xlsx"])))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert f"bedarfsanalyse-{nord.slug}-{YEAR}-gewichtet.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Schätzungen", "Methode"]
    sheet = book["Schätzungen"]
    header = [c.value for c in sheet[1]]
    data = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    row = next(
        r
        for r in data
        if r["Domäne (Schlüssel)"] == "land:SH" and r["Merkmal (Schlüssel)"] == "topic_data"
    )
    expected = _expected(stored(run, "land:SH"), "weighted", "topic_data")
    assert (row[ESTIMATE], row[LOW], row[HIGH], row[N]) == expected
    hamburg = [r for r in data if r["Domäne (Schlüssel)"] == "land:HH"]
    assert len(hamburg) == 1 and hamburg[0][ESTIMATE] is None and hamburg[0][N] == "unter 5"
    method = "\n".join(str(c.value or "") for c in book["Methode"]["A"])
    assert run.population.name in method and run.population.source in method
    assert "Mindestgruppengröße: 5" in method
    assert "Raking" in method and "Wilson" in method


def test_programme_admin_exports_every_domain_of_the_nation(network, login) -> None:
    run = network["run"]
    rows = _csv(login(make_member(Role.PROGRAMME_ADMIN)), gebiet="bund")
    keys = {r["Domäne (Schlüssel)"] for r in rows}
    assert keys == set(DomainResult.objects.filter(run=run).values_list("key", flat=True))
    assert rows[0]["Domäne (Schlüssel)"] == "nation"
    assert _check_rows_match(rows, run, "weighted") > 100


def test_each_download_is_written_to_the_audit_log(network, login) -> None:
    member = make_member(Role.ADVISOR, centre=network["nord"])
    login(member).get(reverse("needs:export", args=["csv"]), {"gewichtung": "roh"})
    event = AuditEvent.objects.get(action=CoreAction.DATA_EXPORTED)
    assert event.actor == member.user and event.centre_id == network["nord"].pk
    assert event.details["format"] == "csv" and event.details["export"] == "needs"
    assert event.details["params"]["gewichtung"] == "roh"
    assert event.details["rows"] > 0


def test_an_unknown_format_is_not_found(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    for fmt in ("pdf", "json", "CSV"):
        assert client.get(reverse("needs:export", args=[fmt])).status_code == 404
    assert not AuditEvent.objects.filter(action=CoreAction.DATA_EXPORTED).exists()


def test_wrong_role_is_forbidden(network, login) -> None:
    for role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.REVIEWER):
        response = login(make_member(role)).get(reverse("needs:export", args=["csv"]))
        assert response.status_code == 403


def test_another_centres_region_or_land_is_not_found(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    url = reverse("needs:export", args=["xlsx"])
    assert client.get(url, {"gebiet": network["sued"].slug}).status_code == 404
    assert not PreparedDownload.objects.exists()
    assert client.get(url, {"land": "BY"}).status_code == 404
    assert client.get(url, {"gebiet": "bund"}).status_code == 404
    assert not AuditEvent.objects.filter(action=CoreAction.DATA_EXPORTED).exists()


def test_without_a_computation_it_goes_back_to_the_dashboard(db, login) -> None:
    centre = make_centre(name="Zentrum Neu", lands=("SL",))
    client = login(make_member(Role.ADVISOR, centre=centre))
    response = client.get(reverse("needs:export", args=["csv"]), {"zeitraum": YEAR}, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("needs:dashboard"))
    assert "noch keine Berechnung" in response.content.decode()
    assert not AuditEvent.objects.filter(action=CoreAction.DATA_EXPORTED).exists()


def test_area_keys_order_and_nation() -> None:
    lands = (Land(code="SH", ags="01", name="Schleswig-Holstein"), Land(code="HH", ags="02", name="Hamburg"))  # fmt: skip
    keys = area_keys(Area("area:nord", "nord", "Nord", lands))
    assert keys[:3] == ["area:nord", "land:SH", "land:HH"]
    assert keys[3] == "area:nord|wz:A"
    assert keys.index("area:nord|size:micro") < keys.index("area:nord|size:medium")
    assert keys.index("area:nord|size:medium") < keys.index("land:SH|wz:A")
    assert keys.index("land:SH|size:medium") < keys.index("land:HH|wz:A")  # per Land
    assert len(keys) == 3 + 3 * (len(WZ_SECTIONS) + 3)
    nation = area_keys(
        Area("nation", "bund", "Bundesweit", ()), ["wz:C", "land:BY", "land:BY|wz:C"]
    )
    assert nation == ["nation", "land:BY", "wz:C", "land:BY|wz:C"]


# A centre's name is the region of its rows; a centre admin can set it, others download it.
PLANTED = ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1")


def test_a_planted_formula_in_a_centre_name_stays_text(network, login) -> None:
    nord = network["nord"]
    client = login(make_member(Role.ADVISOR, centre=nord))
    for text in PLANTED:
        type(nord).objects.filter(pk=nord.pk).update(name=text)
        rows = _csv(client)
        assert rows[0]["Region / Land"] == "'" + text
        assert _number(rows[0][ESTIMATE]) >= 0  # figures stay numbers
        PreparedDownload.objects.all().delete()  # each name's own file, not the one of a minute ago
        response = fetch_prepared(client, client.get(reverse("needs:export", args=["xlsx"])))
        sheet = load_workbook(io.BytesIO(response.content))["Schätzungen"]
        header = [c.value for c in sheet[1]]
        region, estimate = sheet[2][header.index("Region / Land")], sheet[2][header.index(ESTIMATE)]
        assert (region.value, region.data_type) == (text, "s")
        assert estimate.data_type == "n" and isinstance(estimate.value, int)  # whole, published


@pytest.mark.parametrize(
    ("keys", "land", "section", "expected"),
    [
        (
            ["area:n", "land:SH", "area:n|wz:C", "land:SH|wz:C"],
            None,
            None,
            ["area:n", "land:SH", "area:n|wz:C", "land:SH|wz:C"],
        ),
        (
            ["area:n", "land:SH", "land:HH", "land:SH|wz:C", "land:SH|size:small"],
            "SH",
            None,
            ["land:SH", "land:SH|wz:C", "land:SH|size:small"],
        ),
        (
            ["area:n", "area:n|wz:C", "area:n|wz:F", "land:SH|wz:C", "land:SH"],
            None,
            "C",
            ["area:n|wz:C", "land:SH|wz:C"],
        ),
        (
            ["land:SH", "land:SH|wz:C", "land:HH|wz:C", "land:SH|wz:F"],
            "SH",
            "C",
            ["land:SH|wz:C"],
        ),
        (["nation", "wz:C", "land:BY|wz:C", "land:BY"], None, "C", ["wz:C", "land:BY|wz:C"]),
    ],
)
def test_within_keeps_the_domains_of_the_drill_down(keys, land, section, expected) -> None:
    assert within(keys, land=land, section=section) == expected


def test_the_download_follows_the_land_and_industry_drill_down(network, login) -> None:
    nord, run = network["nord"], network["run"]
    client = login(make_member(Role.ADVISOR, centre=nord))
    rows = _csv(client, land="SH")
    keys = {r["Domäne (Schlüssel)"] for r in rows}
    assert "land:SH" in keys and "land:SH|wz:C" in keys
    assert all(k.startswith("land:SH") for k in keys), keys
    assert _check_rows_match(rows, run, "weighted") > 10
    rows = _csv(client, land="SH", wz="C")
    assert {r["Domäne (Schlüssel)"] for r in rows} == {"land:SH|wz:C"}
    assert _check_rows_match(rows, run, "weighted") > 10
    rows = _csv(client, wz="C")
    keys = {r["Domäne (Schlüssel)"] for r in rows}
    assert area_key(nord) + "|wz:C" in keys and all(k.endswith("wz:C") for k in keys)


def test_the_xlsx_follows_the_drill_down_and_names_it(network, login) -> None:
    nord = network["nord"]
    client = login(make_member(Role.CENTRE_ADMIN, centre=nord))
    asked = client.get(reverse("needs:export", args=["xlsx"]), {"land": "SH", "wz": "C"})
    response = fetch_prepared(client, asked)
    assert response.status_code == 200
    assert (
        f"bedarfsanalyse-{nord.slug}-sh-c-{YEAR}-gewichtet.xlsx" in response["Content-Disposition"]
    )
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Schätzungen"]
    header = [c.value for c in sheet[1]]
    column = header.index("Domäne (Schlüssel)")
    assert {row[column].value for row in sheet.iter_rows(2)} == {"land:SH|wz:C"}
    method = "\n".join(str(c.value or "") for c in book["Methode"]["A"])
    assert "Zentrum Nord · Schleswig-Holstein · C" in method
