"""Attacks on the needs analysis, replayed as an attacker would: collect the published figures
through the API and the CSV download, then difference them.

Threat model and tolerance: docs/methods/disclosure-control.md ("How the needs analysis uses
it"). The attacker knows the method, every company's number of answers per group (the exact n),
and - the strongest case - every other company's answers; only the record keys are secret. Two
parts:

* `test_tolerance_*`: the publication step alone (`needs.publication.publish_domain`), on 1,500
  random groups per attack (seeded), measured against the documented tolerance;
* the end-to-end tests: a demo-sized network (three centres' worth of Länder, 50 companies), its
  year and quarters computed, the figures fetched by the programme administration and by a
  centre's advisor, and every differencing the hierarchy offers replayed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.assessments.models import Response
from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.needs import runs
from zukunftszentrum.needs.estimation.domains import DomainEstimate, OutcomeEstimate
from zukunftszentrum.needs.models import EstimateRun
from zukunftszentrum.needs.publication import RAW, WEIGHTED, Contributors, publish_domain
from zukunftszentrum.organisations.models import Organisation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

# The documented tolerance (docs/methods/disclosure-control.md): an attacker's derived value of
# one company's 0-100 score is off by at least this much (root mean square) ...
MIN_RMS_ERROR = 60.0
# ... and lands on the right one of the five answer steps at most this often (guessing: 20 %).
MAX_RIGHT_STEP = 0.40
STEPS = (0.0, 25.0, 50.0, 75.0, 100.0)
PARAMS = Parameters()


def _step(value: float) -> float:
    return min(STEPS, key=lambda s: abs(s - value))


def _summary(errors: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """(root mean square error, share of derived values on the right step) of (derived, true)."""
    rms = math.sqrt(sum((d - t) ** 2 for d, t in errors) / len(errors))
    right = sum(_step(d) == t for d, t in errors) / len(errors)
    return rms, right


# --- the publication step alone: many random groups -----------------------------------------
def _published_mean(
    keys: Sequence[int], values: Sequence[float], weights: Sequence[float], weighting: str
) -> tuple[float, float]:
    """(published mean, sum of weights) of one 0-100 item, through `publish_domain`."""
    w = np.asarray(weights, dtype=np.float64)
    y = np.asarray(values, dtype=np.float64)
    mean = float((w * y).sum() / w.sum())
    estimate = DomainEstimate(
        "d", None, len(keys), outcomes={"t": OutcomeEstimate(mean, 1.0, mean, mean, len(keys), 1)}
    )
    who = Contributors(np.asarray(keys, dtype=np.int64), w, y[:, None])
    out = publish_domain(
        estimate, np.ones(len(keys), bool), who, {"t": "mean"}, weighting=weighting, params=PARAMS
    )
    return float(out["figures"]["t"][0]), float(w.sum())


def _group(
    rng: random.Random, n: int, weighted: bool
) -> tuple[list[int], list[float], list[float]]:
    keys = [rng.getrandbits(32) for _ in range(n)]
    values = [rng.choice(STEPS) for _ in range(n)]
    weights = [rng.uniform(1.0, 8.0) if weighted else 1.0 for _ in range(n)]
    return keys, values, weights


@pytest.mark.parametrize("weighting", [RAW, WEIGHTED])
def test_tolerance_one_company_more(weighting: str) -> None:
    """Group with and without one company (a year and the quarter without it; a region and the
    same region before the company joined): derived = W1 x mean1 - W0 x mean0, over its weight."""
    rng = random.Random(20261206)
    errors = []
    for _ in range(1500):
        keys, values, weights = _group(rng, rng.randint(6, 30), weighting == WEIGHTED)
        with_all, total = _published_mean(keys, values, weights, weighting)
        without, rest = _published_mean(keys[1:], values[1:], weights[1:], weighting)
        derived = (with_all * total - without * rest) / weights[0]
        errors.append((derived, values[0]))
    rms, right = _summary(errors)
    assert rms >= MIN_RMS_ERROR and right <= MAX_RIGHT_STEP, (rms, right)


@pytest.mark.parametrize("parts", [2, 3, 5])
def test_tolerance_parent_minus_its_parts(parts: int) -> None:
    """A parent (a region, a Land, the nation) minus all its shown parts but the hidden company's,
    the other companies of the hidden part known to the attacker."""
    rng = random.Random(parts)
    errors = []
    for _ in range(1500):
        groups = [_group(rng, rng.randint(5, 15), False) for _ in range(parts)]
        keys = [k for g in groups for k in g[0]]
        values = [v for g in groups for v in g[1]]
        parent, _w = _published_mean(keys, values, [1.0] * len(keys), RAW)
        derived = parent * len(keys)
        for g in groups[1:]:  # shown parts
            derived -= _published_mean(g[0], g[1], g[2], RAW)[0] * len(g[0])
        derived -= sum(groups[0][1][1:])  # the hidden part's other companies, known
        errors.append((derived, groups[0][1][0]))
    rms, right = _summary(errors)
    assert rms >= MIN_RMS_ERROR and right <= MAX_RIGHT_STEP, (rms, right)


def test_the_same_group_gets_the_same_figure() -> None:
    """Asking again, in another order, gains nothing: the noise is fixed by the group."""
    rng = random.Random(7)
    keys, values, weights = _group(rng, 9, True)
    first = _published_mean(keys, values, weights, WEIGHTED)
    order = list(range(9))
    rng.shuffle(order)
    again = _published_mean(
        [keys[i] for i in order], [values[i] for i in order], [weights[i] for i in order], WEIGHTED
    )
    assert first == again


# --- end to end: a demo-sized network, its figures fetched as an attacker would ---------------
YEAR = timezone.localdate().year - 1
TOPICS = ("basics", "genai_office", "data", "production", "customer_service", "law",
          "codetermination", "change", "vendors", "funding")  # fmt: skip
# (Land, WZ section, headcount) of the companies; the target answers in Q2 only, all others Q1.
COMPANIES = (
    [("SH", "C", 5 + 3 * i) for i in range(8)]
    + [("SH", "F", 8 + 7 * i) for i in range(7)]
    + [("SH", "G", 12 + 9 * i) for i in range(5)]
    + [("HH", "C", 4 + 11 * i) for i in range(7)]
    + [("MV", "C", 6 + 5 * i) for i in range(3)]
    + [("MV", "F", 9 + 6 * i) for i in range(3)]
    + [("BY", "F", 3 + 20 * i) for i in range(8)]
    + [("NW", "G", 7 + 8 * i) for i in range(8)]
)
TARGET = 0  # SH, C, micro: answers in Q2
SKIPPERS, SKIPPED = (1, 2), "topic_law"  # two companies leave one topic unanswered


@dataclass(frozen=True)
class Company:
    pk: int
    land: str
    section: str
    size: str
    scores: dict[str, float]  # topic outcome key -> 0..100
    quarter: int

    def domains(self, area: str) -> set[str]:
        """Every domain key this company is part of (its centre's area included)."""
        base = {"nation", f"land:{self.land}", f"wz:{self.section}", f"size:{self.size}"}
        base |= {f"land:{self.land}|wz:{self.section}", f"land:{self.land}|size:{self.size}"}
        base.add(f"wz:{self.section}|size:{self.size}")
        if self.land in ("SH", "HH", "MV"):
            base |= {area, f"{area}|wz:{self.section}", f"{area}|size:{self.size}"}
        return base


def _submitted(quarter: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(YEAR, 3 * quarter - 1, 15, 12, 0))


@pytest.fixture(scope="module")
def built_world(module_db: None) -> dict[str, Any]:
    """The network and its computed year and quarters, built once per module."""
    rng = random.Random(42)
    nord = make_centre(name="Zentrum Nord", lands=("SH", "HH", "MV"))
    make_centre(name="Zentrum Süd", lands=("BY",))
    make_centre(name="Zentrum West", lands=("NW",))
    companies = []
    for i, (land, section, headcount) in enumerate(COMPANIES):
        org = Organisation.objects.create(
            legal_name=f"Betrieb {i}", land_id=land, wz_section=section, headcount=headcount
        )
        Organisation.objects.filter(pk=org.pk).update(record_key=rng.getrandbits(32))
        answers: dict[str, Any] = {f"topic_{t}": rng.randint(1, 5) for t in TOPICS}
        answers |= {"formats": ["coaching"], "willingness": rng.choice(["yes", "maybe", "no"])}
        if i in SKIPPERS:
            answers[SKIPPED] = "na"
        quarter = 2 if i == TARGET else 1
        Response.objects.create(
            instrument_key="needs",
            version="2026.1",
            organisation=org,
            answers=answers,
            result={},
            submitted_at=_submitted(quarter),
            resume_token_hash=uuid.uuid4().hex,
        )
        org.refresh_from_db()
        scores = {
            key: (answer - 1) * 25.0
            for key, answer in answers.items()
            if key.startswith("topic_") and answer != "na"
        }
        companies.append(Company(org.pk, land, section, org.size_class, scores, quarter))
    for window in (str(YEAR), f"{YEAR}-Q1", f"{YEAR}-Q2"):
        run = runs.compute(window)
        assert run.status == EstimateRun.Status.DONE, run.error
    return {"nord": nord.pk, "area": f"area:{nord.slug}", "companies": companies}


@pytest.fixture
def world(built_world: dict[str, Any], db: None) -> dict[str, Any]:
    return built_world


def _api(client: Any, **params: str) -> dict[str, dict[str, dict[str, Any]]]:
    """domain key -> {"n": published n or None, "values": {outcome: value}} from the API."""
    response = client.get(reverse("api:needs_estimates"), params)
    assert response.status_code == 200
    out = {}
    for d in response.json()["domains"]:
        values = {e["outcome"]: e["value"] for e in d["estimates"] if e["value"] is not None}
        units = {e["outcome"]: e["unit"] for e in d["estimates"]}
        item_n = {e["outcome"]: e["n"] for e in d["estimates"]}
        out[d["key"]] = {"n": d["n"], "values": values, "units": units, "item_n": item_n}
    return out


def _csv(client: Any, **params: str) -> dict[tuple[str, str], float]:
    """(domain key, outcome key) -> published value (points, or percent) from the CSV."""
    response = client.get(reverse("needs:export", args=["csv"]), params)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    key, item = header.index("Domäne (Schlüssel)"), header.index("Merkmal (Schlüssel)")
    value = next(i for i, h in enumerate(header) if h.startswith("Schätzung"))
    return {
        (r[key], r[item]): float(r[value].replace(",", ".")) for r in rows[1:] if r[value] != ""
    }


def _attackers(
    world: dict[str, Any], login: Any, client_factory: Any
) -> Iterator[tuple[Any, dict[str, str]]]:
    from zukunftszentrum.organisations.models import Centre

    admin = login(make_member(Role.PROGRAMME_ADMIN), client_factory())
    yield admin, {"gebiet": "bund"}
    advisor = login(
        make_member(Role.ADVISOR, centre=Centre.objects.get(pk=world["nord"])), client_factory()
    )
    yield advisor, {}


def _true_counts(companies: Sequence[Company], area: str, quarters: set[int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in companies:
        if c.quarter in quarters:
            for key in c.domains(area):
                counts[key] = counts.get(key, 0) + 1
    return counts


@pytest.fixture
def client_factory() -> Any:
    from django.test import Client

    return Client


def test_api_and_download_publish_the_same_figures(world, login, client_factory) -> None:
    """One figure, one value on every channel: nothing to average over channels."""
    for client, params in _attackers(world, login, client_factory):
        for weighting in ("gewichtet", "roh"):
            query = {**params, "zeitraum": str(YEAR), "gewichtung": weighting}
            served = _api(client, **query)
            downloaded = _csv(client, **query)
            assert downloaded
            for (key, outcome), value in downloaded.items():
                api_value = served[key]["values"][outcome]
                scale = 100 if served[key]["units"][outcome] == "share" else 1
                assert value == pytest.approx(api_value * scale)


def test_groups_below_five_stay_hidden_on_every_channel(world, login, client_factory) -> None:
    companies = world["companies"]
    for window, quarters in ((str(YEAR), {1, 2}), (f"{YEAR}-Q1", {1}), (f"{YEAR}-Q2", {2})):
        truth = _true_counts(companies, world["area"], quarters)
        for client, params in _attackers(world, login, client_factory):
            for weighting in ("gewichtet", "roh"):
                query = {**params, "zeitraum": window, "gewichtung": weighting}
                served = _api(client, **query)
                downloaded = {k for k, _o in _csv(client, **query)}
                for key, domain in served.items():
                    if 0 < truth.get(key, 0) < PARAMS.minimum:
                        assert domain["values"] == {} and domain["n"] is None, (window, key)
                        assert key not in downloaded
                    if domain["n"] is not None:  # a shown count is never below five
                        assert domain["n"] >= PARAMS.minimum


def test_parent_minus_shown_parts_never_isolates_fewer_than_five(
    world, login, client_factory
) -> None:
    """Secondary suppression: on every hierarchy the hidden remainder is none or at least five."""
    companies = world["companies"]
    area = world["area"]
    truth = _true_counts(companies, area, {1, 2})
    client, params = next(_attackers(world, login, client_factory))
    served = _api(client, **params, zeitraum=str(YEAR), gewichtung="roh")
    parents = {
        "nation": [[f"land:{x}" for x in ("SH", "HH", "MV", "BY", "NW")], ["wz:C", "wz:F", "wz:G"]],
        area: [["land:SH", "land:HH", "land:MV"], [f"{area}|wz:{s}" for s in "CFG"]],
        "land:SH": [[f"land:SH|wz:{s}" for s in "CFG"]],
    }
    sizes = ("micro", "small", "medium")
    parents["nation"].append([f"size:{k}" for k in sizes])
    parents[area].append([f"{area}|size:{k}" for k in sizes])
    parents["land:SH"].append([f"land:SH|size:{k}" for k in sizes])
    checked = 0
    for parent, splits in parents.items():
        if not served.get(parent, {}).get("values"):
            continue
        for children in splits:
            hidden = sum(truth.get(c, 0) for c in children if not served.get(c, {}).get("values"))
            assert hidden == 0 or hidden >= PARAMS.minimum, (parent, children, hidden)
            checked += 1
    assert checked >= 6


def test_differencing_the_published_figures_does_not_reveal_one_company(
    world, login, client_factory
) -> None:
    """Year minus its quarter, and every parent minus its shown parts (the hidden part's other
    companies known): the derived value of one company misses it by the documented tolerance."""
    companies, area = world["companies"], world["area"]
    truth = _true_counts(companies, area, {1, 2})
    q1_truth = _true_counts(companies, area, {1})
    errors: list[tuple[float, float]] = []
    target = companies[TARGET]
    for client, params in _attackers(world, login, client_factory):
        year = _api(client, **params, zeitraum=str(YEAR), gewichtung="roh")
        q1 = _api(client, **params, zeitraum=f"{YEAR}-Q1", gewichtung="roh")
        # year minus its first quarter: only the target differs
        for key in target.domains(area):
            if not year.get(key, {}).get("values") or not q1.get(key, {}).get("values"):
                continue
            for outcome, true in target.scores.items():
                derived = (
                    truth[key] * year[key]["values"][outcome]
                    - q1_truth[key] * q1[key]["values"][outcome]
                )
                errors.append((derived, true))
        # every parent minus its shown parts, each company in turn the hidden one
        for parent, children in _splits(area):
            if not year.get(parent, {}).get("values"):
                continue
            shown = [c for c in children if year.get(c, {}).get("values")]
            rest = [c for c in companies if not any(k in c.domains(area) for k in shown)]
            rest = [c for c in rest if parent in c.domains(area)]
            if not rest:
                continue
            victim = rest[0]
            for outcome, true in victim.scores.items():
                if outcome == SKIPPED:
                    continue
                derived = truth[parent] * year[parent]["values"][outcome]
                derived -= sum(truth[c] * year[c]["values"][outcome] for c in shown)
                derived -= sum(c.scores[outcome] for c in rest[1:])
                errors.append((derived, true))
    assert len(errors) >= 100
    rms, right = _summary(errors)
    assert rms >= MIN_RMS_ERROR and right <= MAX_RIGHT_STEP, (rms, right, len(errors))


def test_an_item_answered_by_fewer_companies_leaves_no_exact_residual(
    world, login, client_factory
) -> None:
    """Two companies left a topic unanswered: the domain's n minus the item's n would be that
    group of two. Both counts are perturbed and rounded, so the residual is rarely exact."""
    companies, area = world["companies"], world["area"]
    both = set.intersection(*(companies[i].domains(area) for i in SKIPPERS))
    residuals = []
    for client, params in _attackers(world, login, client_factory):
        for weighting in ("gewichtet", "roh"):
            served = _api(client, **params, zeitraum=str(YEAR), gewichtung=weighting)
            for key in both & set(served):
                domain = served[key]
                if domain["values"] and domain["item_n"].get(SKIPPED) is not None:
                    residuals.append(domain["n"] - domain["item_n"][SKIPPED])
    assert len(residuals) >= 8
    assert sum(r == len(SKIPPERS) for r in residuals) / len(residuals) <= 0.5, residuals


def _splits(area: str) -> list[tuple[str, list[str]]]:
    sizes = ("micro", "small", "medium")
    return [
        ("nation", [f"land:{x}" for x in ("SH", "HH", "MV", "BY", "NW")]),
        ("nation", [f"wz:{s}" for s in "CFG"]),
        ("nation", [f"size:{k}" for k in sizes]),
        (area, ["land:SH", "land:HH", "land:MV"]),
        (area, [f"{area}|wz:{s}" for s in "CFG"]),
        (area, [f"{area}|size:{k}" for k in sizes]),
        ("land:SH", [f"land:SH|wz:{s}" for s in "CFG"]),
        ("land:SH", [f"land:SH|size:{k}" for k in sizes]),
        ("wz:C", [f"land:{x}|wz:C" for x in ("SH", "HH", "MV")]),
    ]
