"""The demo's needs survey at regional scale: counts, spread, trend, thin Länder, estimates."""

from __future__ import annotations

import random
from collections import Counter
from io import StringIO
from statistics import mean

import pytest
from django.core.management import CommandError, call_command
from django.db.models import QuerySet
from django.utils import timezone

from zukunftszentrum.assessments.demo import quarter_start
from zukunftszentrum.assessments.demo_answers import needs_answers
from zukunftszentrum.assessments.instruments import get_instrument
from zukunftszentrum.assessments.models import Assessment, Perspective, Response
from zukunftszentrum.core.suppression import Reason
from zukunftszentrum.needs.demo import SUFFIX, THIN_QUARTERS, TOTAL
from zukunftszentrum.needs.estimation.population import load_default_population
from zukunftszentrum.needs.models import DomainResult, EstimateRun
from zukunftszentrum.needs.queries import current_window, quarter_label
from zukunftszentrum.organisations.demo import seed_demo
from zukunftszentrum.organisations.models import Membership, Organisation


@pytest.fixture(scope="module")
def seeded_once(module_db: None) -> str:
    """The demo with its needs survey, seeded once for the module (see `module_db`)."""
    seed_demo()
    call_command("seed_demo", "--force", "--only", "checks", verbosity=0)
    out = StringIO()
    call_command("seed_demo", "--force", "--only", "needs", verbosity=0, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(seeded_once: str, db: None) -> str:
    return seeded_once


def _survey() -> QuerySet[Organisation]:
    return Organisation.objects.filter(legal_name__endswith=SUFFIX)


def _survey_answers() -> QuerySet[Response]:
    return Response.objects.filter(instrument_key="needs", organisation__in=_survey())


def _counts() -> tuple[int, ...]:
    return (
        Organisation.objects.count(),
        Assessment.objects.count(),
        Response.objects.count(),
        EstimateRun.objects.count(),
    )


@pytest.mark.django_db
def test_survey_companies_spread_over_lands_industries_and_sizes(seeded):
    companies = list(_survey())
    assert len(companies) == TOTAL
    assert {o.kind for o in companies} == {Organisation.Kind.COMPANY}
    assert not Membership.objects.filter(organisation__in=companies).exists()
    by_land = Counter(o.land_id for o in companies)
    assert {land: n for land, n in by_land.items() if n < 5} == {
        land: len(quarters) for land, quarters in THIN_QUARTERS.items()
    }
    assert len(by_land) == 16 and min(n for n in by_land.values() if n >= 5) >= 20
    population = load_default_population()
    shares = dict(zip(population.dims.lands, population.establishments.sum(axis=1), strict=True))
    total = sum(shares.values())
    assert by_land["SN"] / TOTAL > 1.2 * shares["SN"] / total  # over-responds
    assert by_land["MV"] / TOTAL < shares["MV"] / total  # under-responds
    assert by_land.most_common(1)[0][0] == "NW"
    assert len({o.wz_section for o in companies}) >= 15
    sizes = Counter(o.size_class for o in companies)
    assert set(sizes) == {"micro", "small", "medium"}  # no large firms
    assert 0.1 < sizes["medium"] / TOTAL < 0.25  # far above the population's 3 %
    assert len({o.legal_name for o in companies}) == TOTAL


@pytest.mark.django_db
def test_one_closed_survey_each_without_account_over_eight_quarters(seeded):
    answers = list(_survey_answers().select_related("assessment"))
    assert len(answers) == TOTAL == len({r.organisation_id for r in answers})
    assert all(r.respondent_id is None and r.resume_token_hash for r in answers)
    assert {r.perspective for r in answers} == {Perspective.COMPANY_LEAD}
    assert {r.assessment.status for r in answers} == {Assessment.Status.CLOSED}
    now = timezone.now()
    submitted = [r.submitted_at for r in answers if r.submitted_at is not None]
    assert len(submitted) == TOTAL
    assert all(quarter_start(now, 7) <= moment <= now for moment in submitted)
    quarters = Counter(quarter_label(moment) for moment in submitted)
    assert len(quarters) == 8
    ordered = [quarters[q] for q in sorted(quarters)]
    assert sum(ordered[4:7]) > 2 * sum(ordered[:3])  # the survey grew


@pytest.mark.django_db
def test_topics_show_a_trend_over_time(seeded):
    answers = list(_survey_answers().order_by("submitted_at"))
    old, new = answers[: len(answers) // 4], answers[-len(answers) // 4 :]

    def average(rows: list[Response], topic: str) -> float:
        return mean(v for r in rows if isinstance(v := r.answers.get(f"topic_{topic}"), int))

    assert average(new, "genai_office") > average(old, "genai_office") + 0.4
    assert average(new, "law") > average(old, "law") + 0.3
    assert average(new, "basics") < average(old, "basics")


@pytest.mark.django_db
def test_estimates_of_this_year_are_ready_and_thin_lands_suppressed(seeded):
    run = EstimateRun.objects.get(window=current_window().key, is_current=True)
    assert run.status == EstimateRun.Status.DONE and not run.stale
    assert run.n_companies > 300
    results = {d.key: d for d in DomainResult.objects.filter(run=run)}
    assert results["nation"].suppressed == "" and results["nation"].weighted
    assert results["land:NW"].suppressed == ""
    assert results["land:SL"].suppressed == Reason.TOO_FEW
    assert results["land:HB"].suppressed == Reason.TOO_FEW
    last_year = str(timezone.localdate().year - 1)
    assert EstimateRun.objects.filter(window=last_year, is_current=True).exists()


@pytest.mark.django_db
def test_second_run_adds_nothing_and_recomputes_nothing(seeded):
    assert seeded == ""  # verbosity 0 prints nothing
    before = _counts()
    out = StringIO()
    call_command("seed_demo", "--force", "--only", "needs", stdout=out)
    assert _counts() == before
    assert "0 Unternehmen und 0 Antworten neu" in out.getvalue()
    assert "Schätzungen" not in out.getvalue()


@pytest.mark.django_db
def test_the_command_needs_debug_or_force(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", "--only", "needs", verbosity=0)
    assert not _survey().exists()


def test_drift_shifts_topics_and_changes_no_draw():
    inst = get_instrument("needs")
    org = Organisation(land_id="BY", wz_section="C", headcount=40, has_works_council=False)
    plain = needs_answers(inst, random.Random(7), org)
    assert needs_answers(inst, random.Random(7), org, drift=None) == plain
    drifted = needs_answers(inst, random.Random(7), org, drift={"law": 2.0, "basics": -2.0})
    assert (drifted["topic_law"], drifted["topic_basics"]) == (5, 1)
    same = [k for k in plain if k not in ("topic_law", "topic_basics", "topics_wanted")]
    assert {k: drifted[k] for k in same} == {k: plain[k] for k in same}
