"""GET /api/needs/estimates: the stored figures, suppression, run metadata, access, OpenAPI."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from zukunftszentrum.needs.method import published_companies
from zukunftszentrum.needs.models import DomainResult, EstimateRun
from zukunftszentrum.needs.outcomes import outcomes
from zukunftszentrum.needs.publication import RAW, WEIGHTED, published, published_figure
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .network import YEAR, area_key

URL = reverse("api:needs_estimates")
KINDS = {o.key: o.kind for o in outcomes()}


def _get(client, **params: str) -> dict[str, Any]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def _check_figures(domains: list[dict[str, Any]], run: EstimateRun, field: str) -> int:
    """Every served figure is the published one (`needs.publication`), never the computed one."""
    results = {r.key: r for r in DomainResult.objects.filter(run=run)}
    checked = perturbed = 0
    for domain in domains:
        for e in domain["estimates"]:
            if e["value"] is None:
                assert e["n"] is None and e["ci_low"] is None
                continue
            result = results[domain["key"]]
            stored = published(result.published, field)["figures"][e["outcome"]]
            proportion = KINDS[e["outcome"]] == "proportion"
            figure = published_figure(stored, proportion)
            assert figure is not None
            served = (e["value"], e["ci_low"], e["ci_high"], e["n"])
            assert served == (figure.value, figure.low, figure.high, figure.n)
            assert "se" not in e and "n_eff" not in e
            assert e["unit"] == ("share" if proportion else "points")
            computed = getattr(result, field)[e["outcome"]][0] * (100 if proportion else 1)
            perturbed += round(computed) != round(e["value"] * (100 if proportion else 1))
            checked += 1
    assert perturbed > 0  # the noise is there: not every figure is the computed one, rounded
    return checked


def test_advisor_gets_the_regions_estimates_and_the_run(network, login) -> None:
    nord, run = network["nord"], network["run"]
    data = _get(login(make_member(Role.ADVISOR, centre=nord)))
    assert data["window"] == YEAR and data["weighting"] == "gewichtet"
    assert data["area"] == {"slug": nord.slug, "name": "Zentrum Nord", "lands": ["SH", "HH", "MV"]}
    meta = data["run"]
    assert meta["population"] == {
        "name": run.population.name,
        "source": run.population.source,
        "year": run.population.year,
    }
    assert (
        meta["min_size"] == 5
        and meta["stale"] is False
        and meta["companies"] == published_companies(run)
    )
    assert meta["companies"] in (25, 26, 27, 28, 29, 30)  # 28 companies, perturbed by -2..2
    keys = [d["key"] for d in data["domains"]]
    assert keys[:3] == [area_key(nord), "land:SH", "land:HH"]
    assert not any("BY" in k or ("area:" in k and nord.slug not in k) for k in keys)
    assert _check_figures(data["domains"], run, WEIGHTED) > 100
    area = data["domains"][0]
    stored = DomainResult.objects.get(run=run, key=area_key(nord))
    assert (area["n"], area["population"], area["n_eff"], area["deff"]) == (
        stored.published["weighted"]["n"],
        stored.population,
        stored.n_eff,
        stored.deff,
    )


@pytest.mark.parametrize("key", ["land:HH", "land:SH|wz:G", "area:{slug}|size:micro"])
def test_suppressed_domains_carry_the_reason_and_no_figures(network, login, key) -> None:
    key = key.format(slug=network["nord"].slug)
    data = _get(login(make_member(Role.TRAINER, centre=network["nord"])))
    [domain] = [d for d in data["domains"] if d["key"] == key]
    assert domain["suppressed"] == "too_few_responses"
    assert domain["estimates"] == []
    assert all(domain[f] is None for f in ("n", "population", "n_eff", "deff", "thin"))


def test_raw_weighting_serves_the_unweighted_figures(network, login) -> None:
    data = _get(login(make_member(Role.ADVISOR, centre=network["nord"])), gewichtung="roh")
    assert data["weighting"] == "roh"
    assert _check_figures(data["domains"], network["run"], RAW) > 100
    assert all(d["deff"] is None for d in data["domains"])


def test_programme_admin_gets_every_domain_of_the_nation(network, login) -> None:
    run = network["run"]
    data = _get(login(make_member(Role.PROGRAMME_ADMIN)), gebiet="bund")
    keys = {d["key"] for d in data["domains"]}
    assert keys == set(DomainResult.objects.filter(run=run).values_list("key", flat=True))
    assert data["domains"][0]["key"] == "nation"
    sued = _get(login(make_member(Role.PROGRAMME_ADMIN)), gebiet=network["sued"].slug)
    assert sued["area"]["lands"] == ["BY"]


def test_wrong_role_is_forbidden_and_anonymous_unauthorised(network, login, client) -> None:
    assert client.get(URL).status_code == 401
    for role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.REVIEWER):
        assert login(make_member(role)).get(URL).status_code == 403


def test_another_centres_region_or_land_is_not_found(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    assert client.get(URL, {"gebiet": network["sued"].slug}).status_code == 404
    assert client.get(URL, {"land": "BY"}).status_code == 404
    assert client.get(URL, {"gebiet": "bund"}).status_code == 404


def test_without_a_computation_the_run_is_queued_and_none_served(db, login) -> None:
    centre = make_centre(name="Zentrum Neu", lands=("SL",))
    data = _get(login(make_member(Role.ADVISOR, centre=centre)), zeitraum=YEAR)
    assert data["run"] is None and data["domains"] == [] and data["pending"] is True
    assert EstimateRun.objects.filter(window=YEAR, status=EstimateRun.Status.QUEUED).exists()


def test_the_endpoint_is_documented(db, client) -> None:
    schema = client.get(reverse("api:openapi-json")).json()
    operation = schema["paths"]["/api/needs/estimates"]["get"]
    assert operation["summary"] == "Schätzungen der regionalen Bedarfsanalyse"
    assert "min_size" in operation["description"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {"zeitraum", "gebiet", "land", "wz", "gewichtung"}
