"""A small computed network for the tests of the downloads, the PDF report and the API.

Zentrum Nord (SH, HH, MV): 14 companies in SH (6 in C, 5 in F, 3 in G), 2 in HH, 6 in MV;
Zentrum Süd (BY): 6. So "land:HH" and "land:SH|wz:G" are below the minimum of 5, and their
smallest neighbours ("land:MV", "land:SH|wz:F") are hidden as well, so that they cannot be
derived (secondary suppression); "area:<nord>", "land:SH" and "land:SH|wz:C" are shown.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from zukunftszentrum.assessments.models import Response
from zukunftszentrum.needs import runs
from zukunftszentrum.needs.models import DomainResult, EstimateRun
from zukunftszentrum.organisations.models import Centre, Organisation
from zukunftszentrum.organisations.tests.factories import make_centre, make_organisation

YEAR = str(timezone.localdate().year)
TOPICS = ("basics", "genai_office", "data", "production", "customer_service", "law",
          "codetermination", "change", "vendors", "funding")  # fmt: skip
FORMATS = ("in_person", "live_online", "self_paced", "inhouse_lab", "coaching")


def respond(org: Organisation, i: int, *, key: str = "needs", overall: float | None = None) -> None:
    """A needs answer that varies with i (so the estimates have spread), or a check result."""
    answers: dict[str, Any] = {}
    if key == "needs":
        answers = {f"topic_{t}": 1 + (i * 3 + j) % 5 for j, t in enumerate(TOPICS)}
        answers |= {
            "formats": [FORMATS[i % 5], FORMATS[(i + 2) % 5]],
            "time_budget": ("lt2", "2to4", "4to8")[i % 3],
            "obstacles": ["time"] if i % 2 else ["money", "knowhow"],
            "willingness": ("yes", "maybe")[i % 2],
        }
    Response.objects.create(
        instrument_key=key,
        version="2026.1",
        organisation=org,
        answers=answers,
        result={"overall": overall},
        submitted_at=timezone.now(),
        resume_token_hash=uuid.uuid4().hex,
    )


def build_network() -> dict[str, Any]:
    nord = make_centre(name="Zentrum Nord", lands=("SH", "HH", "MV"))
    sued = make_centre(name="Zentrum Süd", lands=("BY",))
    for i in range(14):
        wz = "C" if i < 6 else "F" if i < 11 else "G"
        org = make_organisation(land="SH", wz=wz, headcount=10 + 3 * i)
        respond(org, i)
        respond(org, i, key="readiness", overall=20.0 + 4 * i)
    for i in range(2):
        respond(make_organisation(land="HH", wz="C", headcount=20), i)
    for i in range(6):
        respond(make_organisation(land="MV", wz="C", headcount=20), i)
    for i in range(6):
        respond(make_organisation(land="BY", wz="F", headcount=3 + 20 * i), i + 1)
    run = runs.compute(YEAR)
    assert run.status == EstimateRun.Status.DONE, run.error
    return {"nord": nord, "sued": sued, "run": run}


def stored(run: EstimateRun, key: str) -> DomainResult:
    return DomainResult.objects.get(run=run, key=key)


def area_key(centre: Centre) -> str:
    return f"area:{centre.slug}"
