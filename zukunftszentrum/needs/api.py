"""API of the regional needs analysis: the stored estimates of a region, as in the downloads.

The same selection rules as the dashboard (`selection.select`): a role without the needs
analysis gets 403, another centre's region or Land 404. Domains below the minimum group size
come with their reason and no figures at all (`exports.domain_figures`).
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from zukunftszentrum.core.access import request_capabilities
from zukunftszentrum.core.api import django_auth, responses
from zukunftszentrum.organisations.roles import Capability

from . import runs
from .exports import DomainFigures, Estimate, domain_figures
from .method import published_companies
from .models import EstimateRun
from .selection import select

API_PREFIX = "/needs"
router = Router(tags=["Bedarfsanalyse"])

DESCRIPTION = """
Die Schätzungen der regionalen Bedarfsanalyse für einen Zeitraum und ein Gebiet, gelesen aus der
aktuellen Berechnung des Zeitraums. Gerechnet wird nie während der Anfrage: Fehlt eine Berechnung
oder ist sie veraltet, wird eine neue eingereiht (`pending`, `run.stale`), bei einer veralteten
frühestens einige Minuten nach der letzten (Einstellung `ZZ_NEEDS_REFRESH_SECONDS`, Standard 300).

Parameter wie im Dashboard: `zeitraum` („2026“ oder „2026-Q3“; Standard: das laufende Jahr),
`gebiet` (Kurzname eines Zentrums oder „bund“, wo die Rolle das Bundesgebiet sehen darf; Standard:
das eigene Gebiet), `gewichtung` („gewichtet“, Standard, oder „roh“). `land` und `wz` werden wie im
Dashboard geprüft (ein Land außerhalb des Gebiets ergibt 404), schränken die Liste aber nicht ein.

`domains` enthält das Gebiet, jedes seiner Länder und beide je WZ-Abschnitt und je Größenklasse
(bei „bund“: alle Domänen). Punktwerte (`unit` „points“) reichen von 0 bis 100, Anteile (`unit`
„share“) von 0 bis 1, in ganzen Punkten bzw. ganzen Prozent. Zum Schutz einzelner Betriebe sind
alle Zahlen leicht verrauscht (Cell-Key-Verfahren, wie im Zensus 2022): dieselbe Zahl ist auf der
Seite, im PDF, in den Downloads und hier gleich; die 95-%-Intervalle enthalten die Abweichung.
Fallzahlen (`n`) sind ebenfalls leicht verrauscht und unter 20 auf Vielfache von 5 gerundet. Eine Domäne mit
weniger antwortenden Unternehmen als `run.min_size` hat `suppressed` gesetzt
(„too_few_responses“) und keinerlei Zahlen; ebenso eine Domäne, aus der sich zusammen mit den
übrigen eine zu kleine Gruppe errechnen ließe („protected“), und eine ohne Betriebe in der
Grundgesamtheit („no_population“).

Erfordert eine angemeldete Sitzung. Rollen ohne Zugang zur Bedarfsanalyse erhalten 403, das Gebiet
oder Land eines anderen Zentrums 404.
"""


class PopulationOut(Schema):
    name: str
    source: str
    year: int


class RunOut(Schema):
    window: str
    computed_at: datetime.datetime | None
    population: PopulationOut
    min_size: int
    stale: bool
    companies: int | None  # None below the minimum group size
    margins: str | None


class AreaOut(Schema):
    slug: str
    name: str
    lands: list[str]


class EstimateOut(Schema):
    outcome: str
    group: str
    label: str
    unit: Literal["points", "share"]
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n: int | None


class DomainOut(Schema):
    key: str
    label: str
    section: str | None
    size: str | None
    suppressed: str | None
    n: int | None
    population: float | None
    n_eff: float | None
    deff: float | None
    thin: bool | None
    estimates: list[EstimateOut]


class EstimatesOut(Schema):
    window: str
    area: AreaOut
    weighting: str
    pending: bool
    run: RunOut | None
    domains: list[DomainOut]


class EstimatesQuery(Schema):
    zeitraum: str = ""
    gebiet: str = ""
    land: str = ""
    wz: str = ""
    gewichtung: str = ""


@router.get(
    "/estimates",
    response=responses(EstimatesOut, 401, 403, 404),
    auth=django_auth,
    url_name="needs_estimates",
    summary="Schätzungen der regionalen Bedarfsanalyse",
    description=DESCRIPTION,
)
def estimates(request: HttpRequest, params: Query[EstimatesQuery]) -> dict[str, Any]:
    """The stored estimates of a region and time window, with the computation's metadata."""
    if Capability.VIEW_NEEDS_ANALYSIS not in request_capabilities(request):
        raise HttpError(403, "Ihre Rolle hat keinen Zugang zur Bedarfsanalyse.")
    member = getattr(request, "member", None)  # set by the membership middleware
    sel = select(member, {k: v for k, v in params.model_dump().items() if v})
    pending = runs.ensure_fresh(sel.window) is not None
    run = runs.current_run(sel.window)
    names = {a.slug: str(a.name) for a in sel.areas}
    domains = (
        domain_figures(run, sel.area, weighting=sel.weighting, area_names=names) if run else []
    )
    return {
        "window": sel.window.key,
        "area": {"slug": sel.area.slug, "name": str(sel.area.name), "lands": list(sel.area.codes)},
        "weighting": sel.weighting,
        "pending": pending,
        "run": _run(run) if run else None,
        "domains": [_domain(d) for d in domains],
    }


def _run(run: EstimateRun) -> dict[str, Any]:
    table = run.population
    return {
        "window": run.window,
        "computed_at": run.finished_at,
        "population": {"name": table.name, "source": table.source, "year": table.year},
        "min_size": run.min_size,
        "stale": run.stale,
        "companies": published_companies(run),
        "margins": (run.diagnostics or {}).get("margins"),
    }


def _domain(d: DomainFigures) -> dict[str, Any]:
    return {
        "key": d.key,
        "label": d.label,
        "section": d.section,
        "size": d.size,
        "suppressed": d.reason,
        "n": d.n,
        "population": d.population,
        "n_eff": d.n_eff,
        "deff": d.deff,
        "thin": d.thin if d.reason is None else None,
        "estimates": [_estimate(e) for e in d.estimates],
    }


def _estimate(e: Estimate) -> dict[str, Any]:
    return {
        "outcome": e.outcome.key,
        "group": e.outcome.group,
        "label": e.outcome.label(),
        "unit": "share" if e.proportion else "points",
        "value": e.value,
        "ci_low": e.low,
        "ci_high": e.high,
        "n": e.n,
    }
